/**
 * The matcher: every active signal in memory, kept current by tailing the change feed.
 *
 * It loads one consistent snapshot at start, then applies changes after that snapshot's cursor:
 * right after a write in this process (the service calls `sync()` before answering, so a withdrawn
 * hash stops matching before the withdrawal is acknowledged), and every `pollIntervalMs` so that
 * writes by another process on the same database (a replica, `aman platform add`, a second server)
 * take effect within that interval. Nothing ever rebuilds the whole index to pick up a change.
 */
import {
  matchVpdq,
  parseVpdqCompact,
  prepareVpdq,
  type PreparedVpdq,
  type VpdqFeature,
} from '@aman/pdq';
import { buildIndex, createIndex, type SimilarityIndex } from '@aman/similarity';
import type { SignalType } from '@aman/api';
import type { ActiveSignal, BankRecord, ChangeRecord, Store } from '../repositories/store.ts';

/** A signal a platform asks about, with its value already canonical. */
export type MatcherQuery =
  | { readonly type: 'pdq'; readonly hash: string }
  | { readonly type: 'md5' | 'sha256'; readonly hash: string }
  | { readonly type: 'vpdq'; readonly frames: readonly VpdqFeature[] };

export interface MatcherHit {
  readonly id: number;
  readonly distance: number;
  readonly bank: BankRecord;
  readonly queryMatchPercent?: number;
  readonly comparedMatchPercent?: number;
}

/** The most matches returned per signal, closest first: more would bury a reviewer. */
export const MAX_MATCHES_PER_SIGNAL = 100;

const CHANGES_PAGE = 5000;
const BANK_RELOAD_EVERY = 20;

interface VpdqEntry {
  readonly bankId: number;
  readonly prepared: PreparedVpdq;
  readonly frameIds: readonly number[];
}

/**
 * What the services need of a matcher: the in-process `Matcher` below, or `MatcherThread`, which
 * runs one in a thread of its own.
 */
export interface BankMatcher {
  /** Active signals held. */
  readonly size: number;
  /** The seq of the last change applied. */
  readonly cursor: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Applies every change committed before this call. */
  sync(): Promise<void>;
  reloadBanks(): Promise<void>;
  /** Per query, its hits, closest first. */
  match(queries: readonly MatcherQuery[]): MatcherHit[][] | Promise<MatcherHit[][]>;
}

export interface MatcherOptions {
  /** How often to read the change feed for other processes' writes (default 250 ms). */
  readonly pollIntervalMs?: number;
  /** Told about failures of the background tail (the next tick retries). */
  readonly onError?: (error: unknown) => void;
}

/**
 * @example
 * const matcher = new Matcher(store);
 * await matcher.start();
 * matcher.match([{ type: 'pdq', hash }]); // [[{ id: 12, distance: 4, bank: { name: 'protect', … } }]]
 */
export class Matcher implements BankMatcher {
  readonly #store: Pick<Store, 'listBanks' | 'readChanges' | 'snapshotActiveSignals'>;
  readonly #pollIntervalMs: number;
  readonly #onError: (error: unknown) => void;

  #pdq: SimilarityIndex = createIndex('multi-index');
  /** Bank of every indexed PDQ signal. */
  readonly #pdqBank = new Map<number, number>();
  /** md5/sha256 value → signal ids. */
  readonly #exact = new Map<string, Map<number, number>>();
  /** Signals in `#exact`, counted as they come and go (the size is read after every match). */
  #exactCount = 0;
  readonly #frames: SimilarityIndex = createIndex('multi-index');
  readonly #frameOwner = new Map<number, number>();
  readonly #vpdq = new Map<number, VpdqEntry>();
  #nextFrameId = 1;

  #banks = new Map<number, BankRecord>();
  #maxPdqThreshold = 0;
  #maxVpdqThreshold = 0;
  #cursor = 0;
  #timer: NodeJS.Timeout | undefined;
  #ticks = 0;
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;

  constructor(
    store: Pick<Store, 'listBanks' | 'readChanges' | 'snapshotActiveSignals'>,
    options: MatcherOptions = {},
  ) {
    this.#store = store;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#onError = options.onError ?? (() => {});
  }

  /** Active signals held. */
  get size(): number {
    return this.#pdq.size + this.#vpdq.size + this.#exactCount;
  }

  /** The seq of the last change applied. */
  get cursor(): number {
    return this.#cursor;
  }

  /** Loads the banks and a snapshot of active signals, then starts tailing the feed. */
  async start(): Promise<void> {
    await this.reloadBanks();
    // PDQ hashes (nearly all of a bank) are gathered and indexed in bulk, which is much faster
    // than adding them one by one; the other types go in as they come.
    const pdq = new PackedHashes();
    this.#cursor = await this.#store.snapshotActiveSignals((signal) => {
      if (signal.type !== 'pdq') return this.#add(signal);
      pdq.push(signal.id, signal.value);
      this.#pdqBank.set(signal.id, signal.bankId);
    });
    this.#pdq = buildIndex(pdq.hashes(), pdq.ids(), 'multi-index');
    if (this.#pollIntervalMs > 0) {
      this.#timer = setInterval(() => this.#tick(), this.#pollIntervalMs);
      this.#timer.unref();
    }
  }

  /** Stops tailing and waits for a read in flight. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#queued?.catch(() => {});
    await this.#running?.catch(() => {});
  }

  /**
   * Applies every change committed before this call. Concurrent callers share reads, but a caller
   * never gets a read that started before it asked (it might miss the caller's own write).
   */
  sync(): Promise<void> {
    if (this.#running === undefined) {
      this.#running = this.#drain().finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    this.#queued ??= this.#running
      .catch(() => {})
      .then(() => {
        this.#queued = undefined;
        return this.sync();
      });
    return this.#queued;
  }

  /** Re-reads bank purposes and thresholds (after a change here, and periodically). */
  async reloadBanks(): Promise<void> {
    const banks = await this.#store.listBanks();
    this.#banks = new Map(banks.map((bank) => [bank.id, bank]));
    this.#maxPdqThreshold = Math.max(0, ...banks.map((bank) => bank.thresholds.pdq));
    this.#maxVpdqThreshold = Math.max(0, ...banks.map((bank) => bank.thresholds.vpdq));
  }

  /**
   * Matches each query against every bank, within each bank's threshold. A query that matches the
   * allow bank (a known false positive) gets no matches at all.
   */
  match(queries: readonly MatcherQuery[]): MatcherHit[][] {
    return queries.map((query) => {
      const hits = this.#hits(query);
      if (hits.some((hit) => hit.bank.purpose === 'allow')) return [];
      return hits
        .sort((a, b) => a.distance - b.distance || a.id - b.id)
        .slice(0, MAX_MATCHES_PER_SIGNAL);
    });
  }

  #hits(query: MatcherQuery): MatcherHit[] {
    switch (query.type) {
      case 'pdq':
        return this.#pdq
          .query(hexBytes(query.hash), this.#maxPdqThreshold)
          .flatMap(({ id, distance }) => {
            const bank = this.#banks.get(this.#pdqBank.get(id) ?? -1);
            return bank !== undefined && distance <= bank.thresholds.pdq
              ? [{ id, distance, bank }]
              : [];
          });
      case 'md5':
      case 'sha256':
        return [...(this.#exact.get(`${query.type}:${query.hash}`) ?? [])].flatMap(
          ([id, bankId]) => {
            const bank = this.#banks.get(bankId);
            return bank === undefined ? [] : [{ id, distance: 0, bank }];
          },
        );
      case 'vpdq':
        return this.#vpdqHits(query.frames);
    }
  }

  /**
   * vPDQ: the frame index finds every banked video sharing at least one frame with the query
   * (a video sharing none cannot reach the 80 % the verdict needs); @aman/pdq's `matchVpdq` then
   * gives the verdict exactly as upstream computes it, with the bank's frame threshold.
   */
  #vpdqHits(frames: readonly VpdqFeature[]): MatcherHit[] {
    const query = prepareVpdq(frames);
    // signal id → query frame index → its smallest distance to that video's frames
    const closest = new Map<number, Map<number, number>>();
    for (let i = 0; i < query.length; i++) {
      const hash = wordsToBytes(query.words, i);
      for (const { id: frameId, distance } of this.#frames.query(hash, this.#maxVpdqThreshold)) {
        const signalId = this.#frameOwner.get(frameId);
        const entry = signalId === undefined ? undefined : this.#vpdq.get(signalId);
        const bank = entry === undefined ? undefined : this.#banks.get(entry.bankId);
        if (signalId === undefined || bank === undefined || distance > bank.thresholds.vpdq)
          continue;
        let perFrame = closest.get(signalId);
        if (perFrame === undefined) closest.set(signalId, (perFrame = new Map<number, number>()));
        perFrame.set(i, Math.min(distance, perFrame.get(i) ?? distance));
      }
    }
    const hits: MatcherHit[] = [];
    for (const [id, perFrame] of closest) {
      const entry = this.#vpdq.get(id)!;
      const bank = this.#banks.get(entry.bankId)!;
      const verdict = matchVpdq(query, entry.prepared, { distanceThreshold: bank.thresholds.vpdq });
      if (!verdict.match) continue;
      hits.push({
        id,
        distance: Math.max(...perFrame.values()),
        bank,
        queryMatchPercent: round2(verdict.queryPercent),
        comparedMatchPercent: round2(verdict.comparedPercent),
      });
    }
    return hits;
  }

  #tick(): void {
    this.#ticks++;
    const work =
      this.#ticks % BANK_RELOAD_EVERY === 0
        ? Promise.all([this.sync(), this.reloadBanks()])
        : this.sync();
    work.catch(this.#onError);
  }

  async #drain(): Promise<void> {
    for (;;) {
      const changes = await this.#store.readChanges(this.#cursor, CHANGES_PAGE);
      for (const change of changes) this.#apply(change);
      if (changes.length < CHANGES_PAGE) return;
    }
  }

  #apply(change: ChangeRecord): void {
    if (change.seq <= this.#cursor) return;
    if (change.op === 'add') {
      this.#add({
        id: change.signalId,
        bankId: change.bankId,
        type: change.type,
        value: change.value,
      });
    } else {
      this.#remove(change.signalId, change.type, change.value);
    }
    this.#cursor = change.seq;
  }

  #add(signal: ActiveSignal): void {
    switch (signal.type) {
      case 'pdq':
        this.#pdq.add(signal.id, hexBytes(signal.value));
        this.#pdqBank.set(signal.id, signal.bankId);
        return;
      case 'md5':
      case 'sha256': {
        const key = `${signal.type}:${signal.value}`;
        let ids = this.#exact.get(key);
        if (ids === undefined) this.#exact.set(key, (ids = new Map<number, number>()));
        if (!ids.has(signal.id)) this.#exactCount++;
        ids.set(signal.id, signal.bankId);
        return;
      }
      case 'vpdq': {
        this.#remove(signal.id, 'vpdq', signal.value);
        const parsed = parseVpdqCompact(signal.value);
        if (!parsed.ok)
          throw new Error(`stored vPDQ signal ${signal.id} is corrupt: ${parsed.error.message}`);
        const prepared = prepareVpdq(parsed.value);
        const frameIds: number[] = [];
        for (let i = 0; i < prepared.length; i++) {
          const frameId = this.#nextFrameId++;
          this.#frames.add(frameId, wordsToBytes(prepared.words, i));
          this.#frameOwner.set(frameId, signal.id);
          frameIds.push(frameId);
        }
        this.#vpdq.set(signal.id, { bankId: signal.bankId, prepared, frameIds });
        return;
      }
    }
  }

  #remove(id: number, type: SignalType, value: string): void {
    switch (type) {
      case 'pdq':
        this.#pdq.remove(id);
        this.#pdqBank.delete(id);
        return;
      case 'md5':
      case 'sha256': {
        const key = `${type}:${value}`;
        const ids = this.#exact.get(key);
        if (ids?.delete(id) === true) this.#exactCount--;
        if (ids?.size === 0) this.#exact.delete(key);
        return;
      }
      case 'vpdq': {
        const entry = this.#vpdq.get(id);
        if (entry === undefined) return;
        for (const frameId of entry.frameIds) {
          this.#frames.remove(frameId);
          this.#frameOwner.delete(frameId);
        }
        this.#vpdq.delete(id);
        return;
      }
    }
  }
}

/**
 * A 64-digit hex hash (already validated) as 32 bytes. Node's hex decoder: at a million hashes
 * loaded at start, it is several times faster than decoding in JavaScript.
 */
function hexBytes(hex: string): Uint8Array {
  return Buffer.from(hex, 'hex');
}

/** Ids and 32-byte hashes in growable typed arrays, for `buildIndex`. */
class PackedHashes {
  #ids = new Uint32Array(1024);
  #hashes = Buffer.alloc(1024 * 32);
  #length = 0;

  /** Appends `hex` (64 hex digits) under `id`. */
  push(id: number, hex: string): void {
    if (this.#length === this.#ids.length) {
      const ids = new Uint32Array(this.#ids.length * 2);
      ids.set(this.#ids);
      this.#ids = ids;
      const hashes = Buffer.alloc(this.#hashes.length * 2);
      this.#hashes.copy(hashes);
      this.#hashes = hashes;
    }
    this.#ids[this.#length] = id;
    this.#hashes.write(hex, this.#length * 32, 32, 'hex');
    this.#length++;
  }

  ids(): Uint32Array {
    return this.#ids.subarray(0, this.#length);
  }

  hashes(): Uint8Array {
    return this.#hashes.subarray(0, this.#length * 32);
  }
}

/** The `index`-th hash of a packed word array (8 big-endian words per hash) as 32 bytes. */
function wordsToBytes(words: Uint32Array, index: number): Uint8Array {
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  for (let w = 0; w < 8; w++) view.setUint32(w * 4, words[index * 8 + w]!);
  return bytes;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
