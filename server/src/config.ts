/**
 * The server's settings, read from the environment once, checked with a schema. A bad variable
 * stops the start with a list of every problem, instead of a surprise later.
 *
 * | variable                    | default          | meaning                                          |
 * | --------------------------- | ---------------- | ------------------------------------------------ |
 * | PORT, HOST                  | 8080, 127.0.0.1  | where `aman serve` listens                        |
 * | DATABASE_URL                | (none)           | postgres://… to use PostgreSQL                    |
 * | AMAN_DATA_DIR               | <repo>/.data     | where the SQLite file lives otherwise             |
 * | AMAN_FLOOD_PLATFORMS        | 10               | distinct platforms that trigger quarantine; 0: off |
 * | AMAN_FLOOD_WINDOW_SECONDS   | 3600             | …within this window                               |
 * | AMAN_RATE_LIMIT_PER_MINUTE  | 60               | victims' routes, per client address; 0: off       |
 * | AMAN_PLATFORM_RATE_LIMIT_PER_MINUTE | 60000    | platform routes, per platform key; 0: off         |
 * | AMAN_CASE_RATE_LIMIT_PER_MINUTE | 600          | PIN routes, per case, any address; 0: off         |
 * | AMAN_BODY_LIMIT_BYTES       | 2097152          | largest request body                              |
 * | AMAN_MATCHER_POLL_MS        | 250              | how often the matcher reads other processes' writes |
 * | AMAN_MATCHER_THREAD         | true             | match in a thread of its own (false: in the main one) |
 * | AMAN_TRUST_PROXY            | false            | behind a reverse proxy: true, or its addresses    |
 * | AMAN_LOG_LEVEL              | error            | fatal, error, warn, info, debug, trace, silent    |
 * | AMAN_DATA_KEYS              | (none)           | data keys, `id:base64[,…]`, first active          |
 * | AMAN_KEY_FILE               | <data dir>/aman.keys | the key file (see security/keyring.ts)        |
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly flood: { readonly platforms: number; readonly windowMs: number };
  readonly rateLimitPerMinute: number;
  /** Platform routes: requests per minute per platform key (0: no limit). */
  readonly platformRateLimitPerMinute: number;
  /** PIN routes: requests per minute per case, from any address (0: no limit). */
  readonly caseRateLimitPerMinute: number;
  readonly bodyLimit: number;
  readonly pollIntervalMs: number;
  /** Whether the matcher runs in a thread of its own (matcher/matcher-thread.ts). */
  readonly matcherThread: boolean;
  readonly trustProxy: boolean | string[];
  /** How much `aman serve` logs (to stderr). Logs never hold PINs, keys, case numbers or texts. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where the data keys are (security/keyring.ts): environment, key file, or the data dir. */
  readonly keys: { readonly dataKeys: string | undefined; readonly keyFile: string | undefined };
}

/** <repo>/.data: git-ignored. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../.data', import.meta.url));

const integer = (min: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `must be at least ${min}` }),
    )
    .optional()
    .transform((value) => value ?? fallback);

const EnvSchema = z.object({
  PORT: integer(0, 8080).pipe(z.number().max(65_535, { error: 'must be at most 65535' })),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' })
    .optional(),
  AMAN_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  AMAN_FLOOD_PLATFORMS: integer(0, 10),
  AMAN_FLOOD_WINDOW_SECONDS: integer(1, 3600),
  AMAN_RATE_LIMIT_PER_MINUTE: integer(0, 60),
  AMAN_PLATFORM_RATE_LIMIT_PER_MINUTE: integer(0, 60_000),
  AMAN_CASE_RATE_LIMIT_PER_MINUTE: integer(0, 600),
  AMAN_BODY_LIMIT_BYTES: integer(1024, 2 * 1024 * 1024),
  AMAN_MATCHER_POLL_MS: integer(0, 250),
  AMAN_MATCHER_THREAD: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((value) => value === 'true'),
  AMAN_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
      error: 'must be true, false or comma-separated proxy addresses',
    })
    .optional(),
  AMAN_DATA_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{43,44}(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{43,44})*$/,
      {
        error: 'must be id:base64key[,id:base64key…] (make one with "aman keys generate")',
      },
    )
    .optional(),
  AMAN_KEY_FILE: z.string().min(1).optional(),
  AMAN_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be fatal, error, warn, info, debug, trace or silent',
    })
    .default('error'),
});

/** The environment is not usable; the message lists every bad variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from `env`.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ServerConfig {
  // An empty variable counts as unset (`DATABASE_URL= aman serve`).
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`bad environment: ${problems.join('; ')}`);
  }
  const value = parsed.data;
  const proxy = value.AMAN_TRUST_PROXY;
  return {
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL,
    dataDir: value.AMAN_DATA_DIR,
    flood: {
      platforms: value.AMAN_FLOOD_PLATFORMS,
      windowMs: value.AMAN_FLOOD_WINDOW_SECONDS * 1000,
    },
    rateLimitPerMinute: value.AMAN_RATE_LIMIT_PER_MINUTE,
    platformRateLimitPerMinute: value.AMAN_PLATFORM_RATE_LIMIT_PER_MINUTE,
    caseRateLimitPerMinute: value.AMAN_CASE_RATE_LIMIT_PER_MINUTE,
    bodyLimit: value.AMAN_BODY_LIMIT_BYTES,
    pollIntervalMs: value.AMAN_MATCHER_POLL_MS,
    matcherThread: value.AMAN_MATCHER_THREAD,
    trustProxy:
      proxy === undefined || proxy === 'false' ? false : proxy === 'true' ? true : proxy.split(','),
    logLevel: value.AMAN_LOG_LEVEL,
    keys: { dataKeys: value.AMAN_DATA_KEYS, keyFile: value.AMAN_KEY_FILE },
  };
}
