import { BucketTable, KEY_COUNT } from './bucket-table.ts';
import {
  assertHash,
  assertId,
  assertMaxDistance,
  distanceAt,
  HASH_WORDS,
  hashWords,
  POPCOUNT16,
} from './hash-bits.ts';
import { HashStore, PAGE_BITS, PAGE_MASK, type EntryBatch } from './hash-store.ts';
import { encodeIndex } from './index-file.ts';
import {
  BLOCKS,
  MASKS_WITHIN,
  PROBE_MASKS,
  preferScan,
  probePlan,
  type ProbePlan,
} from './query-plan.ts';
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
 *   through `high[j]`, which saves 4 bytes per hash and table where it is rarely needed.
 *
 * A query probes the keys near its own halves, rejects entries by their partner (one table lookup
 * on contiguous memory), compares the few remaining hashes in full, and reports each match once:
 * from the first block whose tables would find it, which it can tell from the hash alone, so
 * there is no set of seen ids. About 108 bytes per hash with the id table (10M: ~1.1 GB).
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
  private readonly queryWords = new Uint32Array(HASH_WORDS);
  private readonly storedWords = new Uint32Array(HASH_WORDS);

  /** An empty index; `strategy` forces one query path (for tests and benchmarks). */
  constructor(options: MultiIndexOptions = {}) {
    this.strategy = options.strategy ?? 'auto';
  }

  /**
   * Builds an index over `hashes` (32-byte rows) with `ids` (row numbers when omitted), in one pass
   * per table. The index keeps both arrays as its own storage (no copy): do not modify them after.
   * Throws a RangeError if an id appears twice.
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
      this.high[block]!.append(word >>> 16, word & 0xffff, slot);
      this.low[block]!.append(word & 0xffff, word >>> 16, 0);
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
      this.probe(query, maxDistance, probePlan(maxDistance), matches);
    }
    return matches.sort(compareMatches);
  }

  serialise(): Uint8Array {
    return encodeIndex(this);
  }

  entries(): Iterable<EntryBatch> {
    return this.store.batches();
  }

  /** Appends every hash within `maxDistance` of `query`, once each, to `matches`. */
  private probe(query: Uint32Array, maxDistance: number, plan: ProbePlan, matches: Match[]): void {
    for (let block = 0; block < BLOCKS; block++) {
      const R = plan.blockRadius[block]!;
      if (R < 0) continue;
      const highRadius = plan.highRadius[block]!;
      const lowRadius = plan.lowRadius[block]!;
      const word = query[block]!;
      const queryHigh = word >>> 16;
      const queryLow = word & 0xffff;
      const high = this.high[block]!;
      const highRuns = high.runs;
      const highPartners = high.partners;
      const highSlots = high.slots!;

      // High table: keys within highRadius of the query's high half; the block must be within R.
      for (let m = 0, end = MASKS_WITHIN[highRadius]!; m < end; m++) {
        const mask = PROBE_MASKS[m]!;
        const limit = R - POPCOUNT16[mask]!;
        const at = (queryHigh ^ mask) * 3;
        for (let e = highRuns[at]!, stop = e + highRuns[at + 1]!; e < stop; e++) {
          if (POPCOUNT16[highPartners[e]! ^ queryLow]! <= limit) {
            this.verify(highSlots[e]!, query, maxDistance, block, plan, matches);
          }
        }
      }
      if (lowRadius < 0) continue;

      // Low table: keys within lowRadius of the query's low half; the high half must be farther
      // than highRadius (else the high table found it) and the block within R.
      const low = this.low[block]!;
      const lowRuns = low.runs;
      const lowPartners = low.partners;
      for (let m = 0, end = MASKS_WITHIN[lowRadius]!; m < end; m++) {
        const mask = PROBE_MASKS[m]!;
        const limit = R - POPCOUNT16[mask]!;
        const keyLow = queryLow ^ mask;
        const at = keyLow * 3;
        const first = lowRuns[at]!;
        for (let e = first, stop = e + lowRuns[at + 1]!; e < stop; e++) {
          const partner = lowPartners[e]!;
          const distanceHigh = POPCOUNT16[partner ^ queryHigh]!;
          if (distanceHigh <= highRadius || distanceHigh > limit) continue;
          // Equal blocks share one resolution: only the first entry with this partner resolves.
          if (lowPartners.subarray(first, e).includes(partner)) continue;
          // The hashes whose block is (partner, keyLow) sit in the high table under `partner`.
          const highAt = partner * 3;
          for (let h = highRuns[highAt]!, stop2 = h + highRuns[highAt + 1]!; h < stop2; h++) {
            if (highPartners[h] === keyLow) {
              this.verify(highSlots[h]!, query, maxDistance, block, plan, matches);
            }
          }
        }
      }
    }
  }

  /**
   * Compares the hash in `slot` in full and reports it unless an earlier block also finds it
   * (each match is reported by the first block whose tables reach it).
   */
  private verify(
    slot: number,
    query: Uint32Array,
    maxDistance: number,
    block: number,
    plan: ProbePlan,
    matches: Match[],
  ): void {
    const words = this.store.hashPages[slot >>> PAGE_BITS]!;
    const offset = (slot & PAGE_MASK) * HASH_WORDS;
    const distance = distanceAt(
      words,
      offset,
      query[0]!,
      query[1]!,
      query[2]!,
      query[3]!,
      query[4]!,
      query[5]!,
      query[6]!,
      query[7]!,
    );
    if (distance > maxDistance) return;
    for (let earlier = 0; earlier < block; earlier++) {
      const R = plan.blockRadius[earlier]!;
      if (R < 0) continue;
      const x = words[offset + earlier]! ^ query[earlier]!;
      const distanceHigh = POPCOUNT16[x >>> 16]!;
      const distanceLow = POPCOUNT16[x & 0xffff]!;
      if (
        distanceHigh + distanceLow <= R &&
        (distanceHigh <= plan.highRadius[earlier]! || distanceLow <= plan.lowRadius[earlier]!)
      ) {
        return;
      }
    }
    matches.push({ id: this.store.idAt(slot), distance });
  }

  private removeSlot(slot: number): void {
    const words = this.store.wordsAt(slot, this.storedWords);
    for (let block = 0; block < this.high.length; block++) {
      const highHalf = words[block]! >>> 16;
      const lowHalf = words[block]! & 0xffff;
      const high = this.high[block]!;
      high.removeAt(highHalf, high.indexOfSlot(highHalf, slot));
      const low = this.low[block]!;
      low.removeAt(lowHalf, low.indexOfPartner(lowHalf, highHalf));
    }
    this.store.release(slot);
  }

  /** Tables pay off from a few thousand hashes; below that a scan is faster and saves 12 MB. */
  private wantsTables(): boolean {
    return this.strategy === 'probe' || this.store.size >= TABLES_FROM;
  }

  /** Fills the tables from the store's live slots: a counting sort, one pass per table. */
  private buildTables(): void {
    const store = this.store;
    const highCounts = Array.from({ length: BLOCKS }, () => new Uint32Array(KEY_COUNT));
    const lowCounts = Array.from({ length: BLOCKS }, () => new Uint32Array(KEY_COUNT));
    store.forEachLiveRow((words, offset) => {
      for (let block = 0; block < BLOCKS; block++) {
        const word = words[offset + block]!;
        highCounts[block]![word >>> 16]!++;
        lowCounts[block]![word & 0xffff]!++;
      }
    });
    this.high = [];
    this.low = [];
    for (let block = 0; block < BLOCKS; block++) {
      const high = BucketTable.withCounts(highCounts[block]!, true);
      const highRuns = high.runs;
      const highPartners = high.partners;
      const highSlots = high.slots!;
      store.forEachLiveRow((words, offset, slot) => {
        const word = words[offset + block]!;
        const at = (word >>> 16) * 3;
        const entry = highRuns[at]! + highRuns[at + 1]!++;
        highPartners[entry] = word & 0xffff;
        highSlots[entry] = slot;
      });
      // The low table is filled from the high one, in key order: no second pass over the hashes.
      const low = BucketTable.withCounts(lowCounts[block]!, false);
      const lowRuns = low.runs;
      const lowPartners = low.partners;
      for (let key = 0; key < KEY_COUNT; key++) {
        const start = highRuns[key * 3]!;
        for (let e = start, stop = start + highRuns[key * 3 + 1]!; e < stop; e++) {
          const at = highPartners[e]! * 3;
          lowPartners[lowRuns[at]! + lowRuns[at + 1]!++] = key;
        }
      }
      this.high.push(high);
      this.low.push(low);
    }
  }
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < HASH_WORDS; i++) if (a[i] !== b[i]) return false;
  return true;
}
