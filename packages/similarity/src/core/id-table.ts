/** The table is grown before it is fuller than this, so that linear probing stays short. */
const MAX_LOAD = 0.75;
/** Fibonacci hashing: spreads consecutive ids (the usual case) over the whole table. */
const GOLDEN = 0x9e3779b1;

/**
 * An id -> slot map in 4 bytes per cell: a cell holds slot + 1 (0 when empty) and the id is read
 * back from the slot through `idOf`, so ids are not stored twice. Open addressing with linear
 * probing and backward-shift deletion (no tombstones, so lookups never slow down with churn).
 *
 * @example
 * const table = new IdTable((slot) => ids[slot]);
 * table.set(0); // maps ids[0] to slot 0
 * table.get(ids[0]); // 0
 */
export class IdTable {
  private cells = new Uint32Array(16);
  private shift = 32 - 4;
  private count = 0;

  constructor(private readonly idOf: (slot: number) => number) {}

  /** Number of ids mapped. */
  get size(): number {
    return this.count;
  }

  /** The slot mapped to `id`, or -1. */
  get(id: number): number {
    const cells = this.cells;
    const mask = cells.length - 1;
    for (let cell = Math.imul(id, GOLDEN) >>> this.shift; ; cell = (cell + 1) & mask) {
      const entry = cells[cell]!;
      if (entry === 0) return -1;
      if (this.idOf(entry - 1) === id) return entry - 1;
    }
  }

  /** Maps the id of `slot` to `slot`; false (and no change) when that id is mapped already. */
  set(slot: number): boolean {
    if (this.count + 1 > this.cells.length * MAX_LOAD) this.resize(2 * this.cells.length);
    if (!this.place(slot)) return false;
    this.count++;
    return true;
  }

  /** Unmaps `slot`, which must be mapped. */
  delete(slot: number): void {
    const cells = this.cells;
    const mask = cells.length - 1;
    let hole = Math.imul(this.idOf(slot), GOLDEN) >>> this.shift;
    while (cells[hole] !== slot + 1) hole = (hole + 1) & mask;
    cells[hole] = 0;
    for (let cell = (hole + 1) & mask; cells[cell] !== 0; cell = (cell + 1) & mask) {
      const entry = cells[cell]!;
      const home = Math.imul(this.idOf(entry - 1), GOLDEN) >>> this.shift;
      // The entry may move back into the hole unless its home lies cyclically in (hole, cell].
      const stays = hole < cell ? hole < home && home <= cell : hole < home || home <= cell;
      if (!stays) {
        cells[hole] = entry;
        cells[cell] = 0;
        hole = cell;
      }
    }
    this.count--;
  }

  /** Makes room for `count` ids at once (a bulk load), avoiding repeated growth. */
  reserve(count: number): void {
    let size = this.cells.length;
    while (size * MAX_LOAD < count) size *= 2;
    if (size !== this.cells.length) this.resize(size);
  }

  private place(slot: number): boolean {
    const id = this.idOf(slot);
    const cells = this.cells;
    const mask = cells.length - 1;
    for (let cell = Math.imul(id, GOLDEN) >>> this.shift; ; cell = (cell + 1) & mask) {
      const entry = cells[cell]!;
      if (entry === 0) {
        cells[cell] = slot + 1;
        return true;
      }
      if (this.idOf(entry - 1) === id) return false;
    }
  }

  private resize(size: number): void {
    const old = this.cells;
    this.cells = new Uint32Array(size);
    this.shift = 32 - Math.log2(size);
    for (const entry of old) if (entry !== 0) this.place(entry - 1);
  }
}
