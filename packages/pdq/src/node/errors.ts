/**
 * Why a file could not be hashed. Each code is stable (the CLI prints it in JSON, the API may
 * return it) and each message says what was wrong in words a user can act on.
 */
export type ImageErrorCode =
  /** No file at that path. */
  | 'file_not_found'
  /** The path exists but cannot be read (permissions, a directory, an I/O error). */
  | 'file_unreadable'
  /** Zero bytes. */
  | 'file_empty'
  /** The content is not an image (text, a video, an unknown format), whatever its name says. */
  | 'not_an_image'
  /** A recognised image format that cannot be decoded here (HEIC, BMP, SVG, …). */
  | 'image_unsupported'
  /** More pixels than the configured limit; refused from the header, before decoding. */
  | 'image_too_large'
  /** The file ends before the image does. */
  | 'image_truncated'
  /** The header or the image data cannot be decoded. */
  | 'image_corrupt';

export interface ImageError {
  readonly code: ImageErrorCode;
  readonly message: string;
}

export type ImageResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ImageError };

/**
 * A failed result.
 *
 * @example
 * return imageError('file_empty', 'the file is empty');
 */
export function imageError(code: ImageErrorCode, message: string): ImageResult<never> {
  return { ok: false, error: { code, message } };
}
