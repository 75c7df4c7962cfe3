/**
 * Raw SQL on a test database, behind the store's back: what an intruder with database access (but
 * not the keys) could do. Placeholders are `?` on both stores.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl } from '../../src/repositories/open-store.ts';

export async function rawSql(
  location: string,
  sql: string,
  params: unknown[] = [],
): Promise<unknown[]> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      let index = 0;
      const { rows } = await client.query<Record<string, unknown>>(
        sql.replace(/\?/g, () => `$${++index}`),
        params,
      );
      return rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(location);
  try {
    const statement = db.prepare<unknown[], Record<string, unknown>>(sql);
    if (statement.reader) return statement.all(...params);
    statement.run(...params);
    return [];
  } finally {
    db.close();
  }
}
