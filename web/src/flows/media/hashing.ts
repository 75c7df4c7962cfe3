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

/**
 * Hashes one image or video on this device, in a Web Worker, with @aman/pdq/browser.
 * Rejects with a HashingError, or with the abort reason when cancelled.
 */
export function hashMedia(file: File, options: HashOptions): Promise<MediaHashes> {
  void file;
  void options;
  // Waiting for @aman/pdq/browser (issue 2 and 9): see web/NEEDS.md.
  return Promise.reject(new HashingError('failed', '@aman/pdq/browser has not landed yet'));
}
