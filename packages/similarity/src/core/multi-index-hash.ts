import type { BucketTable } from './bucket-table.ts';
import { buildBlockTables } from './build-tables.ts';
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

/** Probes gathered before their runs are read (a batch's scratch arrays take 12 KiB). */
const PROBE_BATCH = 1024;

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
  /** Table `2·block + side` (side 0: high, 1: low), the numbering of the probe batches. */
  private tables: BucketTable[] = [];
  private readonly queryWords = new Uint32Array(HASH_WORDS);
  private readonly storedWords = new Uint32Array(HASH_WORDS);
  /** Probes gathered by `probe` (run bounds, key, allowance left for the other half, table). */
  private readonly batchStart = new Uint32Array(PROBE_BATCH);
  private readonly batchEnd = new Uint32Array(PROBE_BATCH);
  private readonly batchKey = new Uint16Array(PROBE_BATCH);
  private readonly batchLimit = new Int16Array(PROBE_BATCH);
  private readonly batchTable = new Uint8Array(PROBE_BATCH);
  /** Where `scanBatch` leaves what it read ahead, so that the reads are not optimised away. */
  touched = 0;

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

  /**
   * Appends every hash within `maxDistance` of `query`, once each, to `matches`.
   *
   * The probes are gathered in batches before any run is read: each probe's run sits somewhere
   * else in memory, and reading the runs' first entries in a loop of independent loads lets the
   * processor wait for their cache misses all at once instead of one after another (about twice
   * as fast at 1M hashes, see README.md).
   */
  private probe(query: Uint32Array, maxDistance: number, plan: ProbePlan, matches: Match[]): void {
    const { batchStart, batchEnd, batchKey, batchLimit, batchTable } = this;
    let count = 0;
    for (let block = 0; block < BLOCKS; block++) {
      const R = plan.blockRadius[block]!;
      if (R < 0) continue;
      const word = query[block]!;
      for (let side = 0; side < 2; side++) {
        const radius = side === 0 ? plan.highRadius[block]! : plan.lowRadius[block]!;
        if (radius < 0) continue;
        const runs = (side === 0 ? this.high[block]! : this.low[block]!).runs;
        const half = side === 0 ? word >>> 16 : word & 0xffff;
        for (let m = 0, end = MASKS_WITHIN[radius]!; m < end; m++) {
          const mask = PROBE_MASKS[m]!;
          const key = half ^ mask;
          const length = runs[key * 3 + 1]!;
          if (length === 0) continue;
          batchStart[count] = runs[key * 3]!;
          batchEnd[count] = batchStart[count]! + length;
          batchKey[count] = key;
          batchLimit[count] = R - POPCOUNT16[mask]!;
          batchTable[count] = 2 * block + side;
          if (++count === PROBE_BATCH) {
            this.scanBatch(count, query, maxDistance, plan, matches);
            count = 0;
          }
        }
      }
    }
    this.scanBatch(count, query, maxDistance, plan, matches);
  }

  /** Reads the runs of the first `count` gathered probes and verifies the entries that pass. */
  private scanBatch(
    count: number,
    query: Uint32Array,
    maxDistance: number,
    plan: ProbePlan,
    matches: Match[],
  ): void {
    const { batchStart, batchEnd, batchKey, batchLimit, batchTable, tables } = this;
    let touched = 0;
    for (let k = 0; k < count; k++) touched ^= tables[batchTable[k]!]!.partners[batchStart[k]!]!;
    this.touched = touched;

    for (let k = 0; k < count; k++) {
      const block = batchTable[k]! >>> 1;
      const limit = batchLimit[k]!;
      const start = batchStart[k]!;
      const end = batchEnd[k]!;
      const word = query[block]!;
      const queryHigh = word >>> 16;
      const queryLow = word & 0xffff;
      const high = this.high[block]!;
      const highPartners = high.partners;
      const highSlots = high.slots!;

      if ((batchTable[k]! & 1) === 0) {
        // High table: the block as a whole must be within R (`limit` left for the low half).
        for (let e = start; e < end; e++) {
          if (POPCOUNT16[highPartners[e]! ^ queryLow]! <= limit) {
            this.verify(highSlots[e]!, query, maxDistance, block, plan, matches);
          }
        }
        continue;
      }
      // Low table: the high half must be farther than highRadius (else the high table found it)
      // and the block within R.
      const highRadius = plan.highRadius[block]!;
      const keyLow = batchKey[k]!;
      const lowPartners = this.low[block]!.partners;
      const highRuns = high.runs;
      for (let e = start; e < end; e++) {
        const partner = lowPartners[e]!;
        const distanceHigh = POPCOUNT16[partner ^ queryHigh]!;
        if (distanceHigh <= highRadius || distanceHigh > limit) continue;
        // Equal blocks share one resolution: only the first entry with this partner resolves.
        if (lowPartners.subarray(start, e).includes(partner)) continue;
        // The hashes whose block is (partner, keyLow) sit in the high table under `partner`.
        const at = partner * 3;
        for (let h = highRuns[at]!, stop = h + highRuns[at + 1]!; h < stop; h++) {
          if (highPartners[h] === keyLow) {
            this.verify(highSlots[h]!, query, maxDistance, block, plan, matches);
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

  /** Fills the tables from the store's live slots, in bulk. */
  private buildTables(): void {
    this.high = [];
    this.low = [];
    this.tables = [];
    for (let block = 0; block < BLOCKS; block++) {
      const { high, low } = buildBlockTables(this.store, block);
      this.high.push(high);
      this.low.push(low);
      this.tables.push(high, low);
    }
  }
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < HASH_WORDS; i++) if (a[i] !== b[i]) return false;
  return true;
}
