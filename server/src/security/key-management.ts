/**
 * The life of data keys against one database: the start-up check (this server has every key the
 * database needs), rotation (a new active key; every value re-wrapped, the audit log resealed) and
 * retirement (an old key removed once nothing needs it).
 */
import type { Clock } from '../repositories/clock.ts';
import { ENCRYPTED_COLUMNS, type Store } from '../repositories/store.ts';
import { auditKeyUsage, resealAuditChain } from './audit-trail.ts';
import { EnvelopeCipher } from './field-cipher.ts';
import { KeyringError, keyCheckValue, newDataKey, saveKeyFile, type Keyring } from './keyring.ts';

/** Values read at a time per encrypted column; bytes columns hold items of up to 25 MiB. */
const TEXT_PAGE = 500;
const BYTES_PAGE = 4;

/**
 * Refuses keys that do not fit the database (a key it has data under is missing, or a key id
 * names another key), then records the active key as one the database has data under.
 *
 * @example
 * await checkKeys(store, keyring, systemClock); // throws KeyringError with what to do
 */
export async function checkKeys(store: Store, keyring: Keyring, clock: Clock): Promise<void> {
  checkRegisteredKeys(await store.listDataKeys(), keyring);
  await store.registerDataKey({
    id: keyring.activeId,
    checkValue: keyCheckValue(keyring.active),
    at: clock.now(),
  });
}

/**
 * Throws KeyringError unless `keyring` has every key of `registered` (a database's data_keys,
 * or a backup's), each the very key that was registered.
 *
 * @example
 * checkRegisteredKeys(await store.listDataKeys(), keyring);
 */
export function checkRegisteredKeys(
  registered: readonly { id: string; checkValue: string }[],
  keyring: Keyring,
): void {
  const missing = registered.filter((entry) => keyring.get(entry.id) === undefined);
  if (missing.length > 0) {
    throw new KeyringError(
      `this database holds data encrypted with key${missing.length === 1 ? '' : 's'} ${missing
        .map((entry) => `"${entry.id}"`)
        .join(
          ', ',
        )}, which ${describeSource(keyring)} does not have; start with the key file or AMAN_DATA_KEYS this database was written with`,
    );
  }
  for (const entry of registered) {
    if (keyCheckValue(keyring.get(entry.id)!) !== entry.checkValue) {
      throw new KeyringError(
        `key "${entry.id}" of ${describeSource(keyring)} is not the key "${entry.id}" this database was written with`,
      );
    }
  }
}

/** What one re-encryption pass did. */
export interface ReencryptionReport {
  /** Values re-wrapped under the active key, per `table.column`. */
  readonly rewrapped: Readonly<Record<string, number>>;
  readonly auditRowsResealed: number;
}

/**
 * Re-wraps every encrypted value under the keyring's active key and reseals the audit log.
 * Safe to run while servers write: a value changed meanwhile is left to its writer (compare and
 * set), and running it again finishes the job.
 *
 * @example
 * const report = await reencryptAll(store, keyring);
 */
export async function reencryptAll(store: Store, keyring: Keyring): Promise<ReencryptionReport> {
  const cipher = new EnvelopeCipher(keyring);
  const rewrapped: Record<string, number> = {};
  for (const column of ENCRYPTED_COLUMNS) {
    const page = column.kind === 'bytes' ? BYTES_PAGE : TEXT_PAGE;
    let count = 0;
    for (let after = 0; ;) {
      const rows = await store.readCiphertexts(column, after, page);
      if (rows.length === 0) break;
      for (const row of rows) {
        const next = cipher.rewrap(row.value);
        if (
          next !== undefined &&
          (await store.replaceCiphertext(column, row.id, row.value, next))
        ) {
          count++;
        }
      }
      after = rows.at(-1)!.id;
    }
    rewrapped[`${column.table}.${column.column}`] = count;
  }
  const auditRowsResealed = await resealAuditChain(store, keyring);
  return { rewrapped, auditRowsResealed };
}

/**
 * How many values each key id seals: encrypted columns and audit rows (for `aman keys list` and
 * before retiring a key).
 *
 * @example
 * (await keyUsage(store, keyring)).get('k3f9a12c0a1b2'); // 12
 */
export async function keyUsage(store: Store, keyring: Keyring): Promise<Map<string, number>> {
  const cipher = new EnvelopeCipher(keyring);
  const usage = new Map<string, number>();
  const count = (id: string) => usage.set(id, (usage.get(id) ?? 0) + 1);
  for (const column of ENCRYPTED_COLUMNS) {
    const page = column.kind === 'bytes' ? BYTES_PAGE : TEXT_PAGE;
    for (let after = 0; ;) {
      const rows = await store.readCiphertexts(column, after, page);
      if (rows.length === 0) break;
      for (const row of rows) count(cipher.keyIdOf(row.value));
      after = rows.at(-1)!.id;
    }
  }
  for (const [id, rows] of await auditKeyUsage(store)) usage.set(id, (usage.get(id) ?? 0) + rows);
  return usage;
}

/**
 * Rotation: with a key file, a new key is added, made active and saved before anything is
 * re-encrypted (so no value is ever under a key that is not on disk); with AMAN_DATA_KEYS, the
 * operator has already put the new key first, and this re-encrypts under it. Old keys stay until
 * `retireKey`.
 *
 * @example
 * const { keyring, report } = await rotateKeys(store, loadKeyring({ env, dataDir }), systemClock);
 */
export async function rotateKeys(
  store: Store,
  keyring: Keyring,
  clock: Clock,
): Promise<{ keyring: Keyring; report: ReencryptionReport }> {
  await checkKeys(store, keyring, clock);
  let next = keyring;
  if (keyring.source.kind === 'file') {
    next = keyring.withActive(newDataKey(clock.now()));
    saveKeyFile(next);
    await store.registerDataKey({
      id: next.activeId,
      checkValue: keyCheckValue(next.active),
      at: clock.now(),
    });
  }
  return { keyring: next, report: await reencryptAll(store, next) };
}

/** Running servers re-read the key file this often (server side: see startServer). */
export const KEY_FILE_RELOAD_MS = 10_000;

/**
 * Retirement: re-encrypts once more (values written by servers that had not yet re-read the key
 * file), checks that nothing is under key `id` any more, then removes it from the key file and
 * from the database's list. Refuses the active key, and refuses during the first minute after a
 * rotation, while running servers may still be encrypting with the previous key.
 *
 * @example
 * await retireKey(store, keyring, 'k3f9a12c0a1b2', systemClock);
 */
export async function retireKey(
  store: Store,
  keyring: Keyring,
  id: string,
  clock: Clock,
): Promise<Keyring> {
  if (keyring.get(id) === undefined) throw new KeyringError(`there is no key "${id}"`);
  if (id === keyring.activeId) {
    throw new KeyringError(`"${id}" is the active key; rotate first ("aman keys rotate")`);
  }
  const activeSince = Date.parse(keyring.active.createdAt ?? '');
  const settle = 6 * KEY_FILE_RELOAD_MS;
  if (Number.isFinite(activeSince) && clock.now().getTime() - activeSince < settle) {
    throw new KeyringError(
      `the active key is less than ${settle / 1000} s old: running servers may still encrypt with "${id}"; try again in a minute`,
    );
  }
  await reencryptAll(store, keyring);
  const still = (await keyUsage(store, keyring)).get(id) ?? 0;
  if (still > 0) {
    throw new KeyringError(
      `${still} value${still === 1 ? '' : 's'} still need key "${id}"; run "aman keys rotate" again once every server has restarted`,
    );
  }
  const next = keyring.without(id);
  if (keyring.source.kind === 'file') saveKeyFile(next);
  await store.removeDataKey(id);
  return next;
}

function describeSource(keyring: Keyring): string {
  switch (keyring.source.kind) {
    case 'env':
      return 'AMAN_DATA_KEYS';
    case 'file':
      return `the key file ${keyring.source.path}`;
    case 'memory':
      return 'this keyring';
  }
}
