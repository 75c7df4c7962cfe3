import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  framesShownAt,
  instantOfTimestamp,
  parseSecondsPerHash,
  presentationSeconds,
  referenceFrameStep,
  referenceTimestamp,
  roundMicroseconds,
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

describe('presentation timestamps', () => {
  it('are exact to the microsecond, counted from the first frame, rounded half up', () => {
    // 30 fps in MP4's 1/15360: frame 2 starts at 66666.67 µs
    expect(presentationSeconds(1024, 0, { num: 1, den: 15360 })).toBe(0.066667);
    expect(presentationSeconds(512 * 30, 0, { num: 1, den: 15360 })).toBe(1);
    // NTSC 1001/30000 per frame, from a first frame at pts 2002
    expect(presentationSeconds(2002 + 14 * 1001, 2002, { num: 1, den: 30000 })).toBe(0.467133);
    // a time base whose microseconds end in exactly one half: rounded up
    expect(presentationSeconds(1, 0, { num: 1, den: 2_000_000 })).toBe(0.000001);
    expect(presentationSeconds(3, 0, { num: 1, den: 2_000_000 })).toBe(0.000002);
    // ten hours at 90 kHz, beyond what a double multiplies exactly
    expect(presentationSeconds(36_000 * 90_000 + 1, 0, { num: 1, den: 90_000 })).toBe(
      36_000.000011,
    );
    expect(() => presentationSeconds(0, 10, { num: 1, den: 1000 })).toThrow(RangeError);
  });

  it('agree with the browser decoders, which count in microseconds', () => {
    expect(roundMicroseconds(14 * (1001 / 30000))).toBe(0.467133);
    expect(roundMicroseconds(2 / 30)).toBe(0.066667);
  });
});

describe('instantOfTimestamp', () => {
  it('gives the nearest multiple of the interval, and half-way to the earlier instant', () => {
    expect(instantOfTimestamp(0, 1)).toBe(0);
    expect(instantOfTimestamp(0.967633, 1)).toBe(1); // frame 29 of 29.97 fps, shown at 1 s
    expect(instantOfTimestamp(0.866667, 1)).toBe(1); // the neighbourhood of 1 s at ±0.15 s
    expect(instantOfTimestamp(1.133333, 1)).toBe(1);
    expect(instantOfTimestamp(0.5, 1)).toBe(0);
    expect(instantOfTimestamp(0.500001, 1)).toBe(1);
    expect(instantOfTimestamp(1.5, 1)).toBe(1);
    // 0.15 and 0.1 are not exact in binary: still a tie, read to the microsecond
    expect(instantOfTimestamp(0.15, 0.1)).toBe(1);
    expect(instantOfTimestamp(0.25, 0.1)).toBe(2);
    expect(instantOfTimestamp(0.35, 0.1)).toBe(3);
    expect(instantOfTimestamp(7.499999, 2.5)).toBe(3);
    expect(instantOfTimestamp(3600 * 10 + 0.2, 0.4)).toBe(90_000);
    // Never at or past the end of the video
    expect(instantOfTimestamp(3.9, 1, 4)).toBe(3);
    expect(instantOfTimestamp(3.9, 1, 4.000001)).toBe(4);
    expect(instantOfTimestamp(0.9, 1, 0)).toBe(0);
    expect(instantOfTimestamp(2.2, 0.5, 10)).toBe(4);
    expect(() => instantOfTimestamp(-1, 1)).toThrow(RangeError);
    expect(() => instantOfTimestamp(1, 0)).toThrow(RangeError);
  });

  it('agrees with exact arithmetic on microseconds (random timestamps and intervals)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 36_000_000_000 }),
        fc.integer({ min: 1, max: 3_600_000_000 }),
        (micros, intervalMicros) => {
          const t = BigInt(micros);
          const s = BigInt(intervalMicros);
          // nearest k: |t - k·s| smallest, the smaller k on a tie
          const below = t / s;
          const expected = 2n * (t - below * s) <= s ? below : below + 1n;
          expect(instantOfTimestamp(micros / 1e6, intervalMicros / 1e6)).toBe(Number(expected));
        },
      ),
    );
  });
});
