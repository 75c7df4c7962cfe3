/**
 * Encryption at rest, on both stores: known plaintexts written through the real API (a message
 * the victim adds to the case, evidence items, a helpline note, a staff member's TOTP secret, what
 * the victim wrote in a consent share), then the database as a thief would copy it (SQLite: the
 * file and its WAL, raw bytes, while the server runs; PostgreSQL: pg_dump of every table) holds
 * none of them, in any encoding; and every column listed as encrypted holds ciphertext only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealShare, shareAdditionalData } from '@aman/api';
import { ENCRYPTED_COLUMNS } from '../../src/repositories/store.ts';
import { isFieldCiphertext } from '../../src/security/field-cipher.ts';
import { startConsoleTestServer, type ConsoleTestServer } from '../helpers/console-harness.ts';
import { randomPdq } from '../helpers/factories.ts';
import { unwrap } from '../helpers/harness.ts';
import { rawSql } from '../helpers/raw-sql.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

// Written for this test: made-up words and identifiers, nothing real.
const MESSAGE =
  'Je suis Yassine, je posterai ta video sur ton Facebook si tu ne verses pas 700 euros sur le compte FR7630006000011234567890189 avant jeudi';
const NOTE = 'Rappel prevu mardi, la personne a depose plainte au commissariat de Lyon 3e';
const SHARE_WORDS = 'elle a peur que son frere voie la video';
const EVIDENCE_TEXT = 'screenshot of the chat with the fake profile laura.b.92';

/** The database as bytes or text a thief would have. */
function dump(kind: 'sqlite' | 'postgres', location: string): Buffer {
  if (kind === 'sqlite') {
    // The file and its write-ahead log, as they are while the server runs.
    return Buffer.concat(
      [location, `${location}-wal`].filter(existsSync).map((file) => readFileSync(file)),
    );
  }
  return execFileSync('pg_dump', ['--data-only', '--no-owner', location], {
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** A plaintext in every form a dump could show it: UTF-8, UTF-16, and hex (PostgreSQL's bytea). */
function forms(text: string): Buffer[] {
  const utf8 = Buffer.from(text, 'utf8');
  return [utf8, Buffer.from(text, 'utf16le'), Buffer.from(utf8.toString('hex'), 'ascii')];
}

describe.each(storeKinds)('encryption at rest on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: ConsoleTestServer;
  const plaintexts: string[] = [MESSAGE, NOTE, SHARE_WORDS, EVIDENCE_TEXT];

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startConsoleTestServer(location.location);
    const [helper, admin] = await Promise.all([
      server.staff({ name: 'nadia', role: 'helpline', helpline: 'Ecoute Maroc' }),
      server.staff({ name: 'root', role: 'admin' }),
    ]);
    const opened = unwrap(
      await server.victim.createCase({
        signals: [{ type: 'pdq', value: randomPdq(), quality: 90 }],
      }),
    );
    plaintexts.push(opened.pin, opened.pin.replace('-', ''));
    // The victim adds the blackmailer's message (triaged on the server, stored encrypted).
    unwrap(await server.victim.addReport(opened.caseNumber, opened.pin, { text: MESSAGE }));
    // Evidence: what the server receives is already sealed in the browser; its own layer must
    // keep even that ciphertext (and anything in it) out of the database.
    for (const text of [EVIDENCE_TEXT, `${EVIDENCE_TEXT} (2)`]) {
      const item = Buffer.concat([Buffer.from([0x41, 0x4d, 0x45, 0x56, 1]), Buffer.from(text)]);
      unwrap(await server.victim.storeEvidence(opened.caseNumber, opened.pin, item));
    }
    // A consent share with the helpline, and a note on it.
    const directory = unwrap(await server.victim.helplines());
    const helpline = directory.helplines.find((entry) => entry.name === 'Ecoute Maroc')!;
    const envelope = await sealShare(
      { v: 1, sharedAt: '2026-03-01T12:00:00.000Z', note: SHARE_WORDS, messages: [], evidence: [] },
      helpline.recipients,
      shareAdditionalData(opened.caseNumber, helpline.id),
    );
    const share = unwrap(
      await server.victim.createShare(opened.caseNumber, opened.pin, {
        helplineId: helpline.id,
        envelope,
      }),
    );
    unwrap(await helper.client.addCaseNote(share.id, { text: NOTE }));
    // A staff member's one-time-code secret (shown once, then kept encrypted).
    const totp = unwrap(await admin.client.beginTotp());
    plaintexts.push(totp.secret);
  });

  afterAll(async () => {
    await server?.close();
    await location?.dispose();
  });

  it('reads every plaintext back through the API (so they really were stored)', async () => {
    const views = await rawSql(location.location, 'SELECT count(*) AS n FROM reports');
    expect(Number((views[0] as { n: number | string }).n)).toBe(1);
    expect(
      Number(
        (
          (await rawSql(location.location, 'SELECT count(*) AS n FROM evidence'))[0] as {
            n: number | string;
          }
        ).n,
      ),
    ).toBe(2);
    expect(
      Number(
        (
          (await rawSql(location.location, 'SELECT count(*) AS n FROM share_notes'))[0] as {
            n: number | string;
          }
        ).n,
      ),
    ).toBe(1);
  });

  it('leaves none of them in a dump of the database', () => {
    const bytes = dump(kind.kind, location.location);
    expect(bytes.length).toBeGreaterThan(10_000);
    for (const text of plaintexts) {
      for (const form of forms(text)) {
        expect(bytes.includes(form), `"${text.slice(0, 40)}" in the dump`).toBe(false);
      }
      // Nor a telling piece of it (a name, an IBAN).
      for (const word of text.split(/\s+/).filter((part) => part.length >= 10)) {
        expect(bytes.includes(Buffer.from(word)), `"${word}" in the dump`).toBe(false);
      }
    }
  });

  it('holds only ciphertext in every column listed as encrypted', async () => {
    for (const column of ENCRYPTED_COLUMNS) {
      const rows = (await rawSql(
        location.location,
        `SELECT ${column.column} AS value FROM ${column.table} WHERE ${column.column} IS NOT NULL`,
      )) as { value: string | Buffer }[];
      for (const { value } of rows) {
        if (column.kind === 'text') expect(isFieldCiphertext(value as string)).toBe(true);
        else expect((value as Buffer).subarray(0, 4).toString('ascii')).toBe('AMEN');
      }
    }
  });
});
