import type { PdqHash } from '@aman/pdq';
import { describe, expect, it } from 'vitest';
import { batchSignals, signalsFor } from './signals.ts';

const hex = (digit: string) => digit.repeat(64) as PdqHash;

describe('signalsFor', () => {
  it('sends an image’s PDQ hash, and the oriented one only when it differs', () => {
    expect(
      signalsFor({ kind: 'image', pdq: { pdq: hex('a'), quality: 90 }, oriented: null }),
    ).toEqual({ signals: [{ type: 'pdq', value: hex('a'), quality: 90 }], tooFlat: false });
    const rotated = signalsFor({
      kind: 'image',
      pdq: { pdq: hex('a'), quality: 90 },
      oriented: { pdq: hex('b'), quality: 88 },
    });
    expect(rotated.signals.map((signal) => signal.value)).toEqual([hex('a'), hex('b')]);
    const same = signalsFor({
      kind: 'image',
      pdq: { pdq: hex('a'), quality: 90 },
      oriented: { pdq: hex('a'), quality: 90 },
    });
    expect(same.signals).toHaveLength(1);
  });

  it('leaves out hashes of flat images, which would match unrelated pictures', () => {
    expect(
      signalsFor({ kind: 'image', pdq: { pdq: hex('0'), quality: 12 }, oriented: null }),
    ).toEqual({ signals: [], tooFlat: true });
  });

  it('sends a video’s frames in the compact form, with its MD5 and SHA-256', () => {
    const frames = [
      { pdq: hex('c'), quality: 100, timestamp: 0 },
      { pdq: hex('d'), quality: 40, timestamp: 1 },
    ];
    const { signals, tooFlat } = signalsFor({
      kind: 'video',
      frames,
      md5: 'f'.repeat(32),
      sha256: 'e'.repeat(64),
      durationSeconds: 2,
    });
    expect(tooFlat).toBe(false);
    expect(signals).toEqual([
      { type: 'vpdq', value: [`${hex('c')},100,0.0`, `${hex('d')},40,1.0`] },
      { type: 'md5', value: 'f'.repeat(32) },
      { type: 'sha256', value: 'e'.repeat(64) },
    ]);
  });

  it('keeps a dark video’s exact hashes when no frame is good enough', () => {
    const { signals, tooFlat } = signalsFor({
      kind: 'video',
      frames: [{ pdq: hex('0'), quality: 0, timestamp: 0 }],
      md5: 'f'.repeat(32),
      sha256: 'e'.repeat(64),
      durationSeconds: 1,
    });
    expect(tooFlat).toBe(true);
    expect(signals.map((signal) => signal.type)).toEqual(['md5', 'sha256']);
  });
});

describe('batchSignals', () => {
  it('drops duplicates and splits into requests of at most 100 signals', () => {
    const signals = Array.from({ length: 230 }, (_, index) => ({
      type: 'md5' as const,
      value: index.toString(16).padStart(32, '0'),
    }));
    const batches = batchSignals([...signals, ...signals.slice(0, 10)]);
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 30]);
    expect(batches.flat()).toEqual(signals);
  });
});
