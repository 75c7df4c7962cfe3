// The Web Worker that hashes images off the main thread: start it with `createPdqWorker`.
import { createPdqHasher } from '../core/index.ts';
import { hashImageBlob, type HashProgress } from './hash-blob.ts';
import type { HashRequest, WorkerReply } from './protocol.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<HashRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;
const hasher = createPdqHasher();

scope.onmessage = (event) => {
  const { id, blob, dihedral, maxPixels } = event.data;
  const options = {
    dihedral,
    onProgress: (progress: HashProgress) => scope.postMessage({ type: 'progress', id, progress }),
    ...(maxPixels === undefined ? {} : { maxPixels }),
  };
  hashImageBlob(blob, options, hasher).then(
    (result) => scope.postMessage({ type: 'result', id, result }),
    (error: unknown) =>
      scope.postMessage({
        type: 'result',
        id,
        result: {
          ok: false,
          error: {
            code: 'internal_error',
            message: `hashing failed: ${error instanceof Error ? error.message : String(error)}`,
          },
        },
      }),
  );
};
