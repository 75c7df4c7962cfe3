/**
 * From the victim's case to the helpline and back, over real HTTP on both stores: a message added
 * to the case (triaged on the server, stored encrypted), a share sealed for one helpline member,
 * what each member can and cannot read, assignment with a key grant, notes, revocation, and a
 * database dump that holds none of what the victim wrote.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openShare,
  sealShare,
  shareAdditionalData,
  wrapShareKey,
  type CreateCaseResponse,
  type HelplineDirectory,
  type SharePayload,
} from '@aman/api';
import { randomPdq } from '../helpers/factories.ts';
import {
  startConsoleTestServer,
  type ConsoleTestServer,
  type StaffMember,
} from '../helpers/console-harness.ts';
import { unwrap } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

// Written for this test: a made-up blackmail message with made-up identifiers.
const MESSAGE =
  "J'ai enregistré ta vidéo. Envoie 500 euros par Western Union ou je la montre à tous tes amis Facebook. Contacte-moi sur WhatsApp au +212 6 61 23 45 67 avant demain soir.";
const NOTE = 'Appel du 3 mars: la personne va porter plainte, rappeler vendredi';
const PRIVATE_WORDS = 'mon cousin a reçu la vidéo hier soir';

describe.each(storeKinds)('reports and consent shares on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: ConsoleTestServer;
  let opened: CreateCaseResponse;
  let amina: StaffMember;
  let karim: StaffMember;
  let outsider: StaffMember;
  let directory: HelplineDirectory;
  let shareId: number;

  const payload: SharePayload = {
    v: 1,
    sharedAt: '2026-03-01T12:00:00.000Z',
    note: PRIVATE_WORDS,
    messages: [],
    evidence: [],
  };

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startConsoleTestServer(location.location);
    [amina, karim, outsider] = await Promise.all([
      server.staff({ name: 'amina', role: 'helpline', helpline: 'Ligne 3018' }),
      server.staff({ name: 'karim', role: 'helpline', helpline: 'Ligne 3018' }),
      server.staff({ name: 'other', role: 'helpline', helpline: 'Another helpline' }),
    ]);
    opened = unwrap(
      await server.victim.createCase({ signals: [{ type: 'pdq', value: randomPdq() }] }),
    );
  });
  afterAll(async () => {
    await server?.close();
    await location?.dispose();
  });

  it('adds a message to the case: triaged on the server, the identifiers read back', async () => {
    const report = unwrap(
      await server.victim.addReport(opened.caseNumber, opened.pin, { text: MESSAGE }),
    );
    expect(report.verdict).toBe('sextortion');
    expect(report.identifiers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'phone', normalized: '+212661234567' }),
      ]),
    );
    const listed = unwrap(await server.victim.reports(opened.caseNumber, opened.pin));
    expect(listed.reports.map((entry) => entry.text)).toEqual([MESSAGE]);
    const wrong = await server.victim.addReport(opened.caseNumber, '00000-00000', {
      text: MESSAGE,
    });
    expect(wrong).toMatchObject({ status: 401, error: { code: 'wrong_pin' } });
  });

  it('lists the helplines and the public keys of the members who can receive a share', async () => {
    directory = unwrap(await server.victim.helplines());
    const ligne = directory.helplines.find((entry) => entry.name === 'Ligne 3018')!;
    expect(ligne.recipients.map((entry) => entry.staffId).sort()).toEqual(
      [amina.record.id, karim.record.id].sort(),
    );
    expect(ligne.recipients[0]!.publicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
  });

  it('shares the case with one member: only they can open what the browser encrypted', async () => {
    const ligne = directory.helplines.find((entry) => entry.name === 'Ligne 3018')!;
    const aad = shareAdditionalData(opened.caseNumber, ligne.id);
    const aminaKey = ligne.recipients.filter((entry) => entry.staffId === amina.record.id);
    const envelope = await sealShare(payload, aminaKey, aad);
    // A key for someone outside the helpline is refused.
    const stranger = await sealShare(
      payload,
      [{ staffId: outsider.record.id, publicKey: outsider.keys!.keyPair.publicKey }],
      aad,
    );
    expect(
      await server.victim.createShare(opened.caseNumber, opened.pin, {
        helplineId: ligne.id,
        envelope: stranger,
      }),
    ).toMatchObject({ status: 400, error: { code: 'invalid_envelope' } });

    const share = unwrap(
      await server.victim.createShare(opened.caseNumber, opened.pin, {
        helplineId: ligne.id,
        envelope,
      }),
    );
    shareId = share.id;
    expect(share).toMatchObject({ helpline: { name: 'Ligne 3018' }, revokedAt: null });
    expect(
      await server.victim.createShare(opened.caseNumber, opened.pin, {
        helplineId: ligne.id,
        envelope,
      }),
    ).toMatchObject({ status: 409, error: { code: 'share_exists' } });

    const aminaCases = unwrap(await amina.client.helplineCases()).cases;
    expect(aminaCases).toEqual([
      expect.objectContaining({
        shareId,
        caseNumber: opened.caseNumber,
        status: 'new',
        canRead: true,
        reports: 1,
      }),
    ]);
    const detail = unwrap(await amina.client.helplineCase(shareId));
    expect(detail.reports[0]!.text).toBe(MESSAGE);
    expect(detail.case.signals).toHaveLength(1);
    const openedShare = await openShare(
      detail.envelope,
      detail.envelope.key!,
      amina.keys!.privateKey,
      aad,
    );
    expect(openedShare?.content).toEqual(payload);

    // Karim sees the case (consent is to the helpline) but holds no key to the encrypted part.
    const karimView = unwrap(await karim.client.helplineCase(shareId));
    expect(karimView.summary.canRead).toBe(false);
    expect(karimView.envelope.key).toBeNull();
    // Another helpline does not see it at all.
    expect(unwrap(await outsider.client.helplineCases()).cases).toEqual([]);
    expect(await outsider.client.helplineCase(shareId)).toMatchObject({
      status: 404,
      error: { code: 'share_not_found' },
    });
  });

  it('assigns the case to a colleague only with a key grant made by a member who can read it', async () => {
    expect(
      await amina.client.updateHelplineCase(shareId, { assigneeId: karim.record.id }),
    ).toMatchObject({
      status: 409,
      error: { code: 'key_grant_required' },
    });
    const ligneId = directory.helplines.find((entry) => entry.name === 'Ligne 3018')!.id;
    const aad = shareAdditionalData(opened.caseNumber, ligneId);
    const detail = unwrap(await amina.client.helplineCase(shareId));
    const mine = await openShare(
      detail.envelope,
      detail.envelope.key!,
      amina.keys!.privateKey,
      aad,
    );
    const grant = await wrapShareKey(
      mine!.shareKey,
      { staffId: karim.record.id, publicKey: karim.keys!.keyPair.publicKey },
      aad,
    );
    const updated = unwrap(
      await amina.client.updateHelplineCase(shareId, {
        assigneeId: karim.record.id,
        status: 'in-progress',
        grant,
      }),
    );
    expect(updated).toMatchObject({ status: 'in-progress', assignee: { name: 'karim' } });
    const karimView = unwrap(await karim.client.helplineCase(shareId));
    expect(
      (await openShare(karimView.envelope, karimView.envelope.key!, karim.keys!.privateKey, aad))
        ?.content,
    ).toEqual(payload);
    expect(
      await amina.client.updateHelplineCase(shareId, { assigneeId: outsider.record.id }),
    ).toMatchObject({ status: 404, error: { code: 'staff_not_found' } });
  });

  it('keeps notes encrypted at rest: no dump of the database holds what the victim or the helpline wrote', async () => {
    const note = unwrap(await karim.client.addCaseNote(shareId, { text: NOTE }));
    expect(note).toMatchObject({ author: { name: 'karim' }, text: NOTE });
    expect(
      unwrap(await amina.client.helplineCase(shareId)).notes.map((entry) => entry.text),
    ).toEqual([NOTE]);
    const secrets = [
      NOTE,
      'Western Union ou je la montre',
      '+212661234567',
      '61 23 45 67',
      PRIVATE_WORDS,
    ];
    const dump = await dumpDatabase(location.location, kind.kind);
    for (const secret of secrets) expect(dump.includes(secret), secret).toBe(false);
    expect(dump).toContain(opened.caseNumber.slice(0, 4)); // the dump is real
  });

  it('lets the victim take the share back: the helpline loses the case, its keys and its notes', async () => {
    const revoked = unwrap(await server.victim.revokeShare(opened.caseNumber, opened.pin, shareId));
    expect(revoked.revokedAt).not.toBeNull();
    expect(unwrap(await amina.client.helplineCases()).cases).toEqual([]);
    expect(await karim.client.helplineCase(shareId)).toMatchObject({
      status: 409,
      error: { code: 'share_revoked' },
    });
    expect(await server.consoleStore.listNotes(shareId)).toEqual([]);
    expect(await server.consoleStore.shareKeysOf(karim.record.id, [shareId])).toEqual(new Map());
    const shares = unwrap(await server.victim.shares(opened.caseNumber, opened.pin)).shares;
    expect(shares).toEqual([
      expect.objectContaining({ id: shareId, revokedAt: revoked.revokedAt }),
    ]);
    expect(await server.victim.revokeShare(opened.caseNumber, opened.pin, 424242)).toMatchObject({
      status: 404,
      error: { code: 'share_not_found' },
    });
  });
});

/** Every byte of the SQLite file (and its WAL), or every row of every table in PostgreSQL. */
async function dumpDatabase(location: string, kind: 'sqlite' | 'postgres'): Promise<string> {
  if (kind === 'sqlite') {
    let text = readFileSync(location).toString('latin1');
    try {
      text += readFileSync(`${location}-wal`).toString('latin1');
    } catch {
      // no WAL right now
    }
    return Buffer.from(text, 'latin1').toString('utf8') + text;
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    const tables = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    let text = '';
    for (const { tablename } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${tablename}"`);
      text += JSON.stringify(rows.rows);
    }
    return text;
  } finally {
    await client.end();
  }
}
