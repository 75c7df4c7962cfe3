import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATA_DIR, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: DEFAULT_DATA_DIR,
      flood: { platforms: 10, windowMs: 3_600_000 },
      rateLimitPerMinute: 60,
      platformRateLimitPerMinute: 60_000,
      caseRateLimitPerMinute: 600,
      bodyLimit: 2 * 1024 * 1024,
      pollIntervalMs: 250,
      matcherThread: true,
      trustProxy: false,
      logLevel: 'error',
      keys: { dataKeys: undefined, keyFile: undefined },
    });
    expect(DEFAULT_DATA_DIR).toMatch(/\.data$/);
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '9000',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://aman@db:5432/aman',
        AMAN_DATA_DIR: '/srv/aman',
        AMAN_FLOOD_PLATFORMS: '0',
        AMAN_FLOOD_WINDOW_SECONDS: '60',
        AMAN_RATE_LIMIT_PER_MINUTE: '10',
        AMAN_PLATFORM_RATE_LIMIT_PER_MINUTE: '0',
        AMAN_CASE_RATE_LIMIT_PER_MINUTE: '20',
        AMAN_BODY_LIMIT_BYTES: '4096',
        AMAN_MATCHER_POLL_MS: '100',
        AMAN_MATCHER_THREAD: 'false',
        AMAN_TRUST_PROXY: '10.0.0.1,10.0.0.2',
        AMAN_KEY_FILE: '/etc/aman/aman.keys',
        AMAN_LOG_LEVEL: 'debug',
      }),
    ).toEqual({
      port: 9000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://aman@db:5432/aman',
      dataDir: '/srv/aman',
      flood: { platforms: 0, windowMs: 60_000 },
      rateLimitPerMinute: 10,
      platformRateLimitPerMinute: 0,
      caseRateLimitPerMinute: 20,
      bodyLimit: 4096,
      pollIntervalMs: 100,
      matcherThread: false,
      trustProxy: ['10.0.0.1', '10.0.0.2'],
      logLevel: 'debug',
      keys: { dataKeys: undefined, keyFile: '/etc/aman/aman.keys' },
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      port: 8080,
    });
  });

  it('reads data keys from the environment and refuses malformed ones', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ AMAN_DATA_KEYS: `k1:${key},k0:${key}` }).keys.dataKeys).toBe(
      `k1:${key},k0:${key}`,
    );
    expect(() => loadConfig({ AMAN_DATA_KEYS: 'just-a-password' })).toThrow(
      /AMAN_DATA_KEYS must be/,
    );
  });

  it('lists every bad variable at once', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', AMAN_FLOOD_WINDOW_SECONDS: '0' }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ AMAN_MATCHER_THREAD: 'yes' })).toThrow(
      /AMAN_MATCHER_THREAD must be true or false/,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', AMAN_FLOOD_WINDOW_SECONDS: '0' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT must be a whole number/);
      expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
      expect(message).toMatch(/AMAN_FLOOD_WINDOW_SECONDS must be at least 1/);
    }
  });
});
