/**
 * Canonical forms of the identifiers blackmailers leave, chosen so that two spellings of the same
 * account, wallet, number or receiver become one string, and two different ones never do.
 *
 * These functions refine the `normalized` values of `@aman/triage` (which already did the parsing,
 * checksums and E.164 formatting); they never parse free text themselves.
 */
import { canonicalCity } from '@aman/triage';
import { queryParam, splitUrl } from './url.ts';

/** Platforms whose accounts link reports. WhatsApp accounts are phone numbers and link as phones. */
export type AccountPlatform =
  'facebook' | 'instagram' | 'snapchat' | 'skype' | 'telegram' | 'tiktok' | 'twitter' | 'discord';

export const ACCOUNT_PLATFORMS: readonly AccountPlatform[] = [
  'facebook',
  'instagram',
  'snapchat',
  'skype',
  'telegram',
  'tiktok',
  'twitter',
  'discord',
];

/**
 * E.164 phone number: "+" then 8 to 15 digits. Accepts the "00" international prefix and any
 * spacing, dots, dashes or brackets. A national number ("06 12 …") has no country and returns null:
 * the triage step resolves it with the context's country before it reaches here.
 *
 * @example
 * canonicalPhone('00212 6-12 34 56 78'); // '+212612345678'
 * canonicalPhone('06 12 34 56 78');      // null
 */
export function canonicalPhone(text: string): string | null {
  const compact = text.replace(/[\s().\-\u00a0\u2010-\u2015]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return /^\+[1-9]\d{7,14}$/.test(international) ? international : null;
}

/**
 * E-mail address, lower-cased. For Gmail, whose servers ignore dots and "+tags" in the local part,
 * `j.o.h.n+x@googlemail.com` and `john@gmail.com` are one inbox; Outlook, Hotmail and Live ignore
 * "+tags" only.
 *
 * @example
 * canonicalEmail('Sara.Love+x@GoogleMail.com'); // 'saralove@gmail.com'
 */
export function canonicalEmail(text: string): string | null {
  const address = text.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1).replace(/\.$/, '');
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\+.*$/, '').replace(/\./g, '');
  else if (/^(outlook|hotmail|live)\.[a-z.]+$/.test(domain)) local = local.replace(/\+.*$/, '');
  if (local === '') return null;
  return `${local}@${domain}`;
}

/**
 * IBAN without spaces or dashes, upper-case (the electronic format of ISO 13616).
 *
 * @example
 * canonicalIban('ma64 0115 1900 0001 2050 0053 4921'); // 'MA640115190000012050005349'… (spaces removed)
 */
export function canonicalIban(text: string): string | null {
  const compact = text.replace(/[\s\-.]/g, '').toUpperCase();
  return /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(compact) ? compact : null;
}

/** Cryptocurrencies whose addresses link reports. */
export type WalletChain = 'bitcoin' | 'litecoin' | 'ethereum' | 'tron' | 'monero';

export const WALLET_CHAINS: readonly WalletChain[] = [
  'bitcoin',
  'litecoin',
  'ethereum',
  'tron',
  'monero',
];

/**
 * A wallet address with the case rule of its encoding: bech32 / bech32m (bc1…, ltc1…) are
 * case-insensitive and written lower-case; base58 (1…, 3…, L…, M…, T…, Monero 4…/8…) is
 * case-sensitive and kept as is; Ethereum hex is lower-cased (EIP-55 mixed case is only a checksum).
 *
 * @example
 * canonicalWallet('bitcoin', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'); // 'bc1qw508…'
 * canonicalWallet('ethereum', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'); // '0x5aaeb605…'
 */
export function canonicalWallet(chain: WalletChain, text: string): string | null {
  const address = text.trim();
  if (address === '' || /\s/.test(address)) return null;
  switch (chain) {
    case 'bitcoin':
    case 'litecoin':
      return /^(bc|tb|bcrt|ltc|tltc)1/i.test(address) ? address.toLowerCase() : address;
    case 'ethereum':
      return /^0x[0-9a-f]{40}$/i.test(address) ? `0x${address.slice(2).toLowerCase()}` : null;
    case 'tron':
    case 'monero':
      return address;
  }
}

/**
 * An account name on a platform, in the form the platform itself treats as the same account:
 * lower-case everywhere; Facebook also ignores dots in usernames ("john.doe" is "johndoe").
 * Numeric Facebook ids (profile.php?id=…) are kept apart as "id:<digits>".
 *
 * @example
 * canonicalAccount('facebook', '@John.Doe.77'); // 'johndoe77'
 * canonicalAccount('skype', 'live:.cid.A1B2'); // 'live:.cid.a1b2'
 */
export function canonicalAccount(platform: AccountPlatform, handle: string): string | null {
  let name = handle.trim().replace(/^@+/, '').toLowerCase();
  if (platform === 'facebook' && !name.startsWith('id:')) name = name.replace(/\./g, '');
  if (platform === 'skype') name = name.replace(/^skype:/, '').replace(/\?.*$/, '');
  if (name === '' || /\s/.test(name)) return null;
  return name;
}

/** What a link turned out to be: a platform account, a WhatsApp number, or a plain URL. */
export type LinkTarget =
  | { readonly kind: 'account'; readonly platform: AccountPlatform; readonly name: string }
  | { readonly kind: 'phone'; readonly number: string }
  | { readonly kind: 'url'; readonly url: string };

const RESERVED_PATHS: Partial<Record<AccountPlatform, ReadonlySet<string>>> = {
  facebook: new Set([
    'groups',
    'pages',
    'events',
    'watch',
    'share',
    'sharer',
    'sharer.php',
    'photo.php',
    'photo',
    'story.php',
    'permalink.php',
    'login',
    'login.php',
    'help',
    'marketplace',
    'reel',
    'hashtag',
    'messages',
    'plugins',
    'dialog',
    'policies',
  ]),
  instagram: new Set(['p', 'reel', 'reels', 'tv', 'explore', 'accounts', 'direct', 'about']),
  telegram: new Set(['joinchat', 's', 'addstickers', 'share', 'proxy', 'iv']),
  twitter: new Set(['i', 'home', 'search', 'intent', 'share', 'hashtag', 'settings']),
};

const PLATFORM_HOSTS: ReadonlyArray<readonly [RegExp, AccountPlatform]> = [
  [
    /^((www|m|mbasic|web|touch|business|fr-fr|ar-ar|en-gb)\.)?facebook\.com$|^fb\.(com|me)$/,
    'facebook',
  ],
  [/^m\.me$|^(www\.)?messenger\.com$/, 'facebook'],
  [/^(www\.)?instagram\.com$|^instagr\.am$/, 'instagram'],
  [/^(www\.)?snapchat\.com$/, 'snapchat'],
  [/^t\.me$|^(www\.)?telegram\.(me|dog)$/, 'telegram'],
  [/^(www\.|m\.)?tiktok\.com$/, 'tiktok'],
  [/^(www\.|mobile\.)?(twitter|x)\.com$/, 'twitter'],
  [/^(www\.)?discord(app)?\.com$/, 'discord'],
];

/**
 * Classifies a link: a profile of a known platform becomes that account (so a handle and its
 * profile URL link), a WhatsApp click-to-chat link becomes its phone number, anything else stays a
 * URL in canonical form (lower-case scheme and host, no "www.", no trailing slash, no fragment).
 *
 * @example
 * linkTarget('https://m.facebook.com/profile.php?id=100089') // account facebook 'id:100089'
 * linkTarget('wa.me/212612345678')                          // phone '+212612345678'
 * linkTarget('hxxps://mega[.]nz/file/AbC#key')              // url 'https://mega.nz/file/AbC'
 */
export function linkTarget(text: string): LinkTarget | null {
  if (/^skype:/i.test(text.trim())) {
    const name = canonicalAccount('skype', text);
    return name === null ? null : { kind: 'account', platform: 'skype', name };
  }
  const parts = splitUrl(text);
  if (parts === null) return null;
  const segments = parts.path.split('/').filter((segment) => segment !== '');
  const whatsapp = whatsappNumber(parts.host, segments, parts.query);
  if (whatsapp !== null) return { kind: 'phone', number: whatsapp };
  for (const [pattern, platform] of PLATFORM_HOSTS) {
    if (!pattern.test(parts.host)) continue;
    const name = profileName(platform, segments, parts.query);
    if (name !== null) return { kind: 'account', platform, name };
    break;
  }
  const host = parts.host.replace(/^www\./, '');
  const scheme = parts.scheme === '' ? 'http' : parts.scheme;
  const port = parts.port === '' ? '' : `:${parts.port}`;
  const query = parts.query === '' ? '' : `?${parts.query}`;
  return { kind: 'url', url: `${scheme}://${host}${port}${parts.path}${query}` };
}

function whatsappNumber(host: string, segments: string[], query: string): string | null {
  if (/^(wa\.me|(api\.)?whatsapp\.com|(www\.)?wa\.link)$/.test(host)) {
    const digits = host === 'wa.me' ? segments[0] : queryParam(query, 'phone');
    if (digits === undefined) return null;
    return canonicalPhone(`+${decodeURIComponentSafe(digits).replace(/^\+/, '')}`);
  }
  return null;
}

function profileName(platform: AccountPlatform, segments: string[], query: string): string | null {
  const first = segments[0];
  if (first === undefined) return null;
  const reserved = RESERVED_PATHS[platform];
  switch (platform) {
    case 'facebook': {
      if (first === 'profile.php') {
        const id = queryParam(query, 'id');
        return id !== undefined && /^\d+$/.test(id) ? `id:${id}` : null;
      }
      if (first === 'people' && segments[2] !== undefined && /^\d+$/.test(segments[2])) {
        return `id:${segments[2]}`;
      }
      if (reserved?.has(first.toLowerCase())) return null;
      return canonicalAccount('facebook', decodeURIComponentSafe(first));
    }
    case 'snapchat':
      if (first === 'add' && segments[1] !== undefined)
        return canonicalAccount(platform, segments[1]);
      return first.startsWith('@') ? canonicalAccount(platform, first) : null;
    case 'tiktok':
      return first.startsWith('@') ? canonicalAccount(platform, first) : null;
    case 'discord':
      return first === 'users' && segments[1] !== undefined ? segments[1] : null;
    case 'instagram':
      if (first === 'stories' && segments[1] !== undefined)
        return canonicalAccount(platform, segments[1]);
      if (reserved?.has(first.toLowerCase())) return null;
      return canonicalAccount(platform, first);
    case 'telegram':
    case 'twitter':
    case 'skype':
      if (first.startsWith('+') || reserved?.has(first.toLowerCase())) return null;
      return canonicalAccount(platform, first);
  }
}

/**
 * A money-transfer receiver: the name as the service's agent writes it, with its city. Accents,
 * case, punctuation and the order of the names do not matter ("EL AMRANI Youssef" is
 * "Youssef El-Amrani"); the city ignores spaces and hyphens and knows a few usual spellings.
 *
 * @example
 * canonicalReceiver('EL AMRANI Youssef', 'Oued-Zem'); // 'amrani el youssef@ouedzem'
 */
export function canonicalReceiver(name: string, city: string): string | null {
  const tokens = foldLatin(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '')
    .sort();
  const place = canonicalCity(city);
  if (tokens.length === 0 || place === '') return null;
  return `${tokens.join(' ')}@${place}`;
}

/**
 * Cities are triage's (`canonicalCity` of @aman/triage): one table of spellings for both, with
 * Arabic letters recomposed after folding so that a hamza spelling still finds its alias.
 */
export { canonicalCity };

/** Lower case without diacritics (Latin) and without Arabic short vowels and tatweel. */
function foldLatin(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u0652\u0640]/g, '')
    .toLowerCase();
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
