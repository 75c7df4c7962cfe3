import { DCT_MATRIX } from '../dct.ts';
import { decimationIndex, jaroszWindowSize, SampledColumnFilter } from '../downsample.ts';
import type { PdqImage } from '../image.ts';
import type { ExifOrientation } from '../orientation.ts';
import { qualityFromGradientSum } from '../quality.ts';
import { JAROSZ_WASM } from './jarosz-wasm.ts';

/**
 * The streaming Jarosz downsampler of downsample.ts with its per-pixel loops (luma, the first
 * passes along rows and columns, the second pass along rows) in WebAssembly SIMD (jarosz.wat).
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
  lumaRow(src: number, channels: number, groups: number, dst: number): void;
  lumaColumns4(
    src: number,
    stride: number,
    channels: number,
    count: number,
    dst: number,
    step: number,
    reverse: number,
  ): void;
  transpose4(
    block: number,
    r0: number,
    r1: number,
    r2: number,
    r3: number,
    groups: number,
    toBlock: number,
  ): void;
  boxRows4(input: number, n: number, window: number, out: number): void;
  boxColumns(
    sums: number,
    enter: number,
    leave: number,
    out: number,
    vectors: number,
    count: number,
    mode: number,
  ): void;
  boxRows4Sampled(input: number, n: number, window: number, samples: number, out: number): void;
  dct64To16(input: number, matrix: number, transposed: number, scratch: number, out: number): void;
  gradientSum(input: number): number;
}

const BATCH = 4;
const PAGE = 65536;
/** Well inside the 4 GiB a 32-bit WebAssembly memory can address. */
const MAX_MEMORY_BYTES = 2 ** 31;
const ADD = 0;
const ADD_OUT = 1;
const SLIDE_OUT = 2;
const SUBTRACT_OUT = 3;

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
  private readonly sampledRow = new Float32Array(64);
  private readonly sampledSums = new Float32Array(64);
  private sampledRing = new Float32Array(0);

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
   * Fills `out` (4096 floats) with the downsampled luma of `image` as displayed under EXIF
   * `orientation` (1: as stored), which must not be 64x64 once oriented. The oriented pixels are
   * never materialised: rows are read reversed, or columns read as rows (four at a time, straight
   * into the interleaved layout), which is exactly hashing `orientPdqImage(image, orientation)`.
   * Returns false, leaving `out` alone, when the image does not fit a 32-bit WebAssembly memory:
   * the TypeScript path then does the work.
   */
  run(image: PdqImage, out: Float32Array, orientation: ExifOrientation = 1): boolean {
    const { channels, data } = image;
    const swapsAxes = orientation >= 5;
    const cols = swapsAxes ? image.height : image.width;
    const rows = swapsAxes ? image.width : image.height;
    const k = this.kernels;
    const windowAlongRows = jaroszWindowSize(cols);
    const windowAlongCols = jaroszWindowSize(rows);
    const halfAlongCols = (windowAlongCols + 2) >> 1;
    const ringRows = windowAlongCols + BATCH;
    const rowFloats = Math.ceil(cols / 4) * 4;
    const rowBytes = rowFloats * 4;
    const stride = image.width * channels;

    // Memory layout, in bytes. Blocks are interleaved (4 rows per vector), rows row-major.
    // Reading columns needs the whole image in memory (with 16 bytes of slack on both sides:
    // the last vectors read past the edges, into lanes that are never used).
    const samples = 0;
    const sampledOut = samples + 256;
    const whole = sampledOut + 64 * 16 + 16;
    const src = whole + (swapsAxes ? align16(data.length + 16) : 0);
    const lumaRows = src + align16(BATCH * stride + 16); // lumaRow may read 16 bytes past a row
    const lumaBlock = lumaRows + BATCH * rowBytes;
    const rowBlock = lumaBlock + rowFloats * 16;
    const ring = rowBlock + rowFloats * 16;
    const sums = ring + ringRows * rowBytes;
    const columnRows = sums + rowBytes;
    const columnBlock = columnRows + BATCH * rowBytes;
    const spare = columnBlock + rowFloats * 16;
    const end = spare + rowBytes;
    if (end > MAX_MEMORY_BYTES) return false;
    const missing = end - k.memory.buffer.byteLength;
    if (missing > 0) k.memory.grow(Math.ceil(missing / PAGE));
    const bytes = new Uint8Array(k.memory.buffer);
    const ints = new Int32Array(k.memory.buffer);
    const floats = new Float32Array(k.memory.buffer);

    for (let i = 0; i < 64; i++) ints[samples / 4 + i] = decimationIndex(i, cols);
    // Column sums start at 0; padding columns (never read) are kept finite.
    bytes.fill(0, lumaRows, spare);
    if (this.sampledRing.length < ringRows * 64) this.sampledRing = new Float32Array(ringRows * 64);
    const sampledRows = Int32Array.from({ length: 64 }, (_, i) => decimationIndex(i, rows));
    const secondVertical = new SampledColumnFilter(
      rows,
      windowAlongCols,
      this.sampledRing,
      this.sampledSums,
      sampledRows,
      out,
    );

    const groups = rowFloats / 4;
    const sampledFloats = sampledOut / 4;
    const columnRow = (lane: number): number => columnRows + lane * rowBytes;
    let pending = 0;
    let emitted = 0;
    const flushPassTwo = (count: number): void => {
      k.transpose4(columnBlock, columnRow(0), columnRow(1), columnRow(2), columnRow(3), groups, 1);
      k.boxRows4Sampled(columnBlock, cols, windowAlongRows, samples, sampledOut);
      for (let lane = 0; lane < count; lane++) {
        for (let s = 0; s < 64; s++) this.sampledRow[s] = floats[sampledFloats + s * 4 + lane]!;
        secondVertical.push(this.sampledRow, emitted++);
      }
    };
    const passOneColumns = (enter: number, leave: number, count: number, mode: number): void => {
      k.boxColumns(sums, enter, leave, columnRow(pending), groups, count, mode);
      if (mode === ADD) return;
      if (++pending === BATCH) {
        flushPassTwo(BATCH);
        pending = 0;
      }
    };
    const ringRow = (y: number): number => ring + (y % ringRows) * rowBytes;
    const lumaRow = (lane: number): number => lumaRows + lane * rowBytes;

    // Luma of the (oriented) rows y0 .. y0 + batch - 1 into lumaBlock, interleaved.
    const reverseRows = orientation === 3 || orientation === 4;
    const reverseColumns = orientation === 2 || orientation === 3;
    if (swapsAxes) bytes.set(data, whole);
    const fillLumaBlock = (y0: number, batch: number): void => {
      if (swapsAxes) {
        // Oriented row y is stored column y (5, 6) or width - 1 - y (7, 8); oriented column x is
        // stored row x (5, 8) or height - 1 - x (6, 7).
        const ascending = orientation === 5 || orientation === 6;
        const firstColumn = ascending ? y0 : image.width - 4 - y0;
        const rowsDown = orientation === 5 || orientation === 8;
        k.lumaColumns4(
          whole + firstColumn * channels,
          stride,
          channels,
          image.height,
          rowsDown ? lumaBlock : lumaBlock + (image.height - 1) * 16,
          rowsDown ? 16 : -16,
          ascending ? 0 : 1,
        );
        return;
      }
      // The batch's rows are consecutive in the image unless it is read upside down: one copy.
      if (!reverseRows) bytes.set(data.subarray(y0 * stride, (y0 + batch) * stride), src);
      for (let lane = 0; lane < batch; lane++) {
        if (reverseRows) {
          const y = rows - 1 - (y0 + lane);
          bytes.set(data.subarray(y * stride, (y + 1) * stride), src + lane * stride);
        }
        k.lumaRow(src + lane * stride, channels, groups, lumaRow(lane));
        if (reverseColumns) {
          const start = lumaRow(lane) / 4;
          floats.subarray(start, start + cols).reverse();
        }
      }
      k.transpose4(lumaBlock, lumaRow(0), lumaRow(1), lumaRow(2), lumaRow(3), groups, 1);
    };

    let count = 0;
    for (let y0 = 0; y0 < rows; y0 += BATCH) {
      const batch = Math.min(BATCH, rows - y0);
      fillLumaBlock(y0, batch);
      k.boxRows4(lumaBlock, cols, windowAlongRows, rowBlock);
      k.transpose4(
        rowBlock,
        ringRow(y0),
        batch > 1 ? ringRow(y0 + 1) : spare,
        batch > 2 ? ringRow(y0 + 2) : spare,
        batch > 3 ? ringRow(y0 + 3) : spare,
        groups,
        0,
      );
      for (let y = y0; y < y0 + batch; y++) {
        if (y < windowAlongCols) {
          count++;
          passOneColumns(ringRow(y), 0, count, y < halfAlongCols - 1 ? ADD : ADD_OUT);
        } else {
          passOneColumns(ringRow(y), ringRow(y - windowAlongCols), count, SLIDE_OUT);
        }
      }
    }
    for (let i = 0; i < halfAlongCols - 1; i++) {
      count--;
      passOneColumns(0, ringRow(rows - windowAlongCols + i), count, SUBTRACT_OUT);
    }
    if (pending > 0) flushPassTwo(pending);
    secondVertical.finish();
    return true;
  }
}
