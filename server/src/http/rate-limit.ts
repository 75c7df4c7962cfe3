/**
 * A per-client request budget for the routes anyone may call without a key (opening cases, PIN
 * routes, triage): a token bucket per IP address, in memory. It slows scripted abuse (filling the
 * protect bank with junk, burning CPU on argon2) without bothering a person; the PIN lockout is what
 * makes guessing hopeless.
 */
import { DomainError } from '../errors.ts';

const MAX_CLIENTS = 50_000;

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** Requests allowed per minute per client (also the burst); 0 turns the limit off. */
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `client`, or throws `rate_limited` with Retry-After. */
  take(client: string): void {
    if (this.perMinute <= 0) return;
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    const bucket = this.#buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.#buckets.set(client, bucket);
      const seconds = Math.ceil((1 - bucket.tokens) / perMs / 1000);
      throw new DomainError(
        'rate_limited',
        `too many requests from this address; try again in ${seconds} second${seconds === 1 ? '' : 's'}`,
        { 'retry-after': String(seconds) },
      );
    }
    bucket.tokens -= 1;
    if (!this.#buckets.has(client) && this.#buckets.size >= MAX_CLIENTS) this.#prune(now);
    this.#buckets.set(client, bucket);
  }

  /** Forgets clients whose bucket is full again (they would start full anyway). */
  #prune(now: number): void {
    const perMs = this.perMinute / 60_000;
    for (const [client, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= this.perMinute) this.#buckets.delete(client);
    }
    if (this.#buckets.size >= MAX_CLIENTS) this.#buckets.clear();
  }
}
