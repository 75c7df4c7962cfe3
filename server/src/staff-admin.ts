/**
 * `aman staff`: staff accounts managed from the command line, which holds the database (and the
 * data keys) already, so it needs no session: the first admin of a new installation is made here
 * or by the setup link `aman serve` prints.
 */
import type { CreateStaffRequest, SetupLinkResponse, StaffView } from '@aman/api';
import { loadConfig, type ServerConfig } from './config.ts';
import { resolveStoreLocation, StoreUnavailableError } from './main.ts';
import { systemClock } from './repositories/clock.ts';
import { openConsoleStore } from './repositories/open-console-store.ts';
import { openStore } from './repositories/open-store.ts';
import { nodeStaffSecrets } from './repositories/staff-secrets.ts';
import type { Store } from './repositories/store.ts';
import type { ConsoleStore } from './repositories/console-store.ts';
import { ChainedAuditTrail } from './security/audit-trail.ts';
import { EnvelopeCipher } from './security/field-cipher.ts';
import { checkKeys } from './security/key-management.ts';
import { loadKeyring } from './security/keyring.ts';
import { StaffAccounts } from './services/staff-accounts.service.ts';

interface Target {
  readonly db?: string;
  readonly config?: ServerConfig;
}

/**
 * Creates a staff account and returns its one-time setup link (path and code).
 *
 * @example
 * const { setupPath } = await addStaff({ name: 'amina', role: 'helpline', helpline: '3018' });
 */
export function addStaff(options: Target & CreateStaffRequest): Promise<SetupLinkResponse> {
  return withAccounts(options, (accounts) =>
    accounts.create('cli', {
      name: options.name,
      role: options.role,
      ...(options.helpline === undefined ? {} : { helpline: options.helpline }),
      ...(options.platform === undefined ? {} : { platform: options.platform }),
    }),
  );
}

/**
 * A new setup link for an account (its password, one-time codes and key pair go).
 *
 * @example
 * const { setupPath } = await resetStaff({ name: 'amina' });
 */
export function resetStaff(
  options: Target & { name: string },
): Promise<SetupLinkResponse | undefined> {
  return withAccounts(options, async (accounts, consoleStore) => {
    const wanted = options.name.trim().toLowerCase();
    const found = (await consoleStore.listStaff()).find(
      (member) => member.name.toLowerCase() === wanted,
    );
    return found === undefined ? undefined : accounts.reset('cli', found.id);
  });
}

/** Every staff account. */
export function listStaff(options: Target): Promise<StaffView[]> {
  return withAccounts(options, async (accounts) => (await accounts.list()).staff);
}

async function withAccounts<T>(
  options: Target,
  work: (accounts: StaffAccounts, consoleStore: ConsoleStore) => Promise<T>,
): Promise<T> {
  const config = options.config ?? loadConfig();
  const location = resolveStoreLocation(options.db, config);
  let store: Store | undefined;
  let consoleStore: ConsoleStore | undefined;
  try {
    try {
      store = openStore(location);
      await store.migrate();
      consoleStore = openConsoleStore(location);
    } catch (error) {
      throw new StoreUnavailableError(location, error);
    }
    const keyring = loadKeyring({ ...config.keys, dataDir: config.dataDir });
    await checkKeys(store, keyring, systemClock);
    const cipher = new EnvelopeCipher(keyring);
    const audit = new ChainedAuditTrail({ store, keyring: () => cipher.keys, clock: systemClock });
    const accounts = new StaffAccounts({
      consoleStore,
      store,
      secrets: nodeStaffSecrets,
      cipher,
      audit,
      clock: systemClock,
    });
    return await work(accounts, consoleStore);
  } finally {
    await consoleStore?.close();
    await store?.close();
  }
}
