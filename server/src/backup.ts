/**
 * Backups of the database (`aman backup`, `aman restore`), with each store's own tool:
 *
 * - SQLite: the online backup API (a consistent copy while the server runs and writes), checked
 *   with `PRAGMA integrity_check`;
 * - PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore` into an empty database.
 *
 * A backup holds what the database holds: hashes in clear, and victims' texts, evidence and notes
 * encrypted under the data keys, which are NOT in it. Keep the keys (the key file, or
 * AMAN_DATA_KEYS) apart from the backups: a stolen backup then opens nothing. A backup is written
 * to `FILE.partial` and renamed when complete, so a failed one never looks like a good one; a
 * restore checks the backup and that the configured keys open it before it puts anything in place.
 */
import { execFile } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadConfig, type ServerConfig } from './config.ts';
import { openDatabase, resolveStoreLocation } from './main.ts';
import { systemClock } from './repositories/clock.ts';
import { describeLocation, isPostgresUrl } from './repositories/open-store.ts';
import { checkKeys, checkRegisteredKeys } from './security/key-management.ts';
import { loadKeyring } from './security/keyring.ts';

const run = promisify(execFile);
const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_DUMP_MAGIC = 'PGDMP';

/** A backup or restore that cannot be done; the message says why and what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupOptions {
  /** SQLite path or postgres:// URL (default: as `aman serve`). */
  readonly db?: string;
  readonly config?: ServerConfig;
}

/**
 * Writes a consistent backup of the database to `out` (refuses to overwrite a file).
 *
 * @example
 * const { bytes } = await backupDatabase({ db: '.data/aman.sqlite', out: '/backups/aman-2026-03-01.sqlite' });
 */
export async function backupDatabase(
  options: BackupOptions & { out: string },
): Promise<{ format: 'sqlite' | 'pg_dump'; bytes: number }> {
  const config = options.config ?? loadConfig();
  const location = resolveStoreLocation(options.db, config);
  if (existsSync(options.out)) {
    throw new BackupError(`${options.out} already exists; choose a new file for each backup`);
  }
  const partial = `${options.out}.partial`;
  rmSync(partial, { force: true });
  try {
    let format: 'sqlite' | 'pg_dump';
    if (isPostgresUrl(location)) {
      format = 'pg_dump';
      await postgresTool('pg_dump', location, [
        '--format=custom',
        '--no-owner',
        `--file=${partial}`,
      ]);
    } else {
      format = 'sqlite';
      if (!existsSync(location)) throw new BackupError(`there is no database at ${location}`);
      const db = new Database(location, { readonly: true, fileMustExist: true });
      try {
        // The online backup API: pages copied in steps, consistent even while others write.
        await db.backup(partial);
      } finally {
        db.close();
      }
      checkSqliteFile(partial);
    }
    syncFile(partial);
    renameSync(partial, options.out);
    syncFile(dirname(options.out));
    return { format, bytes: statSync(options.out).size };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Restores `file` (a backup of either kind) into a database that does not exist yet (SQLite) or
 * is empty (PostgreSQL), after checking the backup and that the configured keys open its data;
 * then brings its schema up to date.
 *
 * @example
 * await restoreDatabase({ file: '/backups/aman-2026-03-01.sqlite', db: '/srv/aman/aman.sqlite' });
 */
export async function restoreDatabase(
  options: BackupOptions & { file: string },
): Promise<{ format: 'sqlite' | 'pg_dump'; location: string }> {
  const config = options.config ?? loadConfig();
  const location = resolveStoreLocation(options.db, config);
  const keyring = loadKeyring({ ...config.keys, dataDir: config.dataDir, create: false });
  const format = backupFormat(options.file);
  if (format === 'sqlite' && isPostgresUrl(location)) {
    throw new BackupError('this is an SQLite backup: restore it to an SQLite file (--db PATH)');
  }
  if (format === 'pg_dump' && !isPostgresUrl(location)) {
    throw new BackupError('this is a PostgreSQL backup: restore it to a postgres:// database');
  }
  if (format === 'sqlite') {
    if (existsSync(location) && statSync(location).size > 0) {
      throw new BackupError(
        `${location} already exists; restore to a new path (a restore never overwrites a database)`,
      );
    }
    checkSqliteFile(options.file);
    const partial = `${location}.restoring`;
    rmSync(partial, { force: true });
    try {
      const source = new Database(options.file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(partial);
      } finally {
        source.close();
      }
      await checkRestored(partial, keyring);
      syncFile(partial);
      renameSync(partial, location);
      syncFile(dirname(location));
    } catch (error) {
      rmSync(partial, { force: true });
      rmSync(`${partial}-wal`, { force: true });
      rmSync(`${partial}-shm`, { force: true });
      throw error;
    }
  } else {
    await requireEmptyPostgres(location);
    // The keys first, from the archive itself: a restore the keys cannot open is not started.
    checkRegisteredKeys(await keysInDump(options.file), keyring);
    try {
      await postgresTool('pg_restore', location, [
        '--no-owner',
        '--exit-on-error',
        '--single-transaction',
        options.file,
      ]);
      await checkRestored(location, keyring);
    } catch (error) {
      // The database was empty: leave it so.
      await dropPublicTables(location);
      throw error;
    }
  }
  return { format, location: describeLocation(location) };
}

/** Which kind of backup `file` is, from its first bytes. */
function backupFormat(file: string): 'sqlite' | 'pg_dump' {
  if (!existsSync(file)) throw new BackupError(`there is no backup at ${file}`);
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(16);
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === SQLITE_MAGIC) return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === PG_DUMP_MAGIC) return 'pg_dump';
  throw new BackupError(
    `${file} is not an Aman backup (neither SQLite nor pg_dump's custom format)`,
  );
}

function checkSqliteFile(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true }) as string;
    if (result !== 'ok') throw new BackupError(`the backup ${file} is damaged: ${result}`);
  } finally {
    db.close();
  }
}

/** Migrates the restored database and checks that the keys fit it (else nothing would open). */
async function checkRestored(
  location: string,
  keyring: ReturnType<typeof loadKeyring>,
): Promise<void> {
  const store = await openDatabase(location);
  try {
    await checkKeys(store, keyring, systemClock);
  } finally {
    await store.close();
  }
}

/** The data_keys rows of a pg_dump archive (ids and check values), read with pg_restore. */
async function keysInDump(file: string): Promise<{ id: string; checkValue: string }[]> {
  let sql: string;
  try {
    ({ stdout: sql } = await run(
      'pg_restore',
      ['--data-only', '--table=data_keys', '--file=-', file],
      { maxBuffer: 16 * 1024 * 1024 },
    ));
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new BackupError(
      `the backup ${file} cannot be read: ${(failure.stderr ?? failure.message).trim()}`,
    );
  }
  const copy = /COPY public\.data_keys \(([^)]*)\) FROM stdin;\n([\s\S]*?)\n\\\./.exec(sql);
  if (copy === null) return [];
  const columns = copy[1]!.split(',').map((name) => name.trim());
  const id = columns.indexOf('id');
  const check = columns.indexOf('check_value');
  return copy[2]!
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const fields = line.split('\t');
      return { id: fields[id]!, checkValue: fields[check]! };
    });
}

async function dropPublicTables(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'",
    );
    if (rows.length > 0) {
      await client.query(`DROP TABLE ${rows.map((row) => row.name).join(', ')} CASCADE`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function requireEmptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'",
    );
    if (Number(rows[0]?.n ?? 0) > 0) {
      throw new BackupError(
        `${describeLocation(url)} is not empty; restore into a new database (createdb …)`,
      );
    }
  } finally {
    await client.end();
  }
}

/** Runs pg_dump or pg_restore on `url`, the password in the environment, never in `ps`. */
async function postgresTool(
  tool: 'pg_dump' | 'pg_restore',
  url: string,
  args: string[],
): Promise<void> {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: decodeURIComponent(parsed.hostname) || 'localhost',
    PGPORT: parsed.port || '5432',
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    ...(parsed.username === '' ? {} : { PGUSER: decodeURIComponent(parsed.username) }),
    ...(parsed.password === '' ? {} : { PGPASSWORD: decodeURIComponent(parsed.password) }),
  };
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode !== null) env['PGSSLMODE'] = sslmode;
  try {
    await run(tool, tool === 'pg_restore' ? [`--dbname=${env['PGDATABASE']}`, ...args] : args, {
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new BackupError(`${tool} is not installed (Debian: apt-get install postgresql-client)`);
    }
    const detail = (failure.stderr ?? failure.message).trim().split('\n').slice(-3).join(' ');
    throw new BackupError(`${tool} failed: ${detail.replaceAll(parsed.password || '\0', '***')}`);
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
