/**
 * The safelist Aman starts with. Every entry says where its fact comes from; extend it through
 * `Safelist.add` (the console's admin page) rather than here when the fact is local to one helpline.
 */
import { Safelist, type SafelistEntryInput } from './safelist.ts';

export const DEFAULT_SAFELIST_INPUT: readonly SafelistEntryInput[] = [
  // Reserved for documentation: no one can own an address or a site under these (RFC 2606, RFC 6761).
  ...['example.com', 'example.org', 'example.net', 'example', 'test', 'invalid', 'localhost'].map(
    (domain): SafelistEntryInput => ({
      domain,
      reason: 'reserved-example',
      label: `reserved example domain .${domain}`,
      source: 'https://www.rfc-editor.org/rfc/rfc2606',
    }),
  ),
  {
    phonePrefix: '+447700900',
    reason: 'reserved-example',
    label: 'UK numbers reserved for drama and examples (07700 900000 to 900999)',
    source: 'https://www.ofcom.org.uk/phones-and-broadband/phone-numbers/numbers-for-drama',
  },

  // Service numbers: helplines and companies use them; a blackmailer's WhatsApp never is one. A
  // helpline number read in the wrong country ("0800 …" in a Moroccan message) still lands here.
  ...(['TOLL_FREE', 'SHARED_COST', 'UAN'] as const).map((phoneType): SafelistEntryInput => ({
    phoneType,
    reason: 'official-service',
    label: `${phoneType.toLowerCase().replace('_', '-')} numbers (services and helplines)`,
    source: 'https://www.itu.int/rec/T-REC-E.164',
  })),

  // Helplines and official services that victims and awareness pages quote.
  {
    kind: 'phone',
    value: '+18008435678',
    reason: 'helpline',
    label: 'NCMEC CyberTipline (1-800-843-5678)',
    source: 'https://www.missingkids.org/gethelpnow/cybertipline',
  },
  {
    kind: 'phone',
    value: '+443456000459',
    reason: 'helpline',
    label: 'Revenge Porn Helpline, UK (0345 6000 459)',
    source: 'https://revengepornhelpline.org.uk',
  },
  {
    kind: 'phone',
    value: '+448001111',
    reason: 'helpline',
    label: 'Childline, UK (0800 1111)',
    source: 'https://www.childline.org.uk',
  },
  {
    kind: 'phone',
    value: '+33800200000',
    reason: 'helpline',
    label: 'Net Écoute, France (0800 200 000, replaced by 3018 and still quoted)',
    source: 'https://e-enfance.org',
  },
  ...[
    ['stopncii.org', 'StopNCII.org', 'https://stopncii.org'],
    ['ncmec.org', 'NCMEC (Take It Down)', 'https://takeitdown.ncmec.org'],
    ['missingkids.org', 'NCMEC', 'https://www.missingkids.org'],
    ['e-enfance.org', 'e-Enfance / 3018', 'https://e-enfance.org'],
    [
      'gouv.fr',
      'French government services (PHAROS, 17Cyber, Cybermalveillance)',
      'https://www.internet-signalement.gouv.fr',
    ],
    ['e-blagh.ma', 'E-Blagh, DGSN Morocco', 'https://www.e-blagh.ma'],
    ['dgsn.gov.ma', 'DGSN Morocco', 'https://www.dgsn.gov.ma'],
    ['ic3.gov', 'FBI Internet Crime Complaint Center', 'https://www.ic3.gov'],
    [
      'revengepornhelpline.org.uk',
      'Revenge Porn Helpline, UK',
      'https://revengepornhelpline.org.uk',
    ],
    ['getsafeonline.org', 'Get Safe Online', 'https://www.getsafeonline.org'],
  ].map(([domain, label, source]): SafelistEntryInput => ({
    domain: domain!,
    reason: 'official-service',
    label: label!,
    source: source!,
  })),

  // Addresses printed as examples in specifications, wikis and awareness pages.
  {
    kind: 'bitcoin',
    value: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    reason: 'awareness-example',
    label: 'Bitcoin genesis block address, quoted as an example everywhere',
    source: 'https://en.bitcoin.it/wiki/Genesis_block',
  },
  {
    kind: 'bitcoin',
    value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
    reason: 'awareness-example',
    label: 'Bitcoin wiki example P2PKH address',
    source: 'https://en.bitcoin.it/wiki/Address',
  },
  {
    kind: 'bitcoin',
    value: '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
    reason: 'awareness-example',
    label: 'Bitcoin wiki example P2SH address',
    source: 'https://en.bitcoin.it/wiki/Address',
  },
  {
    kind: 'bitcoin',
    value: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    reason: 'awareness-example',
    label: 'BIP-173 example segwit address',
    source: 'https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki',
  },
  {
    kind: 'ethereum',
    value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    reason: 'awareness-example',
    label: 'EIP-55 example address',
    source: 'https://eips.ethereum.org/EIPS/eip-55',
  },
  {
    kind: 'ethereum',
    value: '0x0000000000000000000000000000000000000000',
    reason: 'awareness-example',
    label: 'Ethereum zero address',
    source: 'https://etherscan.io/address/0x0000000000000000000000000000000000000000',
  },

  // Exchange wallets: many unrelated people's payments pass through them.
  {
    kind: 'ethereum',
    value: '0x28C6c06298d514Db089934071355E5743bf21d60',
    reason: 'exchange-wallet',
    label: 'Binance hot wallet ("Binance 14")',
    source: 'https://etherscan.io/address/0x28c6c06298d514db089934071355e5743bf21d60',
  },
  {
    kind: 'ethereum',
    value: '0x3f5CE5FBFe3E9af3971dD833D26bA9b5C936f0bE',
    reason: 'exchange-wallet',
    label: 'Binance hot wallet ("Binance 1")',
    source: 'https://etherscan.io/address/0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be',
  },
  {
    kind: 'bitcoin',
    value: '34xp4vRoCGJym3xR7yCVPFHoCNxv4Twseo',
    reason: 'exchange-wallet',
    label: 'Binance cold wallet',
    source: 'https://www.blockchain.com/explorer/addresses/btc/34xp4vRoCGJym3xR7yCVPFHoCNxv4Twseo',
  },
];

/**
 * A new safelist holding the defaults above. Each call returns a fresh copy that can be extended.
 *
 * @example
 * const safelist = defaultSafelist();
 * safelist.add({ domain: 'helpline.example.ma', reason: 'helpline', label: 'Our helpline' });
 */
export function defaultSafelist(): Safelist {
  const safelist = new Safelist();
  for (const input of DEFAULT_SAFELIST_INPUT) {
    const added = safelist.add(input);
    if (!added.ok) throw new Error(`default safelist entry is invalid: ${added.error.message}`);
  }
  return safelist;
}
