import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PdqImage } from './image.ts';
import { inverseOrientation, orientPdqImage, type ExifOrientation } from './orientation.ts';

const image: fc.Arbitrary<PdqImage> = fc
  .tuple(
    fc.integer({ min: 1, max: 150 }),
    fc.integer({ min: 1, max: 150 }),
    fc.constantFrom<1 | 3 | 4>(1, 3, 4),
  )
  .chain(([width, height, channels]) =>
    fc
      .uint8Array({ minLength: width * height * channels, maxLength: width * height * channels })
      .map((data) => ({ width, height, channels, data })),
  );
const orientation = fc.constantFrom<ExifOrientation>(1, 2, 3, 4, 5, 6, 7, 8);

describe('orientPdqImage', () => {
  it('is undone by the inverse orientation', () => {
    fc.assert(
      fc.property(image, orientation, (picture, o) => {
        const back = orientPdqImage(orientPdqImage(picture, o), inverseOrientation(o));
        expect(back.width).toBe(picture.width);
        expect(Buffer.from(back.data).equals(Buffer.from(picture.data))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('moves the top-left pixel where each orientation says', () => {
    // 3x2 grey image, pixel value = 10·row + column.
    const grid: PdqImage = {
      width: 3,
      height: 2,
      channels: 1,
      data: Uint8Array.of(0, 1, 2, 10, 11, 12),
    };
    const rows = (o: ExifOrientation): number[][] => {
      const out = orientPdqImage(grid, o);
      return Array.from({ length: out.height }, (_, y) =>
        Array.from(out.data.subarray(y * out.width, (y + 1) * out.width)),
      );
    };
    expect(rows(2)).toEqual([
      [2, 1, 0],
      [12, 11, 10],
    ]);
    expect(rows(3)).toEqual([
      [12, 11, 10],
      [2, 1, 0],
    ]);
    expect(rows(4)).toEqual([
      [10, 11, 12],
      [0, 1, 2],
    ]);
    expect(rows(5)).toEqual([
      [0, 10],
      [1, 11],
      [2, 12],
    ]);
    expect(rows(6)).toEqual([
      [10, 0],
      [11, 1],
      [12, 2],
    ]);
    expect(rows(7)).toEqual([
      [12, 2],
      [11, 1],
      [10, 0],
    ]);
    expect(rows(8)).toEqual([
      [2, 12],
      [1, 11],
      [0, 10],
    ]);
  });
});
