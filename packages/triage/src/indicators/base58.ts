/**
 * Base58 (Bitcoin alphabet) and Base58Check, as used by Bitcoin and Litecoin legacy addresses and
 * Tron addresses: the payload is followed by the first 4 bytes of SHA-256(SHA-256(payload)).
 */
import { sha256 } from './sha256.ts';

/** The Bitcoin Base58 alphabet: no 0, O, I or l, which are easy to confuse. */
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The value of each ASCII character in the alphabet, -1 outside it. */
const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE58_ALPHABET.length; i++) DIGIT_OF[BASE58_ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes Base58 text to bytes, or undefined when a character is outside the alphabet.
 *
 * @example
 * decodeBase58('2g'); // Uint8Array [0x61]
 */
export function decodeBase58(text: string): Uint8Array | undefined {
  let leadingZeros = 0;
  while (text.charCodeAt(leadingZeros) === 49) leadingZeros++; // '1' encodes a zero byte
  // Big-endian base conversion into a buffer of the largest size needed (log 58 / log 256 < 0.733),
  // one base-58 digit at a time: texts here are at most ~110 characters.
  const size = Math.floor(((text.length - leadingZeros) * 733) / 1000) + 1;
  const bytes = new Uint8Array(size);
  let used = 0;
  for (let k = leadingZeros; k < text.length; k++) {
    const code = text.charCodeAt(k);
    const digit = code < 128 ? (DIGIT_OF[code] as number) : -1;
    if (digit < 0) return undefined;
    let carry = digit;
    let i = 0;
    for (let j = size - 1; (carry !== 0 || i < used) && j >= 0; j--, i++) {
      carry += 58 * (bytes[j] as number);
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    used = i;
  }
  let skip = size - used;
  while (skip < size && bytes[skip] === 0) skip++;
  const out = new Uint8Array(leadingZeros + size - skip);
  out.set(bytes.subarray(skip), leadingZeros);
  return out;
}

/**
 * Decodes Base58Check text: the payload (version byte first) when the 4-byte checksum matches,
 * otherwise undefined.
 *
 * @example
 * decodeBase58Check('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')?.[0]; // 0x00, Bitcoin P2PKH
 */
export function decodeBase58Check(text: string): Uint8Array | undefined {
  const bytes = decodeBase58(text);
  if (bytes === undefined || bytes.length < 5) return undefined;
  const payload = bytes.subarray(0, bytes.length - 4);
  const checksum = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) {
    if (checksum[i] !== bytes[payload.length + i]) return undefined;
  }
  return payload;
}
