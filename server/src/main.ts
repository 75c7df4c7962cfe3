/**
 * The composition root: the only place that picks implementations (SQLite or PostgreSQL, the real
 * clock, node:crypto) and wires repositories into services and services into the application.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { analyze } from '@aman/triage';
import type { Scope } from '@aman/api';
import { buildApp, type Services } from './app.ts';
import { loadConfig, type ServerConfig } from './config.ts';
import { Matcher, type BankMatcher, type MatcherOptions } from './matcher/matcher.ts';
import { MatcherThread } from './matcher/matcher-thread.ts';
import { systemClock, type Clock } from './repositories/clock.ts';
import { describeLocation, openStore } from './repositories/open-store.ts';
import { nodeSecrets, type Secrets } from './repositories/secrets.ts';
import type { PlatformRecord, Store } from './repositories/store.ts';
import { BankService } from './services/bank.service.ts';
import { CaseService } from './services/case.service.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { EvidenceService } from './services/evidence.service.ts';
import { PlatformActivity } from './services/platform-activity.ts';
import { DEMO_PLATFORM, seedDemo } from './services/demo.service.ts';
import type { DemoStaff } from './services/console-demo.service.ts';
import { startConsole, type StartedConsole } from './console.ts';
import { nodeStaffSecrets } from './repositories/staff-secrets.ts';
import { FeedService } from './services/feed.service.ts';
import { FeedbackService } from './services/feedback.service.ts';
import { FloodControl } from './services/flood-control.ts';
import { MatchService } from './services/match.service.ts';
import { pinLockPolicy } from './services/pin-lock.ts';
import { PlatformService } from './services/platform.service.ts';
import { ReviewService } from './services/review.service.ts';
import { ChainedAuditTrail, type AuditTrail } from './security/audit-trail.ts';
import { EnvelopeCipher, type DataCipher } from './security/field-cipher.ts';
import { checkKeys, KEY_FILE_RELOAD_MS } from './security/key-management.ts';
import { loadKeyring, reloadKeyFile, type Keyring, type KeySource } from './security/keyring.ts';

/** The built web app, served on the same port when present. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Where the store is: `--db`, else DATABASE_URL, else an SQLite file in the data directory. */
export function resolveStoreLocation(db: string | undefined, config: ServerConfig): string {
  return db ?? config.databaseUrl ?? join(config.dataDir, 'aman.sqlite');
}

/**
 * Wires the services over a store and a started matcher.
 *
 * @example
 * const services = createServices({ store, matcher, config: loadConfig() });
 */
export function createServices(deps: {
  store: Store;
  matcher: BankMatcher;
  config: Pick<ServerConfig, 'flood'> & Partial<Pick<ServerConfig, 'caseRateLimitPerMinute'>>;
  clock?: Clock;
  secrets?: Secrets;
  /** Encryption at rest of victims' texts and evidence (security/field-cipher.ts). */
  cipher: DataCipher;
  /** The hash-chained audit log (security/audit-trail.ts). */
  audit: AuditTrail;
  /** Per-case evidence limits (default: @aman/api's MAX_EVIDENCE_*_PER_CASE). */
  evidenceLimits?: { items: number; bytes: number };
}): Services {
  const { store, matcher } = deps;
  const clock = deps.clock ?? systemClock;
  const secrets = deps.secrets ?? nodeSecrets;
  // After a write: apply it to the matcher before answering. If that read fails, the write still
  // stands and the periodic tail applies it, so the failure is not the client's concern.
  const syncMatcher = () => matcher.sync().catch(() => {});
  const { audit } = deps;
  const floodControl = new FloodControl({
    store,
    clock,
    config: deps.config.flood,
    syncMatcher,
    audit,
  });
  const caseRate = deps.config.caseRateLimitPerMinute ?? 0;
  const cases = new CaseService({
    store,
    secrets,
    clock,
    lockPolicy: pinLockPolicy,
    syncMatcher,
    audit,
    caseLimiter: new RateLimiter(caseRate, () => clock.now().getTime(), 'case'),
  });
  return {
    cases,
    evidence: new EvidenceService({
      store,
      cipher: deps.cipher,
      cases,
      audit: deps.audit,
      clock,
      ...(deps.evidenceLimits === undefined ? {} : { limits: deps.evidenceLimits }),
    }),
    platforms: new PlatformService({ store, secrets, clock }),
    matching: new MatchService({ matcher, floodControl }),
    feed: new FeedService({ store }),
    feedback: new FeedbackService({ store, clock, audit }),
    banks: new BankService({
      store,
      clock,
      syncMatcher,
      reloadMatcherBanks: () => matcher.reloadBanks(),
      audit,
    }),
    review: new ReviewService({ store, clock, flood: deps.config.flood, syncMatcher, audit }),
    activity: new PlatformActivity({ audit, clock }),
    audit,
    health: () => ({
      status: 'ok',
      store: store.kind,
      signals: matcher.size,
      cursor: String(matcher.cursor),
    }),
    triage: analyze,
  };
}

export interface StartOptions {
  /** SQLite path or postgres:// URL (see `resolveStoreLocation`). */
  readonly db?: string;
  readonly port?: number;
  readonly host?: string;
  /** Seed demo banks and issue a demo platform key. */
  readonly demo?: boolean;
  readonly config?: ServerConfig;
  readonly webRoot?: string;
  readonly logger?: FastifyServerOptions['logger'];
  /** The data keys; read from the configuration (security/keyring.ts) when not given. */
  readonly keyring?: Keyring;
}

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  /** Where the data is, password hidden. */
  readonly location: string;
  /** Where the data keys come from (a key file made at this start must be backed up). */
  readonly keys: KeySource;
  /** The demo platform's key, when `demo` was asked for. */
  readonly demoApiKey: string | undefined;
  /** Demo mode: the console's demo accounts and passwords (new at every start). */
  readonly demoStaff: readonly DemoStaff[] | undefined;
  /** No admin can sign in yet: the path of the first admin's one-time setup link. */
  readonly adminSetupPath: string | undefined;
  /** No admin can sign in yet, but this one has a valid setup link (made by `aman staff add`). */
  readonly adminWaiting: string | undefined;
  /** Stops accepting requests, finishes those in flight, closes the store. */
  close(): Promise<void>;
}

/**
 * Opens the store (migrating it), loads the matcher and listens.
 *
 * @example
 * const server = await startServer({ port: 8080, demo: true });
 * console.log(server.url, server.demoApiKey);
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = options.config ?? loadConfig();
  const location = resolveStoreLocation(options.db, config);
  const keyring = options.keyring ?? loadKeyring({ ...config.keys, dataDir: config.dataDir });
  const store = await openDatabase(location);
  let matcher: BankMatcher | undefined;
  let consoleStarted: StartedConsole | undefined;
  let keyReload: NodeJS.Timeout | undefined;
  try {
    await checkKeys(store, keyring, systemClock);
    const cipher = new EnvelopeCipher(keyring);
    const audit = new ChainedAuditTrail({ store, keyring: () => cipher.keys, clock: systemClock });
    keyReload = watchKeyFile(cipher, store);
    const log = options.logger;
    let lastMatcherError = 0;
    const matcherOptions: MatcherOptions = {
      pollIntervalMs: config.pollIntervalMs,
      onError: (error) => {
        // The tail retries every tick: say so once every 30 s, not four times a second.
        const now = Date.now();
        if (log === undefined || log === false || now - lastMatcherError < 30_000) return;
        lastMatcherError = now;
        process.stderr.write(
          `aman: the matcher cannot read the change feed (retrying): ${String(error)}\n`,
        );
      },
    };
    // The matcher gets a thread of its own (matcher-thread.ts) unless the configuration keeps it
    // here, or the store is an in-memory database that a second connection could not see.
    matcher =
      config.matcherThread && location !== ':memory:'
        ? new MatcherThread(location, matcherOptions)
        : new Matcher(store, matcherOptions);
    await matcher.start();
    const services = createServices({ store, matcher, config, cipher, audit });
    await audit.record({
      actor: { kind: 'system', id: 'aman' },
      action: 'server.start',
      details: { store: store.kind, keys: keyring.source.kind },
    });
    services.activity.start();
    const demo = options.demo === true ? await seedDemo(services) : undefined;
    consoleStarted = await startConsole({
      ...services,
      store,
      location,
      cipher,
      audit,
      clock: systemClock,
      secrets: nodeSecrets,
      staffSecrets: nodeStaffSecrets,
      pollIntervalMs: config.pollIntervalMs,
      demo: options.demo === true,
      demoPlatform: DEMO_PLATFORM,
    });
    const started = consoleStarted;
    const app = await buildApp({
      services: { ...services, console: started.services },
      webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
      bodyLimit: config.bodyLimit,
      rateLimitPerMinute: config.rateLimitPerMinute,
      platformRateLimitPerMinute: config.platformRateLimitPerMinute,
      trustProxy: config.trustProxy,
      logger: options.logger ?? false,
    });
    const address = await app.listen({
      port: options.port ?? config.port,
      host: options.host ?? config.host,
    });
    const running = matcher;
    return {
      url: address,
      app,
      store,
      location: describeLocation(location),
      keys: keyring.source,
      demoApiKey: demo?.apiKey,
      demoStaff: started.demoStaff,
      adminSetupPath: started.adminSetupPath,
      adminWaiting: started.adminWaiting,
      close: async () => {
        clearInterval(keyReload);
        await app.close();
        await services.activity.stop();
        await running.stop();
        await started.close();
        await store.close();
      },
    };
  } catch (error) {
    clearInterval(keyReload);
    await matcher?.stop();
    await consoleStarted?.close();
    await store.close();
    throw error;
  }
}

/**
 * Picks up a rotation done by `aman keys rotate` while this server runs: the key file is re-read
 * every KEY_FILE_RELOAD_MS, and a changed one replaces the cipher's keys once the database accepts
 * it. A file that cannot be read (mid-edit by hand) is ignored until the next tick.
 */
function watchKeyFile(cipher: EnvelopeCipher, store: Store): NodeJS.Timeout | undefined {
  if (cipher.keys.source.kind !== 'file') return undefined;
  const timer = setInterval(() => {
    let next: Keyring | undefined;
    try {
      next = reloadKeyFile(cipher.keys);
    } catch {
      return;
    }
    if (next === undefined) return;
    const reloaded = next;
    checkKeys(store, reloaded, systemClock).then(
      () => cipher.useKeyring(reloaded),
      () => {},
    );
  }, KEY_FILE_RELOAD_MS);
  timer.unref();
  return timer;
}

/**
 * Creates a platform in the store at `db` and returns its API key (shown once).
 *
 * @example
 * const { apiKey } = await addPlatform({ name: 'ExampleChat' });
 */
export async function addPlatform(options: {
  name: string;
  db?: string;
  scopes?: readonly Scope[];
  config?: ServerConfig;
}): Promise<{ name: string; apiKey: string; scopes: readonly Scope[] }> {
  const config = options.config ?? loadConfig();
  const keyring = loadKeyring({ ...config.keys, dataDir: config.dataDir });
  const store = await openDatabase(resolveStoreLocation(options.db, config));
  try {
    await checkKeys(store, keyring, systemClock);
    const platforms = new PlatformService({ store, secrets: nodeSecrets, clock: systemClock });
    const { platform, apiKey } = await platforms.create(options.name, options.scopes);
    await new ChainedAuditTrail({ store, keyring: () => keyring, clock: systemClock }).record({
      actor: { kind: 'system', id: 'cli' },
      action: 'platform.create',
      target: `platform:${platform.id}`,
      details: { scopes: platform.scopes.join(' ') },
    });
    return { name: platform.name, apiKey, scopes: platform.scopes };
  } finally {
    await store.close();
  }
}

/**
 * The platforms in the store at `db`, without their keys.
 *
 * @example
 * for (const platform of await listPlatforms({})) console.log(platform.name);
 */
export async function listPlatforms(options: {
  db?: string;
  config?: ServerConfig;
}): Promise<PlatformRecord[]> {
  const config = options.config ?? loadConfig();
  const store = await openDatabase(resolveStoreLocation(options.db, config));
  try {
    return await store.listPlatforms();
  } finally {
    await store.close();
  }
}

/** The database could not be opened or migrated (unreachable server, unwritable file…). */
export class StoreUnavailableError extends Error {
  constructor(location: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`could not open the database at ${describeLocation(location)}: ${reason}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** Opens and migrates the store, or says which database could not be opened, and why. */
export async function openDatabase(location: string): Promise<Store> {
  let store: Store | undefined;
  try {
    store = openStore(location);
    await store.migrate();
    return store;
  } catch (error) {
    await store?.close().catch(() => {});
    throw new StoreUnavailableError(location, error);
  }
}
