import { describe, expect, it } from 'vitest';
import { decodeBase58Check } from './base58.ts';
import { decodeSegwitAddress } from './bech32.ts';
import { isValidEthereumChecksum } from './crypto.ts';
import { decodeMoneroAddress } from './monero.ts';
import { indicatorsOf, spansAreExact } from './test-helpers.ts';

// Published vectors: the genesis block address, BIP-173 and BIP-350 examples, the EIP-55 examples,
// Tether's TRC-20 contract and the Monero general fund address. Other valid addresses below are
// random payloads checksummed by an independent Python implementation (hashlib SHA-256, a
// from-scratch Keccak-256 and BIP-173 polymod), then cross-checked here.
const BTC_GENESIS = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
const BTC_P2SH = '3A2VHQzJvgbtG9uMw6ZuLyCePuvrkFYATH';
const BTC_V0 = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';
const BTC_V0_P2WSH = 'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3';
const BTC_TAPROOT = 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0';
/** BIP-350: a witness version 0 program encoded with the Bech32m constant is invalid. */
const BTC_V0_WITH_BECH32M = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh';
const LTC_LEGACY = 'LfPrCAYwGHABZKCUT6oYG6MRncC2u5HN1C';
const LTC_BECH32 = 'ltc1qds0ver32tl0jjtd5yefhahzkg290necp8dffma';
const TRON_USDT_CONTRACT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const ETH_EIP55 = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];
const XMR_GENERAL_FUND =
  '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A';
const XMR_SUBADDRESS =
  '88jjtSajSj2cENbJgj1kV6SJsjd8SwGJ1bbXv7x2fzGR5TdtRzAkiZTMQSNTYN65au2vYgBerAPxS2YGdpMuCZUK52zScno';

/** One character changed inside the address (kept in the same alphabet). */
function corrupt(address: string, at: number, replacement: string): string {
  return address.slice(0, at) + replacement + address.slice(at + 1);
}

describe('bitcoin', () => {
  it('accepts legacy, P2SH, SegWit v0 and Taproot addresses', () => {
    for (const address of [BTC_GENESIS, BTC_P2SH, BTC_V0, BTC_V0_P2WSH, BTC_TAPROOT]) {
      const [found] = indicatorsOf(`pay to ${address} now`, 'bitcoin');
      expect(found, address).toMatchObject({ value: address, valid: true });
    }
  });

  it('reports a bad Base58Check checksum as invalid, never dropped', () => {
    const bad = corrupt(BTC_GENESIS, 20, BTC_GENESIS[20] === 'X' ? 'Y' : 'X');
    expect(indicatorsOf(`send to ${bad}`, 'bitcoin')).toMatchObject([
      { value: bad, valid: false, invalidReason: 'checksum' },
    ]);
  });

  it('reports bad Bech32 checksums, Bech32m on v0, and mixed case as invalid', () => {
    const badChecksum = corrupt(BTC_V0, 30, BTC_V0[30] === 'q' ? 'p' : 'q');
    const mixedCase = `${BTC_V0.slice(0, 10).toUpperCase()}${BTC_V0.slice(10)}`;
    for (const address of [badChecksum, BTC_V0_WITH_BECH32M, mixedCase]) {
      expect(indicatorsOf(`wallet: ${address}`, 'bitcoin'), address).toMatchObject([
        { valid: false },
      ]);
    }
    expect(decodeSegwitAddress(BTC_V0_WITH_BECH32M)).toBeUndefined();
  });

  it('accepts an all-upper-case Bech32 address and lower-cases it as normalized', () => {
    const [found] = indicatorsOf(`pay ${BTC_V0.toUpperCase()}`, 'bitcoin');
    expect(found).toMatchObject({ valid: true, normalized: BTC_V0 });
  });

  it('sees through zero-width characters, full-width letters and look-alike letters', () => {
    const zeroWidth = `${BTC_GENESIS.slice(0, 10)}\u200b${BTC_GENESIS.slice(10, 20)}\u2060${BTC_GENESIS.slice(20)}`;
    const fullWidth = [...BTC_V0]
      .map((ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0))
      .join('');
    const cyrillic = BTC_GENESIS.replace('P', 'Р'); // Cyrillic capital Er
    for (const text of [zeroWidth, fullWidth, cyrillic]) {
      const found = indicatorsOf(`BTC: ${text} !`, 'bitcoin');
      expect(found, text).toHaveLength(1);
      expect(found[0]!.valid).toBe(true);
      expect(found[0]!.value).toBe(text); // as written, obfuscation included
      expect(spansAreExact(`BTC: ${text} !`, found)).toBe(true);
    }
  });

  it('does not take a long word or a part of a longer token for an address', () => {
    expect(indicatorsOf('1Thisisaverylongwordwithoutanydigitsinit', 'bitcoin')).toEqual([]);
    expect(indicatorsOf(`x${BTC_GENESIS}`, 'bitcoin')).toEqual([]);
  });

  it('decodes Base58Check to the version byte', () => {
    expect(decodeBase58Check(BTC_GENESIS)?.[0]).toBe(0x00);
    expect(decodeBase58Check(BTC_P2SH)?.[0]).toBe(0x05);
    expect(decodeBase58Check('not base58: 0OIl')).toBeUndefined();
  });
});

describe('litecoin', () => {
  it('accepts legacy and Bech32 addresses', () => {
    expect(indicatorsOf(`LTC ${LTC_LEGACY}`, 'litecoin')).toMatchObject([{ valid: true }]);
    expect(indicatorsOf(`LTC ${LTC_BECH32}`, 'litecoin')).toMatchObject([{ valid: true }]);
  });

  it('reports corrupted addresses as invalid', () => {
    const bad = corrupt(LTC_LEGACY, 12, LTC_LEGACY[12] === 'a' ? 'b' : 'a');
    expect(indicatorsOf(`LTC ${bad}`, 'litecoin')).toMatchObject([{ valid: false }]);
    // A Bitcoin program re-labelled "ltc1" keeps Bitcoin's checksum, which fails for "ltc".
    expect(indicatorsOf(`LTC ltc1${BTC_V0.slice(3)}`, 'litecoin')).toMatchObject([
      { valid: false },
    ]);
  });
});

describe('tron', () => {
  it('accepts a TRC-20 address and rejects a corrupted one', () => {
    expect(indicatorsOf(`USDT TRC20: ${TRON_USDT_CONTRACT}`, 'tron')).toMatchObject([
      { valid: true, normalized: TRON_USDT_CONTRACT },
    ]);
    const bad = corrupt(TRON_USDT_CONTRACT, 15, TRON_USDT_CONTRACT[15] === 'z' ? 'y' : 'z');
    expect(indicatorsOf(`USDT TRC20: ${bad}`, 'tron')).toMatchObject([{ valid: false }]);
  });

  it('reads an address split by zero-width joiners', () => {
    const text = `${TRON_USDT_CONTRACT.slice(0, 17)}\u200d${TRON_USDT_CONTRACT.slice(17)}`;
    expect(indicatorsOf(text, 'tron')).toMatchObject([{ valid: true, value: text }]);
  });
});

describe('ethereum', () => {
  it('accepts the EIP-55 examples and checks their case', () => {
    for (const address of ETH_EIP55) {
      expect(isValidEthereumChecksum(address.slice(2)), address).toBe(true);
      expect(indicatorsOf(`ETH ${address}`, 'ethereum')).toMatchObject([
        { valid: true, normalized: address.toLowerCase() },
      ]);
    }
  });

  it('reports a mixed-case address with a wrong letter case as invalid', () => {
    const address = ETH_EIP55[0]!;
    const flipped = `${address.slice(0, -1)}${address.slice(-1) === 'd' ? 'D' : 'd'}`;
    expect(indicatorsOf(`ETH ${flipped}`, 'ethereum')).toMatchObject([
      { valid: false, invalidReason: 'checksum' },
    ]);
  });

  it('accepts all-lower and all-upper addresses, which carry no checksum', () => {
    const lower = ETH_EIP55[1]!.toLowerCase();
    const upper = `0x${ETH_EIP55[1]!.slice(2).toUpperCase()}`;
    expect(indicatorsOf(`${lower} ${upper}`, 'ethereum')).toMatchObject([
      { valid: true },
      { valid: true },
    ]);
  });

  it('reports a wrong length as invalid', () => {
    expect(indicatorsOf(`ETH ${ETH_EIP55[2]!.slice(0, -1)}`, 'ethereum')).toMatchObject([
      { valid: false, invalidReason: 'length' },
    ]);
  });
});

describe('monero', () => {
  it('accepts standard and subaddresses, and checks the Keccak checksum', () => {
    expect(decodeMoneroAddress(XMR_GENERAL_FUND)).toBe(18);
    expect(decodeMoneroAddress(XMR_SUBADDRESS)).toBe(42);
    expect(indicatorsOf(`XMR ${XMR_GENERAL_FUND}`, 'monero')).toMatchObject([{ valid: true }]);
    const bad = corrupt(XMR_GENERAL_FUND, 50, XMR_GENERAL_FUND[50] === 'a' ? 'b' : 'a');
    expect(indicatorsOf(`XMR ${bad}`, 'monero')).toMatchObject([{ valid: false }]);
  });
});
