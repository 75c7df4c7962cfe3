import { distanceAt, HASH_BYTES, HASH_WORDS } from './hash-bits.ts';
import { IdTable } from './id-table.ts';
import type { Match } from './similarity-index.ts';

/** Slots per page: a full page holds 2 MiB of hashes and 256 KiB of ids. */
export const PAGE_BITS = 16;
const PAGE_SLOTS = 1 << PAGE_BITS;
export const PAGE_MASK = PAGE_SLOTS - 1;
/** A new index starts with room for this many hashes and doubles up to a full page. */
const FIRST_PAGE_SLOTS = 64;

/**
 * Thrown when an index is built in bulk with an id that appears twice (`loadIndex` turns it into
 * the error result `index_file_duplicate_id`).
 *
 * @example
 * try { buildIndex(rows, ids); } catch (error) { if (error instanceof DuplicateIdError) error.id; }
 */
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
 * instead of the caller's id.
 *
 * Storage is paged (65,536 slots a page) so that growing never copies more than one page, and a
 * bank read from a file is adopted as views over the file's bytes, without a copy.
 *
 * Finding an id's slot: a bank adopted with ascending ids (row numbers, or a file written by an
 * index whose ids were given in order) is searched by bisection over its own id column, which
 * costs no memory and no build time; every id added later goes into an `IdTable`. Slots of removed
 * hashes are reused, except the adopted ones (reusing them would unsort the column): they stay
 * empty until the index is next loaded from a file.
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
  /** Slots below this hold adopted hashes whose ids ascend with the slot. */
  private sortedSlots = 0;
  /** The slots of every other id. */
  private readonly idTable = new IdTable((slot) => this.idAt(slot));

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
    if (ids === null || isAscending(ids)) {
      store.sortedSlots = count;
    } else {
      store.idTable.reserve(count);
      for (let slot = 0; slot < count; slot++) {
        if (!store.idTable.set(slot)) throw new DuplicateIdError(store.idAt(slot));
      }
    }
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
    let low = 0;
    let high = this.sortedSlots;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.idAt(middle) < id) low = middle + 1;
      else high = middle;
    }
    if (low < this.sortedSlots && this.idAt(low) === id && this.isLive(low)) return low;
    return this.idTable.get(id);
  }

  private isLive(slot: number): boolean {
    const offset = slot & PAGE_MASK;
    return (this.livePages[slot >>> PAGE_BITS]![offset >>> 5]! & (1 << (offset & 31))) !== 0;
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
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.slotCount++;
    const page = slot >>> PAGE_BITS;
    const offset = slot & PAGE_MASK;
    this.reserve(page, offset + 1);
    this.hashPages[page]!.set(words, offset * HASH_WORDS);
    this.idPages[page]![offset] = id;
    this.livePages[page]![offset >>> 5]! |= 1 << (offset & 31);
    this.liveCount++;
    this.idTable.set(slot);
    return slot;
  }

  /** Frees a live slot: its id is forgotten and (unless adopted) the slot will be reused. */
  release(slot: number): void {
    const offset = slot & PAGE_MASK;
    this.livePages[slot >>> PAGE_BITS]![offset >>> 5]! &= ~(1 << (offset & 31));
    this.liveCount--;
    if (slot < this.sortedSlots) return;
    this.idTable.delete(slot);
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
}

function isAscending(ids: Uint32Array): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1]! >= ids[i]!) return false;
  return true;
}
