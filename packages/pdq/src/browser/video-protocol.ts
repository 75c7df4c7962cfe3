/** Messages between `hashVideoBlob` (page) and `video-worker.ts`. */
import type { PdqHash } from '../core/hash.ts';
import type { VpdqFrame } from '../video/frame.ts';

export type VideoWorkerRequest =
  | {
      readonly type: 'frame';
      readonly id: number;
      readonly width: number;
      readonly height: number;
      readonly rgba: ArrayBuffer;
    }
  | { readonly type: 'digest'; readonly id: number; readonly blob: Blob }
  /** Decode and hash the whole file in the worker with WebCodecs. */
  | {
      readonly type: 'video';
      readonly id: number;
      readonly blob: Blob;
      readonly secondsPerHash: number;
      /** 0: one frame per instant; else the neighbourhood hashed around each instant. */
      readonly neighbourhoodSeconds: number;
    };

export type VideoWorkerReply =
  | { readonly type: 'frame'; readonly id: number; readonly pdq: PdqHash; readonly quality: number }
  | { readonly type: 'digest'; readonly id: number; readonly md5: string; readonly sha256: string }
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly framesHashed: number;
      readonly decodedSeconds: number;
      readonly durationSeconds: number;
    }
  | {
      readonly type: 'video';
      readonly id: number;
      readonly durationSeconds: number;
      readonly width: number;
      readonly height: number;
      readonly frames: VpdqFrame[];
    }
  | {
      readonly type: 'error';
      readonly id: number;
      /** For 'video' requests: why WebCodecs failed ('unsupported' lets the page fall back). */
      readonly reason?: 'unsupported' | 'too_small' | 'corrupt';
      readonly message: string;
    };
