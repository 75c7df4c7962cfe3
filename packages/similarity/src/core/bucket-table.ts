/** Keys of a table are 16-bit chunks of a hash. */
export const KEY_BITS = 16;
export const KEY_COUNT = 1 << KEY_BITS;

/** Fields of `BucketTable.runs`, three numbers per key. */
const START = 0;
const LENGTH = 1;
const CAPACITY = 2;
/** A run that outgrows its room moves to the end of the columns with this much more room. */
const growCapacity = (capacity: number): number => capacity + (capacity >>> 1) + 4;
/** Room each run gets when the columns are compacted: appends rarely move a run again. */
const compactCapacity = (length: number): number => length + (length >>> 3) + 1;

/**
 * One table of the multi-index: for each of the 65,536 keys, the entries of the hashes whose chunk
 * equals the key, stored as one contiguous run so a probe reads a single stretch of memory.
 *
 * An entry is a 16-bit `partner` (the other half of the hash's 32-bit block, which lets a query
 * reject most entries without touching the hash) and, in tables that have them, a `slot` (where
 * the hash lives in the `HashStore`). Runs keep spare room; a run that fills up moves to the end of
 * the columns, and the abandoned space is reclaimed by compacting once it exceeds a quarter of the
 * columns, so an append costs O(1) amortised and no operation ever rebuilds the index.
 */
export class BucketTable {
  /** Per key: start of its run, its length, its capacity (`runs[3·key + 0|1|2]`). */
  readonly runs = new Uint32Array(KEY_COUNT * 3);
  partners: Uint16Array;
  /** Null in tables whose entries are found through another table. */
  slots: Uint32Array | null;
  /** Entries before this index are reserved by some run (live, spare or abandoned). */
  private end = 0;
  /** Reserved entries that belong to no run any more. */
  private abandoned = 0;

  constructor(withSlots: boolean) {
    this.partners = new Uint16Array(0);
    this.slots = withSlots ? new Uint32Array(0) : null;
  }

  /**
   * A table whose runs have exactly `counts[key]` entries of room each, laid out in key order,
   * all empty: the bulk builder then writes entries at `runs[3·key] + runs[3·key + 1]++`.
   */
  static withCounts(counts: Uint32Array, withSlots: boolean): BucketTable {
    const table = new BucketTable(withSlots);
    let start = 0;
    for (let key = 0; key < KEY_COUNT; key++) {
      table.runs[key * 3 + START] = start;
      table.runs[key * 3 + CAPACITY] = counts[key]!;
      start += counts[key]!;
    }
    table.partners = new Uint16Array(start);
    if (withSlots) table.slots = new Uint32Array(start);
    table.end = start;
    return table;
  }

  /** Number of entries under `key`. */
  lengthOf(key: number): number {
    return this.runs[key * 3 + LENGTH]!;
  }

  /** Adds an entry under `key` (`slot` is ignored by tables without slots). */
  append(key: number, partner: number, slot: number): void {
    const at = key * 3;
    if (this.runs[at + LENGTH] === this.runs[at + CAPACITY]) this.grow(key);
    const index = this.runs[at + START]! + this.runs[at + LENGTH]!++;
    this.partners[index] = partner;
    if (this.slots !== null) this.slots[index] = slot;
  }

  /** Removes the `index`-th entry of `key`'s run, moving the run's last entry into its place. */
  removeAt(key: number, index: number): void {
    const at = key * 3;
    const start = this.runs[at + START]!;
    const last = start + --this.runs[at + LENGTH]!;
    this.partners[start + index] = this.partners[last]!;
    if (this.slots !== null) this.slots[start + index] = this.slots[last]!;
  }

  /** Position within `key`'s run of the entry for `slot`, or -1. */
  indexOfSlot(key: number, slot: number): number {
    const start = this.runs[key * 3 + START]!;
    const length = this.runs[key * 3 + LENGTH]!;
    for (let i = 0; i < length; i++) if (this.slots![start + i] === slot) return i;
    return -1;
  }

  /** Position within `key`'s run of an entry with this partner, or -1. */
  indexOfPartner(key: number, partner: number): number {
    const start = this.runs[key * 3 + START]!;
    const length = this.runs[key * 3 + LENGTH]!;
    for (let i = 0; i < length; i++) if (this.partners[start + i] === partner) return i;
    return -1;
  }

  /** Gives `key`'s full run more room at the end of the columns. */
  private grow(key: number): void {
    const at = key * 3;
    const capacity = growCapacity(this.runs[at + CAPACITY]!);
    if (this.end + capacity > this.partners.length) this.makeRoom(capacity);
    // Compaction may have moved the run, or given it room already.
    if (this.runs[at + LENGTH]! < this.runs[at + CAPACITY]!) return;
    const start = this.runs[at + START]!;
    const length = this.runs[at + LENGTH]!;
    this.partners.copyWithin(this.end, start, start + length);
    if (this.slots !== null) this.slots.copyWithin(this.end, start, start + length);
    this.abandoned += this.runs[at + CAPACITY]!;
    this.runs[at + START] = this.end;
    this.runs[at + CAPACITY] = capacity;
    this.end += capacity;
  }

  /** Ensures `needed` free entries after `end`: compacts when a quarter is abandoned, else grows. */
  private makeRoom(needed: number): void {
    if (this.abandoned * 4 >= this.end) {
      this.compact(needed);
    } else {
      this.resize(Math.max(this.end + needed, Math.ceil(this.partners.length * 1.5)));
    }
  }

  /** Rewrites every run in key order with `compactCapacity` room, leaving `needed` free after. */
  private compact(needed: number): void {
    let total = 0;
    for (let key = 0; key < KEY_COUNT; key++)
      total += compactCapacity(this.runs[key * 3 + LENGTH]!);
    const size = total + needed + (total >>> 3);
    const partners = new Uint16Array(size);
    const slots = this.slots === null ? null : new Uint32Array(size);
    let start = 0;
    for (let key = 0; key < KEY_COUNT; key++) {
      const at = key * 3;
      const from = this.runs[at + START]!;
      const length = this.runs[at + LENGTH]!;
      partners.set(this.partners.subarray(from, from + length), start);
      slots?.set(this.slots!.subarray(from, from + length), start);
      this.runs[at + START] = start;
      this.runs[at + CAPACITY] = compactCapacity(length);
      start += compactCapacity(length);
    }
    this.partners = partners;
    this.slots = slots;
    this.end = start;
    this.abandoned = 0;
  }

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
