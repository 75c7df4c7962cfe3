/**
 * `aman backup` and `aman restore`, round trip on SQLite and PostgreSQL: a backup taken while the
 * server runs, restored into a fresh database, holds the same rows in every table; a server
 * started on it serves the same cases, opens the evidence and messages with the same keys, and
 * its audit log verifies. Refusals: overwriting a backup or a database, a damaged backup, the
 * wrong keys, the wrong kind of target.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmanClient, type CreateCaseResponse } from '@aman/api';
import { createTestDatabase } from '../../server/test/helpers/postgres.ts';
import { rawSql } from '../../server/test/helpers/raw-sql.ts';
import { runCli } from './run-cli.ts';
import { startServe } from './serve-process.ts';

interface Target {
  location: string;
  dispose(): Promise<void>;
}

const stores = [
  {
    kind: 'sqlite',
    create: (dir: string, name: string): Promise<Target> =>
      Promise.resolve({ location: join(dir, `${name}.sqlite`), dispose: () => Promise.resolve() }),
    tables:
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  },
  {
    kind: 'postgres',
    create: async (): Promise<Target> => {
      const database = await createTestDatabase();
      return { location: database.url, dispose: () => database.drop() };
    },
    tables:
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  },
];

const MESSAGE = 'Envoie 300 euros avant ce soir ou la video part chez tes parents';
const item = new Uint8Array([0x41, 0x4d, 0x45, 0x56, 1, ...randomBytes(300)]);

describe.each(stores)('aman backup and aman restore on $kind', ({ kind, create, tables }) => {
  let dir: string;
  let source: Target;
  let target: Target;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aman-backup-'));
    [source, target] = await Promise.all([create(dir, 'source'), create(dir, 'restored')]);
    env = { AMAN_DATA_DIR: dir };
  });
  afterEach(async () => {
    await Promise.all([source.dispose(), target.dispose()]);
    rmSync(dir, { recursive: true, force: true });
  });

  async function rows(location: string): Promise<Record<string, string>> {
    const names = ((await rawSql(location, tables)) as { name: string }[]).map((row) => row.name);
    const result: Record<string, string> = {};
    for (const name of names) {
      const all = await rawSql(location, `SELECT * FROM ${name} ORDER BY 1`);
      // Dates and big numbers differ in type between drivers, never in value.
      result[name] = JSON.stringify(all, (_key, value: unknown) =>
        typeof value === 'bigint'
          ? Number(value)
          : value instanceof Buffer
            ? value.toString('hex')
            : value,
      );
    }
    return result;
  }

  it('round-trips: same rows, and a server on the restored database opens everything', async () => {
    const server = await startServe(['--db', source.location, '--no-demo'], env);
    let opened: CreateCaseResponse;
    let itemId: string;
    const backup = join(dir, `aman.${kind === 'sqlite' ? 'sqlite' : 'dump'}`);
    try {
      const client = new AmanClient({ baseUrl: server.url });
      const created = await client.createCase({
        signals: [{ type: 'pdq', value: randomBytes(32).toString('hex'), quality: 90 }],
      });
      if (!created.ok) throw new Error(created.error.message);
      opened = created.value;
      const stored = await client.storeEvidence(opened.caseNumber, opened.pin, item);
      if (!stored.ok) throw new Error(stored.error.message);
      itemId = stored.value.id;
      await client.addReport(opened.caseNumber, opened.pin, { text: MESSAGE });
      // The backup is taken while the server runs.
      const made = await runCli(['backup', backup, '--db', source.location, '--json'], { env });
      expect(made.stderr).toBe('');
      expect(JSON.parse(made.stdout)).toMatchObject({
        file: backup,
        format: kind === 'sqlite' ? 'sqlite' : 'pg_dump',
      });
      // Not twice to the same file.
      const again = await runCli(['backup', backup, '--db', source.location], { env });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const before = await rows(source.location);

    const restored = await runCli(['restore', backup, '--db', target.location], { env });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(await rows(target.location)).toEqual(before);

    const onRestored = await startServe(['--db', target.location, '--no-demo'], env);
    try {
      const client = new AmanClient({ baseUrl: onRestored.url });
      const view = await client.getCase(opened.caseNumber, opened.pin);
      expect(view.ok && view.value.status).toBe('active');
      const evidence = await client.getEvidence(opened.caseNumber, opened.pin, itemId);
      expect(evidence.ok && Buffer.from(evidence.value).equals(Buffer.from(item))).toBe(true);
      const reports = await client.reports(opened.caseNumber, opened.pin);
      expect(reports.ok && reports.value.reports.map((report) => report.text)).toEqual([MESSAGE]);
    } finally {
      onRestored.child.kill('SIGTERM');
      await onRestored.exited;
    }
    const verified = await runCli(['audit', 'verify', '--db', target.location], { env });
    expect(verified.stdout).toMatch(/^The audit log is intact/);

    // Never over a database that has data.
    const over = await runCli(['restore', backup, '--db', target.location], { env });
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/already exists|is not empty/);
  });

  it('refuses the wrong keys, a damaged backup and the wrong kind of target, leaving nothing', async () => {
    const server = await startServe(['--db', source.location, '--no-demo'], env);
    const backup = join(dir, 'aman.backup');
    try {
      await new AmanClient({ baseUrl: server.url }).createCase({
        signals: [{ type: 'sha256', value: randomBytes(32).toString('hex') }],
      });
      expect((await runCli(['backup', backup, '--db', source.location], { env })).code).toBe(0);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    // Other keys: the restored data could not be opened, so nothing is restored.
    const otherKeys = mkdtempSync(join(tmpdir(), 'aman-otherkeys-'));
    try {
      await runCli(['keys', 'init', '--file', join(otherKeys, 'aman.keys')]);
      const wrong = await runCli(['restore', backup, '--db', target.location], {
        env: { AMAN_DATA_DIR: otherKeys },
      });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/holds data encrypted with key/);
      if (kind === 'sqlite') expect(existsSync(target.location)).toBe(false);
      else expect(await rawSql(target.location, tables)).toHaveLength(0);
    } finally {
      rmSync(otherKeys, { recursive: true, force: true });
    }
    // Damaged, or not a backup at all.
    const bytes = readFileSync(backup);
    const damaged = join(dir, 'damaged.backup');
    writeFileSync(damaged, Buffer.concat([bytes.subarray(0, 16), randomBytes(bytes.length - 16)]));
    const broken = await runCli(['restore', damaged, '--db', target.location], { env });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^aman: /);
    const notBackup = join(dir, 'notes.txt');
    writeFileSync(notBackup, 'not a backup');
    expect((await runCli(['restore', notBackup, '--db', target.location], { env })).stderr).toMatch(
      /is not an Aman backup/,
    );
    // An SQLite backup to PostgreSQL, or the reverse.
    const crossed = await runCli(
      [
        'restore',
        backup,
        '--db',
        kind === 'sqlite' ? 'postgres://postgres@127.0.0.1/none' : join(dir, 'x.sqlite'),
      ],
      { env },
    );
    expect(crossed.code).toBe(1);
    expect(crossed.stderr).toMatch(/restore it to/);
  });
});
