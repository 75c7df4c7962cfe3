/** One hash of the index within the asked distance of a query. */
export interface Match {
  /** The id the hash was added under. */
  readonly id: number;
  /** Hamming distance to the query, 0 to 256. */
  readonly distance: number;
}

/**
 * An in-memory set of 256-bit hashes (PDQ), each under a caller-chosen id, answering "every hash
 * within Hamming distance t of this one". Every implementation is exact: no miss, no extra, every
 * distance right, for any t from 0 to 256; they differ only in speed and memory.
 *
 * Hashes are 32 bytes in PDQ hex order (`pdqHashToBytes` in @aman/pdq). Ids are integers from 0 to
 * 2^32 - 1. Changes take effect at once: there is no rebuild step.
 *
 * @example
 * const index = new MultiIndexHashIndex();
 * index.add(7, pdqHashToBytes(hash));
 * index.query(pdqHashToBytes(upload), PDQ_MATCH_THRESHOLD); // [{ id: 7, distance: 4 }]
 */
export interface SimilarityIndex {
  /** Number of hashes in the index. */
  readonly size: number;
  /**
   * Adds `hash` under `id`, replacing the hash the id had, if any. The index copies the bytes.
   * Throws a RangeError or TypeError on an invalid id or hash (a programming error).
   */
  add(id: number, hash: Uint8Array): void;
  /** Removes the hash under `id`; false when there was none. */
  remove(id: number): boolean;
  /** The hash stored under `id` (a copy), or undefined. */
  get(id: number): Uint8Array | undefined;
  /**
   * Every hash within `maxDistance` (0 to 256, inclusive) of `hash`, nearest first, ties by id.
   *
   * @example
   * index.query(hash, 31).map(({ id }) => id);
   */
  query(hash: Uint8Array, maxDistance: number): Match[];
  /** The index as bytes in the index file format (see `index-file.ts`); `loadIndex` reads them. */
  serialise(): Uint8Array;
  /** The ids and hashes in the index, in batches (views where possible: do not modify them). */
  entries(): Iterable<{ readonly ids: Uint32Array; readonly hashes: Uint8Array }>;
}

/**
 * Orders matches nearest first, then by id: the order every implementation returns.
 *
 * @example
 * matches.sort(compareMatches);
 */
export function compareMatches(a: Match, b: Match): number {
  return a.distance - b.distance || a.id - b.id;
}
