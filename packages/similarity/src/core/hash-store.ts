import { distanceAt, HASH_BYTES, HASH_WORDS } from './hash-bits.ts';
import type { Match } from './similarity-index.ts';

/** Slots per page: a full page holds 2 MiB of hashes and 256 KiB of ids. */
export const PAGE_BITS = 16;
const PAGE_SLOTS = 1 << PAGE_BITS;
export const PAGE_MASK = PAGE_SLOTS - 1;
/** A new index starts with room for this many hashes and doubles up to a full page. */
const FIRST_PAGE_SLOTS = 64;
/** The id table is grown before it is fuller than this (linear probing stays short). */
const MAX_LOAD = 0.75;

/** Thrown by `HashStore.adopt` when two rows carry the same id. */
export class DuplicateIdError extends RangeError {
  constructor(readonly id: number) {
    super(`id ${id} appears more than once`);
    this.name = 'DuplicateIdError';
  }
}

/** A batch of live entries: `ids[i]` is the id of the hash at bytes `32·i` to `32·i + 31`. */
export interface EntryBatch {
  readonly ids: Uint32Array;
  readonly hashes: Uint8Array;
}

/** One page of the store (see `HashStore.pages`). */
export interface StorePage {
  /** 8 words per slot. */
  readonly words: Uint32Array;
  /** Bit `i` set when the page's slot `i` is live. */
  readonly live: Uint32Array;
  /** Slots of this page in use (live or free). */
  readonly slots: number;
  /** The slot number of the page's slot 0. */
  readonly first: number;
}

/**
 * The hashes of an index and their ids, kept by slot: a small integer that the index tables store
 * instead of the caller's id. Slots of removed hashes are reused, so memory follows the number of
 * live hashes, not the number ever added.
 *
 * Storage is paged (65,536 slots a page) so that growing never copies more than one page, and a
 * bank read from a file is adopted as views over the file's bytes, without a copy. An open-
 * addressing table maps ids to slots (4 bytes a cell; the id is read back from the slot).
 */
export class HashStore {
  /** Hash words, 8 per slot; page `p` holds slots `p·65536` onwards. */
  readonly hashPages: Uint32Array[] = [];
  /** The caller's id of every slot. */
  readonly idPages: Uint32Array[] = [];
  /** One bit per slot: set while the slot holds a live hash. */
  readonly livePages: Uint32Array[] = [];
  private slotCount = 0;
  private liveCount = 0;
  private freeSlots = new Uint32Array(16);
  private freeCount = 0;
  /**
   * Open addressing, linear probing: slot + 1 of the id hashed there, 0 when empty. Null until
   * first needed when the store was adopted with ascending ids (no id can be repeated then): a
   * bank loaded to answer queries never pays for it (1 s and 64 MB at 10M hashes).
   */
  private cells: Uint32Array | null = new Uint32Array(16);
  private cellShift = 32 - 4;

  /**
   * A store over `hashes` (32 bytes a row) and their `ids` (row numbers when null), keeping both
   * arrays as its own storage: the caller must not modify them afterwards.
   */
  static adopt(hashes: Uint8Array, ids: Uint32Array | null): HashStore {
    const count = hashes.length / HASH_BYTES;
    if (!Number.isInteger(count)) {
      throw new RangeError(`hashes must be 32-byte rows, got ${hashes.length} bytes`);
    }
    if (ids !== null && ids.length !== count) {
      throw new RangeError(`expected ${count} ids for ${count} hashes, got ${ids.length}`);
    }
    const aligned = hashes.byteOffset % 4 === 0 ? hashes : hashes.slice();
    const store = new HashStore();
    for (let first = 0; first < count; first += PAGE_SLOTS) {
      const slots = Math.min(PAGE_SLOTS, count - first);
      store.hashPages.push(
        new Uint32Array(aligned.buffer, aligned.byteOffset + first * HASH_BYTES, slots * 8),
      );
      let pageIds: Uint32Array;
      if (ids === null) {
        pageIds = new Uint32Array(slots);
        for (let i = 0; i < slots; i++) pageIds[i] = first + i;
      } else {
        pageIds = ids.subarray(first, first + slots);
      }
      store.idPages.push(pageIds);
      const live = new Uint32Array((slots + 31) >>> 5).fill(0xffffffff);
      if (slots % 32 !== 0) live[live.length - 1] = (1 << (slots % 32)) - 1;
      store.livePages.push(live);
    }
    store.slotCount = count;
    store.liveCount = count;
    store.cells = null;
    if (ids !== null && !isAscending(ids)) store.mapAllIds();
    return store;
  }

  /** Number of live hashes. */
  get size(): number {
    return this.liveCount;
  }

  /** Slots below this number have been handed out (live or free): scans stop here. */
  get slotLimit(): number {
    return this.slotCount;
  }

  /** The slot holding `id`, or -1. */
  slotOf(id: number): number {
    const cells = this.cells ?? this.mapAllIds();
    const mask = cells.length - 1;
    for (let cell = Math.imul(id, 0x9e3779b1) >>> this.cellShift; ; cell = (cell + 1) & mask) {
      const entry = cells[cell]!;
      if (entry === 0) return -1;
      if (this.idAt(entry - 1) === id) return entry - 1;
    }
  }

  /** The id stored in `slot`. */
  idAt(slot: number): number {
    return this.idPages[slot >>> PAGE_BITS]![slot & PAGE_MASK]!;
  }

  /** Copies the 8 words of the hash in `slot` into `out`. */
  wordsAt(slot: number, out: Uint32Array): Uint32Array {
    const offset = (slot & PAGE_MASK) * HASH_WORDS;
    out.set(this.hashPages[slot >>> PAGE_BITS]!.subarray(offset, offset + HASH_WORDS));
    return out;
  }

  /** Stores a hash (8 words) under an id that is not in the store yet, and returns its slot. */
  insert(id: number, words: Uint32Array): number {
    const cells = this.cells ?? this.mapAllIds();
    if (this.liveCount + 1 > cells.length * MAX_LOAD) this.resizeCells(this.liveCount + 1);
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.slotCount++;
    const page = slot >>> PAGE_BITS;
    const offset = slot & PAGE_MASK;
    this.reserve(page, offset + 1);
    this.hashPages[page]!.set(words, offset * HASH_WORDS);
    this.idPages[page]![offset] = id;
    this.livePages[page]![offset >>> 5]! |= 1 << (offset & 31);
    this.liveCount++;
    this.mapId(slot);
    return slot;
  }

  /** Frees a live slot: its id is forgotten and the slot will be reused. */
  release(slot: number): void {
    this.unmapId(slot);
    const offset = slot & PAGE_MASK;
    this.livePages[slot >>> PAGE_BITS]![offset >>> 5]! &= ~(1 << (offset & 31));
    this.liveCount--;
    if (this.freeCount === this.freeSlots.length) {
      const grown = new Uint32Array(this.freeSlots.length * 2);
      grown.set(this.freeSlots);
      this.freeSlots = grown;
    }
    this.freeSlots[this.freeCount++] = slot;
  }

  /**
   * Appends to `matches` every live hash within `maxDistance` of the query words, by reading every
   * stored hash in order: the reference answer, and the fastest one for small or very wide queries.
   */
  scan(query: Uint32Array, maxDistance: number, matches: Match[]): void {
    const q0 = query[0]!,
      q1 = query[1]!,
      q2 = query[2]!,
      q3 = query[3]!;
    const q4 = query[4]!,
      q5 = query[5]!,
      q6 = query[6]!,
      q7 = query[7]!;
    for (let page = 0; page < this.hashPages.length; page++) {
      const words = this.hashPages[page]!;
      const ids = this.idPages[page]!;
      const live = this.livePages[page]!;
      const slots = Math.min(PAGE_SLOTS, this.slotCount - page * PAGE_SLOTS);
      for (let slot = 0, offset = 0; slot < slots; slot++, offset += HASH_WORDS) {
        const distance = distanceAt(words, offset, q0, q1, q2, q3, q4, q5, q6, q7);
        if (distance <= maxDistance && (live[slot >>> 5]! & (1 << (slot & 31))) !== 0) {
          matches.push({ id: ids[slot]!, distance });
        }
      }
    }
  }

  /** The pages in slot order: hash words, live bits, slots used, and the page's first slot. */
  *pages(): Generator<StorePage> {
    for (let page = 0; page < this.hashPages.length; page++) {
      yield {
        words: this.hashPages[page]!,
        live: this.livePages[page]!,
        slots: Math.min(PAGE_SLOTS, this.slotCount - page * PAGE_SLOTS),
        first: page * PAGE_SLOTS,
      };
    }
  }

  /** The live entries, a page at a time; pages without holes are views, not copies. */
  *batches(): Generator<EntryBatch> {
    for (let page = 0; page < this.hashPages.length; page++) {
      const slots = Math.min(PAGE_SLOTS, this.slotCount - page * PAGE_SLOTS);
      const words = this.hashPages[page]!;
      const ids = this.idPages[page]!;
      const live = this.livePages[page]!;
      let liveSlots = 0;
      for (let slot = 0; slot < slots; slot++) liveSlots += (live[slot >>> 5]! >>> (slot & 31)) & 1;
      if (liveSlots === slots) {
        yield {
          ids: ids.subarray(0, slots),
          hashes: new Uint8Array(words.buffer, words.byteOffset, slots * HASH_BYTES),
        };
        continue;
      }
      const batchIds = new Uint32Array(liveSlots);
      const batchWords = new Uint32Array(liveSlots * HASH_WORDS);
      for (let slot = 0, next = 0; slot < slots; slot++) {
        if (((live[slot >>> 5]! >>> (slot & 31)) & 1) === 0) continue;
        batchIds[next] = ids[slot]!;
        batchWords.set(words.subarray(slot * HASH_WORDS, (slot + 1) * HASH_WORDS), next * 8);
        next++;
      }
      yield { ids: batchIds, hashes: new Uint8Array(batchWords.buffer) };
    }
  }

  /** Makes page `page` exist and hold at least `slots` slots. */
  private reserve(page: number, slots: number): void {
    if (page === this.hashPages.length) {
      this.hashPages.push(new Uint32Array(0));
      this.idPages.push(new Uint32Array(0));
      this.livePages.push(new Uint32Array(0));
    }
    const capacity = this.idPages[page]!.length;
    if (slots <= capacity) return;
    const grown =
      page > 0 ? PAGE_SLOTS : Math.min(PAGE_SLOTS, Math.max(slots, capacity * 2, FIRST_PAGE_SLOTS));
    const words = new Uint32Array(grown * HASH_WORDS);
    words.set(this.hashPages[page]!);
    const ids = new Uint32Array(grown);
    ids.set(this.idPages[page]!);
    const live = new Uint32Array((grown + 31) >>> 5);
    live.set(this.livePages[page]!);
    this.hashPages[page] = words;
    this.idPages[page] = ids;
    this.livePages[page] = live;
  }

  /** Adds `slot` to the id table; false (and no change) when its id is already there. */
  private mapId(slot: number): boolean {
    const id = this.idAt(slot);
    const cells = this.cells!;
    const mask = cells.length - 1;
    for (let cell = Math.imul(id, 0x9e3779b1) >>> this.cellShift; ; cell = (cell + 1) & mask) {
      const entry = cells[cell]!;
      if (entry === 0) {
        cells[cell] = slot + 1;
        return true;
      }
      if (this.idAt(entry - 1) === id) return false;
    }
  }

  /** Removes `slot` from the id table, shifting later entries back (no tombstones). */
  private unmapId(slot: number): void {
    const cells = this.cells ?? this.mapAllIds();
    const mask = cells.length - 1;
    let hole = Math.imul(this.idAt(slot), 0x9e3779b1) >>> this.cellShift;
    while (cells[hole] !== slot + 1) hole = (hole + 1) & mask;
    cells[hole] = 0;
    for (let cell = (hole + 1) & mask; cells[cell] !== 0; cell = (cell + 1) & mask) {
      const entry = cells[cell]!;
      const home = Math.imul(this.idAt(entry - 1), 0x9e3779b1) >>> this.cellShift;
      // The entry may move back into the hole unless its home lies cyclically in (hole, cell].
      const stays = hole < cell ? hole < home && home <= cell : hole < home || home <= cell;
      if (!stays) {
        cells[hole] = entry;
        cells[cell] = 0;
        hole = cell;
      }
    }
  }

  /** Rebuilds the id table with room for `count` ids. */
  private resizeCells(count: number): void {
    const old = this.cells!;
    this.allocateCells(count);
    for (const entry of old) if (entry !== 0) this.mapId(entry - 1);
  }

  /** Builds the id table from every live slot; throws DuplicateIdError on a repeated id. */
  private mapAllIds(): Uint32Array {
    this.allocateCells(this.liveCount + 1);
    for (const { live, slots, first } of this.pages()) {
      for (let i = 0; i < slots; i++) {
        if ((live[i >>> 5]! & (1 << (i & 31))) === 0) continue;
        if (!this.mapId(first + i)) throw new DuplicateIdError(this.idAt(first + i));
      }
    }
    return this.cells!;
  }

  private allocateCells(count: number): void {
    let bits = 4;
    while (2 ** bits * MAX_LOAD < count) bits++;
    this.cells = new Uint32Array(2 ** bits);
    this.cellShift = 32 - bits;
  }
}

function isAscending(ids: Uint32Array): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1]! >= ids[i]!) return false;
  return true;
}
