import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  framesShownAt,
  parseSecondsPerHash,
  referenceFrameStep,
  referenceTimestamp,
  secondsPerHashRational,
  timeSampleTimestamp,
} from './sampling.ts';

describe('reference sampling', () => {
  it('steps by int(secondsPerHash * frameRate), at least 1', () => {
    expect(referenceFrameStep(1, 30)).toBe(30);
    expect(referenceFrameStep(1, 30000 / 1001)).toBe(29);
    expect(referenceFrameStep(0.5, 25)).toBe(12);
    expect(referenceFrameStep(0, 30)).toBe(1);
    expect(referenceFrameStep(1, 0.5)).toBe(1);
  });

  it('stamps frames in float32, as the reference does', () => {
    expect(referenceTimestamp(1, 30)).toBe(Math.fround(1 / 30));
    expect(referenceTimestamp(1, 30)).not.toBe(1 / 30);
    expect(referenceTimestamp(30, 30)).toBe(1);
  });
});

describe('time sampling', () => {
  it('validates the interval for each mode', () => {
    expect(parseSecondsPerHash(0.5, 'time')).toEqual({ ok: true, value: 0.5 });
    expect(parseSecondsPerHash(0, 'reference')).toEqual({ ok: true, value: 0 });
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 3601, 0.0000001, '1']) {
      const parsed = parseSecondsPerHash(bad, 'time');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe('vpdq_bad_seconds_per_hash');
    }
  });

  it('turns the interval into an exact fraction', () => {
    expect(secondsPerHashRational(1)).toEqual({ num: 1, den: 1 });
    expect(secondsPerHashRational(0.25)).toEqual({ num: 1, den: 4 });
    expect(secondsPerHashRational(2.5)).toEqual({ num: 5, den: 2 });
    expect(secondsPerHashRational(0.1)).toEqual({ num: 1, den: 10 });
  });

  it('stamps samples at exact multiples of the interval', () => {
    expect(timeSampleTimestamp(3, 0.1)).toBe(0.3);
    expect(timeSampleTimestamp(7, 1)).toBe(7);
  });

  it('picks the frame on screen at each instant, whatever the frame rate', () => {
    // 30 fps and 25 fps copies of one video, in their usual MP4 time bases
    const at30 = Array.from({ length: 300 }, (_, n) => n * 512); // 1/15360
    const at25 = Array.from({ length: 250 }, (_, n) => n * 512); // 1/12800
    expect(framesShownAt(at30, { num: 1, den: 15360 }, 1, 10)).toEqual([
      0, 30, 60, 90, 120, 150, 180, 210, 240, 270,
    ]);
    expect(framesShownAt(at25, { num: 1, den: 12800 }, 1, 10)).toEqual([
      0, 25, 50, 75, 100, 125, 150, 175, 200, 225,
    ]);
    // NTSC 29.97: frame 29 (0.9676 s) is still on screen at 1 s; frame 30 starts at 1.001 s
    const ntsc = Array.from({ length: 100 }, (_, n) => n * 1001); // 1/30000
    expect(framesShownAt(ntsc, { num: 1, den: 30000 }, 1, 3)).toEqual([0, 29, 59]);
  });

  it('counts from the first frame and holds a frame across gaps (variable frame rate)', () => {
    const pts = [1000, 1100, 1500, 4000, 4100]; // time base 1/1000: 0, 0.1, 0.5, 3.0, 3.1 s
    expect(framesShownAt(pts, { num: 1, den: 1000 }, 0.5, 8)).toEqual([0, 2, 2, 2, 2, 2, 3, 4]);
  });

  it('agrees with a floating-point model on random constant-rate videos', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 5 }),
        (fps, seconds) => {
          const pts = Array.from({ length: fps * seconds }, (_, n) => n);
          const shown = framesShownAt(pts, { num: 1, den: fps }, 1, seconds);
          expect(shown).toEqual(Array.from({ length: seconds }, (_, k) => k * fps));
        },
      ),
    );
  });
});
