/**
 * `aman serve` as a user runs it: a child process on a real port, SQLite or PostgreSQL.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient } from '@aman/api';
import { createTestDatabase } from '../../server/test/helpers/postgres.ts';
import { runCli } from './run-cli.ts';
import { startServe } from './serve-process.ts';

/** The lure bank's demo hash: a public test photo of facebook/ThreatExchange (a bridge). */
const demoLureHash = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const withoutDatabaseUrl = { DATABASE_URL: '' };

describe('aman serve', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'aman-serve-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('with no arguments: SQLite in the data directory, demo banks, a demo key; stops on SIGTERM', async () => {
    const server = await startServe([], { AMAN_DATA_DIR: dataDir, ...withoutDatabaseUrl });
    const { stdout } = server.output();
    expect(stdout).toContain(`data:     ${join(dataDir, 'aman.sqlite')} (SQLite)`);
    expect(stdout).toContain(`API docs: ${server.url}/api/docs`);
    expect(existsSync(join(dataDir, 'aman.sqlite'))).toBe(true);
    const apiKey = /demo platform API key[^:]*: (aman_\S+)/.exec(stdout)?.[1];
    expect(apiKey).toMatch(/^aman_[A-Za-z0-9_-]{43}$/);

    const platform = new AmanClient({ baseUrl: server.url, apiKey: apiKey! });
    const matched = await platform.match({ signals: [{ type: 'pdq', value: demoLureHash }] });
    expect(matched.ok && matched.value.results[0]?.matches[0]?.bank).toBe('lure');
    const banks = await platform.banks();
    expect(banks.ok && banks.value.banks.map((bank) => [bank.name, bank.signals])).toEqual([
      ['protect', 0],
      ['lure', 1],
      ['allow', 1],
    ]);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toContain('Aman stopped.');

    // A second start keeps the data but not the old demo key.
    const again = await startServe([], { AMAN_DATA_DIR: dataDir, ...withoutDatabaseUrl });
    try {
      const stale = await new AmanClient({ baseUrl: again.url, apiKey: apiKey! }).banks();
      expect(stale).toMatchObject({ status: 401, error: { code: 'invalid_api_key' } });
      const health = await new AmanClient({ baseUrl: again.url }).health();
      expect(health.ok && health.value.signals).toBe(2);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  it('on PostgreSQL with --db: no demo unless asked', async () => {
    const database = await createTestDatabase();
    try {
      const server = await startServe(['--db', database.url]);
      try {
        const { stdout } = server.output();
        expect(stdout).toContain('(PostgreSQL)');
        expect(stdout).not.toContain('demo platform');
        const health = await new AmanClient({ baseUrl: server.url }).health();
        expect(health).toMatchObject({ ok: true, value: { store: 'postgres', signals: 0 } });
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      await database.drop();
    }
  });

  it('says what is wrong when it cannot start', async () => {
    const badPort = await runCli(['serve', '--port', 'http']);
    const bothDemos = await runCli(['serve', '--demo', '--no-demo']);
    const unreachable = await runCli([
      'serve',
      '--port',
      '0',
      '--db',
      'postgres://postgres@127.0.0.1:1/aman',
    ]);
    const badEnvironment = await runCli(['serve'], { env: { AMAN_FLOOD_PLATFORMS: 'many' } });
    expect(badPort).toMatchObject({
      code: 2,
      stderr: 'aman: expected a port from 0 to 65535, got "http"\n',
    });
    expect(bothDemos).toMatchObject({
      code: 2,
      stderr: 'aman: choose --demo or --no-demo, not both\n',
    });
    expect(unreachable).toMatchObject({
      code: 1,
      stderr:
        'aman: could not open the database at postgres://postgres@127.0.0.1:1/aman: connect ECONNREFUSED 127.0.0.1:1\n',
    });
    expect(badEnvironment).toMatchObject({
      code: 2,
      stderr: 'aman: bad environment: AMAN_FLOOD_PLATFORMS must be a whole number\n',
    });
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const result = await runCli([
        'serve',
        '--port',
        String(port),
        '--db',
        join(dataDir, 'busy.sqlite'),
      ]);
      expect(result).toMatchObject({
        code: 1,
        stderr: `aman: port ${port} is already in use; choose another with --port\n`,
      });
    } finally {
      busy.close();
    }
  });
});
