/**
 * Bits of a 256-bit PDQ hash as the index handles them: 32 bytes in PDQ hex order (the bytes of
 * `Buffer.from(hex, 'hex')`, `pdqHashToBytes` in @aman/pdq), read as 8 unsigned 32-bit words.
 *
 * Words use the platform's byte order, because the store keeps hashes as Uint32Array views over
 * those same bytes. Distances do not depend on how bits are grouped into words, so nothing outside
 * the process ever sees a word: files and APIs exchange bytes.
 */

/** Bytes in one hash. */
export const HASH_BYTES = 32;
/** 32-bit words in one hash. */
export const HASH_WORDS = 8;
/** The largest Hamming distance between two 256-bit hashes. */
export const MAX_DISTANCE = 256;
/** The largest id: ids are unsigned 32-bit integers. */
export const MAX_ID = 0xffff_ffff;

/** Number of set bits of every 16-bit value (64 KiB: stays in cache, one load per lookup). */
export const POPCOUNT16: Uint8Array = (() => {
  const table = new Uint8Array(1 << 16);
  for (let value = 1; value < table.length; value++) {
    table[value] = table[value >>> 1]! + (value & 1);
  }
  return table;
})();

/**
 * Number of set bits in a 32-bit integer (SWAR: no table, no branch).
 *
 * @example
 * popcount32(0xff00ff00); // 16
 */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Hamming distance between the hash at `offset` in `words` and the query words `q0..q7`, where
 * the caller has hoisted the 8 query words out of its loop.
 */
export function distanceAt(
  words: Uint32Array,
  offset: number,
  q0: number,
  q1: number,
  q2: number,
  q3: number,
  q4: number,
  q5: number,
  q6: number,
  q7: number,
): number {
  return (
    popcount32(words[offset]! ^ q0) +
    popcount32(words[offset + 1]! ^ q1) +
    popcount32(words[offset + 2]! ^ q2) +
    popcount32(words[offset + 3]! ^ q3) +
    popcount32(words[offset + 4]! ^ q4) +
    popcount32(words[offset + 5]! ^ q5) +
    popcount32(words[offset + 6]! ^ q6) +
    popcount32(words[offset + 7]! ^ q7)
  );
}

/**
 * Reads a hash's bytes as words, into `out` (8 words), and returns `out`.
 *
 * @example
 * const words = hashWords(pdqHashToBytes(hash));
 */
export function hashWords(hash: Uint8Array, out: Uint32Array = new Uint32Array(HASH_WORDS)) {
  new Uint8Array(out.buffer, out.byteOffset, HASH_BYTES).set(hash);
  return out;
}

/**
 * Throws a TypeError unless `hash` is a Uint8Array, a RangeError unless it has exactly 32 bytes.
 *
 * @example
 * assertHash(pdqHashToBytes(hash)); // passes
 * assertHash(new Uint8Array(8)); // RangeError: hash must have 32 bytes, got 8
 */
export function assertHash(hash: unknown, name = 'hash'): asserts hash is Uint8Array {
  if (!(hash instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array of 32 bytes, got ${describe(hash)}`);
  }
  if (hash.length !== HASH_BYTES) {
    throw new RangeError(`${name} must have 32 bytes, got ${hash.length}`);
  }
}

/** Throws a RangeError unless `id` is an integer from 0 to 2^32 - 1. */
export function assertId(id: unknown): asserts id is number {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_ID) {
    throw new RangeError(`an id must be an integer from 0 to ${MAX_ID}, got ${describe(id)}`);
  }
}

/** Throws a RangeError unless `maxDistance` is an integer from 0 to 256. */
export function assertMaxDistance(maxDistance: unknown): asserts maxDistance is number {
  if (
    typeof maxDistance !== 'number' ||
    !Number.isInteger(maxDistance) ||
    maxDistance < 0 ||
    maxDistance > MAX_DISTANCE
  ) {
    throw new RangeError(
      `maxDistance must be an integer from 0 to ${MAX_DISTANCE}, got ${describe(maxDistance)}`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
