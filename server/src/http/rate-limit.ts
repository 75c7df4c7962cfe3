/**
 * Request budgets: a token bucket per subject, in memory, one limiter per kind of subject.
 *
 * - per client address, on the routes anyone may call without a key (opening cases, PIN routes,
 *   triage): slows scripted abuse (filling the protect bank with junk, burning CPU on argon2)
 *   without bothering a person;
 * - per platform key, on every platform route: a leaked or runaway key cannot take the server;
 * - per case, on every PIN route, whatever the address: many addresses cannot hammer one case.
 *
 * The PIN lockout is what makes guessing hopeless; these keep the cost of trying bounded. Each
 * process counts for itself: behind a load balancer the effective budget is per replica.
 */
import { DomainError } from '../errors.ts';

const MAX_CLIENTS = 50_000;

/** What a limiter counts by, for its refusal message. */
export type RateSubject = 'address' | 'platform key' | 'case';

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** Requests allowed per minute per subject (also the burst); 0 turns the limit off. */
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly subject: RateSubject = 'address',
  ) {}

  /** Takes one token for `client` (an address, a platform id, a case number), or throws `rate_limited` with Retry-After. */
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
        `too many requests ${this.subject === 'case' ? 'for this case' : `from this ${this.subject}`}; try again in ${seconds} second${seconds === 1 ? '' : 's'}`,
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
