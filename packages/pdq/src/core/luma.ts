import type { PdqImage } from './image.ts';

/**
 * Luma exactly as the reference computes it (PDQ-SPEC 1.1): float32 products of the 8-bit samples
 * with the float32 roundings of the BT.601 weights, summed left to right in float32:
 * `Y = (R·cR + G·cG) + B·cB`. Grey samples are used as they are.
 *
 * Each product only depends on one byte, and the first sum on two, so `R·cR + G·cG` comes from a
 * 65536-entry table (256 KB, built once with the same float32 roundings) and only the last
 * addition runs per pixel.
 */
const LUMA_R = Math.fround(0.299);
const LUMA_G = Math.fround(0.587);
const LUMA_B = Math.fround(0.114);

const productTable = (coefficient: number): Float32Array =>
  Float32Array.from({ length: 256 }, (_, sample) => Math.fround(coefficient * sample));

const BLUE = productTable(LUMA_B);
let redGreen: Float32Array | undefined;

/** RED_GREEN[(R << 8) | G] = float32(float32(R·cR) + float32(G·cG)). */
function redGreenTable(): Float32Array {
  if (redGreen === undefined) {
    const red = productTable(LUMA_R);
    const green = productTable(LUMA_G);
    redGreen = new Float32Array(65536);
    for (let r = 0; r < 256; r++) {
      for (let g = 0; g < 256; g++) redGreen[(r << 8) | g] = red[r]! + green[g]!;
    }
  }
  return redGreen;
}

/** Writes the float32 luma of one pixel row into `out` (length >= width). */
export type LumaRowReader = (row: number, out: Float32Array) => void;

/**
 * A reader that produces one row of luma at a time, so that hashing never holds a full-image
 * float buffer (a 100-megapixel photo would need 400 MB for it).
 *
 * @example
 * const read = lumaRowReader(image);
 * const row = new Float32Array(image.width);
 * read(0, row); // luma of the first row
 */
export function lumaRowReader(image: PdqImage): LumaRowReader {
  const { width, channels, data } = image;
  if (channels === 1) {
    return (row, out) => {
      const base = row * width;
      for (let x = 0; x < width; x++) out[x] = data[base + x]!;
    };
  }
  const redGreen = redGreenTable();
  // Stores into a Float32Array round to float32, which is the rounding of each sum.
  if (channels === 3) {
    return (row, out) => {
      let p = row * width * 3;
      for (let x = 0; x < width; x++, p += 3) {
        out[x] = redGreen[(data[p]! << 8) | data[p + 1]!]! + BLUE[data[p + 2]!]!;
      }
    };
  }
  return (row, out) => {
    let p = row * width * 4;
    for (let x = 0; x < width; x++, p += 4) {
      out[x] = redGreen[(data[p]! << 8) | data[p + 1]!]! + BLUE[data[p + 2]!]!;
    }
  };
}

/**
 * The whole luma plane (height x width, row-major), as the reference's `fillFloatLuma*` gives it.
 * Useful for tracing and for callers that already hold float luma; hashing itself streams rows.
 *
 * @example
 * const luma = pdqLuma({ width: 2, height: 1, channels: 3, data: Uint8Array.of(255, 0, 0, 0, 0, 255) });
 * // luma[0] === Math.fround(0.299) * 255 rounded to float32
 */
export function pdqLuma(image: PdqImage): Float32Array {
  const luma = new Float32Array(image.width * image.height);
  const read = lumaRowReader(image);
  for (let y = 0; y < image.height; y++) {
    read(y, luma.subarray(y * image.width, (y + 1) * image.width));
  }
  return luma;
}
