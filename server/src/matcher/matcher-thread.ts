/**
 * The matcher in a thread of its own, so that matching never holds up the event loop.
 *
 * Why: an exact radius-31 search over a million hashes costs tens of microseconds, and one match
 * request may carry 1,000 signals (tens of milliseconds of search). In the main thread that time is
 * taken from every other request: a victim's status page waits behind a platform's batch. In its
 * own thread the search runs beside the HTTP work, on another core where there is one.
 *
 * The thread opens its own connection to the store (an SQLite file in WAL mode or PostgreSQL both
 * serve several readers) and runs the ordinary `Matcher` there: the same snapshot at start, the same
 * tail of the change feed. Requests are answered in the order they were sent, so a `sync()`
 * awaited after a write still means that every later match sees it. An in-memory SQLite database
 * cannot be opened twice: `startServer` keeps the matcher in the main thread for those.
 */
import { Worker } from 'node:worker_threads';
import { DomainError } from '../errors.ts';
import type { BankMatcher, MatcherHit, MatcherOptions, MatcherQuery } from './matcher.ts';

/** What the thread is started with. */
export interface MatcherThreadData {
  readonly location: string;
  readonly pollIntervalMs: number;
}

export type MatcherRequest =
  | { readonly kind: 'match'; readonly id: number; readonly queries: readonly MatcherQuery[] }
  | { readonly kind: 'sync' | 'reload-banks' | 'stop'; readonly id: number };

/** The thread's answer to one request. */
export type MatcherAnswer =
  | { readonly kind: 'done'; readonly id: number; readonly hits?: MatcherHit[][] }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** Every answer carries the matcher's size and cursor, which the main thread reads synchronously. */
export type MatcherReply =
  | (MatcherAnswer & { readonly size: number; readonly cursor: number })
  | { readonly kind: 'tail-error'; readonly message: string };

interface Pending {
  readonly resolve: (hits: MatcherHit[][] | undefined) => void;
  readonly reject: (error: Error) => void;
}

/** How long after an unexpected stop the thread is started again. */
const RESTART_DELAY_MS = 1000;

/**
 * @example
 * const matcher = new MatcherThread('.data/aman.sqlite');
 * await matcher.start();
 * await matcher.match([{ type: 'pdq', hash }]);
 */
export class MatcherThread implements BankMatcher {
  readonly #data: MatcherThreadData;
  readonly #onError: (error: unknown) => void;
  #worker: Worker | undefined;
  /** The thread has loaded its snapshot and answers at once. */
  #ready = false;
  #stopping = false;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #size = 0;
  #cursor = 0;

  constructor(location: string, options: MatcherOptions = {}) {
    this.#data = { location, pollIntervalMs: options.pollIntervalMs ?? 250 };
    this.#onError = options.onError ?? (() => {});
  }

  get size(): number {
    return this.#size;
  }

  get cursor(): number {
    return this.#cursor;
  }

  /** Starts the thread; resolves once it has loaded the snapshot. */
  start(): Promise<void> {
    this.#stopping = false;
    return this.#spawn();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const worker = this.#worker;
    if (worker === undefined) return;
    await this.#send({ kind: 'stop', id: 0 }).catch(() => {});
    await worker.terminate();
  }

  match(queries: readonly MatcherQuery[]): Promise<MatcherHit[][]> {
    return this.#send({ kind: 'match', id: 0, queries }) as Promise<MatcherHit[][]>;
  }

  sync(): Promise<void> {
    return this.#send({ kind: 'sync', id: 0 }).then(() => {});
  }

  reloadBanks(): Promise<void> {
    return this.#send({ kind: 'reload-banks', id: 0 }).then(() => {});
  }

  /**
   * Starts a thread. A thread that fails before it has loaded rejects with its own error; one that
   * stops later (out of memory, a bug) is started again, so the server does not answer 503 for good.
   */
  #spawn(): Promise<void> {
    const worker = new Worker(new URL('./matcher-thread-entry.js', import.meta.url), {
      workerData: this.#data,
    });
    this.#worker = worker;
    let failure: Error | undefined;
    const loaded = this.#expect(0).then(() => {
      this.#ready = true;
    });
    worker.on('message', (reply: MatcherReply) => this.#receive(reply));
    worker.on('error', (error) => {
      failure = error;
      this.#onError(error);
    });
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      const wasReady = this.#ready;
      this.#worker = undefined;
      this.#ready = false;
      this.#pending.get(0)?.reject(failure ?? new Error(`the matcher thread exited (${code})`));
      this.#pending.delete(0);
      this.#failAll(unavailable());
      if (this.#stopping || !wasReady) return;
      this.#onError(new Error(`the matcher thread stopped (exit code ${code}); restarting it`));
      this.#restart();
    });
    return loaded;
  }

  /** Starts the thread again after a delay, and keeps trying while it cannot load. */
  #restart(): void {
    setTimeout(() => {
      if (this.#stopping) return;
      this.#spawn().catch((error: unknown) => {
        this.#onError(error);
        this.#restart();
      });
    }, RESTART_DELAY_MS).unref();
  }

  #send(request: MatcherRequest): Promise<MatcherHit[][] | undefined> {
    if (this.#worker === undefined || !this.#ready) return Promise.reject(unavailable());
    const id = this.#nextId++;
    const reply = this.#expect(id);
    this.#worker.postMessage({ ...request, id });
    return reply;
  }

  #expect(id: number): Promise<MatcherHit[][] | undefined> {
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  #receive(reply: MatcherReply): void {
    if (reply.kind === 'tail-error') return this.#onError(new Error(reply.message));
    this.#size = reply.size;
    this.#cursor = reply.cursor;
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (reply.kind === 'failed') pending.reject(new Error(reply.message));
    else pending.resolve(reply.hits);
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

function unavailable(): DomainError {
  return new DomainError('unavailable', 'matching is restarting; try again in a few seconds', {
    'retry-after': '5',
  });
}
