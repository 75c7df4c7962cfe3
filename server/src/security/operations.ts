/**
 * What `aman audit` and `aman keys` do, over a store and the configured keys. Each opens the
 * database, does one thing and closes it.
 */
import { loadConfig, type ServerConfig } from '../config.ts';
import { systemClock } from '../repositories/clock.ts';
import { resolveStoreLocation, openDatabase } from '../main.ts';
import type { Store } from '../repositories/store.ts';
import { ChainedAuditTrail, verifyAuditChain, type AuditVerification } from './audit-trail.ts';
import {
  checkKeys,
  keyUsage,
  retireKey,
  rotateKeys,
  type ReencryptionReport,
} from './key-management.ts';
import {
  createKeyFile,
  formatEnvKeys,
  Keyring,
  loadKeyring,
  newDataKey,
  type KeySource,
} from './keyring.ts';

export interface OperationOptions {
  /** SQLite path or postgres:// URL (default: as `aman serve`). */
  readonly db?: string;
  readonly config?: ServerConfig;
}

/**
 * Checks the audit log's chain, MACs and head (`aman audit verify`).
 *
 * @example
 * const result = await verifyAudit({ db: '.data/aman.sqlite' });
 * if (!result.ok) console.log(result.problems);
 */
export function verifyAudit(options: OperationOptions = {}): Promise<AuditVerification> {
  return withStore(options, false, (store, keyring) => verifyAuditChain(store, keyring));
}

export interface KeyListing {
  readonly source: KeySource;
  readonly activeId: string;
  readonly keys: readonly {
    readonly id: string;
    readonly active: boolean;
    readonly createdAt: string | undefined;
    /** Encrypted values and audit rows under this key. */
    readonly values: number;
  }[];
}

/**
 * The data keys and how much each one seals (`aman keys list`); never the keys themselves.
 *
 * @example
 * const { keys } = await listKeys({});
 */
export function listKeys(options: OperationOptions = {}): Promise<KeyListing> {
  return withStore(options, false, async (store, keyring) => {
    const usage = await keyUsage(store, keyring);
    return {
      source: keyring.source,
      activeId: keyring.activeId,
      keys: keyring.keys.map((key) => ({
        id: key.id,
        active: key.id === keyring.activeId,
        createdAt: key.createdAt,
        values: usage.get(key.id) ?? 0,
      })),
    };
  });
}

/**
 * Rotation (`aman keys rotate`): a new active key in the key file (or the one already first in
 * AMAN_DATA_KEYS), every value re-wrapped under it, the audit log resealed.
 *
 * @example
 * const { activeId, report } = await rotateDataKeys({});
 */
export function rotateDataKeys(
  options: OperationOptions = {},
): Promise<{ previousId: string; activeId: string; report: ReencryptionReport }> {
  return withStore(options, true, async (store, keyring) => {
    const { keyring: next, report } = await rotateKeys(store, keyring, systemClock);
    await audit(store, next).record({
      actor: { kind: 'system', id: 'cli' },
      action: 'keys.rotate',
      target: `key:${next.activeId}`,
      details: {
        previous: keyring.activeId,
        values: Object.values(report.rewrapped).reduce((sum, count) => sum + count, 0),
        audit_rows: report.auditRowsResealed,
      },
    });
    return { previousId: keyring.activeId, activeId: next.activeId, report };
  });
}

/**
 * Retirement (`aman keys retire ID`): once nothing needs key `id`, it leaves the key file and the
 * database's list.
 *
 * @example
 * await retireDataKey({ id: 'k3f9a12c0a1b2' });
 */
export function retireDataKey(
  options: OperationOptions & { id: string },
): Promise<{ source: KeySource }> {
  return withStore(options, true, async (store, keyring) => {
    const next = await retireKey(store, keyring, options.id, systemClock);
    await audit(store, next).record({
      actor: { kind: 'system', id: 'cli' },
      action: 'keys.retire',
      target: `key:${options.id}`,
    });
    return { source: next.source };
  });
}

/**
 * A new key for AMAN_DATA_KEYS (`aman keys generate`): `id:base64`, to put first in the list.
 *
 * @example
 * generateEnvKey(); // 'k3f9a12c0a1b2:q8…='
 */
export function generateEnvKey(): string {
  const key = newDataKey();
  return formatEnvKeys(new Keyring([key], key.id, { kind: 'memory' }));
}

/**
 * A new key file for AMAN_KEY_FILE (`aman keys init --file PATH`); refuses to overwrite one.
 *
 * @example
 * initKeyFile('/etc/aman/aman.keys').activeId;
 */
export function initKeyFile(path: string): Keyring {
  const keyring = createKeyFile(path);
  if (keyring.source.kind === 'file' && !keyring.source.created) {
    throw new Error(`${path} already exists; it may hold the only copy of a database's keys`);
  }
  return keyring;
}

/** Opens the store and the keys (checked against it), runs `work`, closes the store. */
async function withStore<T>(
  options: OperationOptions,
  writes: boolean,
  work: (store: Store, keyring: Keyring) => Promise<T>,
): Promise<T> {
  const config = options.config ?? loadConfig();
  // Reading needs the keys that exist; only a server start (or a rotation) may create them.
  const keyring = loadKeyring({ ...config.keys, dataDir: config.dataDir, create: false });
  const store = await openDatabase(resolveStoreLocation(options.db, config));
  try {
    if (writes) await checkKeys(store, keyring, systemClock);
    return await work(store, keyring);
  } finally {
    await store.close();
  }
}

function audit(store: Store, keyring: Keyring): ChainedAuditTrail {
  return new ChainedAuditTrail({ store, keyring: () => keyring, clock: systemClock });
}
