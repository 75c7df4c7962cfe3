import type { ConsoleStore } from './console-store.ts';
import { isPostgresUrl } from './open-store.ts';
import { openConsolePostgresStore } from './postgres/console-postgres-store.ts';
import { openConsoleSqliteStore } from './sqlite/console-sqlite-store.ts';

/**
 * Opens the console's store on the same database as the main store (`openStore(location)`), whose
 * `migrate()` creates its tables: call that first.
 *
 * @example
 * const store = openStore(location);
 * await store.migrate();
 * const consoleStore = openConsoleStore(location);
 */
export function openConsoleStore(location: string): ConsoleStore {
  return isPostgresUrl(location)
    ? openConsolePostgresStore(location)
    : openConsoleSqliteStore(location);
}
