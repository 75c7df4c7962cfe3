/**
 * A real server with the console: the same app as `aman serve` (services, matcher, console store,
 * correlation) on a free port, with helpers to make staff accounts and signed-in clients. Only the
 * clock is the test's (sessions' idle and absolute limits, lockouts, TOTP steps).
 */
import type { FastifyInstance } from 'fastify';
import {
  AmanClient,
  ConsoleClient,
  createStaffKeyPair,
  SCOPES,
  type CreateStaffRequest,
  type CryptoKey,
  type Scope,
  type StaffKeyPair,
} from '@aman/api';
import { buildApp } from '../../src/app.ts';
import { createConsoleServices, type ConsoleServices } from '../../src/console.ts';
import { createServices } from '../../src/main.ts';
import { Matcher } from '../../src/matcher/matcher.ts';
import type { ConsoleStore, StaffRecord } from '../../src/repositories/console-store.ts';
import { openConsoleStore } from '../../src/repositories/open-console-store.ts';
import { nodeSecrets } from '../../src/repositories/secrets.ts';
import { nodeStaffSecrets } from '../../src/repositories/staff-secrets.ts';
import type { Store } from '../../src/repositories/store.ts';
import { ChainedAuditTrail } from '../../src/security/audit-trail.ts';
import { EnvelopeCipher } from '../../src/security/field-cipher.ts';
import { checkKeys } from '../../src/security/key-management.ts';
import { Keyring } from '../../src/security/keyring.ts';
import { TestClock } from './harness.ts';
import { openMigratedStore } from './stores.ts';

/** Small argon2 parameters for test key pairs (the format is the same as the browser's). */
export const FAST_KDF = { memoryKiB: 19_456, iterations: 1, parallelism: 1 } as const;

export interface StaffMember {
  readonly record: StaffRecord;
  readonly password: string;
  /** The key pair made at setup (helpline members), with its private key. */
  readonly keys: { keyPair: StaffKeyPair; privateKey: CryptoKey } | undefined;
  /** A client signed in as this member (cookie jar, CSRF token). */
  readonly client: ConsoleClient;
}

export interface ConsoleTestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly consoleStore: ConsoleStore;
  readonly console: ConsoleServices;
  readonly clock: TestClock;
  readonly cipher: EnvelopeCipher;
  readonly victim: AmanClient;
  platform(name: string, scopes?: readonly Scope[]): Promise<AmanClient & { apiKey: string }>;
  /** Creates an account, uses its setup link and signs in. */
  staff(request: CreateStaffRequest, password?: string): Promise<StaffMember>;
  /** A client with no session. */
  anonymous(): ConsoleClient;
  close(): Promise<void>;
}

const testKeyring = Keyring.generate();

export async function startConsoleTestServer(
  location: string,
  options: {
    clock?: TestClock;
    rateLimitPerMinute?: number;
    /** How often correlation reads other processes' changes (default 0: only its own). */
    correlationPollMs?: number;
  } = {},
): Promise<ConsoleTestServer> {
  const store = await openMigratedStore(location);
  const consoleStore = openConsoleStore(location);
  const clock = options.clock ?? new TestClock();
  await checkKeys(store, testKeyring, clock);
  const cipher = new EnvelopeCipher(testKeyring);
  const audit = new ChainedAuditTrail({ store, keyring: () => cipher.keys, clock });
  const matcher = new Matcher(store, { pollIntervalMs: 0 });
  await matcher.start();
  const services = createServices({
    store,
    matcher,
    clock,
    // Flood control on (as by default): its sightings are the platforms' match statistics.
    config: { flood: { platforms: 1_000, windowMs: 3_600_000 } },
    cipher,
    audit,
  });
  const consoleServices = createConsoleServices({
    ...services,
    store,
    consoleStore,
    cipher,
    audit,
    clock,
    secrets: nodeSecrets,
    staffSecrets: nodeStaffSecrets,
    pollIntervalMs: options.correlationPollMs ?? 0,
  });
  await consoleServices.correlation.start();
  const app = await buildApp({
    services: { ...services, console: consoleServices },
    bodyLimit: 2 * 1024 * 1024,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let counter = 0;
  return {
    url,
    app,
    store,
    consoleStore,
    console: consoleServices,
    clock,
    cipher,
    victim: new AmanClient({ baseUrl: url }),
    platform: async (name, scopes = SCOPES) => {
      const { apiKey } = await services.platforms.create(name, scopes);
      return Object.assign(new AmanClient({ baseUrl: url, apiKey }), { apiKey });
    },
    staff: async (request, password = `correct horse battery staple ${++counter}`) => {
      const link = await consoleServices.accounts.create('cli', request);
      const keys =
        request.role === 'helpline' ? await createStaffKeyPair(password, FAST_KDF) : undefined;
      await consoleServices.accounts.completeSetup({
        code: link.setupCode,
        password,
        keyPair: keys?.keyPair,
      });
      const client = new ConsoleClient({ baseUrl: url, rememberCookies: true });
      const signedIn = await client.login({ name: request.name, password });
      if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error.message}`);
      const record = (await consoleStore.findStaff(signedIn.value.staff.id))!;
      return { record, password, keys, client };
    },
    anonymous: () => new ConsoleClient({ baseUrl: url, rememberCookies: true }),
    close: async () => {
      await app.close();
      consoleServices.correlation.stop();
      await matcher.stop();
      await consoleStore.close();
      await store.close();
    },
  };
}
