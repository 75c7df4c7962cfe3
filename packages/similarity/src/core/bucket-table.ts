/** Keys of a table are 16-bit chunks of a hash. */
export const KEY_BITS = 16;
export const KEY_COUNT = 1 << KEY_BITS;

/** Fields of `BucketTable.runs`, three numbers per key. */
const START = 0;
const LENGTH = 1;
const CAPACITY = 2;
/** What a table's entries hold and whether its runs are ordered. */
export interface TableShape {
  readonly withSlots: boolean;
  readonly sorted: boolean;
}

/** Spare entries every run gets when laid out in bulk: the first adds never move a run. */
export const RUN_SLACK = 2;
/** A full run moves to the end of the columns with an eighth more room (at least 2 entries). */
const grownCapacity = (capacity: number): number => capacity + Math.max(2, capacity >>> 3);

/**
 * One table of the multi-index: for each of the 65,536 keys, the entries of the hashes whose chunk
 * equals the key, stored as one contiguous run so a probe reads a single stretch of memory.
 *
 * An entry is a 16-bit `partner` (the other half of the hash's 32-bit block, which lets a query
 * reject most entries without touching the hash) and, in tables that have them, a `slot` (where
 * the hash lives in the `HashStore`). Runs of a `sorted` table are kept in partner order.
 *
 * Changes never rebuild the table. Runs have spare room; a full run moves to the end of the
 * columns with more room, leaving its old place abandoned. When the end of the columns is reached,
 * they are compacted if a quarter of them is abandoned, and extended by an eighth otherwise: an
 * insert costs O(run length) amortised, and the table stays within about a third of its live size.
 */
export class BucketTable {
  /** Per key: start of its run, its length, its capacity (`runs[3·key + 0|1|2]`). */
  readonly runs = new Uint32Array(KEY_COUNT * 3);
  partners: Uint16Array;
  /** Null in tables whose entries are found through another table. */
  slots: Uint32Array | null;
  /** Whether runs are kept in partner order. */
  readonly sorted: boolean;
  /** Entries before this index are reserved by some run (live, spare or abandoned). */
  private end = 0;
  /** Reserved entries that belong to no run any more. */
  private abandoned = 0;

  constructor(shape: TableShape) {
    this.partners = new Uint16Array(0);
    this.slots = shape.withSlots ? new Uint32Array(0) : null;
    this.sorted = shape.sorted;
  }

  /**
   * A table whose runs have room for `counts[key]` entries each plus RUN_SLACK, laid out in key
   * order, all empty: the bulk builder then writes entries at `runs[3·key] + runs[3·key + 1]++`
   * (in partner order if the table is sorted).
   */
  static withCounts(counts: Uint32Array, shape: TableShape): BucketTable {
    const table = new BucketTable(shape);
    table.layOut((key) => counts[key]! + RUN_SLACK, 0);
    return table;
  }

  /** Number of entries under `key`. */
  lengthOf(key: number): number {
    return this.runs[key * 3 + LENGTH]!;
  }

  /**
   * Adds an entry under `key` (`slot` is ignored by tables without slots). In a sorted table it
   * goes after the entries with a smaller or equal partner: O(run length) for the shift; in an
   * unsorted one it is appended.
   */
  insert(key: number, partner: number, slot: number): void {
    const at = key * 3;
    if (this.runs[at + LENGTH] === this.runs[at + CAPACITY]) this.grow(key);
    const start = this.runs[at + START]!;
    const end = start + this.runs[at + LENGTH]!;
    const index = this.sorted ? this.upperBound(start, end, partner) : end;
    this.partners.copyWithin(index + 1, index, end);
    this.partners[index] = partner;
    if (this.slots !== null) {
      this.slots.copyWithin(index + 1, index, end);
      this.slots[index] = slot;
    }
    this.runs[at + LENGTH]!++;
  }

  /**
   * Removes the entry at column position `index` (inside `key`'s run): a sorted table shifts the
   * rest of the run down, an unsorted one moves its last entry into the gap.
   */
  removeAt(key: number, index: number): void {
    const at = key * 3;
    const last = this.runs[at + START]! + this.runs[at + LENGTH]! - 1;
    if (this.sorted) {
      this.partners.copyWithin(index, index + 1, last + 1);
      this.slots?.copyWithin(index, index + 1, last + 1);
    } else {
      this.partners[index] = this.partners[last]!;
      if (this.slots !== null) this.slots[index] = this.slots[last]!;
    }
    this.runs[at + LENGTH]!--;
  }

  /** Column position of the first entry of `key`'s run whose partner is at least `partner`. */
  lowerBound(key: number, partner: number): number {
    const start = this.runs[key * 3 + START]!;
    let low = start;
    let high = start + this.runs[key * 3 + LENGTH]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.partners[middle]! < partner) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Column position of `key`'s entry with this partner (and slot, if the table has them), or -1. */
  positionOf(key: number, partner: number, slot: number): number {
    const start = this.runs[key * 3 + START]!;
    const end = start + this.runs[key * 3 + LENGTH]!;
    for (let i = this.sorted ? this.lowerBound(key, partner) : start; i < end; i++) {
      if (this.partners[i] !== partner) {
        if (this.sorted) break;
        continue;
      }
      if (this.slots === null || this.slots[i] === slot) return i;
    }
    return -1;
  }

  private upperBound(start: number, end: number, partner: number): number {
    while (start < end) {
      const middle = (start + end) >>> 1;
      if (this.partners[middle]! <= partner) start = middle + 1;
      else end = middle;
    }
    return start;
  }

  /** Moves `key`'s full run to the end of the columns, with more room. */
  private grow(key: number): void {
    const at = key * 3;
    const capacity = grownCapacity(this.runs[at + CAPACITY]!);
    if (this.end + capacity > this.partners.length) {
      if (this.abandoned * 4 >= this.end) {
        // Compaction gives every run RUN_SLACK spare entries: this one has room again.
        this.layOut((other) => this.runs[other * 3 + LENGTH]! + RUN_SLACK, capacity);
        return;
      }
      this.resize(this.end + Math.max(capacity, this.end >>> 3));
    }
    const start = this.runs[at + START]!;
    const length = this.runs[at + LENGTH]!;
    this.partners.copyWithin(this.end, start, start + length);
    this.slots?.copyWithin(this.end, start, start + length);
    this.abandoned += this.runs[at + CAPACITY]!;
    this.runs[at + START] = this.end;
    this.runs[at + CAPACITY] = capacity;
    this.end += capacity;
  }

  /**
   * Rewrites the columns with every run in key order and `capacityOf(key)` room, then `spare`
   * free entries at the end (also how a bulk-built table gets its layout).
   */
  private layOut(capacityOf: (key: number) => number, spare: number): void {
    let total = 0;
    for (let key = 0; key < KEY_COUNT; key++) total += capacityOf(key);
    const partners = new Uint16Array(total + spare);
    const slots = this.slots === null ? null : new Uint32Array(total + spare);
    let start = 0;
    for (let key = 0; key < KEY_COUNT; key++) {
      const at = key * 3;
      const from = this.runs[at + START]!;
      const length = this.runs[at + LENGTH]!;
      if (length > 0) {
        partners.set(this.partners.subarray(from, from + length), start);
        slots?.set(this.slots!.subarray(from, from + length), start);
      }
      this.runs[at + START] = start;
      this.runs[at + CAPACITY] = capacityOf(key);
      start += this.runs[at + CAPACITY]!;
    }
    this.partners = partners;
    this.slots = slots;
    this.end = start;
    this.abandoned = 0;
  }

  /** Extends the columns to `size` entries (a copy: runs keep their positions). */
  private resize(size: number): void {
    const partners = new Uint16Array(size);
    partners.set(this.partners.subarray(0, this.end));
    this.partners = partners;
    if (this.slots !== null) {
      const slots = new Uint32Array(size);
      slots.set(this.slots.subarray(0, this.end));
      this.slots = slots;
    }
  }
}
