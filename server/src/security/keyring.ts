/**
 * The data keys: what encrypts victims' texts and evidence at rest and seals the audit log. They
 * never live in the database, so a copy of the database (a stolen disk, a leaked backup, a curious
 * DBA) holds ciphertext and nothing that opens it.
 *
 * Where the keys come from, first match wins:
 *
 * 1. `AMAN_DATA_KEYS`: `id:base64key[,id:base64key…]`, the first one active (it encrypts; the others
 *    only decrypt). For deployments whose secrets come from the environment (a vault, Kubernetes).
 * 2. `AMAN_KEY_FILE`: a key file the operator placed; it must exist and be readable by its owner
 *    only (0600), like an SSH key.
 * 3. `<data dir>/aman.keys`: created (0600) at the first start, so that `aman serve` works at once.
 *
 * Each key has an id; every ciphertext names the id of the key that sealed it, so rotation
 * (`aman keys rotate`) adds a new active key and re-encrypts, while old keys keep decrypting until
 * they are retired.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

/** Bytes of an AES-256 key. */
export const KEY_BYTES = 32;
/** The key file's name in the data directory. */
export const KEY_FILE_NAME = 'aman.keys';
const KEY_FILE_FORMAT = 'aman-keys/1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface DataKey {
  readonly id: string;
  readonly key: Buffer;
  /** When the key was made (key files only). */
  readonly createdAt?: string;
}

/** Where the keys were read from: shown by `aman serve` and `aman keys list`. */
export type KeySource =
  | { readonly kind: 'env' }
  | { readonly kind: 'file'; readonly path: string; readonly created: boolean }
  | { readonly kind: 'memory' };

/** The keys cannot be read or are unsafe; the message says what to do. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

/**
 * The data keys in use: one active key and any older ones still needed to decrypt.
 *
 * @example
 * const keyring = Keyring.generate(); // a throwaway keyring, for tests
 * keyring.active.id; // 'k3f9a12c0…'
 */
export class Keyring {
  readonly #keys: ReadonlyMap<string, DataKey>;

  constructor(
    keys: readonly DataKey[],
    readonly activeId: string,
    readonly source: KeySource,
  ) {
    const byId = new Map<string, DataKey>();
    for (const key of keys) {
      if (!KEY_ID.test(key.id))
        throw new KeyringError(
          `a key id is 1 to 32 of A-Z a-z 0-9 _ -, got "${key.id.slice(0, 40)}"`,
        );
      if (key.key.length !== KEY_BYTES) {
        throw new KeyringError(
          `key "${key.id}" is ${key.key.length} bytes; a data key is ${KEY_BYTES} bytes`,
        );
      }
      if (byId.has(key.id)) throw new KeyringError(`key id "${key.id}" appears twice`);
      byId.set(key.id, key);
    }
    if (!byId.has(activeId))
      throw new KeyringError(`the active key "${activeId}" is not in the keyring`);
    this.#keys = byId;
  }

  /** A keyring with one fresh random key, held in memory only (tests, throwaway servers). */
  static generate(): Keyring {
    const key = newDataKey();
    return new Keyring([key], key.id, { kind: 'memory' });
  }

  /** The key that encrypts. */
  get active(): DataKey {
    return this.#keys.get(this.activeId)!;
  }

  get keys(): readonly DataKey[] {
    return [...this.#keys.values()];
  }

  get(id: string): DataKey | undefined {
    return this.#keys.get(id);
  }

  /**
   * A subkey of key `id` for one purpose (HKDF-SHA256), so that no key is used for two things.
   *
   * @example
   * const macKey = keyring.derive(keyring.activeId, 'aman-audit-mac-v1');
   */
  derive(id: string, purpose: string): Buffer {
    const key = this.#keys.get(id);
    if (key === undefined) throw new KeyringError(`no key "${id}" in the keyring`);
    return Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), purpose, KEY_BYTES));
  }

  /** A copy with `key` added and made active (rotation). */
  withActive(key: DataKey): Keyring {
    return new Keyring([...this.keys, key], key.id, this.source);
  }

  /** A copy without key `id` (retirement); the active key cannot be removed. */
  without(id: string): Keyring {
    if (id === this.activeId) throw new KeyringError(`"${id}" is the active key; rotate first`);
    return new Keyring(
      this.keys.filter((key) => key.id !== id),
      this.activeId,
      this.source,
    );
  }
}

/**
 * A value that identifies a key without revealing it: the database keeps it for every key that
 * has encrypted something, so a server started with the wrong key file refuses to start instead
 * of writing data that the others cannot read.
 *
 * @example
 * keyCheckValue(keyring.active); // 32 hex digits
 */
export function keyCheckValue(key: DataKey): string {
  return createHmac('sha256', key.key).update('aman-key-check-v1').digest('hex').slice(0, 32);
}

/** A new random key with a random id. */
export function newDataKey(now: Date = new Date()): DataKey {
  return {
    id: `k${randomBytes(6).toString('hex')}`,
    key: randomBytes(KEY_BYTES),
    createdAt: now.toISOString(),
  };
}

/**
 * Loads the keyring from AMAN_DATA_KEYS, AMAN_KEY_FILE, or the key file of the data directory
 * (created when missing).
 *
 * @example
 * const keyring = loadKeyring({ ...loadConfig().keys, dataDir: '.data' });
 */
export function loadKeyring(options: {
  /** AMAN_DATA_KEYS. */
  dataKeys?: string | undefined;
  /** AMAN_KEY_FILE. */
  keyFile?: string | undefined;
  dataDir: string;
  /** Create `<dataDir>/aman.keys` when no key is configured and none exists (default true). */
  create?: boolean;
}): Keyring {
  if (options.dataKeys !== undefined && options.dataKeys !== '')
    return parseEnvKeys(options.dataKeys);
  const explicit = options.keyFile;
  if (explicit !== undefined && explicit !== '') {
    if (!existsSync(explicit)) {
      throw new KeyringError(
        `AMAN_KEY_FILE names ${explicit}, which does not exist; a server never invents the keys of a file it was told to read (make one with "aman keys init --file ${explicit}")`,
      );
    }
    return readKeyFile(explicit);
  }
  const path = join(options.dataDir, KEY_FILE_NAME);
  if (existsSync(path)) return readKeyFile(path);
  if (options.create === false) {
    throw new KeyringError(
      `no data keys: ${path} does not exist and neither AMAN_KEY_FILE nor AMAN_DATA_KEYS is set`,
    );
  }
  return createKeyFile(path);
}

/**
 * The key file again if it changed on disk since `keyring` was read (a rotation by `aman keys`),
 * else `undefined`. Running servers call it every few seconds.
 */
export function reloadKeyFile(keyring: Keyring): Keyring | undefined {
  if (keyring.source.kind !== 'file') return undefined;
  const next = readKeyFile(keyring.source.path);
  const same =
    next.activeId === keyring.activeId &&
    next.keys.length === keyring.keys.length &&
    next.keys.every((key) => keyring.get(key.id)?.key.equals(key.key) === true);
  return same ? undefined : next;
}

/**
 * Writes a new key file holding one fresh key. Refuses to overwrite: an existing file may hold the
 * only copy of the keys of a database.
 *
 * @example
 * const keyring = createKeyFile('/etc/aman/aman.keys');
 */
export function createKeyFile(path: string): Keyring {
  mkdirSync(dirname(path), { recursive: true });
  const key = newDataKey();
  const keyring = new Keyring([key], key.id, { kind: 'file', path, created: true });
  const temporary = writeTemporary(path, serializeKeyFile(keyring));
  try {
    // link() fails if the file appeared meanwhile (another process started at the same moment):
    // then that process's keys are the keys, and we read them.
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readKeyFile(path);
  } finally {
    unlinkSync(temporary);
  }
  syncDirectory(dirname(path));
  return keyring;
}

/**
 * Replaces the key file with `keyring` (rotation, retirement): written to a temporary file, synced,
 * then renamed over the old one, so a crash leaves the old file or the new one, never half of one.
 */
export function saveKeyFile(keyring: Keyring): void {
  if (keyring.source.kind !== 'file') {
    throw new KeyringError('these keys come from AMAN_DATA_KEYS: change the environment instead');
  }
  const { path } = keyring.source;
  renameSync(writeTemporary(path, serializeKeyFile(keyring)), path);
  syncDirectory(dirname(path));
}

/** The `AMAN_DATA_KEYS` line for a keyring (first key active). */
export function formatEnvKeys(keyring: Keyring): string {
  const ordered = [keyring.active, ...keyring.keys.filter((key) => key.id !== keyring.activeId)];
  return ordered.map((key) => `${key.id}:${key.key.toString('base64')}`).join(',');
}

function parseEnvKeys(text: string): Keyring {
  const keys = text.split(',').map((entry, index) => {
    const match = /^\s*([^:\s]+):([A-Za-z0-9+/=_-]+)\s*$/.exec(entry);
    if (match === null) {
      throw new KeyringError(
        `AMAN_DATA_KEYS entry ${index + 1} is not "id:base64key" (make one with "aman keys generate")`,
      );
    }
    return { id: match[1]!, key: Buffer.from(match[2]!, 'base64') };
  });
  return new Keyring(keys, keys[0]!.id, { kind: 'env' });
}

interface KeyFileJson {
  format: string;
  active: string;
  keys: { id: string; key: string; createdAt?: string }[];
}

function readKeyFile(path: string): Keyring {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new KeyringError(
      `the key file ${path} can be read by other users (mode ${mode.toString(8)}); run "chmod 600 ${path}"`,
    );
  }
  let parsed: KeyFileJson;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyFileJson;
  } catch (error) {
    throw new KeyringError(`the key file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (
    parsed.format !== KEY_FILE_FORMAT ||
    !Array.isArray(parsed.keys) ||
    typeof parsed.active !== 'string'
  ) {
    throw new KeyringError(
      `${path} is not an Aman key file (expected "format": "${KEY_FILE_FORMAT}")`,
    );
  }
  const keys = parsed.keys.map((entry) => ({
    id: String(entry.id),
    key: Buffer.from(String(entry.key), 'base64'),
    ...(typeof entry.createdAt === 'string' ? { createdAt: entry.createdAt } : {}),
  }));
  return new Keyring(keys, parsed.active, { kind: 'file', path, created: false });
}

function serializeKeyFile(keyring: Keyring): string {
  const json: KeyFileJson = {
    format: KEY_FILE_FORMAT,
    active: keyring.activeId,
    keys: keyring.keys.map((key) => ({
      id: key.id,
      key: key.key.toString('base64'),
      ...(key.createdAt === undefined ? {} : { createdAt: key.createdAt }),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Writes `text` to a new 0600 file beside `path` and syncs it; returns its path. */
function writeTemporary(path: string, text: string): string {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // The umask may have narrowed the mode, never widened it; make it exact anyway.
  chmodSync(temporary, 0o600);
  return temporary;
}

function syncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
