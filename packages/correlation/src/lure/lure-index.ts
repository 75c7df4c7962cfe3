/**
 * Lure material: PDQ hashes of the pre-recorded videos and stolen photos a ring shows its victims.
 * Two reports whose lure hashes are within a Hamming distance threshold share material.
 *
 * The index keeps every hash as eight 32-bit words in one typed array and answers "which earlier
 * hashes are near this one" with an exact-match map first and a linear scan of XOR + popcount
 * after: lure hashes are a few per report that has any, so the scan stays far below the cost of
 * reading the reports. A multi-index structure (`@aman/similarity`) can replace it behind the same
 * two methods when banks of millions are correlated.
 */
import { popcount32, type PdqHash } from '@aman/pdq';

export interface NearHash {
  /** Index of the earlier hash (its insertion order). */
  readonly id: number;
  readonly distance: number;
}

/**
 * @example
 * const index = new LureIndex();
 * index.add(hashA);                 // 0
 * [...index.near(hashB, 31)];       // [{ id: 0, distance: 4 }] when B is a re-encode of A
 */
export class LureIndex {
  private words = new Uint32Array(8 * 256);
  private readonly hexes: PdqHash[] = [];
  private readonly exact = new Map<string, number[]>();

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
    if ((id + 1) * 8 > this.words.length) {
      const bigger = new Uint32Array(this.words.length * 2);
      bigger.set(this.words);
      this.words = bigger;
    }
    for (let w = 0; w < 8; w++) {
      this.words[id * 8 + w] = Number.parseInt(hash.slice(w * 8, w * 8 + 8), 16) >>> 0;
    }
    this.hexes.push(hash);
    const same = this.exact.get(hash);
    if (same === undefined) this.exact.set(hash, [id]);
    else same.push(id);
    return id;
  }

  /** Every stored hash within `threshold` bits of `hash`, nearest first. */
  near(hash: PdqHash, threshold: number): NearHash[] {
    if (threshold <= 0) return (this.exact.get(hash) ?? []).map((id) => ({ id, distance: 0 }));
    const query = new Uint32Array(8);
    for (let w = 0; w < 8; w++) query[w] = Number.parseInt(hash.slice(w * 8, w * 8 + 8), 16) >>> 0;
    const found: NearHash[] = [];
    const words = this.words;
    for (let id = 0, base = 0; id < this.hexes.length; id++, base += 8) {
      let distance = 0;
      for (let w = 0; w < 8 && distance <= threshold; w++) {
        distance += popcount32((words[base + w]! ^ query[w]!) >>> 0);
      }
      if (distance <= threshold) found.push({ id, distance });
    }
    return found.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }
}
