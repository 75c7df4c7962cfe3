import type { BucketTable } from './bucket-table.ts';
import { buildBlockTables, countHighHalves } from './build-tables.ts';
import { assertHash, assertId, assertMaxDistance, HASH_WORDS, hashWords } from './hash-bits.ts';
import { HashStore, type EntryBatch } from './hash-store.ts';
import { encodeIndex } from './index-file.ts';
import { ProbeSearch } from './probe-search.ts';
import { BLOCKS, preferScan, probePlan } from './query-plan.ts';
import { compareMatches, type Match, type SimilarityIndex } from './similarity-index.ts';

/** Below this many hashes an index without forced probing keeps no tables and scans. */
const TABLES_FROM = 2048;

/**
 * Which path a query takes: `auto` picks the one expected to be faster for the index's size and the
 * threshold; `probe` and `scan` force one (both are exact: tests run each against the reference).
 */
export type QueryStrategy = 'auto' | 'probe' | 'scan';

export interface MultiIndexOptions {
  readonly strategy?: QueryStrategy;
}

/**
 * Exact multi-index hashing over 16 tables of 16-bit keys (see `query-plan.ts` for why it finds
 * every match). Each hash has one entry per table:
 *
 * - `high[j]`, keyed by the high half of word j, holds the low half (partner) and the slot;
 * - `low[j]`, keyed by the low half, holds only the high half: a hit there is resolved to its slot
 *   through `high[j]`, which saves 4 bytes per hash and table where it is rarely needed (runs of
 *   the low tables are sorted by partner, so that equal blocks are resolved once).
 *
 * A query probes the keys near its own halves, rejects entries by their partner (one table lookup
 * on contiguous memory), compares the few remaining hashes in full, and reports each match once:
 * from the first block whose tables would find it, which it can tell from the hash alone, so
 * there is no set of seen ids. About 100 bytes per hash (README.md has the measurements).
 *
 * @example
 * const index = MultiIndexHashIndex.fromHashes(bankBytes); // ids are row numbers
 * index.add(12, hashBytes);
 * index.query(hashBytes, 31); // [{ id: 12, distance: 0 }, ...]
 */
export class MultiIndexHashIndex implements SimilarityIndex {
  private readonly strategy: QueryStrategy;
  private store = new HashStore();
  /** The 16 tables, empty until the index is big enough to need them (see TABLES_FROM). */
  private high: BucketTable[] = [];
  private low: BucketTable[] = [];
  private readonly search = new ProbeSearch();
  private readonly queryWords = new Uint32Array(HASH_WORDS);
  private readonly storedWords = new Uint32Array(HASH_WORDS);

  /** An empty index; `strategy` forces one query path (for tests and benchmarks). */
  constructor(options: MultiIndexOptions = {}) {
    this.strategy = options.strategy ?? 'auto';
  }

  /**
   * Builds an index over `hashes` (32-byte rows) with `ids` (row numbers when omitted), by a
   * counting sort per table (about 3.4 s of CPU for 10M hashes). The index keeps both arrays as its
   * own storage (no copy): do not modify them afterwards. Throws a RangeError if an id repeats.
   *
   * @example
   * const index = MultiIndexHashIndex.fromHashes(readFileSync('bank.bin'));
   */
  static fromHashes(
    hashes: Uint8Array,
    ids?: Uint32Array,
    options: MultiIndexOptions = {},
  ): MultiIndexHashIndex {
    const index = new MultiIndexHashIndex(options);
    index.store = HashStore.adopt(hashes, ids ?? null);
    if (index.wantsTables()) index.buildTables();
    return index;
  }

  get size(): number {
    return this.store.size;
  }

  add(id: number, hash: Uint8Array): void {
    assertId(id);
    assertHash(hash);
    const words = hashWords(hash, this.queryWords);
    const existing = this.store.slotOf(id);
    if (existing >= 0) {
      if (sameWords(this.store.wordsAt(existing, this.storedWords), words)) return;
      this.removeSlot(existing);
    }
    const slot = this.store.insert(id, words);
    if (this.high.length === 0) {
      if (this.wantsTables()) this.buildTables();
      return;
    }
    for (let block = 0; block < BLOCKS; block++) {
      const word = words[block]!;
      this.high[block]!.insert(word >>> 16, word & 0xffff, slot);
      this.low[block]!.insert(word & 0xffff, word >>> 16, 0);
    }
  }

  remove(id: number): boolean {
    assertId(id);
    const slot = this.store.slotOf(id);
    if (slot < 0) return false;
    this.removeSlot(slot);
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
    const query = hashWords(hash, this.queryWords);
    const matches: Match[] = [];
    const scan =
      this.high.length === 0 ||
      this.strategy === 'scan' ||
      (this.strategy === 'auto' && preferScan(maxDistance, this.store.size));
    if (scan) {
      this.store.scan(query, maxDistance, matches);
    } else {
      this.search.search(
        { store: this.store, high: this.high, low: this.low },
        query,
        maxDistance,
        probePlan(maxDistance),
        matches,
      );
    }
    return matches.sort(compareMatches);
  }

  serialise(): Uint8Array {
    return encodeIndex(this);
  }

  entries(): Iterable<EntryBatch> {
    return this.store.batches();
  }

  private removeSlot(slot: number): void {
    const words = this.store.wordsAt(slot, this.storedWords);
    for (let block = 0; block < this.high.length; block++) {
      const highHalf = words[block]! >>> 16;
      const lowHalf = words[block]! & 0xffff;
      const high = this.high[block]!;
      high.removeAt(highHalf, high.positionOf(highHalf, lowHalf, slot));
      const low = this.low[block]!;
      low.removeAt(lowHalf, low.positionOf(lowHalf, highHalf, slot));
    }
    this.store.release(slot);
  }

  /** Tables pay off from a few thousand hashes; below that a scan is faster and saves 12 MB. */
  private wantsTables(): boolean {
    return this.strategy === 'probe' || this.store.size >= TABLES_FROM;
  }

  /** Fills the tables from the store's live slots, in bulk. */
  private buildTables(): void {
    this.high = [];
    this.low = [];
    const counts = countHighHalves(this.store);
    for (let block = 0; block < BLOCKS; block++) {
      const { high, low } = buildBlockTables(this.store, block, counts[block]!);
      this.high.push(high);
      this.low.push(low);
    }
  }
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < HASH_WORDS; i++) if (a[i] !== b[i]) return false;
  return true;
}
