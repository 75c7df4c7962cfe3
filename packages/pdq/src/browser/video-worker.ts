/**
 * The video hashing worker: decodes and hashes whole files with WebCodecs, or hashes frames the
 * page grabbed from a `<video>`, and digests the file (MD5, SHA-256), all off the page's thread.
 * Start it with `new Worker(new URL('@aman/pdq/browser/video-worker', import.meta.url),
 * { type: 'module' })` and pass that to `hashVideoBlob({ createWorker })`.
 */
import { createPdqHasher } from '../core/pdq.ts';
import { digestBlob } from './video-digest.ts';
import type { VideoWorkerReply, VideoWorkerRequest } from './video-protocol.ts';
import { hashWithWebCodecs, WebCodecsFailure } from './video-webcodecs.ts';

const hasher = createPdqHasher();
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<VideoWorkerRequest>) => void) | null;
  postMessage(message: VideoWorkerReply): void;
};

const failed = (id: number, error: unknown): VideoWorkerReply => ({
  type: 'error',
  id,
  ...(error instanceof WebCodecsFailure ? { reason: error.reason } : {}),
  message: error instanceof Error ? error.message : String(error),
});

scope.onmessage = (event) => {
  const request = event.data;
  switch (request.type) {
    case 'frame':
      try {
        const { hash, quality } = hasher.compute({
          width: request.width,
          height: request.height,
          channels: 4,
          data: new Uint8Array(request.rgba),
        });
        scope.postMessage({ type: 'frame', id: request.id, pdq: hash, quality });
      } catch (error) {
        scope.postMessage(failed(request.id, error));
      }
      return;
    case 'digest':
      digestBlob(request.blob).then(
        ({ md5, sha256 }) => scope.postMessage({ type: 'digest', id: request.id, md5, sha256 }),
        (error: unknown) => scope.postMessage(failed(request.id, error)),
      );
      return;
    case 'video':
      hashWithWebCodecs(
        request.blob,
        request.secondsPerHash,
        request.neighbourhoodSeconds,
        hasher,
        (framesHashed, decodedSeconds, durationSeconds) =>
          scope.postMessage({
            type: 'progress',
            id: request.id,
            framesHashed,
            decodedSeconds,
            durationSeconds,
          }),
      ).then(
        (video) => scope.postMessage({ type: 'video', id: request.id, ...video }),
        (error: unknown) => scope.postMessage(failed(request.id, error)),
      );
      return;
  }
};
