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
});
