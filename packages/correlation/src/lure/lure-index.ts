/**
 * Lure material: PDQ hashes of the pre-recorded videos and stolen photos a ring shows its victims.
 * Two reports whose lure hashes are within a Hamming distance threshold share material.
 *
 * The search is @aman/similarity's multi-index hashing index (the one the matcher uses), kept
 * growing as reports arrive: adding a hash and asking for its neighbours never rescans the others.
 *
 * @example
 * const index = new LureIndex();
 * index.add(hashA);                 // 0
 * index.near(hashB, 31);            // [{ id: 0, distance: 4 }] when B is a re-encode of A
 */
import { pdqHashToBytes, type PdqHash } from '@aman/pdq';
import { createIndex, type SimilarityIndex } from '@aman/similarity';

export interface NearHash {
  /** Index of the earlier hash (its insertion order). */
  readonly id: number;
  readonly distance: number;
}

export class LureIndex {
  private readonly index: SimilarityIndex = createIndex('multi-index');
  private readonly hexes: PdqHash[] = [];

  get length(): number {
    return this.hexes.length;
  }

  /** The hash stored under `id`. */
  hash(id: number): PdqHash {
    const hex = this.hexes[id];
    if (hex === undefined) throw new RangeError(`no lure hash ${id}`);
    return hex;
  }

  /** Stores a hash and returns its id. */
  add(hash: PdqHash): number {
    const id = this.hexes.length;
    this.index.add(id, pdqHashToBytes(hash));
    this.hexes.push(hash);
    return id;
  }

  /** Forgets hash `id` (its report was removed): `near` no longer finds it; `hash` still reads it. */
  remove(id: number): void {
    this.hash(id);
    this.index.remove(id);
  }

  /** Every stored hash within `threshold` bits of `hash`, nearest first. */
  near(hash: PdqHash, threshold: number): NearHash[] {
    if (threshold < 0 || this.hexes.length === 0) return [];
    return this.index.query(pdqHashToBytes(hash), Math.min(threshold, 256));
  }
}
