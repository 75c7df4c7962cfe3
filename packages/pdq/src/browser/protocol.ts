import type { BrowserResult } from './decode.ts';
import type { BlobImageHashes, HashProgress } from './hash-blob.ts';

/** Messages between `createPdqWorker` (main thread) and `worker.ts`. */
export interface HashRequest {
  readonly type: 'hash';
  readonly id: number;
  readonly blob: Blob;
  readonly dihedral: boolean;
  readonly maxPixels: number | undefined;
}

export type WorkerReply =
  | { readonly type: 'progress'; readonly id: number; readonly progress: HashProgress }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly result: BrowserResult<BlobImageHashes>;
    };
