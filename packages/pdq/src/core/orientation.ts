import type { PdqImage } from './image.ts';

/** An EXIF Orientation tag value: 1 = as stored, 2-8 = mirrored and/or rotated for display. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * True for the eight valid EXIF orientations.
 *
 * @example
 * isExifOrientation(6); // true
 */
export function isExifOrientation(value: unknown): value is ExifOrientation {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8;
}

/**
 * The image as a viewer displays it: the stored pixel grid with its EXIF orientation applied
 * (exactly what `sharp().rotate()` or a browser's `image-orientation: from-image` shows). Pure
 * index shuffling, no resampling. Returns `image` itself for orientation 1.
 *
 * Aman hashes the stored grid (as the reference, StopNCII and HMA do) and, when the tag is not 1,
 * also this oriented image, for platforms that auto-rotate uploads before hashing.
 *
 * @example
 * const upright = orientPdqImage(image, 6); // a 4000x3000 grid tagged 6 becomes 3000x4000
 */
export function orientPdqImage(image: PdqImage, orientation: ExifOrientation): PdqImage {
  if (orientation === 1) return image;
  const { width: w, height: h, channels: ch, data } = image;
  const swapsAxes = orientation >= 5;
  const outWidth = swapsAxes ? h : w;
  const outHeight = swapsAxes ? w : h;
  const out = new Uint8Array(data.length);
  // Source pixel of output (x, y) is (x0 + x·dxx + y·dxy, y0 + x·dyx + y·dyy): along an output
  // row the source index moves by a constant step (±1 pixel, or ±1 row when axes swap).
  const [x0, dxx, dxy, y0, dyx, dyy] = SOURCE_MAPS[orientation](w, h);
  const step = (dyx * w + dxx) * ch;
  // Tiles keep the reads of a transposing orientation (a column walk) inside the cache.
  const tile = swapsAxes ? 64 : outWidth;
  for (let tx = 0; tx < outWidth; tx += tile) {
    const xEnd = Math.min(tx + tile, outWidth);
    for (let y = 0; y < outHeight; y++) {
      let s = ((y0 + tx * dyx + y * dyy) * w + (x0 + tx * dxx + y * dxy)) * ch;
      let o = (y * outWidth + tx) * ch;
      const oEnd = (y * outWidth + xEnd) * ch;
      if (ch === 1) {
        for (; o < oEnd; o++, s += step) out[o] = data[s]!;
      } else if (ch === 3) {
        for (; o < oEnd; o += 3, s += step) {
          out[o] = data[s]!;
          out[o + 1] = data[s + 1]!;
          out[o + 2] = data[s + 2]!;
        }
      } else {
        for (; o < oEnd; o += 4, s += step) {
          out[o] = data[s]!;
          out[o + 1] = data[s + 1]!;
          out[o + 2] = data[s + 2]!;
          out[o + 3] = data[s + 3]!;
        }
      }
    }
  }
  return { width: outWidth, height: outHeight, channels: ch, data: out };
}

type SourceMap = (w: number, h: number) => [number, number, number, number, number, number];

const SOURCE_MAPS: Record<Exclude<ExifOrientation, 1>, SourceMap> = {
  2: (w) => [w - 1, -1, 0, 0, 0, 1], // mirror left-right
  3: (w, h) => [w - 1, -1, 0, h - 1, 0, -1], // rotate 180
  4: (_w, h) => [0, 1, 0, h - 1, 0, -1], // mirror top-bottom
  5: () => [0, 0, 1, 0, 1, 0], // transpose
  6: (_w, h) => [0, 0, 1, h - 1, -1, 0], // rotate 90 clockwise
  7: (w, h) => [w - 1, 0, -1, h - 1, -1, 0], // transverse
  8: (w) => [w - 1, 0, -1, 0, 1, 0], // rotate 90 counter-clockwise
};

/**
 * The orientation that undoes `orientation`: orienting by one then the other gives the stored
 * grid back. Rotations by 90° swap (6 ↔ 8); flips and 180° are their own inverse.
 *
 * @example
 * inverseOrientation(6); // 8
 */
export function inverseOrientation(orientation: ExifOrientation): ExifOrientation {
  return orientation === 6 ? 8 : orientation === 8 ? 6 : orientation;
}
