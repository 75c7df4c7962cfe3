import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createKeyFile,
  formatEnvKeys,
  keyCheckValue,
  Keyring,
  KeyringError,
  loadKeyring,
  newDataKey,
  reloadKeyFile,
  saveKeyFile,
} from './keyring.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aman-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadKeyring', () => {
  it('creates a 0600 key file in the data directory at the first start, then reads it', () => {
    const first = loadKeyring({ dataDir: dir });
    const path = join(dir, 'aman.keys');
    expect(first.source).toEqual({ kind: 'file', path, created: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = loadKeyring({ dataDir: dir });
    expect(again.activeId).toBe(first.activeId);
    expect(again.active.key.equals(first.active.key)).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 'aman-keys/1' });
  });

  it('never creates keys for a file it was told to read', () => {
    expect(() => loadKeyring({ dataDir: dir, keyFile: join(dir, 'missing.keys') })).toThrow(
      /does not exist/,
    );
    const path = join(dir, 'operator.keys');
    createKeyFile(path);
    expect(loadKeyring({ dataDir: '/nonexistent', keyFile: path }).source).toMatchObject({ path });
  });

  it('refuses a key file other users can read', () => {
    const path = join(dir, 'aman.keys');
    createKeyFile(path);
    chmodSync(path, 0o644);
    expect(() => loadKeyring({ dataDir: dir })).toThrow(/chmod 600/);
  });

  it('refuses a file that is not a key file, and keys of the wrong size', () => {
    const path = join(dir, 'aman.keys');
    writeFileSync(path, '{"format":"something else"}', { mode: 0o600 });
    expect(() => loadKeyring({ dataDir: dir })).toThrow(/not an Aman key file/);
    writeFileSync(path, 'nope', { mode: 0o600 });
    expect(() => loadKeyring({ dataDir: dir })).toThrow(/not valid JSON/);
    expect(() =>
      loadKeyring({ dataDir: dir, dataKeys: `k1:${Buffer.alloc(16).toString('base64')}` }),
    ).toThrow(/16 bytes/);
  });

  it('reads AMAN_DATA_KEYS first, the first key active', () => {
    const a = newDataKey();
    const b = newDataKey();
    const keyring = loadKeyring({
      dataDir: dir,
      dataKeys: `${a.id}:${a.key.toString('base64')},${b.id}:${b.key.toString('base64')}`,
    });
    expect(keyring.source).toEqual({ kind: 'env' });
    expect(keyring.activeId).toBe(a.id);
    expect(keyring.get(b.id)?.key.equals(b.key)).toBe(true);
    expect(formatEnvKeys(keyring)).toBe(
      `${a.id}:${a.key.toString('base64')},${b.id}:${b.key.toString('base64')}`,
    );
    expect(() => saveKeyFile(keyring)).toThrow(KeyringError);
  });

  it('gives the same file to processes that create it at the same moment', () => {
    const path = join(dir, 'race.keys');
    const first = createKeyFile(path);
    const second = createKeyFile(path);
    expect(second.activeId).toBe(first.activeId);
    expect(second.source).toMatchObject({ created: false });
  });

  it('notices a rotated key file and saves atomically with mode 0600', () => {
    const keyring = loadKeyring({ dataDir: dir });
    expect(reloadKeyFile(keyring)).toBeUndefined();
    const rotated = keyring.withActive(newDataKey());
    saveKeyFile(rotated);
    expect(statSync(join(dir, 'aman.keys')).mode & 0o777).toBe(0o600);
    const reloaded = reloadKeyFile(keyring);
    expect(reloaded?.activeId).toBe(rotated.activeId);
    expect(reloaded?.keys).toHaveLength(2);
  });
});

describe('Keyring', () => {
  it('derives distinct subkeys per purpose and identifies keys without revealing them', () => {
    const keyring = Keyring.generate();
    const a = keyring.derive(keyring.activeId, 'one');
    expect(a).toHaveLength(32);
    expect(a.equals(keyring.derive(keyring.activeId, 'two'))).toBe(false);
    expect(a.equals(keyring.active.key)).toBe(false);
    const check = keyCheckValue(keyring.active);
    expect(check).toMatch(/^[0-9a-f]{32}$/);
    expect(keyring.active.key.toString('hex')).not.toContain(check);
  });

  it('refuses to lose the active key', () => {
    const keyring = Keyring.generate();
    expect(() => keyring.without(keyring.activeId)).toThrow(/rotate first/);
  });
});
