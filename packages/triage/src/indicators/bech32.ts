/**
 * Bech32 (BIP-173) and Bech32m (BIP-350) decoding with SegWit address rules: witness version 0
 * uses Bech32, versions 1 to 16 use Bech32m; programs are 2 to 40 bytes, 20 or 32 for version 0.
 */

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const VALUE_OF = new Map([...CHARSET].map((ch, i) => [ch, i]));
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let check = 1;
  for (const value of values) {
    const top = check >>> 25;
    check = ((check & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) {
      if ((top >>> i) & 1) check ^= GENERATORS[i] as number;
    }
  }
  return check >>> 0;
}

function expandHrp(hrp: string): number[] {
  const out: number[] = [];
  for (const ch of hrp) out.push(ch.charCodeAt(0) >> 5);
  out.push(0);
  for (const ch of hrp) out.push(ch.charCodeAt(0) & 31);
  return out;
}

/** A decoded SegWit address. */
export interface SegwitAddress {
  readonly hrp: string;
  readonly version: number;
  readonly program: Uint8Array;
}

/**
 * Decodes a SegWit address ("bc1…", "ltc1…") or returns undefined when the checksum, the encoding
 * for its witness version, the character set, the case or the program length is wrong.
 *
 * @example
 * decodeSegwitAddress('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')?.version; // 0
 */
export function decodeSegwitAddress(text: string): SegwitAddress | undefined {
  if (text.length > 90 || (text !== text.toLowerCase() && text !== text.toUpperCase())) {
    return undefined;
  }
  const lower = text.toLowerCase();
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || separator + 7 > lower.length) return undefined;
  const hrp = lower.slice(0, separator);
  const data: number[] = [];
  for (const ch of lower.slice(separator + 1)) {
    const value = VALUE_OF.get(ch);
    if (value === undefined) return undefined;
    data.push(value);
  }
  const constant = polymod([...expandHrp(hrp), ...data]);
  const encoding =
    constant === BECH32_CONST ? 'bech32' : constant === BECH32M_CONST ? 'bech32m' : undefined;
  if (encoding === undefined) return undefined;
  const words = data.slice(0, -6);
  const version = words[0];
  if (version === undefined || version > 16) return undefined;
  if ((version === 0) !== (encoding === 'bech32')) return undefined;
  const program = fromWords(words.slice(1));
  if (program === undefined || program.length < 2 || program.length > 40) return undefined;
  if (version === 0 && program.length !== 20 && program.length !== 32) return undefined;
  return { hrp, version, program };
}

/** 5-bit groups to bytes; undefined when the padding is not zero or too long (BIP-173). */
function fromWords(words: readonly number[]): Uint8Array | undefined {
  let accumulator = 0;
  let bits = 0;
  const out: number[] = [];
  for (const word of words) {
    accumulator = (accumulator << 5) | word;
    bits += 5;
    while (bits >= 8) {
      bits -= 8;
      out.push((accumulator >> bits) & 0xff);
    }
  }
  if (bits >= 5 || ((accumulator << (8 - bits)) & 0xff) !== 0) return undefined;
  return Uint8Array.from(out);
}
