/**
 * The in-memory index the matcher searches: the interface of @aman/similarity, so that swapping the
 * exact linear scan below for its multi-index hashing is a one-line change in `createHammingIndex`.
 */
import { LinearScanIndex } from './linear-scan-index.ts';

export interface HammingHit {
  readonly id: number;
  readonly distance: number;
}

export interface HammingIndex {
  /** Adds a 256-bit hash (32 bytes, hex order) under `id`; an existing `id` is replaced. */
  add(id: number, hash: Uint8Array): void;
  /** Removes `id`; nothing happens when it is absent. */
  remove(id: number): void;
  /** Every entry within `maxDistance` bits of `hash`, in no particular order. */
  query(hash: Uint8Array, maxDistance: number): HammingHit[];
  readonly size: number;
}

/** The index implementation the server uses. */
export function createHammingIndex(): HammingIndex {
  // TODO(similarity): return the @aman/similarity index here once it lands.
  return new LinearScanIndex();
}
