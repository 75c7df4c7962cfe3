import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows a burst of the per-minute budget, then refills steadily, per client', () => {
    let now = 0;
    const limiter = new RateLimiter(6, () => now);
    for (let i = 0; i < 6; i++) limiter.take('a');
    expect(() => limiter.take('a')).toThrow(DomainError);
    limiter.take('b');
    now += 10_000; // 6 a minute: one every 10 s
    limiter.take('a');
    expect(() => limiter.take('a')).toThrow(
      expect.objectContaining({ code: 'rate_limited', headers: { 'retry-after': '10' } }),
    );
  });

  it('names what it counts by', () => {
    let now = 0;
    const perKey = new RateLimiter(1, () => now, 'platform key');
    perKey.take('7');
    expect(() => perKey.take('7')).toThrow(/from this platform key; try again in 60 seconds/);
    const perCase = new RateLimiter(2, () => now, 'case');
    perCase.take('7KQM-4XZD-9H2P-R3TA');
    perCase.take('7KQM-4XZD-9H2P-R3TA');
    expect(() => perCase.take('7KQM-4XZD-9H2P-R3TA')).toThrow(/for this case; try again in 30/);
    now += 30_000;
    perCase.take('7KQM-4XZD-9H2P-R3TA');
  });

  it('does nothing at 0', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) limiter.take('a');
  });
});
