import { DEFAULT_MAX_PIXELS } from '../core/index.ts';
import type { BrowserResult } from './decode.ts';
import type { BlobImageHashes, HashProgress } from './hash-blob.ts';
import type { HashRequest, WorkerReply } from './protocol.ts';

export interface WorkerHashOptions {
  /** Also the 8 dihedral hashes. */
  readonly dihedral?: boolean;
  /** Refuse larger images before decoding them (default 100 megapixels). */
  readonly maxPixels?: number;
  readonly onProgress?: (progress: HashProgress) => void;
  /** Aborting cancels the request: a running decode is stopped by replacing the worker. */
  readonly signal?: AbortSignal;
}

/** Hashes images in a Web Worker, one at a time, in the order asked. */
export interface PdqWorker {
  hash(blob: Blob, options?: WorkerHashOptions): Promise<BrowserResult<BlobImageHashes>>;
  /** Stops the worker; pending requests resolve as `aborted`. */
  close(): void;
}

interface Job {
  readonly request: HashRequest;
  readonly options: WorkerHashOptions;
  readonly resolve: (result: BrowserResult<BlobImageHashes>) => void;
}

const aborted = (message: string): BrowserResult<never> => ({
  ok: false,
  error: { code: 'aborted', message },
});

/**
 * Starts the hashing worker. Pass a function that creates it, so that the application's bundler
 * builds the worker script (`@aman/pdq/browser/worker`); with Vite:
 *
 * @example
 * import PdqWorker from '@aman/pdq/browser/worker?worker';
 * const pdq = createPdqWorker(() => new PdqWorker());
 * const controller = new AbortController();
 * const result = await pdq.hash(file, { onProgress: (p) => show(p.fraction), signal: controller.signal });
 * if (result.ok) send({ pdq: result.value.pdq, quality: result.value.quality }); // only hashes leave
 */
export function createPdqWorker(startWorker: () => Worker): PdqWorker {
  let worker: Worker | undefined;
  let running: Job | undefined;
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  const start = (): Worker => {
    const started = startWorker();
    started.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (running === undefined || reply.id !== running.request.id) return;
      if (reply.type === 'progress') {
        running.options.onProgress?.(reply.progress);
        return;
      }
      const job = running;
      running = undefined;
      job.resolve(reply.result);
      pump();
    };
    started.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const job = running;
      running = undefined;
      stop();
      job?.resolve({
        ok: false,
        error: { code: 'internal_error', message: `the hashing worker failed: ${event.message}` },
      });
      pump();
    };
    return started;
  };

  const stop = (): void => {
    worker?.terminate();
    worker = undefined;
  };

  const pump = (): void => {
    if (running !== undefined || closed) return;
    const job = queue.shift();
    if (job === undefined) return;
    running = job;
    worker ??= start();
    worker.postMessage(job.request);
  };

  return {
    hash(blob, options = {}) {
      return new Promise((resolve) => {
        if (closed) return resolve(aborted('the hashing worker is closed'));
        if (options.signal?.aborted === true) return resolve(aborted('cancelled'));
        const job: Job = {
          request: {
            type: 'hash',
            id: nextId++,
            blob,
            dihedral: options.dihedral === true,
            maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
          },
          options,
          resolve,
        };
        options.signal?.addEventListener(
          'abort',
          () => {
            if (running === job) {
              // Decoding cannot be interrupted from outside: replace the worker.
              running = undefined;
              stop();
              resolve(aborted('cancelled'));
              pump();
            } else {
              const index = queue.indexOf(job);
              if (index >= 0) {
                queue.splice(index, 1);
                resolve(aborted('cancelled'));
              }
            }
          },
          { once: true },
        );
        queue.push(job);
        pump();
      });
    },
    close() {
      closed = true;
      stop();
      running?.resolve(aborted('the hashing worker was closed'));
      running = undefined;
      for (const job of queue.splice(0)) job.resolve(aborted('the hashing worker was closed'));
    },
  };
}
