/**
 * `aman platform add` and `aman platform list`, on SQLite and PostgreSQL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient } from '@aman/api';
import { createTestDatabase, type TestDatabase } from '../../server/test/helpers/postgres.ts';
import { runCli } from './run-cli.ts';
import { startServe } from './serve-process.ts';

describe('aman platform', () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aman-platform-'));
    db = join(dir, 'aman.sqlite');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('add --json prints {"name", "apiKey"} once; the key works and is stored only hashed', async () => {
    const result = await runCli(['platform', 'add', 'Example Chat', '--db', db, '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(result.stdout) as { name: string; apiKey: string };
    expect(Object.keys(printed)).toEqual(['name', 'apiKey']);
    expect(printed.name).toBe('Example Chat');
    expect(printed.apiKey).toMatch(/^aman_[A-Za-z0-9_-]{43}$/);
    for (const file of ['aman.sqlite', 'aman.sqlite-wal']) {
      try {
        expect(readFileSync(join(dir, file)).includes(printed.apiKey)).toBe(false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }

    const server = await startServe(['--db', db, '--no-demo']);
    try {
      const platform = new AmanClient({ baseUrl: server.url, apiKey: printed.apiKey });
      expect(
        (
          await platform.match({
            signals: [{ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }],
          })
        ).status,
      ).toBe(200);
      // Default scopes: match, changes, feedback; not curation.
      expect(await platform.quarantine()).toMatchObject({ status: 403 });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('add prints the key for people, with the scopes asked for', async () => {
    const result = await runCli([
      'platform',
      'add',
      'Helpline Review',
      '--db',
      db,
      '--scopes',
      'review,curate',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Platform "Helpline Review" created, with scopes review, curate\.\nIts API key, shown this once \(only a hash is kept: store it now\):\naman_[A-Za-z0-9_-]{43}\n$/,
    );
  });

  it('list shows names and scopes, never keys', async () => {
    const json = await runCli(['platform', 'list', '--db', db, '--json']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as { name: string; scopes: string[] }[];
    expect(rows.map(({ name, scopes }) => ({ name, scopes }))).toEqual([
      { name: 'Example Chat', scopes: ['match', 'changes', 'feedback'] },
      { name: 'Helpline Review', scopes: ['review', 'curate'] },
    ]);
    expect(json.stdout).not.toContain('aman_');
    const text = await runCli(['platform', 'list', '--db', db]);
    expect(text.stdout).toMatch(
      /^Example Chat {5}match,changes,feedback {2}since \d{4}-\d\d-\d\d\n/,
    );
  });

  it('refuses a taken name (1), and bad usage (2) with a reason', async () => {
    expect(await runCli(['platform', 'add', 'Example Chat', '--db', db])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'aman: a platform named "Example Chat" already exists\n',
    });
    const usage = [
      [['platform'], /say what to do: add or list/],
      [['platform', 'remove', 'x'], /unknown action "remove"/],
      [['platform', 'add', '--db', db], /expected one platform name/],
      [['platform', 'add', 'A', 'B', '--db', db], /expected one platform name/],
      [['platform', 'add', 'X', '--db', db, '--scopes', 'match,delete'], /unknown scope "delete"/],
      [['platform', 'add', ' ', '--db', db], /a platform name is 1 to 100 printable characters/],
      [['platform', 'add', 'X', '--db', db, '--verbose'], /Unknown option '--verbose'/],
    ] as const;
    // One at a time: several tsx processes starting at once can race on tsx's transpile cache.
    for (const [args, message] of usage) {
      const result = await runCli([...args]);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  describe('on PostgreSQL', () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await createTestDatabase();
    });

    afterAll(async () => {
      await database.drop();
    });

    it('adds and lists platforms in the database named by --db', async () => {
      const added = await runCli([
        'platform',
        'add',
        'Example Social',
        '--db',
        database.url,
        '--json',
      ]);
      expect(added.code).toBe(0);
      const listed = await runCli(['platform', 'list', '--db', database.url, '--json']);
      expect((JSON.parse(listed.stdout) as { name: string }[]).map((row) => row.name)).toEqual([
        'Example Social',
      ]);
    });
  });
});
