/**
 * A real server for HTTP tests: the real app, services, matcher and store, listening on a free
 * port of 127.0.0.1, with the typed client of @aman/api pointed at it. Only the clock is the test's
 * (so that lockouts and flood windows can be crossed without waiting).
 */
import type { FastifyInstance } from 'fastify';
import { AmanClient, SCOPES, type Scope } from '@aman/api';
import { buildApp, type AppOptions, type Services } from '../../src/app.ts';
import { createServices } from '../../src/main.ts';
import { Matcher, type BankMatcher } from '../../src/matcher/matcher.ts';
import { MatcherThread } from '../../src/matcher/matcher-thread.ts';
import type { Clock } from '../../src/repositories/clock.ts';
import type { Store } from '../../src/repositories/store.ts';
import { ChainedAuditTrail } from '../../src/security/audit-trail.ts';
import { EnvelopeCipher } from '../../src/security/field-cipher.ts';
import { checkKeys } from '../../src/security/key-management.ts';
import { Keyring } from '../../src/security/keyring.ts';
import { openMigratedStore } from './stores.ts';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  #now = Date.parse('2026-03-01T12:00:00Z');

  now(): Date {
    return new Date(this.#now);
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}

export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly matcher: BankMatcher;
  readonly clock: TestClock;
  /** The data keys (shared by every test server of this test file unless one is given). */
  readonly keyring: Keyring;
  readonly cipher: EnvelopeCipher;
  /** The services the app runs on (e.g. `services.activity.flush()`). */
  readonly services: Services;
  /** A client without a key, as a victim's browser. */
  readonly victim: AmanClient;
  /** Creates a platform and returns a client holding its key. */
  platform(name: string, scopes?: readonly Scope[]): Promise<AmanClient & { apiKey: string }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly flood?: { platforms: number; windowMs: number };
  readonly rateLimitPerMinute?: number;
  readonly platformRateLimitPerMinute?: number;
  readonly caseRateLimitPerMinute?: number;
  readonly bodyLimit?: number;
  readonly webRoot?: string;
  /** Fastify's trustProxy (X-Forwarded-For / -Proto are believed). */
  readonly trustProxy?: boolean;
  /** 0: the matcher only learns of this process's writes (default); > 0: it also polls. */
  readonly pollIntervalMs?: number;
  /** Run the matcher in a thread of its own, as `aman serve` does (default: in this thread). */
  readonly matcherThread?: boolean;
  readonly clock?: TestClock;
  readonly keyring?: Keyring;
  readonly evidenceLimits?: { items: number; bytes: number };
}

/** One keyring per test file: servers on the same database must share their keys. */
const testKeyring = Keyring.generate();

export async function startTestServer(
  location: string,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const store = await openMigratedStore(location);
  const clock = options.clock ?? new TestClock();
  const keyring = options.keyring ?? testKeyring;
  await checkKeys(store, keyring, clock);
  const cipher = new EnvelopeCipher(keyring);
  const audit = new ChainedAuditTrail({ store, keyring: () => cipher.keys, clock });
  const matcherOptions = { pollIntervalMs: options.pollIntervalMs ?? 0 };
  const matcher =
    options.matcherThread === true
      ? new MatcherThread(location, matcherOptions)
      : new Matcher(store, matcherOptions);
  await matcher.start();
  const services = createServices({
    store,
    matcher,
    clock,
    config: {
      flood: options.flood ?? { platforms: 0, windowMs: 3_600_000 },
      caseRateLimitPerMinute: options.caseRateLimitPerMinute ?? 0,
    },
    cipher,
    audit,
    ...(options.evidenceLimits === undefined ? {} : { evidenceLimits: options.evidenceLimits }),
  });
  const appOptions: AppOptions = {
    services,
    bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    platformRateLimitPerMinute: options.platformRateLimitPerMinute ?? 0,
    ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  };
  const app = await buildApp(appOptions);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app,
    store,
    matcher,
    clock,
    keyring,
    cipher,
    services,
    victim: new AmanClient({ baseUrl: url }),
    platform: async (name, scopes = SCOPES) => {
      const { apiKey } = await services.platforms.create(name, scopes);
      return Object.assign(new AmanClient({ baseUrl: url, apiKey }), { apiKey });
    },
    close: async () => {
      await app.close();
      await matcher.stop();
      await store.close();
    },
  };
}

/** The value of a successful call, or a failed assertion that shows the error. */
export function unwrap<T>(
  result:
    | { ok: true; value: T }
    | { ok: false; status: number; error: { code: string; message: string } },
): T {
  if (!result.ok) {
    throw new Error(
      `expected success, got ${result.status} ${result.error.code}: ${result.error.message}`,
    );
  }
  return result.value;
}

/** A raw request, for what the typed client cannot send (bad JSON, wrong content types). */
export async function rawRequest(
  url: string,
  init: RequestInit & { path: string },
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${url}${init.path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the test looks at the text
  }
  return { status: response.status, headers: response.headers, body };
}
