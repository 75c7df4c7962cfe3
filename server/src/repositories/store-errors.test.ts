import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from './store-errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
  it('knows a database that is gone, going, busy or unreachable', () => {
    for (const code of [
      '57P01',
      '57P03',
      '08006',
      'ECONNREFUSED',
      'ECONNRESET',
      'SQLITE_BUSY',
      'SQLITE_IOERR_WRITE',
      'SQLITE_FULL',
    ]) {
      expect(isStoreUnavailable(withCode(code)), code).toBe(true);
    }
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnavailable(new Error('wrapped', { cause: withCode('ECONNREFUSED') }))).toBe(
      true,
    );
  });

  it('leaves bugs and bad data to the 500 they are', () => {
    for (const code of [
      '23505',
      '42P01',
      'SQLITE_CONSTRAINT_UNIQUE',
      'SQLITE_ERROR',
      'ERR_INVALID_ARG_TYPE',
    ]) {
      expect(isStoreUnavailable(withCode(code)), code).toBe(false);
    }
    expect(isStoreUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isStoreUnavailable(undefined)).toBe(false);
    expect(isStoreUnavailable('ECONNREFUSED')).toBe(false);
  });

  it('recognises a real SQLite busy error', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'aman-busy-')), 'busy.sqlite');
    const holder = new Database(path);
    const waiter = new Database(path, { timeout: 10 });
    try {
      holder.exec('CREATE TABLE t (x)');
      holder.exec('BEGIN EXCLUSIVE');
      let caught: unknown;
      try {
        waiter.exec('INSERT INTO t VALUES (1)');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(Database.SqliteError);
      expect(isStoreUnavailable(caught)).toBe(true);
    } finally {
      holder.close();
      waiter.close();
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });
});
