import { describe, expect, it } from 'vitest';
import {
  canonicalSignalValue,
  formatCompactFrame,
  parseCompactFrame,
  toVpdqFrames,
} from './signals.ts';

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

  it('have one canonical text: lower-case hex, milliseconds at most, no trailing zeros', () => {
    expect(formatCompactFrame({ pdq: hash.toUpperCase(), quality: 7, timestamp: 1.5 })).toBe(
      `${hash},7,1.5`,
    );
    expect(formatCompactFrame({ pdq: hash, quality: 7, timestamp: 2.0004 })).toBe(`${hash},7,2`);
    expect(formatCompactFrame({ pdq: hash, quality: 7, timestamp: 1230 })).toBe(`${hash},7,1230`);
  });

  it('accept strings and objects mixed, in order', () => {
    expect(toVpdqFrames([`${hash},100,0`, { pdq: hash, quality: 50, timestamp: 1 }])).toEqual([
      { pdq: hash, quality: 100, timestamp: 0 },
      { pdq: hash, quality: 50, timestamp: 1 },
    ]);
  });
});

describe('canonical signal values', () => {
  it('lower-case hex hashes', () => {
    expect(canonicalSignalValue('md5', 'D41D8CD98F00B204E9800998ECF8427E')).toBe(
      'd41d8cd98f00b204e9800998ecf8427e',
    );
    expect(canonicalSignalValue('pdq', hash.toUpperCase())).toBe(hash);
  });

  it('store vPDQ as canonical compact frames whatever form they came in', () => {
    expect(
      canonicalSignalValue('vpdq', [{ pdq: hash.toUpperCase(), quality: 99, timestamp: 0.25 }]),
    ).toEqual([`${hash},99,0.25`]);
  });
});
