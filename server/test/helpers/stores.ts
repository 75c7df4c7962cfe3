/**
 * The two stores every store and HTTP test runs against: a temp-file SQLite database and a
 * throwaway PostgreSQL database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/repositories/open-store.ts';
import type { Store, StoreKind } from '../../src/repositories/store.ts';
import { createTestDatabase } from './postgres.ts';

export interface TestStoreLocation {
  /** An SQLite path or a postgres:// URL: open as many stores on it as a test needs. */
  readonly location: string;
  dispose(): Promise<void>;
}

export interface StoreKindUnderTest {
  readonly kind: StoreKind;
  /** A fresh, empty database. */
  createLocation(): Promise<TestStoreLocation>;
}

export const storeKinds: readonly StoreKindUnderTest[] = [
  {
    kind: 'sqlite',
    createLocation: () => {
      const dir = mkdtempSync(join(tmpdir(), 'aman-server-test-'));
      return Promise.resolve({
        location: join(dir, 'aman.sqlite'),
        dispose: () => {
          rmSync(dir, { recursive: true, force: true });
          return Promise.resolve();
        },
      });
    },
  },
  {
    kind: 'postgres',
    createLocation: async () => {
      const database = await createTestDatabase();
      return { location: database.url, dispose: () => database.drop() };
    },
  },
];

/** Opens and migrates a store at `location`. */
export async function openMigratedStore(location: string): Promise<Store> {
  const store = openStore(location);
  await store.migrate();
  return store;
}
