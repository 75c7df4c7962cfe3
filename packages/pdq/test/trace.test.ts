// The core fed the reference's own float32 intermediates reproduces each next step bit for bit.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  createPdqHasher,
  dct64To16,
  dctMedian,
  hashFromDct,
  jaroszWindowSize,
  pdqLuma,
  pdqQuality,
  referenceDownsample,
  StreamingDownsampler,
} from '../src/core/index.ts';
import { readTrace, referencePath } from './reference-data.ts';

/** Bit patterns, so that a mismatch prints the first differing float32 exactly. */
const bits = (values: Float32Array): string[] =>
  Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length), (v) =>
    v.toString(16).padStart(8, '0'),
  );

describe.each(['wee.jpg', 'bridge-1-original.jpg'])('trace of %s', (name) => {
  const trace = readTrace(name);

  it('uses the same Jarosz windows', () => {
    expect(jaroszWindowSize(trace.width)).toBe(trace.windowAlongRows);
    expect(jaroszWindowSize(trace.height)).toBe(trace.windowAlongCols);
  });

  it('reproduces the 16x16 DCT from the 64x64 buffer', () => {
    expect(bits(dct64To16(trace.buffer64x64))).toEqual(bits(trace.dct16x16));
  });

  it('reproduces the median, the hash and the quality', () => {
    expect(dctMedian(trace.dct16x16)).toBe(trace.median);
    expect(hashFromDct(trace.dct16x16)).toBe(trace.hash);
    expect(pdqQuality(trace.buffer64x64)).toBe(trace.quality);
  });
});

describe('trace of wee.jpg, from luma', () => {
  const trace = readTrace('wee.jpg');
  const luma = trace.luma!;

  it('decodes (sharp, ICC ignored) to the traced luma', async () => {
    const { data, info } = await sharp(referencePath('misc-images/wee.jpg'), { ignoreIcc: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    const ours = pdqLuma({ width: info.width, height: info.height, channels: 3, data });
    expect(bits(ours)).toEqual(bits(luma));
  });

  it('downsamples the luma to the traced 64x64 buffer, streaming and literal alike', () => {
    const streamed = new Float32Array(4096);
    new StreamingDownsampler().run(
      trace.height,
      trace.width,
      (y, out) => {
        out.set(luma.subarray(y * trace.width, (y + 1) * trace.width));
      },
      streamed,
    );
    expect(bits(streamed)).toEqual(bits(trace.buffer64x64));
    expect(bits(referenceDownsample(luma.slice(), trace.height, trace.width))).toEqual(
      bits(trace.buffer64x64),
    );
  });

  it('hashes the luma to the traced hash and quality', () => {
    const result = createPdqHasher().computeFromLuma(luma, trace.width, trace.height);
    expect(result).toEqual({ hash: trace.hash, quality: trace.quality });
  });
});
