/**
 * The evidence locker's routes (docs/EVIDENCE-LOCKER.md) over real HTTP, on both stores: sealed items in and
 * out byte for byte, the PIN rules of every case route, the limits, and withdrawal.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '@aman/api';
import { randomPdq } from '../helpers/factories.ts';
import { rawRequest, startTestServer, unwrap, type TestServer } from '../helpers/harness.ts';
import { rawSql } from '../helpers/raw-sql.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

/** An item as the portal seals it: "AMEV", version 1, KDF parameters, IV, ciphertext and tag. */
function sealedItem(bytes = 64): Uint8Array {
  return new Uint8Array([0x41, 0x4d, 0x45, 0x56, 1, ...randomBytes(bytes)]);
}

describe.each(storeKinds)('evidence on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: TestServer;

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startTestServer(location.location, {
      evidenceLimits: { items: 3, bytes: 4096 },
    });
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
  });

  async function openCase() {
    return unwrap(
      await server.victim.createCase({
        signals: [{ type: 'pdq', value: randomPdq(), quality: 90 }],
      }),
    );
  }

  it('stores sealed items, lists them oldest first and gives back the exact bytes', async () => {
    const { caseNumber, pin } = await openCase();
    const items = [sealedItem(100), sealedItem(300), sealedItem(40)];
    const stored = [];
    for (const item of items) {
      const result = await server.victim.storeEvidence(caseNumber, pin, item);
      expect(result.status).toBe(201);
      stored.push(unwrap(result));
      server.clock.advance(1000);
    }
    expect(stored[0]).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as unknown,
      size: 105,
      createdAt: '2026-03-01T12:00:00.000Z',
    });
    expect(new Set(stored.map((entry) => entry.id)).size).toBe(3);
    expect(unwrap(await server.victim.listEvidence(caseNumber, pin))).toEqual({ items: stored });
    for (const [index, entry] of stored.entries()) {
      const bytes = unwrap(await server.victim.getEvidence(caseNumber, pin, entry.id));
      expect(Buffer.from(bytes).equals(Buffer.from(items[index]!))).toBe(true);
    }
    const raw = await fetch(`${server.url}/api/v1/cases/${caseNumber}/evidence/${stored[0]!.id}`, {
      headers: { 'x-case-pin': pin },
    });
    expect(raw.headers.get('content-type')).toBe('application/octet-stream');
    expect(raw.headers.get('cache-control')).toBe('no-store');

    const removed = await server.victim.deleteEvidence(caseNumber, pin, stored[1]!.id);
    expect(removed).toMatchObject({ ok: true, status: 204 });
    expect(unwrap(await server.victim.listEvidence(caseNumber, pin)).items).toEqual([
      stored[0],
      stored[2],
    ]);
    for (const attempt of [
      await server.victim.getEvidence(caseNumber, pin, stored[1]!.id),
      await server.victim.deleteEvidence(caseNumber, pin, stored[1]!.id),
      await server.victim.getEvidence(caseNumber, pin, 'not-an-id'),
    ]) {
      expect(attempt).toMatchObject({
        ok: false,
        status: 404,
        error: { code: 'evidence_not_found' },
      });
    }
  });

  it("never shows one case's item through another case", async () => {
    const first = await openCase();
    const second = await openCase();
    const item = unwrap(
      await server.victim.storeEvidence(first.caseNumber, first.pin, sealedItem()),
    );
    const through = await server.victim.getEvidence(second.caseNumber, second.pin, item.id);
    expect(through).toMatchObject({ status: 404, error: { code: 'evidence_not_found' } });
    expect(
      await server.victim.deleteEvidence(second.caseNumber, second.pin, item.id),
    ).toMatchObject({ status: 404 });
    expect(unwrap(await server.victim.listEvidence(second.caseNumber, second.pin)).items).toEqual(
      [],
    );
  });

  it('refuses what the portal did not seal, other content types, and items over 25 MiB', async () => {
    const { caseNumber, pin } = await openCase();
    const plain = new TextEncoder().encode('a screenshot that was not sealed, sent by mistake');
    expect(await server.victim.storeEvidence(caseNumber, pin, plain)).toMatchObject({
      status: 400,
      error: { code: 'invalid_evidence' },
    });
    expect(
      await server.victim.storeEvidence(
        caseNumber,
        pin,
        new Uint8Array([0x41, 0x4d, 0x45, 0x56, 2, ...randomBytes(40)]),
      ),
    ).toMatchObject({ status: 400, error: { code: 'invalid_evidence' } });
    expect(await server.victim.storeEvidence(caseNumber, pin, new Uint8Array(0))).toMatchObject({
      status: 400,
    });
    const json = await rawRequest(server.url, {
      path: `/api/v1/cases/${caseNumber}/evidence`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-case-pin': pin },
      body: JSON.stringify({ item: 'QU1FVgE=' }),
    });
    expect(json).toMatchObject({
      status: 415,
      body: { error: { code: 'unsupported_media_type' } },
    });
    const tooLarge = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    tooLarge.set([0x41, 0x4d, 0x45, 0x56, 1]);
    expect(await server.victim.storeEvidence(caseNumber, pin, tooLarge)).toMatchObject({
      status: 413,
      error: { code: 'body_too_large' },
    });
    // Bytes are taken by the evidence route only.
    const elsewhere = await rawRequest(server.url, {
      path: '/api/v1/cases',
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: sealedItem(),
    });
    expect(elsewhere).toMatchObject({
      status: 415,
      body: { error: { code: 'unsupported_media_type' } },
    });
    expect(unwrap(await server.victim.listEvidence(caseNumber, pin)).items).toEqual([]);
  });

  it('applies the PIN rules of every case route, lockout included', async () => {
    const { caseNumber, pin } = await openCase();
    const wrong = pin.startsWith('0') ? '11111-11111' : '00000-00000';
    expect(await server.victim.listEvidence(caseNumber, wrong)).toMatchObject({
      status: 401,
      error: { code: 'wrong_pin' },
    });
    expect(await server.victim.storeEvidence(caseNumber, wrong, sealedItem())).toMatchObject({
      status: 401,
      error: { code: 'wrong_pin' },
    });
    expect(await server.victim.listEvidence('0000-0000-0000-0000', pin)).toMatchObject({
      status: 404,
      error: { code: 'case_not_found' },
    });
    const missing = await rawRequest(server.url, {
      path: `/api/v1/cases/${caseNumber}/evidence`,
      method: 'GET',
    });
    expect(missing).toMatchObject({ status: 401, body: { error: { code: 'missing_pin' } } });
    for (let i = 0; i < 3; i++) await server.victim.getEvidence(caseNumber, wrong, 'x');
    const locked = await server.victim.deleteEvidence(caseNumber, pin, 'x');
    expect(locked).toMatchObject({ status: 429, error: { code: 'case_locked' } });
    expect(!locked.ok && locked.error.retryAfter).toBeGreaterThan(0);
    expect(await server.victim.storeEvidence(caseNumber, pin, sealedItem())).toMatchObject({
      status: 429,
    });
    server.clock.advance(61_000);
    expect(unwrap(await server.victim.listEvidence(caseNumber, pin)).items).toEqual([]);
  });

  it('keeps a case within its limits (409 case_full)', async () => {
    const { caseNumber, pin } = await openCase();
    for (let i = 0; i < 3; i++)
      unwrap(await server.victim.storeEvidence(caseNumber, pin, sealedItem(40)));
    expect(await server.victim.storeEvidence(caseNumber, pin, sealedItem(40))).toMatchObject({
      status: 409,
      error: { code: 'case_full' },
    });
    const bytes = await openCase();
    unwrap(await server.victim.storeEvidence(bytes.caseNumber, bytes.pin, sealedItem(4000)));
    expect(
      await server.victim.storeEvidence(bytes.caseNumber, bytes.pin, sealedItem(200)),
    ).toMatchObject({ status: 409, error: { code: 'case_full' } });
  });

  it('deletes the evidence with the case when the whole case is withdrawn', async () => {
    const { caseNumber, pin } = await openCase();
    unwrap(await server.victim.storeEvidence(caseNumber, pin, sealedItem()));
    unwrap(await server.victim.storeEvidence(caseNumber, pin, sealedItem()));
    const withdrawn = unwrap(await server.victim.withdraw(caseNumber, pin));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', evidenceDeleted: 2 });
    expect(unwrap(await server.victim.listEvidence(caseNumber, pin)).items).toEqual([]);
    expect(await server.victim.storeEvidence(caseNumber, pin, sealedItem())).toMatchObject({
      status: 409,
      error: { code: 'case_withdrawn' },
    });
  });

  it('stores each item encrypted under its case and id: moved to another row, it does not open', async () => {
    const first = await openCase();
    const second = await openCase();
    const a = unwrap(await server.victim.storeEvidence(first.caseNumber, first.pin, sealedItem()));
    const b = unwrap(
      await server.victim.storeEvidence(second.caseNumber, second.pin, sealedItem()),
    );
    const rows = (await rawSql(
      location.location,
      'SELECT public_id, sealed FROM evidence WHERE public_id IN (?, ?)',
      [a.id, b.id],
    )) as { public_id: string; sealed: Buffer }[];
    const sealedA = rows.find((row) => row.public_id === a.id)!.sealed;
    expect(sealedA.subarray(0, 4).toString()).toBe('AMEN');
    // An intruder copies case A's item over case B's row.
    await rawSql(location.location, 'UPDATE evidence SET sealed = ? WHERE public_id = ?', [
      sealedA,
      b.id,
    ]);
    const read = await server.victim.getEvidence(second.caseNumber, second.pin, b.id);
    expect(read).toMatchObject({ ok: false, status: 500, error: { code: 'internal_error' } });
  });
});
