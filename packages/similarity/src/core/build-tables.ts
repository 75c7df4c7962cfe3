import { BucketTable, KEY_COUNT, type TableShape } from './bucket-table.ts';
import { HASH_WORDS } from './hash-bits.ts';
import type { HashStore } from './hash-store.ts';

/** High-half tables: entries hold the low half and the slot, runs in no particular order. */
export const HIGH_TABLE: TableShape = { withSlots: true, sorted: false };
/**
 * Low-half tables: entries hold only the high half, runs sorted by it, so that equal blocks sit
 * side by side and a query resolves each block value once.
 */
export const LOW_TABLE: TableShape = { withSlots: false, sorted: true };

/**
 * Builds the two tables of `block` (keyed by the high and by the low half of word `block`) from
 * the store's live hashes, in bulk, by counting sort: every run is sized exactly from
 * `highCounts` (see `countHighHalves`), then
 *
 * 1. each live hash goes into the high table's run of its high half, while the low halves are
 *    counted;
 * 2. the high table, read in key order, goes into the low table: its runs come out sorted by high
 *    half.
 *
 * Two sequential passes with scattered writes; about 0.2 s of CPU per block at 10M hashes.
 */
export function buildBlockTables(
  store: HashStore,
  block: number,
  highCounts: Uint32Array,
): { high: BucketTable; low: BucketTable } {
  const high = BucketTable.withCounts(highCounts, HIGH_TABLE);
  const highRuns = high.runs;
  const highPartners = high.partners;
  const highSlots = high.slots!;
  const lowCounts = new Uint32Array(KEY_COUNT);
  for (const { words, live, slots, first } of store.pages()) {
    for (let i = 0, offset = block; i < slots; i++, offset += HASH_WORDS) {
      if ((live[i >>> 5]! & (1 << (i & 31))) === 0) continue;
      const word = words[offset]!;
      const at = (word >>> 16) * 3;
      const to = highRuns[at]! + highRuns[at + 1]!++;
      highPartners[to] = word & 0xffff;
      highSlots[to] = first + i;
      lowCounts[word & 0xffff]!++;
    }
  }

  const low = BucketTable.withCounts(lowCounts, LOW_TABLE);
  const lowRuns = low.runs;
  const lowPartners = low.partners;
  for (let keyHigh = 0; keyHigh < KEY_COUNT; keyHigh++) {
    const start = highRuns[keyHigh * 3]!;
    for (let e = start, end = start + highRuns[keyHigh * 3 + 1]!; e < end; e++) {
      const at = highPartners[e]! * 3;
      lowPartners[lowRuns[at]! + lowRuns[at + 1]!++] = keyHigh;
    }
  }
  return { high, low };
}

/** Counts the high halves of every block, in one pass over the store (2 MB of counters). */
export function countHighHalves(store: HashStore): Uint32Array[] {
  const counts = Array.from({ length: HASH_WORDS }, () => new Uint32Array(KEY_COUNT));
  for (const { words, live, slots } of store.pages()) {
    for (let i = 0, offset = 0; i < slots; i++, offset += HASH_WORDS) {
      if ((live[i >>> 5]! & (1 << (i & 31))) === 0) continue;
      for (let block = 0; block < HASH_WORDS; block++) {
        counts[block]![words[offset + block]! >>> 16]!++;
      }
    }
  }
  return counts;
}
