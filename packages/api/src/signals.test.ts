import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompactFrame, toVpdqFrames } from './signals.ts';

const hash = 'e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c';

describe('vPDQ frames', () => {
  it("read python-threatexchange's compact form, including its exponent timestamps", () => {
    expect(parseCompactFrame(`${hash},100,0`)).toEqual({ pdq: hash, quality: 100, timestamp: 0 });
    expect(parseCompactFrame(`${hash.toUpperCase()},98,1.23e+03`)).toEqual({
      pdq: hash,
      quality: 98,
      timestamp: 1230,
    });
  });

  it('refuse malformed frames', () => {
    expect(parseCompactFrame(`${hash},101,0`)).toBeUndefined();
    expect(parseCompactFrame(`${hash},100`)).toBeUndefined();
    expect(parseCompactFrame(`${hash},100,-1`)).toBeUndefined();
    expect(parseCompactFrame(`${hash.slice(1)},100,0`)).toBeUndefined();
  });

  it('accept strings and objects mixed, in order', () => {
    expect(toVpdqFrames([`${hash},100,0`, { pdq: hash, quality: 50, timestamp: 1 }])).toEqual([
      { pdq: hash, quality: 100, timestamp: 0 },
      { pdq: hash, quality: 50, timestamp: 1 },
    ]);
  });

  it('never throw on any text, and give only well-formed frames', () => {
    const frameLike = fc
      .tuple(
        fc.stringMatching(/^[0-9a-fA-F]{60,68}$/),
        fc.oneof(fc.integer({ min: -5, max: 1000 }).map(String), fc.string({ maxLength: 4 })),
        fc.oneof(fc.double().map(String), fc.string({ maxLength: 12 })),
      )
      .map((parts) => parts.join(','));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), frameLike), (text) => {
        const frame = parseCompactFrame(text);
        if (frame === undefined) return;
        expect(frame.pdq).toMatch(/^[0-9a-f]{64}$/);
        expect(frame.quality).toBeGreaterThanOrEqual(0);
        expect(frame.quality).toBeLessThanOrEqual(100);
        expect(Number.isFinite(frame.timestamp) && frame.timestamp >= 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
