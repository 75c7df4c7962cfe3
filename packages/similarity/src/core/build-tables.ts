import { BucketTable, KEY_COUNT } from './bucket-table.ts';
import { HASH_WORDS } from './hash-bits.ts';
import type { HashStore } from './hash-store.ts';

/**
 * Builds the two tables of `block` (keyed by the high and by the low half of word `block`) from
 * the store's live hashes, in bulk, with every run sorted by partner: a radix sort by counting,
 * low half first, then high half, then low half again (each pass stable):
 *
 * 1. count both halves, which sizes every run exactly;
 * 2. write each slot, with its high half, into the low table's layout (ordered by low half);
 * 3. read that in order into the high table: its runs come out sorted by low half;
 * 4. read the high table in order into the low table: its runs come out sorted by high half.
 *
 * Every pass reads sequentially; `order` (one uint32 per column entry of the low table) carries
 * the slots between passes 2 and 3 and is reused for every block.
 */
export function buildBlockTables(
  store: HashStore,
  block: number,
  order: Uint32Array,
): { high: BucketTable; low: BucketTable } {
  const highCounts = new Uint32Array(KEY_COUNT);
  const lowCounts = new Uint32Array(KEY_COUNT);
  for (const { words, live, slots } of store.pages()) {
    for (let i = 0, offset = block; i < slots; i++, offset += HASH_WORDS) {
      if ((live[i >>> 5]! & (1 << (i & 31))) === 0) continue;
      const word = words[offset]!;
      highCounts[word >>> 16]!++;
      lowCounts[word & 0xffff]!++;
    }
  }
  const high = BucketTable.withCounts(highCounts, true);
  const low = BucketTable.withCounts(lowCounts, false);
  const highRuns = high.runs;
  const highPartners = high.partners;
  const highSlots = high.slots!;
  const lowRuns = low.runs;
  const lowPartners = low.partners;

  // 2. By low half, carrying the high half in the low table's partner column.
  for (const { words, live, slots, first } of store.pages()) {
    for (let i = 0, offset = block; i < slots; i++, offset += HASH_WORDS) {
      if ((live[i >>> 5]! & (1 << (i & 31))) === 0) continue;
      const word = words[offset]!;
      const at = (word & 0xffff) * 3;
      const to = lowRuns[at]! + lowRuns[at + 1]!++;
      lowPartners[to] = word >>> 16;
      order[to] = first + i;
    }
  }
  // 3. Into the high table, low halves in increasing order.
  for (let keyLow = 0; keyLow < KEY_COUNT; keyLow++) {
    const start = lowRuns[keyLow * 3]!;
    for (let e = start, end = start + lowRuns[keyLow * 3 + 1]!; e < end; e++) {
      const at = lowPartners[e]! * 3;
      const to = highRuns[at]! + highRuns[at + 1]!++;
      highPartners[to] = keyLow;
      highSlots[to] = order[e]!;
    }
  }
  // 4. Back into the low table, high halves in increasing order.
  for (let key = 0; key < KEY_COUNT; key++) lowRuns[key * 3 + 1] = 0;
  for (let keyHigh = 0; keyHigh < KEY_COUNT; keyHigh++) {
    const start = highRuns[keyHigh * 3]!;
    for (let e = start, end = start + highRuns[keyHigh * 3 + 1]!; e < end; e++) {
      const at = highPartners[e]! * 3;
      lowPartners[lowRuns[at]! + lowRuns[at + 1]!++] = keyHigh;
    }
  }
  return { high, low };
}
