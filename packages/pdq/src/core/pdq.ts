import { dct64To16 } from './dct.ts';
import { dihedralDct } from './dihedral.ts';
import { StreamingDownsampler } from './downsample.ts';
import type { PdqHash } from './hash.ts';
import { assertPdqImage, type PdqImage } from './image.ts';
import { lumaRowReader, type LumaRowReader } from './luma.ts';
import { orientPdqImage, type ExifOrientation } from './orientation.ts';
import { pdqQuality } from './quality.ts';
import { SimdDownsampler } from './simd/simd-downsampler.ts';
import { hashFromDct, ZERO_PDQ_HASH } from './threshold.ts';

/** The outcome of hashing one image. */
export interface PdqResult {
  readonly hash: PdqHash;
  /** 0 to 100; upstream discards hashes below 50 (`PDQ_MIN_QUALITY`). */
  readonly quality: number;
  /** The 8 dihedral hashes in the reference CLI's order (see DIHEDRAL_NAMES), when asked for. */
  readonly dihedral?: readonly PdqHash[];
}

export interface PdqOptions {
  /** Also derive the 8 dihedral hashes (rotations and flips) from the same DCT. */
  readonly dihedral?: boolean;
}

/** Images smaller than this on either side get the zero hash and quality 0, as in the reference. */
export const PDQ_MIN_DIMENSION = 5;

/** A PDQ hasher that keeps its scratch buffers between calls (hash video frames with one). */
export interface PdqHasher {
  compute(image: PdqImage, options?: PdqOptions): PdqResult;
  /**
   * The hash of `image` as displayed under an EXIF orientation: exactly
   * `compute(orientPdqImage(image, orientation))`, without making the rotated copy where the
   * WebAssembly path can read the pixels in the rotated order.
   */
  computeOriented(image: PdqImage, orientation: ExifOrientation, options?: PdqOptions): PdqResult;
  /**
   * An array for the pixels of the next image of this shape, in the hasher's WebAssembly memory
   * where it can be: `compute` on an image whose `data` is this array then reads the pixels where
   * they are instead of copying them in (fill it with each video frame, 2.7 MB at 720p). Ask again
   * for every image: a larger image hashed in between may move that memory.
   */
  pixelBuffer(width: number, height: number, channels: 1 | 3 | 4): Uint8Array;
  /** Hashes float32 luma (height x width, row-major), the reference's `pdqHash256FromFloatLuma`. */
  computeFromLuma(
    luma: Float32Array,
    width: number,
    height: number,
    options?: PdqOptions,
  ): PdqResult;
}

export interface PdqHasherOptions {
  /**
   * `auto` (default): WebAssembly SIMD where the runtime allows it, else TypeScript; `js` forces
   * the TypeScript loops. Both give bit-identical results.
   */
  readonly engine?: 'auto' | 'js';
}

/**
 * Creates a hasher whose buffers are reused from one image to the next. Not safe to share between
 * concurrent workers (each worker creates its own); results never alias its buffers.
 *
 * @example
 * const hasher = createPdqHasher();
 * for (const frame of frames) results.push(hasher.compute(frame));
 */
export function createPdqHasher(options: PdqHasherOptions = {}): PdqHasher {
  const downsampler = new StreamingDownsampler();
  const simd = options.engine === 'js' ? undefined : SimdDownsampler.create();
  const buffer64x64 = new Float32Array(64 * 64);
  const dct = new Float32Array(256);
  const dctScratch = new Float32Array(16 * 64);
  const variant = new Float32Array(256);
  const sortScratch = new Float32Array(256);
  let plainPixels = new Uint8Array(0);

  /** Hashes a width x height image whose luma rows `readRow` gives, or the SIMD path reads
   * from `image` under `orientation`. */
  function fromRows(
    width: number,
    height: number,
    readRow: LumaRowReader,
    options: PdqOptions | undefined,
    image?: PdqImage,
    orientation: ExifOrientation = 1,
  ): PdqResult {
    const dihedral = options?.dihedral === true;
    if (width < PDQ_MIN_DIMENSION || height < PDQ_MIN_DIMENSION) {
      const zero = { hash: ZERO_PDQ_HASH, quality: 0 };
      return dihedral ? { ...zero, dihedral: Array<PdqHash>(8).fill(ZERO_PDQ_HASH) } : zero;
    }
    const simdDone =
      simd !== undefined &&
      image !== undefined &&
      !(width === 64 && height === 64) &&
      simd.run(image, buffer64x64, orientation);
    if (!simdDone) downsampler.run(height, width, readRow, buffer64x64);
    const quality = simd !== undefined ? simd.quality(buffer64x64) : pdqQuality(buffer64x64);
    if (simd !== undefined) simd.dct64To16(buffer64x64, dct);
    else dct64To16(buffer64x64, dct, dctScratch);
    const hash = hashFromDct(dct, sortScratch);
    if (!dihedral) return { hash, quality };
    const hashes: PdqHash[] = [hash];
    for (let v = 1; v < 8; v++) hashes.push(hashFromDct(dihedralDct(dct, v, variant), sortScratch));
    return { hash, quality, dihedral: hashes };
  }

  return {
    compute(image, options) {
      assertPdqImage(image);
      return fromRows(image.width, image.height, lumaRowReader(image), options, image);
    },
    computeOriented(image, orientation, options) {
      assertPdqImage(image);
      const swapsAxes = orientation >= 5;
      const width = swapsAxes ? image.height : image.width;
      const height = swapsAxes ? image.width : image.height;
      if (orientation === 1 || simd === undefined || (width === 64 && height === 64)) {
        return this.compute(orientPdqImage(image, orientation), options);
      }
      // Only if the WebAssembly path declines (an image too large for its memory) are the
      // oriented pixels materialised, for the TypeScript path.
      let readOriented: LumaRowReader | undefined;
      const readRow: LumaRowReader = (y, out) => {
        readOriented ??= lumaRowReader(orientPdqImage(image, orientation));
        readOriented(y, out);
      };
      return fromRows(width, height, readRow, options, image, orientation);
    },
    pixelBuffer(width, height, channels) {
      const inMemory = simd?.pixelBuffer(width, height, channels);
      if (inMemory !== undefined) return inMemory;
      const length = width * height * channels;
      if (plainPixels.length !== length) plainPixels = new Uint8Array(length);
      return plainPixels;
    },
    computeFromLuma(luma, width, height, options) {
      if (luma.length !== width * height) {
        throw new RangeError(`luma must hold ${width}*${height} floats, got ${luma.length}`);
      }
      const readRow: LumaRowReader = (y, out) => out.set(luma.subarray(y * width, (y + 1) * width));
      return fromRows(width, height, readRow, options);
    },
  };
}

let sharedHasher: PdqHasher | undefined;

/**
 * The PDQ hash and quality of an image, at full resolution (PDQ-SPEC section 2: no 512x512
 * pre-resize), bit-identical to the reference library fed the same pixels.
 *
 * @example
 * const { hash, quality } = computePdq({ width, height, channels: 3, data: rgb });
 * const { dihedral } = computePdq(image, { dihedral: true }); // 8 hashes: orig, rot90, …
 */
export function computePdq(image: PdqImage, options?: PdqOptions): PdqResult {
  sharedHasher ??= createPdqHasher();
  return sharedHasher.compute(image, options);
}
