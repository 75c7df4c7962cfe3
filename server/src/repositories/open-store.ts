import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openPostgresStore } from './postgres/postgres-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

/** True for a PostgreSQL URL, false for an SQLite path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens the store at `location`: a `postgres://` URL, or the path of an SQLite file (created with
 * its folder when missing).
 *
 * @example
 * const store = openStore('.data/aman.sqlite');
 * await store.migrate();
 */
export function openStore(location: string): Store {
  if (isPostgresUrl(location)) return openPostgresStore(location);
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  return openSqliteStore(location);
}

/** The location without a password, for printing. */
export function describeLocation(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
