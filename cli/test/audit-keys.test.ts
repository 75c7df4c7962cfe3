/**
 * `aman audit verify` and `aman keys` over the real binary, on SQLite and PostgreSQL: an intact log
 * verifies; an edited, deleted or inserted row is named and the exit status is 1; rotation
 * re-encrypts evidence and reseals the log so the old key can be retired, and the server still
 * opens everything with the new key alone.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmanClient } from '@aman/api';
import { createTestDatabase } from '../../server/test/helpers/postgres.ts';
import { rawSql } from '../../server/test/helpers/raw-sql.ts';
import { runCli } from './run-cli.ts';
import { startServe } from './serve-process.ts';

const stores = [
  {
    kind: 'sqlite',
    create: (dir: string) =>
      Promise.resolve({ location: join(dir, 'aman.sqlite'), dispose: () => Promise.resolve() }),
  },
  {
    kind: 'postgres',
    create: async () => {
      const database = await createTestDatabase();
      return { location: database.url, dispose: () => database.drop() };
    },
  },
];

const sealed = (fill: number) =>
  new Uint8Array([0x41, 0x4d, 0x45, 0x56, 1, ...new Uint8Array(60).fill(fill)]);

describe.each(stores)('aman audit and aman keys on $kind', ({ create }) => {
  let dir: string;
  let location: string;
  let dispose: () => Promise<void>;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aman-keys-cli-'));
    ({ location, dispose } = await create(dir));
    env = { AMAN_DATA_DIR: dir, AMAN_DATA_KEYS: '', AMAN_KEY_FILE: '' };
  });
  afterEach(async () => {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A server run that leaves a case with evidence and a few audit rows behind. */
  async function populate(): Promise<{ caseNumber: string; pin: string; itemId: string }> {
    const server = await startServe(['--db', location, '--no-demo'], env);
    try {
      const client = new AmanClient({ baseUrl: server.url });
      const opened = await client.createCase({
        signals: [{ type: 'sha256', value: 'ab'.repeat(32) }],
      });
      if (!opened.ok) throw new Error(opened.error.message);
      const { caseNumber, pin } = opened.value;
      const item = await client.storeEvidence(caseNumber, pin, sealed(7));
      if (!item.ok) throw new Error(item.error.message);
      return { caseNumber, pin, itemId: item.value.id };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }

  it('verifies an intact log and names tampered rows', async () => {
    await populate();
    const intact = await runCli(['audit', 'verify', '--db', location], { env });
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(
      /^The audit log is intact: 4 entries, head seq 4 [0-9a-f]{64}\n$/,
    );

    await rawSql(location, "UPDATE audit_log SET details = '{}' WHERE seq = 2");
    await rawSql(location, 'DELETE FROM audit_log WHERE seq = 3');
    const tampered = await runCli(['audit', 'verify', '--db', location, '--json'], { env });
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stdout)).toMatchObject({
      ok: false,
      entries: 3,
      problems: [
        'seq 2: the row was changed or inserted',
        'seq 3: missing (deleted)',
        'seq 4: the row was changed or inserted (its link to the previous row is broken)',
      ],
    });
    expect(tampered.stderr).toBe(
      'aman: the audit log was tampered with: 3 problems in 3 entries\n',
    );
  });

  it('says so when the keys are missing, instead of inventing new ones', async () => {
    await populate();
    const other = mkdtempSync(join(tmpdir(), 'aman-nokeys-'));
    try {
      const result = await runCli(['audit', 'verify', '--db', location], {
        env: { ...env, AMAN_DATA_DIR: other },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^aman: no data keys: .*aman\.keys does not exist/);
      // A server started with other keys refuses the database.
      const wrongKeys = await runCli(['serve', '--port', '0', '--db', location, '--no-demo'], {
        env: { ...env, AMAN_DATA_DIR: other },
      });
      expect(wrongKeys.code).toBe(1);
      expect(wrongKeys.stderr).toMatch(
        /holds data encrypted with key "k[0-9a-f]+", which the key file .* does not have/,
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('rotates, re-encrypts, retires the old key, and the server opens everything with the new one', async () => {
    const { caseNumber, pin, itemId } = await populate();
    const keyFile = join(dir, 'aman.keys');
    const before = JSON.parse(readFileSync(keyFile, 'utf8')) as { active: string };

    const rotated = await runCli(['keys', 'rotate', '--db', location, '--json'], { env });
    expect(rotated.stderr).toBe('');
    const report = JSON.parse(rotated.stdout) as {
      previousId: string;
      activeId: string;
      report: { rewrapped: Record<string, number>; auditRowsResealed: number };
    };
    expect(report.previousId).toBe(before.active);
    expect(report.report.rewrapped['evidence.sealed']).toBe(1);
    expect(report.report.auditRowsResealed).toBe(4);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const listed = await runCli(['keys', 'list', '--db', location, '--json'], { env });
    expect(JSON.parse(listed.stdout)).toMatchObject({
      activeId: report.activeId,
      keys: [
        { id: before.active, active: false, values: 0 },
        { id: report.activeId, active: true, values: 6 },
      ],
    });
    // Too early: running servers may still hold the old key.
    const early = await runCli(['keys', 'retire', before.active, '--db', location], { env });
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/less than 60 s old/);
    // Back-date the new key's creation, as if a minute had passed.
    const file = JSON.parse(readFileSync(keyFile, 'utf8')) as {
      keys: { id: string; createdAt: string }[];
    };
    const { writeFileSync } = await import('node:fs');
    for (const key of file.keys) key.createdAt = '2020-01-01T00:00:00.000Z';
    writeFileSync(keyFile, JSON.stringify(file), { mode: 0o600 });
    const retired = await runCli(['keys', 'retire', before.active, '--db', location], { env });
    expect(retired.stderr).toBe('');
    expect(retired.stdout).toBe(`Key ${before.active} retired.\n`);
    expect(readFileSync(keyFile, 'utf8')).not.toContain(before.active);

    const server = await startServe(['--db', location, '--no-demo'], env);
    try {
      const client = new AmanClient({ baseUrl: server.url });
      const item = await client.getEvidence(caseNumber, pin, itemId);
      expect(item.ok && Buffer.from(item.value).equals(Buffer.from(sealed(7)))).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const verified = await runCli(['audit', 'verify', '--db', location], { env });
    expect(verified.code).toBe(0);
  });

  it('says where the keys are at start, and to keep a copy of a key file it just made', async () => {
    const first = await startServe(['--db', location, '--no-demo'], env);
    first.child.kill('SIGTERM');
    await first.exited;
    expect(first.output().stdout).toContain(
      `keys:     ${join(dir, 'aman.keys')} (made now: keep a copy apart from the database`,
    );
    const second = await startServe(['--db', location, '--no-demo'], env);
    second.child.kill('SIGTERM');
    await second.exited;
    expect(second.output().stdout).toContain(`keys:     ${join(dir, 'aman.keys')}\n`);
  });

  it('generates keys for AMAN_DATA_KEYS and refuses to overwrite a key file', async () => {
    const generated = await runCli(['keys', 'generate'], { env });
    expect(generated.stdout).toMatch(/^k[0-9a-f]{12}:[A-Za-z0-9+/]{43}=\n$/);
    const path = join(dir, 'operator.keys');
    expect((await runCli(['keys', 'init', '--file', path], { env })).code).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await runCli(['keys', 'init', '--file', path], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
