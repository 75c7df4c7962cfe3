/**
 * No secrets in the logs: `aman serve` logging at its most verbose (AMAN_LOG_LEVEL=trace) through
 * a full scenario (cases, wrong PINs, evidence, a message and its triage, platforms matching and
 * reporting, refused keys, malformed requests, a staff sign-in with a wrong password, an internal
 * error) writes none of the PINs, API keys, case numbers, hashes, passwords or message texts it
 * handled, in any form, while it does log (the internal error is there).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient, ConsoleClient, type CreateCaseResponse } from '@aman/api';
import { rawSql } from '../../server/test/helpers/raw-sql.ts';
import { runCli } from './run-cli.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

// Written for this test: nothing real.
const MESSAGE =
  'Tu as jusqu a minuit pour envoyer 400 euros a Hamid Exemple par MoneyGram sinon tout le monde verra la video';
const PASSWORD = 'long enough staff password for the test';

let dir: string;
let db: string;
let server: ServeProcess;
const secrets: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aman-logs-'));
  db = join(dir, 'aman.sqlite');
  const env = { AMAN_DATA_DIR: dir, AMAN_LOG_LEVEL: 'trace' };
  server = await startServe(['--db', db, '--no-demo'], env);
  const url = server.url;

  const added = await runCli(
    ['platform', 'add', 'Log Platform', '--db', db, '--json', '--scopes', 'match,changes,feedback'],
    { env },
  );
  const apiKey = (JSON.parse(added.stdout) as { apiKey: string }).apiKey;
  const platform = new AmanClient({ baseUrl: url, apiKey });
  const victim = new AmanClient({ baseUrl: url });

  const pdq = randomBytes(32).toString('hex');
  const sha256 = randomBytes(32).toString('hex');
  const opened = (await victim.createCase({
    signals: [
      { type: 'pdq', value: pdq, quality: 90 },
      { type: 'sha256', value: sha256 },
    ],
  })) as { ok: true; value: CreateCaseResponse };
  const { caseNumber, pin } = opened.value;
  secrets.push(
    apiKey,
    pdq,
    sha256,
    caseNumber,
    caseNumber.replaceAll('-', ''),
    pin,
    pin.replace('-', ''),
    MESSAGE,
    'Hamid Exemple',
    PASSWORD,
  );

  // A victim's visit, with typos and a wrong PIN.
  await victim.getCase(caseNumber.toLowerCase(), pin);
  await victim.getCase(caseNumber, '00000-00001');
  await victim.getCase(caseNumber, 'not a pin');
  await victim.triage({ text: MESSAGE });
  await victim.addReport(caseNumber, pin, { text: MESSAGE });
  await victim.storeEvidence(
    caseNumber,
    pin,
    new Uint8Array([0x41, 0x4d, 0x45, 0x56, 1, ...Buffer.from(MESSAGE)]),
  );
  await victim.listEvidence(caseNumber, pin);
  // A platform at work, and someone with a made-up key.
  const match = await platform.match({ signals: [{ type: 'pdq', value: pdq }] });
  const signalId = match.ok ? match.value.results[0]!.matches[0]!.id : 1;
  await platform.changes({ cursor: '0' });
  await platform.feedback({ id: signalId, decision: 'Blocked' });
  await new AmanClient({
    baseUrl: url,
    apiKey: `aman_${randomBytes(32).toString('base64url')}`,
  }).match({
    signals: [{ type: 'sha256', value: sha256 }],
  });
  // Malformed requests that carry secrets in their bodies, paths and headers.
  await fetch(`${url}/api/v1/cases/${caseNumber}/nothing?pin=${pin}`, {
    headers: { 'x-case-pin': pin },
  });
  await fetch(`${url}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"signals": [{"type": "pdq", "value": "${pdq}", "text": "${MESSAGE}"`,
  });
  await fetch(`${url}/api/v1/triage`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: MESSAGE,
  });
  // A staff member's sign-in, once with a wrong password.
  const staff = await runCli(
    ['staff', 'add', 'logadmin', '--role', 'admin', '--db', db, '--json'],
    { env },
  );
  const setupUrl = (JSON.parse(staff.stdout) as { setupUrl: string }).setupUrl;
  const code = setupUrl.split('#')[1]!;
  secrets.push(code);
  const staffClient = new ConsoleClient({ baseUrl: url, rememberCookies: true });
  await staffClient.setup({ code, password: PASSWORD });
  await new ConsoleClient({ baseUrl: url }).login({ name: 'logadmin', password: `${PASSWORD}!` });
  // An internal error: an evidence item moved under another id behind the server's back.
  await rawSql(db, "UPDATE evidence SET public_id = 'AAAAAAAAAAAAAAAAAAAAAA'");
  await victim.getEvidence(caseNumber, pin, 'AAAAAAAAAAAAAAAAAAAAAA');
  await victim.withdraw(caseNumber, pin);

  server.child.kill('SIGTERM');
  await server.exited;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the logs of a full scenario at trace level', () => {
  it('were written (the internal error is logged, with its route)', () => {
    const { stderr } = server.output();
    expect(stderr).toContain('request failed');
    expect(stderr).toContain('/api/v1/cases/:caseNumber/evidence/:evidenceId');
  });

  it('hold no PIN, API key, case number, hash, password, setup code or message text', () => {
    const { stdout, stderr } = server.output();
    const logs = `${stdout}\n${stderr}`;
    for (const secret of secrets) {
      for (const form of [secret, secret.toLowerCase(), encodeURIComponent(secret)]) {
        expect(logs.includes(form), `"${secret.slice(0, 30)}…" in the logs`).toBe(false);
      }
    }
  });
});
