/**
 * Every action recorded: a full scenario through the real HTTP API (victims, platforms, curation,
 * review, flood control, key use, refused keys), then the audit log holds one sealed row per
 * action, in order, verifiable, and nothing a victim or a platform could be identified or harmed by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/repositories/store.ts';
import { verifyAuditChain } from '../../src/security/audit-trail.ts';
import { randomPdq } from '../helpers/factories.ts';
import { rawRequest, startTestServer, unwrap, type TestServer } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

describe.each(storeKinds)('the audit log of a full scenario on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: TestServer;
  let rows: AuditRecord[];
  const secrets: string[] = [];

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startTestServer(location.location, {
      flood: { platforms: 2, windowMs: 3_600_000 },
    });
    const curator = await server.platform('Curator', ['curate', 'review', 'match']);
    const first = await server.platform('First Chat', ['match', 'changes', 'feedback']);
    const second = await server.platform('Second Video', ['match', 'changes', 'feedback']);
    secrets.push(curator.apiKey, first.apiKey, second.apiKey);

    const pdq = randomPdq();
    const other = randomPdq();
    secrets.push(pdq, other);
    const opened = unwrap(
      await server.victim.createCase({ signals: [{ type: 'pdq', value: pdq, quality: 90 }] }),
    );
    secrets.push(opened.caseNumber, opened.pin, opened.pin.replace('-', ''));
    const added = unwrap(
      await server.victim.addSignals(opened.caseNumber, opened.pin, {
        signals: [{ type: 'pdq', value: other, quality: 90 }],
      }),
    );
    const sealed = new Uint8Array([0x41, 0x4d, 0x45, 0x56, 1, ...new Uint8Array(40).fill(7)]);
    const item = unwrap(await server.victim.storeEvidence(opened.caseNumber, opened.pin, sealed));
    unwrap(await server.victim.deleteEvidence(opened.caseNumber, opened.pin, item.id));

    const signalId = added.signals[0]!.id;
    // Two platforms match it: flood control (threshold 2) quarantines it.
    unwrap(await first.match({ signals: [{ type: 'pdq', value: other }] }));
    unwrap(await second.match({ signals: [{ type: 'pdq', value: other }] }));
    unwrap(await first.changes({ cursor: '0' }));
    unwrap(await first.feedback({ id: signalId, decision: 'Blocked' }));
    unwrap(await curator.review(signalId, { decision: 'release' }));
    const lure = unwrap(
      await curator.addBankSignals('lure', {
        signals: [{ type: 'pdq', value: randomPdq(), quality: 80 }],
      }),
    );
    unwrap(await curator.withdrawBankSignals('lure', { signalIds: [lure.signals[0]!.id] }));
    unwrap(await curator.updateBank('allow', { thresholds: { pdq: 20 } }));
    // Refused: a key that does not exist, a key without the scope.
    const refused = await rawRequest(server.url, {
      path: '/api/v1/match',
      method: 'POST',
      headers: {
        authorization: `Bearer aman_${'A'.repeat(43)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ signals: [{ type: 'pdq', value: pdq }] }),
    });
    expect(refused.status).toBe(401);
    expect((await first.updateBank('allow', { thresholds: { pdq: 10 } })).status).toBe(403);
    unwrap(await server.victim.withdraw(opened.caseNumber, opened.pin));
    await server.services.activity.flush();
    rows = await server.store.readAudit(0, 1000);
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
  });

  const byAction = (action: string) => rows.filter((row) => row.action === action);

  it('records every victim, platform, curator, reviewer and system action, in order', () => {
    expect(rows.map((row) => row.action)).toEqual([
      'case.open',
      'case.add_signals',
      'evidence.add',
      'evidence.delete',
      'signal.quarantine',
      'feedback.record',
      'signal.review',
      'bank.add_signals',
      'bank.withdraw_signals',
      'bank.update_thresholds',
      'case.withdraw',
      ...rows.slice(11).map((row) => row.action),
    ]);
    expect(byAction('case.open')[0]).toMatchObject({
      actorKind: 'victim',
      details: '{"signals":1}',
    });
    expect(byAction('signal.quarantine')[0]).toMatchObject({
      actorKind: 'system',
      actorId: 'flood-control',
      details: '{"platforms":2}',
    });
    expect(byAction('feedback.record')[0]).toMatchObject({
      actorKind: 'platform',
      details: '{"decision":"Blocked"}',
    });
    expect(byAction('signal.review')[0]).toMatchObject({ details: '{"decision":"release"}' });
    expect(byAction('bank.update_thresholds')[0]).toMatchObject({
      target: 'bank:allow',
      details: '{"pdq":20,"vpdq":31}',
    });
    expect(byAction('case.withdraw')[0]).toMatchObject({
      details: '{"signals":2,"evidence":0,"messages":0}',
    });
  });

  it('records key use per platform and route, and refused keys without the key', () => {
    const uses = byAction('api_key.use').map((row) => ({
      route: row.target,
      ...(JSON.parse(row.details) as { requests: number; refused: number }),
    }));
    expect(uses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: 'POST /api/v1/match', requests: 1, refused: 0 }),
        expect.objectContaining({ route: 'GET /api/v1/changes', requests: 1, refused: 0 }),
        expect.objectContaining({ route: 'POST /api/v1/feedback', requests: 1, refused: 0 }),
        expect.objectContaining({ route: 'POST /api/v1/review/signals/:id', requests: 1 }),
        expect.objectContaining({ route: 'PATCH /api/v1/banks/:bank', requests: 1, refused: 0 }),
      ]),
    );
    const refused = byAction('api_key.refused');
    expect(refused.map((row) => [row.actorId, row.target])).toEqual(
      expect.arrayContaining([
        ['anonymous', 'POST /api/v1/match'],
        ['anonymous', 'PATCH /api/v1/banks/:bank'],
      ]),
    );
  });

  it('holds no case number, PIN, hash or API key, and verifies', async () => {
    const text = JSON.stringify(rows);
    for (const secret of secrets) expect(text, 'a secret in the audit log').not.toContain(secret);
    expect(await verifyAuditChain(server.store, server.keyring)).toMatchObject({ ok: true });
  });
});
