import { DCT_MATRIX } from '../dct.ts';
import { decimationIndex, jaroszWindowSize } from '../downsample.ts';
import type { PdqImage } from '../image.ts';
import type { ExifOrientation } from '../orientation.ts';
import { qualityFromGradientSum } from '../quality.ts';
import { JAROSZ_WASM } from './jarosz-wasm.ts';

/**
 * The streaming Jarosz downsampler of downsample.ts in WebAssembly SIMD (jarosz.wat), its loop
 * over the rows included: an image costs a few calls from JavaScript (one per band of rows copied
 * in), not a few per row, so a short video's frames do not wait for per-row glue to be compiled.
 * Same float32 operations in the same order, so bit-identical (tested against the TypeScript
 * version); three to five times faster. Used when the runtime has WebAssembly SIMD.
 */

/** The few WebAssembly APIs used, typed here: the core compiles without DOM or Node typings. */
interface WasmNamespace {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

interface JaroszExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  /** Reads the layout and the image's shape from the descriptor at `descriptor` (jarosz.wat). */
  downsampleStart(descriptor: number): void;
  /** Displayed rows y0 .. y1 - 1, from `src` (see jarosz.wat). */
  downsampleRows(src: number, y0: number, y1: number): void;
  /** Completes the image; the 64x64 result is at the descriptor's `out`. */
  downsampleEnd(): void;
  dct64To16(input: number, matrix: number, transposed: number, scratch: number, out: number): void;
  gradientSum(input: number): number;
}

/** Rows in an interleaved block (one per vector lane). */
const BATCH = 4;
/** Rows jarosz.wat's downsampleRows takes at a time (two blocks): a band is a multiple of it. */
const ROWS_PER_STEP = 8;
const PAGE = 65536;
/** Well inside the 4 GiB a 32-bit WebAssembly memory can address. */
const MAX_MEMORY_BYTES = 2 ** 31;
/**
 * Stored rows (orientations 1 to 4) are copied into WebAssembly memory in bands of about this
 * many bytes, one `downsampleRows` call each: a video frame up to 1080p is one band, and a large
 * photo does not need a copy of itself there.
 */
const BAND_BYTES = 8 << 20;

let compiled: object | null | undefined;

/** The compiled module, or null when this runtime has no WebAssembly SIMD (then use the TS path). */
function compiledModule(): object | null {
  if (compiled === undefined) {
    const wasm = (globalThis as { WebAssembly?: WasmNamespace }).WebAssembly;
    try {
      compiled =
        wasm !== undefined && wasm.validate(JAROSZ_WASM) ? new wasm.Module(JAROSZ_WASM) : null;
    } catch {
      // A content security policy without 'wasm-unsafe-eval' forbids compiling.
      compiled = null;
    }
  }
  return compiled;
}

/**
 * True when the WebAssembly SIMD downsampler can run here.
 *
 * @example
 * simdAvailable(); // true in Node 20 and current browsers
 */
export function simdAvailable(): boolean {
  return compiledModule() !== null;
}

const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** DCT_MATRIX transposed (64x16), for the second product of the DCT. */
const DCT_MATRIX_TRANSPOSED = Float32Array.from(
  { length: 64 * 16 },
  (_, index) => DCT_MATRIX[(index % 16) * 64 + Math.floor(index / 16)]!,
);

/**
 * One instance of the module with its memory; reused across images (video frames) and grown
 * when an image needs more.
 *
 * @example
 * const simd = SimdDownsampler.create();
 * if (simd) simd.run(image, buffer64x64);
 */
export class SimdDownsampler {
  private constructor(private readonly kernels: JaroszExports) {}

  static create(): SimdDownsampler | undefined {
    const module = compiledModule();
    if (module === null) return undefined;
    const wasm = (globalThis as { WebAssembly?: WasmNamespace }).WebAssembly!;
    const instance = new wasm.Instance(module, {});
    return new SimdDownsampler(instance.exports as JaroszExports);
  }

  /**
   * `dct64To16(input, out)` of dct.ts, bit-identical, in WebAssembly: the TypeScript loops take a
   * few frames to be compiled, which a short run (a one-minute video, 60 frames) never amortises.
   * Uses the start of the memory, which holds only scratch between images.
   */
  dct64To16(input: Float32Array, out: Float32Array): void {
    const k = this.kernels;
    const floats = new Float32Array(k.memory.buffer); // 1 page (64 KiB) at least: room enough
    const matrix = 4096 * 4;
    const transposed = matrix + 1024 * 4;
    const scratch = transposed + 1024 * 4;
    const result = scratch + 1024 * 4;
    floats.set(input, 0);
    floats.set(DCT_MATRIX, matrix / 4);
    floats.set(DCT_MATRIX_TRANSPOSED, transposed / 4);
    k.dct64To16(0, matrix, transposed, scratch, result);
    out.set(floats.subarray(result / 4, result / 4 + 256));
  }

  /**
   * `pdqQuality(input)` of quality.ts, bit-identical, in WebAssembly: like the DCT, a TypeScript
   * loop a one-minute video's 60 frames spend mostly waiting to be compiled.
   * Uses the start of the memory, which holds only scratch between images.
   */
  quality(input: Float32Array): number {
    const k = this.kernels;
    new Float32Array(k.memory.buffer).set(input, 0); // 1 page at least: room for 4096 floats + 1
    return qualityFromGradientSum(k.gradientSum(0));
  }

  /**
   * Memory of this hasher's own for the pixels of the next image of this shape: `run` on an image
   * whose `data` is this array reads it where it is instead of copying it in (a 720p video frame
   * is 2.7 MB). Undefined when the image would not be read in one piece (more than one band of
   * rows). The array is valid until memory grows, that is until a larger image is hashed: ask
   * again for every image.
   */
  pixelBuffer(width: number, height: number, channels: 1 | 3 | 4): Uint8Array | undefined {
    const layout = memoryLayout(width, height, channels, 1);
    if (layout.bandRows < height || !this.reserve(layout.end)) return undefined;
    return new Uint8Array(this.kernels.memory.buffer, layout.src, width * height * channels);
  }

  /**
   * Fills `out` (4096 floats) with the downsampled luma of `image` as displayed under EXIF
   * `orientation` (1: as stored), which must not be 64x64 once oriented. The oriented pixels are
   * never materialised: rows are read reversed, or columns read as rows (four at a time, straight
   * into the interleaved layout), which is exactly hashing `orientPdqImage(image, orientation)`.
   * Returns false, leaving `out` alone, when the image does not fit a 32-bit WebAssembly memory:
   * the TypeScript path then does the work.
   */
  run(image: PdqImage, out: Float32Array, orientation: ExifOrientation = 1): boolean {
    const { channels } = image;
    const k = this.kernels;
    const layout = memoryLayout(image.width, image.height, channels, orientation);
    const { cols, rows, stride, bandRows, src } = layout;
    // Pixels already where they would be copied to (pixelBuffer), rows in stored order, are read
    // in place. Any other pixels in this memory are taken out first: growing it would lose them,
    // copying rows in could overwrite them.
    const inMemory = image.data.buffer === k.memory.buffer;
    const inPlace =
      inMemory &&
      image.data.byteOffset === src &&
      orientation <= 2 &&
      bandRows >= rows &&
      layout.end <= k.memory.buffer.byteLength;
    const data = inMemory && !inPlace ? image.data.slice() : image.data;
    if (!this.reserve(layout.end)) return false;
    const bytes = new Uint8Array(k.memory.buffer);
    const ints = new Int32Array(k.memory.buffer);

    ints.set(
      [
        cols,
        rows,
        channels,
        stride,
        orientation,
        jaroszWindowSize(cols),
        layout.windowAlongCols,
        layout.lumaRows,
        layout.lumaBlock,
        layout.rowBlock,
        layout.ring,
        layout.ringRows,
        layout.sums,
        layout.columnRows,
        layout.columnBlock,
        layout.spare,
        layout.samples,
        layout.sampledOut,
        layout.sampledRows,
        layout.secondRing,
        layout.secondSums,
        layout.sampledBlockRows,
        layout.result,
      ],
      layout.descriptor / 4,
    );
    for (let i = 0; i < 64; i++) {
      ints[layout.samples / 4 + i] = decimationIndex(i, cols);
      ints[layout.sampledRows / 4 + i] = decimationIndex(i, rows);
    }
    k.downsampleStart(layout.descriptor);
    if (orientation >= 5) {
      bytes.set(data, src);
      k.downsampleRows(src, 0, rows);
    } else {
      // Orientations 3 and 4 read the stored rows bottom up: each band is copied in that order.
      const upsideDown = orientation === 3 || orientation === 4;
      for (let y0 = 0; y0 < rows; y0 += bandRows) {
        const y1 = Math.min(rows, y0 + bandRows);
        if (!upsideDown && !inPlace) bytes.set(data.subarray(y0 * stride, y1 * stride), src);
        for (let y = y0; upsideDown && y < y1; y++) {
          const stored = rows - 1 - y;
          bytes.set(data.subarray(stored * stride, (stored + 1) * stride), src + (y - y0) * stride);
        }
        k.downsampleRows(src, y0, y1);
      }
    }
    k.downsampleEnd();
    out.set(new Float32Array(k.memory.buffer, layout.result, 4096));
    return true;
  }

  /** Grows the memory to `end` bytes at least; false when that is more than it may hold. */
  private reserve(end: number): boolean {
    if (end > MAX_MEMORY_BYTES) return false;
    const missing = end - this.kernels.memory.buffer.byteLength;
    if (missing > 0) this.kernels.memory.grow(Math.ceil(missing / PAGE));
    return true;
  }
}

/**
 * Where everything goes in the WebAssembly memory for an image of this shape (byte addresses: the
 * descriptor's fields, jarosz.wat). The image bytes come last, with 16 bytes of slack on both
 * sides: the last vectors of a row read past its end, and reading columns past the edges, into
 * lanes that are never used.
 */
function memoryLayout(
  width: number,
  height: number,
  channels: number,
  orientation: ExifOrientation,
) {
  const swapsAxes = orientation >= 5;
  const cols = swapsAxes ? height : width;
  const rows = swapsAxes ? width : height;
  const windowAlongCols = jaroszWindowSize(rows);
  const ringRows = windowAlongCols + ROWS_PER_STEP;
  const rowBytes = Math.ceil(cols / 4) * 16;
  const stride = width * channels;
  // Rows copied in per downsampleRows call: whole steps of 8, about BAND_BYTES (all of them for
  // orientations 5 to 8, whose rows are the stored image's columns).
  const bandRows = swapsAxes
    ? rows
    : Math.min(
        rows,
        Math.max(ROWS_PER_STEP, Math.floor(BAND_BYTES / stride / ROWS_PER_STEP) * ROWS_PER_STEP),
      );
  const descriptor = 0;
  const samples = descriptor + 128;
  const sampledRows = samples + 256;
  const sampledOut = sampledRows + 256;
  const sampledBlockRows = sampledOut + 2 * 64 * 16;
  const secondSums = sampledBlockRows + BATCH * 256;
  const secondRing = secondSums + 256;
  const result = secondRing + (windowAlongCols + 1) * 256;
  const lumaRows = result + 4096 * 4;
  const blockBytes = rowBytes * BATCH;
  const lumaBlock = lumaRows + BATCH * rowBytes;
  const rowBlock = lumaBlock + 2 * blockBytes;
  const ring = rowBlock + 2 * blockBytes;
  const sums = ring + ringRows * rowBytes;
  const columnRows = sums + rowBytes;
  const columnBlock = columnRows + BATCH * rowBytes;
  const spare = columnBlock + 2 * blockBytes;
  const src = spare + rowBytes + 16;
  const end = src + align16((swapsAxes ? width * height * channels : bandRows * stride) + 16);
  return {
    cols,
    rows,
    stride,
    bandRows,
    windowAlongCols,
    ringRows,
    descriptor,
    samples,
    sampledRows,
    sampledOut,
    sampledBlockRows,
    secondSums,
    secondRing,
    result,
    lumaRows,
    lumaBlock,
    rowBlock,
    ring,
    sums,
    columnRows,
    columnBlock,
    spare,
    src,
    end,
  };
}
