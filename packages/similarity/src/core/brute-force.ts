import { assertHash, assertId, assertMaxDistance, HASH_WORDS, hashWords } from './hash-bits.ts';
import { HashStore, type EntryBatch } from './hash-store.ts';
import { encodeIndex } from './index-file.ts';
import { compareMatches, type Match, type SimilarityIndex } from './similarity-index.ts';

/**
 * The reference index: a query compares every stored hash. Simple enough to be obviously right,
 * which is why every other implementation is tested against it, and the fastest choice for small
 * banks (a few thousand hashes), where a probe plan costs more than reading everything. 36 bytes
 * per hash plus the id table.
 *
 * @example
 * const index = new BruteForceIndex();
 * index.add(1, hashBytes);
 * index.query(hashBytes, 31); // [{ id: 1, distance: 0 }]
 */
export class BruteForceIndex implements SimilarityIndex {
  private store = new HashStore();
  private readonly scratch = new Uint32Array(HASH_WORDS);

  /**
   * An index over `hashes` (32-byte rows) with `ids` (row numbers when omitted). The index keeps
   * both arrays as its own storage (no copy): do not modify them afterwards. Throws a RangeError
   * if an id appears twice.
   *
   * @example
   * const index = BruteForceIndex.fromHashes(bankBytes, ids);
   */
  static fromHashes(hashes: Uint8Array, ids?: Uint32Array): BruteForceIndex {
    const index = new BruteForceIndex();
    index.store = HashStore.adopt(hashes, ids ?? null);
    return index;
  }

  get size(): number {
    return this.store.size;
  }

  add(id: number, hash: Uint8Array): void {
    assertId(id);
    assertHash(hash);
    const existing = this.store.slotOf(id);
    if (existing >= 0) this.store.release(existing);
    this.store.insert(id, hashWords(hash, this.scratch));
  }

  remove(id: number): boolean {
    assertId(id);
    const slot = this.store.slotOf(id);
    if (slot < 0) return false;
    this.store.release(slot);
    return true;
  }

  get(id: number): Uint8Array | undefined {
    assertId(id);
    const slot = this.store.slotOf(id);
    if (slot < 0) return undefined;
    return new Uint8Array(this.store.wordsAt(slot, new Uint32Array(HASH_WORDS)).buffer);
  }

  query(hash: Uint8Array, maxDistance: number): Match[] {
    assertHash(hash);
    assertMaxDistance(maxDistance);
    const matches: Match[] = [];
    this.store.scan(hashWords(hash, this.scratch), maxDistance, matches);
    return matches.sort(compareMatches);
  }

  serialise(): Uint8Array {
    return encodeIndex(this);
  }

  entries(): Iterable<EntryBatch> {
    return this.store.batches();
  }
}
