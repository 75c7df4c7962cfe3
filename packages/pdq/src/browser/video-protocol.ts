/** Messages between `hashVideoBlob` (page) and `video-worker.ts`. */
import type { PdqHash } from '../core/hash.ts';

export type VideoWorkerRequest =
  | {
      readonly type: 'frame';
      readonly id: number;
      readonly width: number;
      readonly height: number;
      readonly rgba: ArrayBuffer;
    }
  | { readonly type: 'digest'; readonly id: number; readonly blob: Blob };

export type VideoWorkerReply =
  | { readonly type: 'frame'; readonly id: number; readonly pdq: PdqHash; readonly quality: number }
  | { readonly type: 'digest'; readonly id: number; readonly md5: string; readonly sha256: string }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
