/**
 * The video hashing worker: PDQ of the frames the page grabs, and the file's MD5/SHA-256, off the
 * page's thread. Start it with `new Worker(new URL('@aman/pdq/browser/video-worker', import.meta.url),
 * { type: 'module' })` and pass that to `hashVideoBlob({ createWorker })`.
 */
import { createPdqHasher } from '../core/pdq.ts';
import { digestBlob } from './video-digest.ts';
import type { VideoWorkerReply, VideoWorkerRequest } from './video-protocol.ts';

const hasher = createPdqHasher();
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<VideoWorkerRequest>) => void) | null;
  postMessage(message: VideoWorkerReply): void;
};

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'frame') {
    try {
      const { hash, quality } = hasher.compute({
        width: request.width,
        height: request.height,
        channels: 4,
        data: new Uint8Array(request.rgba),
      });
      scope.postMessage({ type: 'frame', id: request.id, pdq: hash, quality });
    } catch (error) {
      scope.postMessage({ type: 'error', id: request.id, message: (error as Error).message });
    }
    return;
  }
  digestBlob(request.blob).then(
    ({ md5, sha256 }) => scope.postMessage({ type: 'digest', id: request.id, md5, sha256 }),
    (error: unknown) =>
      scope.postMessage({ type: 'error', id: request.id, message: (error as Error).message }),
  );
};
