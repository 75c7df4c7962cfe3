import { describe, expect, it } from 'vitest';
import { FREE_PIN_ATTEMPTS, pinLockPolicy } from './pin-lock.ts';

describe('pinLockPolicy', () => {
  it('gives 5 free attempts, then locks 1, 2, 4… minutes, at most a day', () => {
    expect(FREE_PIN_ATTEMPTS).toBe(5);
    expect([1, 2, 3, 4].map(pinLockPolicy)).toEqual([null, null, null, null]);
    expect([5, 6, 7, 8].map(pinLockPolicy)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(pinLockPolicy(16)).toBe(24 * 60 * 60 * 1000);
    expect(pinLockPolicy(1000)).toBe(24 * 60 * 60 * 1000);
  });

  it('allows about 380 guesses in a year: a 10-digit PIN stays out of reach', () => {
    const year = 365 * 24 * 60 * 60 * 1000;
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < year) {
      attempts++;
      elapsed += pinLockPolicy(attempts) ?? 0;
    }
    expect(attempts).toBeLessThan(400);
    expect(attempts / 1e10).toBeLessThan(1e-7);
  });
});
