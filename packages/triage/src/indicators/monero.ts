/**
 * Monero addresses: Monero's own Base58 (8-byte blocks encoded as 11 characters) and a checksum of
 * the first 4 bytes of Keccak-256 over the rest. The first byte is the network tag.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { BASE58_ALPHABET } from './base58.ts';

const DIGIT_OF = new Map([...BASE58_ALPHABET].map((ch, i) => [ch, i]));
/** Characters needed to encode a block of n bytes, for n = 0..8. */
const ENCODED_BLOCK_SIZES = [0, 2, 3, 5, 6, 7, 9, 10, 11];

/** Mainnet network tags: standard address, integrated address (with payment id), subaddress. */
export const MONERO_MAINNET_TAGS: ReadonlyMap<number, string> = new Map([
  [18, 'standard'],
  [19, 'integrated'],
  [42, 'subaddress'],
]);

/**
 * Decodes a Monero address and checks its Keccak checksum. Returns the network tag, or undefined
 * when the text is not a well-formed Monero address.
 *
 * @example
 * decodeMoneroAddress('44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A'); // 18
 */
export function decodeMoneroAddress(text: string): number | undefined {
  const bytes: number[] = [];
  for (let start = 0; start < text.length; start += 11) {
    const block = text.slice(start, start + 11);
    const size = ENCODED_BLOCK_SIZES.indexOf(block.length);
    if (size <= 0) return undefined;
    let value = 0n;
    for (const ch of block) {
      const digit = DIGIT_OF.get(ch);
      if (digit === undefined) return undefined;
      value = value * 58n + BigInt(digit);
    }
    if (value >> BigInt(size * 8) !== 0n) return undefined;
    for (let i = size - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  }
  if (bytes.length < 5) return undefined;
  const body = Uint8Array.from(bytes.slice(0, -4));
  const hash = keccak_256(body);
  for (let i = 0; i < 4; i++) {
    if (hash[i] !== bytes[body.length + i]) return undefined;
  }
  return body[0];
}
