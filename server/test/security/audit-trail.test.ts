/**
 * The audit log on both stores: every action sealed in a chain, and `verifyAuditChain` names the
 * row an intruder with database access (but without the keys) edited, inserted or deleted.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/repositories/store.ts';
import {
  AuditChainBrokenError,
  ChainedAuditTrail,
  resealAuditChain,
  verifyAuditChain,
  type AuditEntry,
} from '../../src/security/audit-trail.ts';
import { Keyring, newDataKey } from '../../src/security/keyring.ts';
import { TestClock } from '../helpers/harness.ts';
import { rawSql } from '../helpers/raw-sql.ts';
import { openMigratedStore, storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

const entry = (n: number): AuditEntry => ({
  actor: { kind: 'platform', id: `platform:${n % 3}` },
  action: 'feedback.record',
  target: `signal:${n}`,
  details: { decision: n % 2 === 0 ? 'Blocked' : 'NotBlocked', signals: n },
});

describe.each(storeKinds)('the audit trail on $kind', (kind) => {
  let location: TestStoreLocation;
  let store: Store;
  let keyring: Keyring;
  let audit: ChainedAuditTrail;
  const clock = new TestClock();

  beforeAll(() => {
    keyring = Keyring.generate();
  });

  beforeEach(async () => {
    location = await kind.createLocation();
    store = await openMigratedStore(location.location);
    audit = new ChainedAuditTrail({ store, keyring: () => keyring, clock });
    // Recorded concurrently: the chain must still be one line.
    await Promise.all(Array.from({ length: 10 }, (_, i) => audit.record(entry(i + 1))));
    for (let i = 11; i <= 12; i++) {
      clock.advance(1000);
      await audit.record(entry(i));
    }
  });

  afterEach(async () => {
    await store.close();
    await location.dispose();
  });

  const sql = (text: string, params: unknown[] = []) => rawSql(location.location, text, params);

  it('verifies an untouched chain and reports its head', async () => {
    const result = await verifyAuditChain(store, keyring, { pageSize: 5 });
    expect(result).toMatchObject({
      ok: true,
      entries: 12,
      head: { seq: 12, keyId: keyring.activeId },
    });
    const rows = await store.readAudit(0, 100);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(rows[11]).toMatchObject({
      actorKind: 'platform',
      actorId: 'platform:0',
      action: 'feedback.record',
      target: 'signal:12',
      details: '{"decision":"Blocked","signals":12}',
    });
  });

  it('detects an edited row', async () => {
    await sql(
      'UPDATE audit_log SET details = \'{"decision":"Blocked","signals":0}\' WHERE seq = 4',
    );
    const result = await verifyAuditChain(store, keyring);
    expect(result).toMatchObject({
      ok: false,
      problems: ['seq 4: the row was changed or inserted'],
    });
  });

  it('detects an edited actor, time or action', async () => {
    await sql("UPDATE audit_log SET actor_id = 'platform:9' WHERE seq = 2");
    await sql("UPDATE audit_log SET action = 'feedback.deleted' WHERE seq = 7");
    const result = await verifyAuditChain(store, keyring);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'seq 2: the row was changed or inserted',
      'seq 7: the row was changed or inserted',
    ]);
  });

  it('detects a deleted row in the middle', async () => {
    await sql('DELETE FROM audit_log WHERE seq = 5');
    const result = await verifyAuditChain(store, keyring);
    expect(!result.ok && result.problems).toEqual([
      'seq 5: missing (deleted)',
      'seq 6: the row was changed or inserted (its link to the previous row is broken)',
    ]);
  });

  it('detects the newest rows deleted', async () => {
    await sql('DELETE FROM audit_log WHERE seq > 9');
    const result = await verifyAuditChain(store, keyring);
    expect(!result.ok && result.problems).toEqual([
      'seq 10–12: missing (the newest rows were deleted)',
    ]);
  });

  it('detects the newest rows deleted with the head moved back', async () => {
    const [row] = (await sql('SELECT mac FROM audit_log WHERE seq = 9')) as { mac: string }[];
    await sql('DELETE FROM audit_log WHERE seq > 9');
    await sql('UPDATE audit_head SET seq = 9, mac = ? WHERE id = 1', [row!.mac]);
    const result = await verifyAuditChain(store, keyring);
    expect(!result.ok && result.problems).toEqual(['the head (last seq) was changed']);
  });

  it('detects a forged row inserted, even one that copies a real MAC', async () => {
    const [row] = (await sql('SELECT * FROM audit_log WHERE seq = 12')) as Record<
      string,
      unknown
    >[];
    await sql(
      'INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, target, details, key_id, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        13,
        row!['at'],
        'staff',
        'admin:1',
        'case.delete',
        'case:1',
        '{}',
        row!['key_id'],
        row!['mac'],
      ],
    );
    await sql('UPDATE audit_head SET seq = 13 WHERE id = 1');
    const result = await verifyAuditChain(store, keyring);
    expect(!result.ok && result.problems).toEqual([
      'seq 13: the row was changed or inserted',
      'the head (last seq) was changed',
    ]);
  });

  it('detects the whole chain replaced by one sealed with another key', async () => {
    const intruder = new ChainedAuditTrail({ store, keyring: () => Keyring.generate(), clock });
    await sql('DELETE FROM audit_log');
    await sql("UPDATE audit_head SET seq = 0, key_id = '', mac = '' WHERE id = 1");
    await intruder.record(entry(1));
    const result = await verifyAuditChain(store, keyring);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(
      /seq 1: sealed with key ".*", which is not in the keyring/,
    );
  });

  it('reseals the chain under a new key (rotation), which the old key alone no longer verifies', async () => {
    const rotated = keyring.withActive(newDataKey());
    expect(await resealAuditChain(store, rotated)).toBe(12);
    expect(await verifyAuditChain(store, rotated)).toMatchObject({ ok: true, entries: 12 });
    expect(await verifyAuditChain(store, rotated.without(keyring.activeId))).toMatchObject({
      ok: true,
    });
    expect((await verifyAuditChain(store, keyring)).ok).toBe(false);
  });

  it('refuses to reseal a broken chain, and changes nothing', async () => {
    await sql("UPDATE audit_log SET target = 'signal:999' WHERE seq = 3");
    const before = await store.readAudit(0, 100);
    await expect(resealAuditChain(store, keyring.withActive(newDataKey()))).rejects.toThrow(
      AuditChainBrokenError,
    );
    expect(await store.readAudit(0, 100)).toEqual(before);
  });

  it('refuses entries that would store victim data or secrets', async () => {
    const refused: AuditEntry[] = [
      { actor: { kind: 'victim', id: '7KQM-4XZD-9H2P-R3TA' }, action: 'case.view' },
      { ...entry(1), details: { pin: '12345-67890' } },
      {
        ...entry(1),
        details: { hash: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22' },
      },
      { ...entry(1), target: `key:aman_${'x'.repeat(43)}` },
      { ...entry(1), details: { message: 'x'.repeat(500) } },
      { ...entry(1), details: { nested: { text: 'a document' } } },
      { ...entry(1), action: 'Not An Action' },
    ];
    for (const bad of refused) await expect(audit.record(bad)).rejects.toThrow(TypeError);
    expect((await verifyAuditChain(store, keyring)).entries).toBe(12);
  });
});
