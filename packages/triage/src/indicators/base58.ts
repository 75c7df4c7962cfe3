/**
 * Base58 (Bitcoin alphabet) and Base58Check, as used by Bitcoin and Litecoin legacy addresses and
 * Tron addresses: the payload is followed by the first 4 bytes of SHA-256(SHA-256(payload)).
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** The Bitcoin Base58 alphabet: no 0, O, I or l, which are easy to confuse. */
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

const DIGIT_OF = new Map([...BASE58_ALPHABET].map((ch, i) => [ch, i]));

/**
 * Decodes Base58 text to bytes, or undefined when a character is outside the alphabet.
 *
 * @example
 * decodeBase58('2g'); // Uint8Array [0x61]
 */
export function decodeBase58(text: string): Uint8Array | undefined {
  // Big-endian base conversion, one base-58 digit at a time; texts here are at most ~110 characters.
  const bytes: number[] = [];
  for (const ch of text) {
    const digit = DIGIT_OF.get(ch);
    if (digit === undefined) return undefined;
    let carry = digit;
    for (let i = bytes.length - 1; i >= 0; i--) {
      carry += (bytes[i] as number) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.unshift(carry & 0xff);
      carry >>= 8;
    }
  }
  let leadingZeros = 0;
  while (text[leadingZeros] === '1') leadingZeros++;
  return Uint8Array.from([...new Array<number>(leadingZeros).fill(0), ...bytes]);
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
