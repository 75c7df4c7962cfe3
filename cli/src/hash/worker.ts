import { parentPort } from 'node:worker_threads';
import { createPdqHasher } from '@aman/pdq';
import sharp from 'sharp';
import { hashFile } from './hash-file.ts';
import type { WorkerRequest, WorkerResponse } from './pool.ts';

// Each file is decoded once: libvips' operation cache would only hold memory.
sharp.cache(false);
// One hasher per thread: its scratch buffers are reused from file to file.
const hasher = createPdqHasher();

if (parentPort === null) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;
port.on('message', (request: WorkerRequest) => {
  void hashFile(request.path, request.options, hasher).then(
    (record) => port.postMessage({ id: request.id, record } satisfies WorkerResponse),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        record: {
          path: request.path,
          error: {
            code: 'internal_error',
            message: error instanceof Error ? error.message : String(error),
          },
        },
      } satisfies WorkerResponse),
  );
});
