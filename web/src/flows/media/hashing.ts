import { DEFAULT_NEIGHBOURHOOD_SECONDS } from '@aman/pdq';
import {
  createPdqWorker,
  hashVideoBlob,
  type BrowserImageErrorCode,
  type BrowserVideoErrorCode,
  type PdqWorker,
} from '@aman/pdq/browser';
import VideoHashWorker from '@aman/pdq/browser/video-worker?worker';
import PdqHashWorker from '@aman/pdq/browser/worker?worker';
import type { MediaHashes } from './signals.ts';

/** The file types offered in the picker; anything the browser can decode is then tried. */
export const MEDIA_ACCEPT = 'image/*,video/*,.heic,.heif,.mkv,.mov';

/** Why a file could not be hashed, for a message the person can act on. */
export type HashingErrorCode =
  'unsupported' | 'video-unsupported' | 'too-large' | 'corrupt' | 'failed';

export class HashingError extends Error {
  constructor(
    readonly code: HashingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HashingError';
  }
}

export interface HashOptions {
  readonly signal: AbortSignal;
  /** 0..1, as the file is read and hashed. */
  readonly onProgress: (fraction: number) => void;
}

const IMAGE_ERRORS: Record<Exclude<BrowserImageErrorCode, 'aborted'>, HashingErrorCode> = {
  file_empty: 'unsupported',
  not_an_image: 'unsupported',
  image_unsupported: 'unsupported',
  browser_unsupported: 'unsupported',
  image_too_large: 'too-large',
  image_truncated: 'corrupt',
  image_corrupt: 'corrupt',
  internal_error: 'failed',
};

const VIDEO_ERRORS: Record<Exclude<BrowserVideoErrorCode, 'aborted'>, HashingErrorCode> = {
  video_unsupported: 'video-unsupported',
  browser_unsupported: 'video-unsupported',
  video_corrupt: 'corrupt',
  video_too_small: 'unsupported',
  video_timeout: 'failed',
  video_bad_options: 'failed',
  internal_error: 'failed',
};

let imageWorker: PdqWorker | null = null;

/** One worker for the whole visit, started on first use (its code loads only then). */
function images(): PdqWorker {
  imageWorker ??= createPdqWorker(() => new PdqHashWorker());
  return imageWorker;
}

export function isVideo(file: File): boolean {
  return file.type.startsWith('video/') || /\.(mp4|m4v|mov|webm|mkv|avi|3gp)$/i.test(file.name);
}

/**
 * Hashes one image or video on this device, in a Web Worker, with @aman/pdq/browser. Resolves
 * with the hashes; rejects with a HashingError, or with an AbortError when cancelled.
 */
export async function hashMedia(file: File, options: HashOptions): Promise<MediaHashes> {
  if (isVideo(file)) return hashVideo(file, options);
  const result = await images().hash(file, {
    signal: options.signal,
    onProgress: (progress) => options.onProgress(progress.fraction),
  });
  if (!result.ok) {
    if (result.error.code === 'aborted') throw new DOMException('cancelled', 'AbortError');
    throw new HashingError(IMAGE_ERRORS[result.error.code], result.error.message);
  }
  const { pdq, quality, oriented } = result.value;
  return { kind: 'image', pdq: { pdq, quality }, oriented: oriented ?? null };
}

/**
 * vPDQ (time sampling, one instant a second), MD5 and SHA-256, in a worker of its own. What the
 * portal sends is the bank side: each instant with the frames around it, so that copies a platform
 * receives re-encoded at another frame rate still match.
 */
async function hashVideo(file: File, options: HashOptions): Promise<MediaHashes> {
  const result = await hashVideoBlob(file, {
    neighbourhoodSeconds: DEFAULT_NEIGHBOURHOOD_SECONDS,
    createWorker: () => new VideoHashWorker(),
    signal: options.signal,
    onProgress: (progress) => options.onProgress(progress.fraction),
  });
  if (!result.ok) {
    if (result.error.code === 'aborted') throw new DOMException('cancelled', 'AbortError');
    throw new HashingError(VIDEO_ERRORS[result.error.code], result.error.message);
  }
  const { frames, md5, sha256, durationSeconds } = result.value;
  if (md5 === undefined || sha256 === undefined) {
    throw new HashingError('failed', 'the video hasher gave no MD5 or SHA-256');
  }
  return { kind: 'video', frames, md5, sha256, durationSeconds };
}
