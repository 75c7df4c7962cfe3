/**
 * The 256-bit PDQ hash as text and bytes, and the Hamming distance between two hashes.
 *
 * Text form (the one every PDQ implementation exchanges): 64 lowercase hex digits, DCT row 15 first,
 * so bit k of the hash (k = 16·row + column) is bit k of the 256-bit big-endian number the hex spells.
 * Byte form: the same 32 bytes in the same order (`Buffer.from(hex, 'hex')`).
 */

declare const pdqHashBrand: unique symbol;
/** A valid PDQ hash: exactly 64 lowercase hex digits. Obtain one from `parsePdqHash` or the hasher. */
export type PdqHash = string & { readonly [pdqHashBrand]: true };

declare const hammingBrand: unique symbol;
/** A number of differing bits between two 256-bit hashes, 0 to 256. */
export type HammingDistance = number & { readonly [hammingBrand]: true };

export const PDQ_HASH_BITS = 256;
export const PDQ_HASH_BYTES = 32;
export const PDQ_HASH_HEX_LENGTH = 64;
/** Upstream's recommended match threshold: distance <= 31 (pdq/README.md, python-threatexchange). */
export const PDQ_MATCH_THRESHOLD = 31;
/** Upstream discards hashes whose quality is below 50. */
export const PDQ_MIN_QUALITY = 50;

/** The outcome of parsing untrusted input: a value, or an error that says what was wrong. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

const HEX_64 = /^[0-9a-fA-F]{64}$/;

/**
 * Validates untrusted text as a PDQ hash. Upper-case digits are accepted and lower-cased.
 *
 * @example
 * const parsed = parsePdqHash('f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22');
 * if (parsed.ok) console.log(parsed.value);
 */
export function parsePdqHash(text: unknown): ParseResult<PdqHash> {
  if (typeof text !== 'string') {
    return fail(
      'pdq_not_a_string',
      `a PDQ hash must be a string of 64 hex digits, got ${typeof text}`,
    );
  }
  if (text.length !== PDQ_HASH_HEX_LENGTH) {
    return fail(
      'pdq_wrong_length',
      `a PDQ hash must have exactly 64 hex digits, got ${text.length} characters`,
    );
  }
  if (!HEX_64.test(text)) {
    return fail('pdq_not_hex', 'a PDQ hash may contain only the hex digits 0-9 and a-f');
  }
  return { ok: true, value: text.toLowerCase() as PdqHash };
}

/** True when `text` is already a canonical (lower-case) PDQ hash. */
export function isPdqHash(text: unknown): text is PdqHash {
  return (
    typeof text === 'string' && text.length === PDQ_HASH_HEX_LENGTH && /^[0-9a-f]{64}$/.test(text)
  );
}

/**
 * The 32 bytes of a hash, in hex order.
 *
 * @example
 * pdqHashToBytes(hash).length; // 32
 */
export function pdqHashToBytes(hash: PdqHash): Uint8Array {
  const bytes = new Uint8Array(PDQ_HASH_BYTES);
  for (let i = 0; i < PDQ_HASH_BYTES; i++) {
    bytes[i] = Number.parseInt(hash.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

/**
 * The hash spelled by 32 bytes in hex order (the inverse of `pdqHashToBytes`).
 *
 * @example
 * pdqHashFromBytes(new Uint8Array(32)); // '000…0'
 */
export function pdqHashFromBytes(bytes: Uint8Array): PdqHash {
  if (bytes.length !== PDQ_HASH_BYTES) {
    throw new RangeError(`a PDQ hash has 32 bytes, got ${bytes.length}`);
  }
  let hex = '';
  for (const byte of bytes) hex += HEX_DIGITS[byte];
  return hex as PdqHash;
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Number of set bits in a 32-bit integer (SWAR popcount). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Hamming distance between two hashes: the number of bits that differ (0 to 256).
 *
 * @example
 * hammingDistance(a, a); // 0
 */
export function hammingDistance(a: PdqHash, b: PdqHash): HammingDistance {
  let distance = 0;
  for (let i = 0; i < PDQ_HASH_HEX_LENGTH; i += 8) {
    const x = Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16);
    distance += popcount32(x);
  }
  return distance as HammingDistance;
}

/**
 * Hamming distance between two 32-byte hashes (see `pdqHashToBytes`).
 *
 * @example
 * hammingDistanceBytes(pdqHashToBytes(a), pdqHashToBytes(b));
 */
export function hammingDistanceBytes(a: Uint8Array, b: Uint8Array): HammingDistance {
  if (a.length !== PDQ_HASH_BYTES || b.length !== PDQ_HASH_BYTES) {
    throw new RangeError(`both hashes must have 32 bytes, got ${a.length} and ${b.length}`);
  }
  let distance = 0;
  for (let i = 0; i < PDQ_HASH_BYTES; i += 4) {
    const x =
      ((a[i]! ^ b[i]!) << 24) |
      ((a[i + 1]! ^ b[i + 1]!) << 16) |
      ((a[i + 2]! ^ b[i + 2]!) << 8) |
      (a[i + 3]! ^ b[i + 3]!);
    distance += popcount32(x);
  }
  return distance as HammingDistance;
}

function fail<T>(code: string, message: string): ParseResult<T> {
  return { ok: false, error: { code, message } };
}
