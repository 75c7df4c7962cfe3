import {
  containerStructure,
  DEFAULT_MAX_PIXELS,
  inverseOrientation,
  orientPdqImage,
  pdqImageFromRgba,
  readImageHeader,
  sniffMediaType,
  type DecodableImageFormat,
  type ExifOrientation,
  type PdqImage,
} from '../core/index.ts';

/** Why a file could not be hashed in the browser; the same codes as the Node entry, plus `aborted`. */
export type BrowserImageErrorCode =
  | 'file_empty'
  | 'not_an_image'
  | 'image_unsupported'
  | 'image_too_large'
  | 'image_truncated'
  | 'image_corrupt'
  /** `createPdqWorker`: the request was cancelled. */
  | 'aborted'
  /** This browser lacks `createImageBitmap` or `OffscreenCanvas`. */
  | 'browser_unsupported'
  /** A bug: the worker failed unexpectedly. */
  | 'internal_error';

export type BrowserResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: { readonly code: BrowserImageErrorCode; readonly message: string };
    };

export interface BrowserDecodedImage {
  /** The format the bytes are in (from their content, never the file name). */
  readonly format: DecodableImageFormat | 'other';
  /** The stored pixel grid, as the reference hashes it. */
  readonly image: PdqImage;
  /** EXIF orientation, 1 when absent. */
  readonly orientation: ExifOrientation;
  /** The image as displayed (orientation applied), when orientation is not 1. */
  readonly displayed?: PdqImage;
}

const fail = (code: BrowserImageErrorCode, message: string): BrowserResult<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Decodes an image file with the browser's own decoders (`createImageBitmap`, then an
 * `OffscreenCanvas` to read the pixels), in a worker or on the main thread. Colour conversion
 * and premultiplication are turned off where the browser allows, so that the pixels are as close
 * to the file's as a canvas gives them; they are still not bit-exact with the reference's
 * decoder (see the package README for the measured distances).
 *
 * Browsers apply the EXIF orientation when they decode; the stored grid is recovered by undoing
 * it (an exact pixel permutation), so that `image` is what the reference hashes.
 *
 * @example
 * const decoded = await decodeImageBlob(file);
 * if (decoded.ok) computePdq(decoded.value.image);
 */
export async function decodeImageBlob(
  blob: Blob,
  options: { readonly maxPixels?: number } = {},
): Promise<BrowserResult<BrowserDecodedImage>> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') {
    return fail(
      'browser_unsupported',
      'this browser cannot decode images in a worker (no OffscreenCanvas)',
    );
  }
  if (blob.size === 0) return fail('file_empty', 'the file is empty');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const type = sniffMediaType(bytes.subarray(0, 512));
  if (type.kind === 'video')
    return fail('not_an_image', `this is a video (${type.format}), not an image`);
  if (type.kind === 'unknown') {
    return fail('not_an_image', 'not an image: the content matches no known image format');
  }
  if (type.kind === 'image' && type.format === 'svg') {
    return fail('image_unsupported', 'SVG is a vector format; PDQ hashes raster images');
  }
  const format = type.decodable ? type.format : 'other';
  const header = readImageHeader(bytes);
  if (header !== undefined && header.width * header.height > maxPixels) {
    return tooLarge(header.width, header.height, maxPixels);
  }
  // Browsers render what they can of a cut-off file, so truncation is checked on the bytes.
  if (type.decodable) {
    const structure = containerStructure(type.format, bytes);
    if (structure === 'truncated') {
      return fail(
        'image_truncated',
        `the ${type.format} file is truncated: it ends before the image does`,
      );
    }
    if (structure === 'invalid') {
      return fail('image_corrupt', `the ${type.format} data is corrupt and cannot be decoded`);
    }
  }

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      imageOrientation: 'from-image',
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return type.decodable
      ? fail('image_corrupt', `the ${type.format} data cannot be decoded (${detail})`)
      : fail('image_unsupported', `this browser cannot decode ${type.format} images`);
  }
  const { width, height } = bitmap;
  if (width * height > maxPixels) {
    bitmap.close();
    return tooLarge(width, height, maxPixels);
  }
  const displayed = readPixels(bitmap);
  bitmap.close();

  const orientation = header?.orientation ?? 1;
  if (orientation === 1) return { ok: true, value: { format, image: displayed, orientation } };
  // A browser that did not apply a 90° orientation hands back the stored size: nothing to undo.
  const applied = orientation < 5 || (width === header?.height && height === header.width);
  if (!applied) return { ok: true, value: { format, image: displayed, orientation } };
  const stored = orientPdqImage(displayed, inverseOrientation(orientation));
  return { ok: true, value: { format, image: stored, orientation, displayed } };
}

function readPixels(bitmap: ImageBitmap): PdqImage {
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true, alpha: true });
  if (context === null) throw new Error('OffscreenCanvas 2D context unavailable');
  context.drawImage(bitmap, 0, 0);
  const { data } = context.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
  return pdqImageFromRgba(data, width, height);
}

function tooLarge(width: number, height: number, maxPixels: number): BrowserResult<never> {
  const mp = (pixels: number): string => `${Number((pixels / 1e6).toFixed(1))} MP`;
  return fail(
    'image_too_large',
    `${width}x${height} is ${mp(width * height)}, over the limit of ${mp(maxPixels)}`,
  );
}
