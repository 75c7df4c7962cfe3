/**
 * Key use, for the audit log: every request made with a platform key (and every refused key),
 * counted per platform, route and outcome, and recorded as one audit row per minute.
 *
 * Why counts and not one row per request: matching is the hot path (thousands of requests a
 * second); a durable write per match would cost more than the match. What changes something
 * (feedback, curation, review) is recorded by its service, one row per action, before the answer.
 * A crash loses at most the last minute of counts, never a change.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../repositories/clock.ts';
import type { PlatformRecord } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';

export const ACTIVITY_FLUSH_MS = 60_000;
const MAX_BUCKETS = 10_000;

interface Bucket {
  actor: { kind: 'platform' | 'system'; id: string };
  action: 'api_key.use' | 'api_key.refused';
  route: string;
  requests: number;
  refused: number;
  from: Date;
}

/**
 * Where `attach` leaves a request's platform: a property of the request itself, which goes with it.
 * (A WeakMap did the same, at the cost of an ephemeron entry the collector handles per request.)
 */
const PLATFORM = Symbol('aman.platform');
type WithPlatform = FastifyRequest & { [PLATFORM]?: PlatformRecord };

export class PlatformActivity {
  readonly #buckets = new Map<string, Bucket>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      readonly audit: AuditTrail;
      readonly clock: Clock;
      readonly onError?: (error: unknown) => void;
    },
  ) {}

  /** Notes which platform's key authenticated `request` (define-route.ts). */
  attach(request: FastifyRequest, platform: PlatformRecord): void {
    (request as WithPlatform)[PLATFORM] = platform;
  }

  /**
   * A Fastify onResponse hook for one platform route: counts the request under its platform, or
   * as a refused key when it was turned away with 401 or 403 before any platform was known.
   */
  hook(route: string): (request: FastifyRequest, reply: FastifyReply, done: () => void) => void {
    return (request, reply, done) => {
      const platform = (request as WithPlatform)[PLATFORM];
      if (platform !== undefined) this.used(platform, route, reply.statusCode >= 400);
      else if (reply.statusCode === 401 || reply.statusCode === 403) this.refusedKey(route);
      done();
    };
  }

  /** A request made with `platform`'s key; `refused`: it was answered with an error. */
  used(platform: PlatformRecord, route: string, refused: boolean): void {
    this.#count({ kind: 'platform', id: String(platform.id) }, 'api_key.use', route, refused);
  }

  /** A request with a missing, unknown or insufficient key (the key itself is never kept). */
  refusedKey(route: string): void {
    this.#count({ kind: 'system', id: 'anonymous' }, 'api_key.refused', route, true);
  }

  /** Records every pending count now. */
  async flush(): Promise<void> {
    const buckets = [...this.#buckets.values()];
    this.#buckets.clear();
    const to = this.deps.clock.now().toISOString();
    for (const bucket of buckets) {
      await this.deps.audit.record({
        actor: bucket.actor,
        action: bucket.action,
        target: bucket.route,
        details: {
          requests: bucket.requests,
          refused: bucket.refused,
          from: bucket.from.toISOString(),
          to,
        },
      });
    }
  }

  /** Flushes every ACTIVITY_FLUSH_MS until `stop`. */
  start(): void {
    this.#timer ??= setInterval(() => {
      this.flush().catch((error: unknown) => this.deps.onError?.(error));
    }, ACTIVITY_FLUSH_MS);
    this.#timer.unref();
  }

  /** Stops the timer and records what is pending. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  #count(actor: Bucket['actor'], action: Bucket['action'], route: string, refused: boolean): void {
    const key = `${action}|${actor.kind}:${actor.id}|${route}`;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      // A flood of distinct keys is bounded: record what we have and start again.
      if (this.#buckets.size >= MAX_BUCKETS) {
        this.flush().catch((error: unknown) => this.deps.onError?.(error));
      }
      bucket = { actor, action, route, requests: 0, refused: 0, from: this.deps.clock.now() };
      this.#buckets.set(key, bucket);
    }
    bucket.requests++;
    if (refused) bucket.refused++;
  }
}
