import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boxFilter1D,
  decimationIndex,
  jaroszWindowSize,
  referenceDownsample,
  StreamingDownsampler,
} from './downsample.ts';

const bits = (values: Float32Array): number[] =>
  Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));

/** Luma-like float32 values: the 8-bit range with fractional parts, as real luma has. */
function randomLuma(rows: number, cols: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  return Float32Array.from({ length: rows * cols }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 2 ** 32) * 255;
  });
}

function streamed(luma: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(4096);
  new StreamingDownsampler().run(
    rows,
    cols,
    (y, row) => row.set(luma.subarray(y * cols, (y + 1) * cols)),
    out,
  );
  return out;
}

describe('window sizes and decimation', () => {
  it('matches the reference integer formulas', () => {
    expect([1, 64, 128, 129, 256, 257, 1004, 1600, 4032].map(jaroszWindowSize)).toEqual([
      1, 1, 1, 2, 2, 3, 8, 13, 32,
    ]);
    for (const n of [1, 5, 63, 64, 65, 1004, 1600, 99_999]) {
      for (let i = 0; i < 64; i++) {
        // The reference computes (int)(((i + 0.5) * n) / 64) in double.
        expect(decimationIndex(i, n)).toBe(Math.trunc(((i + 0.5) * n) / 64));
      }
    }
  });
});

describe('boxFilter1D', () => {
  it('averages a clipped window around each index', () => {
    const out = new Float32Array(5);
    boxFilter1D(Float32Array.of(1, 2, 3, 4, 5), 0, out, 0, 5, 1, 3);
    expect(Array.from(out)).toEqual([1.5, 2, 3, 4, 4.5]);
  });
});

describe('StreamingDownsampler', () => {
  it('equals the literal four-pass reference on arbitrary shapes, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 420 }),
        fc.integer({ min: 1, max: 420 }),
        fc.integer(),
        (rows, cols, seed) => {
          const luma = randomLuma(rows, cols, seed);
          expect(bits(streamed(luma, rows, cols))).toEqual(
            bits(referenceDownsample(luma.slice(), rows, cols)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each([
    [5, 5],
    [64, 64],
    [64, 65],
    [65, 64],
    [127, 129],
    [7, 1900],
    [1900, 7],
    [513, 388],
    [1004, 1600],
  ])('equals the reference on %ix%i', (rows, cols) => {
    const luma = randomLuma(rows, cols, rows * 7919 + cols);
    expect(bits(streamed(luma, rows, cols))).toEqual(
      bits(referenceDownsample(luma.slice(), rows, cols)),
    );
  });

  it('gives the same result when reused across different sizes', () => {
    const downsampler = new StreamingDownsampler();
    for (const [rows, cols] of [
      [300, 200],
      [90, 700],
      [300, 200],
      [64, 64],
    ] as const) {
      const luma = randomLuma(rows, cols, rows + cols);
      const out = new Float32Array(4096);
      downsampler.run(
        rows,
        cols,
        (y, row) => row.set(luma.subarray(y * cols, (y + 1) * cols)),
        out,
      );
      expect(bits(out)).toEqual(bits(referenceDownsample(luma.slice(), rows, cols)));
    }
  });
});

describe('multiplying by a double reciprocal', () => {
  it('rounds to the same float32 as the division, for every window up to 2048', () => {
    // The hot loops rely on fround(s * (1/k)) === fround(s / k); check it on hard cases:
    // every window, values spanning many exponents, and neighbours of exact multiples.
    const values = randomLuma(1, 4000, 12345);
    const scratch = new Float32Array(1);
    for (let k = 1; k <= 2048; k++) {
      const reciprocal = 1 / k;
      for (let i = 0; i < values.length; i++) {
        const s = values[i]! * (i % 7 === 0 ? k : 1) * (i % 3 === 0 ? 1e-3 : 1) * (i % 5 ? 1 : 400);
        scratch[0] = s;
        const f = scratch[0];
        if (Math.fround(f * reciprocal) !== Math.fround(f / k)) {
          expect.fail(`float ${f} / ${k}: reciprocal gives ${Math.fround(f * reciprocal)}`);
        }
      }
    }
  });
});
