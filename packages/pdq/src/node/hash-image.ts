import {
  createPdqHasher,
  type DecodableImageFormat,
  type ExifOrientation,
  type PdqHasher,
  type PdqResult,
} from '../core/index.ts';
import { decodeImage, type DecodeOptions, type ImageSource } from './decode.ts';
import type { ImageResult } from './errors.ts';

export interface HashImageOptions extends DecodeOptions {
  /** Also compute the 8 dihedral hashes (for the stored grid and the oriented image). */
  readonly dihedral?: boolean;
  /** A hasher to reuse (its buffers survive between files); one is created otherwise. */
  readonly hasher?: PdqHasher;
}

/** The PDQ hashes of one image file. */
export interface ImageHashes {
  readonly format: DecodableImageFormat;
  /** The stored pixel grid's size. */
  readonly width: number;
  readonly height: number;
  /** Channels hashed: 1 for grey sources (and RGB files whose pixels are all grey), else 3. */
  readonly channels: 1 | 3;
  /** EXIF orientation tag, 1 when absent. */
  readonly orientation: ExifOrientation;
  /** PDQ of the stored pixel grid: the reference's hash, and what HMA/StopNCII compute. */
  readonly pdq: PdqResult;
  /**
   * PDQ of the image as displayed (EXIF orientation applied), only when orientation is not 1:
   * what a platform that auto-rotates uploads before hashing will compute.
   */
  readonly oriented?: PdqResult;
}

/**
 * Decodes an image (path or bytes) and computes its PDQ hash, plus the oriented hash when the
 * EXIF orientation tag says the stored grid is not upright.
 *
 * @example
 * const result = await hashImage('photo.jpg', { dihedral: true });
 * if (result.ok) console.log(result.value.pdq.hash, result.value.pdq.quality);
 * else console.error(result.error.code, result.error.message);
 */
export async function hashImage(
  source: ImageSource,
  options: HashImageOptions = {},
): Promise<ImageResult<ImageHashes>> {
  const decoded = await decodeImage(source, options);
  if (!decoded.ok) return decoded;
  const { format, image, orientation } = decoded.value;
  const hasher = options.hasher ?? createPdqHasher();
  const pdqOptions = { dihedral: options.dihedral === true };
  const pdq = hasher.compute(image, pdqOptions);
  const channels = image.channels === 1 ? 1 : 3;
  const base = {
    format,
    width: image.width,
    height: image.height,
    channels,
    orientation,
    pdq,
  } as const;
  if (orientation === 1) return { ok: true, value: base };
  const oriented = hasher.computeOriented(image, orientation, pdqOptions);
  return { ok: true, value: { ...base, oriented } };
}
