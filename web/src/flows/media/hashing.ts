import { createPdqWorker, type BrowserImageErrorCode, type PdqWorker } from '@aman/pdq/browser';
import PdqHashWorker from '@aman/pdq/browser/worker?worker';
import type { MediaHashes } from './signals.ts';

/** The file types offered in the picker; anything the browser can decode is then tried. */
export const MEDIA_ACCEPT = 'image/*,video/*,.heic,.heif,.mkv,.mov';

/** Why a file could not be hashed, for a message the person can act on. */
export type HashingErrorCode = 'unsupported' | 'too-large' | 'corrupt' | 'failed';

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

function hashVideo(file: File, options: HashOptions): Promise<MediaHashes> {
  void file;
  void options;
  // Waiting for the video half of @aman/pdq/browser (issue 9): see web/NEEDS.md.
  return Promise.reject(new HashingError('failed', 'video hashing in the browser has not landed'));
}
