import { Worker } from 'node:worker_threads';
import type { FileRecord, HashFileOptions } from './records.ts';

/** A request to a hashing worker, and its answer. */
export interface WorkerRequest {
  readonly id: number;
  readonly path: string;
  readonly options: HashFileOptions;
}
export interface WorkerResponse {
  readonly id: number;
  readonly record: FileRecord;
}

// Workers run TypeScript through tsx, which each worker registers for itself (worker.mjs).
const workerEntry = new URL('./worker.mjs', import.meta.url);

interface Slot {
  worker: Worker;
  busy: { request: WorkerRequest; resolve: (record: FileRecord) => void } | undefined;
}

/**
 * A fixed set of worker threads hashing one file each at a time. A worker that dies (a native
 * crash, running out of memory) fails only its current file, and is replaced.
 *
 * @example
 * const pool = new HashPool(4);
 * const record = await pool.hash('photo.jpg', { dihedral: false, maxPixels: 100e6 });
 * await pool.close();
 */
export class HashPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<{ request: WorkerRequest; resolve: (r: FileRecord) => void }> = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly size: number) {
    if (!(Number.isInteger(size) && size >= 1)) {
      throw new RangeError(`a pool needs at least one worker, got ${size}`);
    }
  }

  hash(path: string, options: HashFileOptions): Promise<FileRecord> {
    if (this.closed) throw new Error('the pool is closed');
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.nextId++, path, options }, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => candidate.busy === undefined);
      if (slot === undefined) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const job = this.queue.shift()!;
      slot.busy = job;
      slot.worker.postMessage(job.request);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerEntry), busy: undefined };
    slot.worker.on('message', (response: WorkerResponse) => {
      const job = slot.busy;
      if (job === undefined || job.request.id !== response.id) return;
      slot.busy = undefined;
      job.resolve(response.record);
      this.dispatch();
    });
    const replace = (reason: string): void => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      const job = slot.busy;
      slot.busy = undefined;
      if (job !== undefined) {
        job.resolve({
          path: job.request.path,
          error: { code: 'internal_error', message: `the hashing worker failed: ${reason}` },
        });
      }
      if (!this.closed) this.dispatch();
    };
    slot.worker.on('error', (error) => replace(error.message));
    slot.worker.on('exit', (code) => replace(`it exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }
}
