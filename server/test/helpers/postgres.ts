/**
 * Throwaway PostgreSQL databases: each test file gets its own, with a random name, and drops it
 * afterwards, so that test files (and other engineers' runs) never share state.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the tests use; scripts/test exports it (and starts one where none runs). */
export const testDatabaseUrl =
  process.env['AMAN_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `aman_test_${randomBytes(8).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
