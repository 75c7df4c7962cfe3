import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPdqHash } from './hash.ts';
import type { PdqImage } from './image.ts';
import { orientPdqImage } from './orientation.ts';
import { computePdq, createPdqHasher } from './pdq.ts';
import { dct64To16 } from './dct.ts';
import { StreamingDownsampler } from './downsample.ts';
import { lumaRowReader } from './luma.ts';
import { pdqQuality } from './quality.ts';
import { SimdDownsampler, simdAvailable } from './simd/simd-downsampler.ts';
import { ZERO_PDQ_HASH } from './threshold.ts';

const channelCount = fc.constantFrom<1 | 3 | 4>(1, 3, 4);

/** Any valid image shape up to 150 px a side, with random pixels. */
const anyImage: fc.Arbitrary<PdqImage> = fc
  .tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 150 }), channelCount)
  .chain(([width, height, channels]) =>
    fc
      .uint8Array({ minLength: width * height * channels, maxLength: width * height * channels })
      .map((data) => ({ width, height, channels, data })),
  );

function flat(width: number, height: number, channels: 1 | 3 | 4, value: number): PdqImage {
  return { width, height, channels, data: new Uint8Array(width * height * channels).fill(value) };
}

/** A smooth synthetic picture: sums of a few sinusoids, deterministic. */
function pattern(width: number, height: number, channels: 1 | 3 | 4): PdqImage {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const v =
          128 +
          60 * Math.sin((x * (3 + c)) / width + y / 37) +
          50 * Math.cos((y * 5) / height - (x * c) / 91);
        data[(y * width + x) * channels + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { width, height, channels, data };
}

describe('computePdq', () => {
  it('never throws on a valid image, and always gives a hash and a quality in range', () => {
    fc.assert(
      fc.property(anyImage, fc.boolean(), (image, dihedral) => {
        const result = computePdq(image, { dihedral });
        expect(isPdqHash(result.hash)).toBe(true);
        expect(Number.isInteger(result.quality)).toBe(true);
        expect(result.quality).toBeGreaterThanOrEqual(0);
        expect(result.quality).toBeLessThanOrEqual(100);
        if (dihedral) {
          expect(result.dihedral).toHaveLength(8);
          expect(result.dihedral![0]).toBe(result.hash);
        } else {
          expect(result).not.toHaveProperty('dihedral');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives flat images quality 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 300 }),
        fc.integer({ min: 5, max: 300 }),
        channelCount,
        fc.integer({ min: 0, max: 255 }),
        (width, height, channels, value) => {
          expect(computePdq(flat(width, height, channels, value)).quality).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives images under 5 px on a side the zero hash and quality 0, dihedral included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        channelCount,
        (small, large, transpose, channels) => {
          const [width, height] = transpose ? [large, small] : [small, large];
          const image = pattern(width, height, channels);
          expect(computePdq(image, { dihedral: true })).toEqual({
            hash: ZERO_PDQ_HASH,
            quality: 0,
            dihedral: Array(8).fill(ZERO_PDQ_HASH),
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('hashes 5x5, the smallest hashable image', () => {
    const result = computePdq(pattern(5, 5, 1));
    expect(result.hash).not.toBe(ZERO_PDQ_HASH);
  });

  it('ignores the alpha channel', () => {
    const rgb = pattern(97, 61, 3);
    const rgba = new Uint8Array(97 * 61 * 4);
    for (let i = 0; i < 97 * 61; i++) {
      rgba.set(rgb.data.subarray(3 * i, 3 * i + 3), 4 * i);
      rgba[4 * i + 3] = (i * 37) & 255;
    }
    expect(computePdq({ ...rgb, channels: 4, data: rgba })).toEqual(computePdq(rgb));
  });

  it('has high quality on a detailed picture and sets 128 bits when DCT values are distinct', () => {
    const result = computePdq(pattern(640, 480, 3));
    expect(result.quality).toBeGreaterThanOrEqual(50);
    const ones = [...result.hash].reduce(
      (n, digit) => n + [...Number.parseInt(digit, 16).toString(2)].filter((b) => b === '1').length,
      0,
    );
    expect(ones).toBe(128);
  });

  it('refuses malformed images as programmer errors', () => {
    expect(() =>
      computePdq({ width: 10, height: 10, channels: 3, data: new Uint8Array(299) }),
    ).toThrow(RangeError);
    expect(() =>
      computePdq({ width: -1, height: 10, channels: 1, data: new Uint8Array(0) }),
    ).toThrow(RangeError);
    expect(() =>
      computePdq({ width: 2, height: 2, channels: 2 as 1, data: new Uint8Array(8) }),
    ).toThrow(RangeError);
    expect(() =>
      computePdq({ width: 1.5, height: 2, channels: 1, data: new Uint8Array(3) }),
    ).toThrow(RangeError);
  });
});

describe('createPdqHasher', () => {
  it('gives the same results as a fresh hasher, whatever it hashed before', () => {
    const shapes: Array<[number, number, 1 | 3 | 4]> = [
      [640, 480, 3],
      [64, 64, 1],
      [33, 900, 4],
      [640, 480, 3],
      [1200, 90, 1],
      [3, 3, 3],
    ];
    const reused = createPdqHasher();
    for (const [width, height, channels] of shapes) {
      const image = pattern(width, height, channels);
      expect(reused.compute(image, { dihedral: true })).toEqual(
        createPdqHasher().compute(image, { dihedral: true }),
      );
    }
  });

  it('hashes grey pixels and the same values as float luma identically', () => {
    const image = pattern(300, 200, 1);
    expect(createPdqHasher().computeFromLuma(Float32Array.from(image.data), 300, 200)).toEqual(
      computePdq(image),
    );
  });
});

describe('engines', () => {
  it('uses WebAssembly SIMD in Node', () => {
    expect(simdAvailable()).toBe(true);
  });

  it('computes the DCT bit-identically in WebAssembly and TypeScript', () => {
    const simd = SimdDownsampler.create()!;
    const values = fc.float({ min: -300, max: 300, noNaN: true, noDefaultInfinity: true });
    const blocks = fc.oneof(
      fc.float32Array({ minLength: 4096, maxLength: 4096, noNaN: true, noDefaultInfinity: true }),
      fc.array(values, { minLength: 4096, maxLength: 4096 }).map((a) => Float32Array.from(a)),
    );
    fc.assert(
      fc.property(blocks, (block) => {
        const out = new Float32Array(256);
        simd.dct64To16(block, out);
        // Compared bit for bit (as integers: -0 and 0 differ).
        expect(new Uint32Array(out.buffer)).toEqual(new Uint32Array(dct64To16(block).buffer));
      }),
      { numRuns: 60 },
    );
  });

  it('computes the quality identically in WebAssembly and TypeScript', () => {
    const simd = SimdDownsampler.create()!;
    // Downsampled luma lies in 0..255; a wider range checks the arithmetic, not the domain.
    const values = fc.oneof(
      fc.float({ min: -300, max: 300, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 255 }),
    );
    const blocks = fc
      .array(values, { minLength: 4096, maxLength: 4096 })
      .map((a) => Float32Array.from(a));
    fc.assert(
      fc.property(blocks, (block) => {
        expect(simd.quality(block)).toBe(pdqQuality(block));
      }),
      { numRuns: 100 },
    );
    // A vertical stripe at the last column only: the pair (63, next row's 0) must not count.
    const stripe = new Float32Array(4096).map((_, i) => (i % 64 === 63 ? 255 : 0));
    expect(simd.quality(stripe)).toBe(pdqQuality(stripe));
    expect(simd.quality(stripe)).toBe(71); // 64 steps of 100 (columns 62, 63), integer-divided by 90
  });

  it('gives bit-identical results with the WebAssembly and the TypeScript loops', () => {
    const wasm = createPdqHasher();
    const js = createPdqHasher({ engine: 'js' });
    const shapes = fc
      .tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), channelCount)
      .chain(([width, height, channels]) =>
        fc.oneof(
          fc.constant(pattern(width, height, channels)),
          fc
            .uint8Array({
              minLength: width * height * channels,
              maxLength: width * height * channels,
            })
            .map((data) => ({ width, height, channels, data })),
        ),
      );
    fc.assert(
      fc.property(shapes, (image) => {
        expect(wasm.compute(image, { dihedral: true })).toEqual(
          js.compute(image, { dihedral: true }),
        );
      }),
      { numRuns: 120 },
    );
  });

  it('agrees on awkward sizes: odd widths, one batch of rows short, 64x64, exact window edges', () => {
    const wasm = createPdqHasher();
    const js = createPdqHasher({ engine: 'js' });
    for (const [width, height] of [
      [5, 5],
      [5, 1000],
      [1000, 5],
      [63, 64],
      [64, 64],
      [65, 66],
      [129, 257],
      [1001, 7],
      [777, 513],
    ] as const) {
      for (const channels of [1, 3, 4] as const) {
        const image = pattern(width, height, channels);
        expect(wasm.compute(image), `${width}x${height}x${channels}`).toEqual(js.compute(image));
      }
    }
  });
});

describe('the WebAssembly downsampler', () => {
  it('equals the TypeScript one float for float on any shape, channel count and orientation', () => {
    const simd = SimdDownsampler.create()!;
    const streaming = new StreamingDownsampler();
    fc.assert(
      fc.property(
        anyImage.filter((image) => image.width >= 5 && image.height >= 5),
        fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8),
        (image, orientation) => {
          const oriented = orientPdqImage(image, orientation);
          fc.pre(!(oriented.width === 64 && oriented.height === 64));
          const fromWasm = new Float32Array(4096);
          const fromTypeScript = new Float32Array(4096);
          expect(simd.run(image, fromWasm, orientation)).toBe(true);
          streaming.run(oriented.height, oriented.width, lumaRowReader(oriented), fromTypeScript);
          expect(new Uint8Array(fromWasm.buffer)).toEqual(new Uint8Array(fromTypeScript.buffer));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('equals the TypeScript one float for float across bands of copied rows, in every orientation', () => {
    // 2100x1103 RGBA: rows of 8400 bytes, copied into WebAssembly memory 992 rows at a time, so the
    // stored rows come in two bands, the second not a whole number of 8-row steps.
    const simd = SimdDownsampler.create()!;
    const streaming = new StreamingDownsampler();
    const image = pattern(2100, 1103, 4);
    for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8] as const) {
      const oriented = orientPdqImage(image, orientation);
      const fromWasm = new Float32Array(4096);
      const fromTypeScript = new Float32Array(4096);
      expect(simd.run(image, fromWasm, orientation)).toBe(true);
      streaming.run(oriented.height, oriented.width, lumaRowReader(oriented), fromTypeScript);
      expect(new Uint8Array(fromWasm.buffer), `orientation ${orientation}`).toEqual(
        new Uint8Array(fromTypeScript.buffer),
      );
    }
  });
});

describe('pixelBuffer', () => {
  it('hashes pixels written into it in place exactly as from any array, in every orientation', () => {
    const hasher = createPdqHasher();
    const js = createPdqHasher({ engine: 'js' });
    for (const [width, height, channels] of [
      [1280, 720, 3],
      [301, 203, 4],
      [64, 64, 1],
      [5, 7, 3],
    ] as const) {
      const image = pattern(width, height, channels);
      for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8] as const) {
        const data = hasher.pixelBuffer(width, height, channels);
        data.set(image.data);
        expect(
          hasher.computeOriented({ width, height, channels, data }, orientation, {
            dihedral: true,
          }),
          `${width}x${height}x${channels} o${orientation}`,
        ).toEqual(js.compute(orientPdqImage(image, orientation), { dihedral: true }));
      }
    }
  });
});

describe('computeOriented', () => {
  const orientations = [1, 2, 3, 4, 5, 6, 7, 8] as const;

  it('equals hashing the oriented copy, on both engines, for every orientation', () => {
    const wasm = createPdqHasher();
    const js = createPdqHasher({ engine: 'js' });
    fc.assert(
      fc.property(
        anyImage.filter((image) => image.width * image.height > 0),
        fc.constantFrom(...orientations),
        (image, orientation) => {
          const expected = js.compute(orientPdqImage(image, orientation), { dihedral: true });
          expect(wasm.computeOriented(image, orientation, { dihedral: true })).toEqual(expected);
          expect(js.computeOriented(image, orientation, { dihedral: true })).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('handles awkward sizes (width not a multiple of 4, a last partial block, 64x64 once turned)', () => {
    const wasm = createPdqHasher();
    for (const [width, height] of [
      [5, 7],
      [7, 5],
      [64, 64],
      [65, 130],
      [301, 203],
      [1001, 9],
    ] as const) {
      for (const channels of [1, 3, 4] as const) {
        const image = pattern(width, height, channels);
        for (const orientation of orientations) {
          expect(
            wasm.computeOriented(image, orientation),
            `${width}x${height}x${channels} o${orientation}`,
          ).toEqual(computePdq(orientPdqImage(image, orientation)));
        }
      }
    }
  });
});
