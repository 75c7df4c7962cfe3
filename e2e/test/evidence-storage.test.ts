/**
 * The evidence locker stored with a case (docs/EVIDENCE-LOCKER.md): three items sealed in the browser, stored,
 * gone after a reload (the portal keeps nothing), opened again from another browser profile with
 * the case number and PIN alone, and a dump of the database (file and WAL, raw bytes) holds no
 * plaintext of any of them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient } from '@aman/api';
import { launchChromium, openPortal, waitForApp } from './support/browser.ts';
import { startAman, type Aman } from './support/server.ts';

let aman: Aman;
let browser: Browser;
let screenshotFile: string;

// Written for this test: nothing personal, nothing real.
const MESSAGE =
  'Send 250 EUR by Western Union to receiver Karim Testeur before 21:00 or the video goes to all your contacts';
const LINK = 'https://facebook.com/evidence.locker.test.profile';

beforeAll(async () => {
  [aman, browser] = await Promise.all([startAman(), launchChromium()]);
  screenshotFile = join(mkdtempSync(join(tmpdir(), 'aman-evidence-')), 'conversation-capture.png');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x568',
    '-frames:v',
    '1',
    screenshotFile,
  ]);
});
afterAll(async () => {
  await browser?.close();
  await aman?.stop();
});

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function fillCredentials(page: Page, caseNumber: string, pin: string): Promise<void> {
  await page.getByLabel('Case number', { exact: true }).fill(caseNumber);
  await page.getByLabel('PIN', { exact: true }).fill(pin);
}

async function shownFingerprints(page: Page): Promise<string[]> {
  return (await page.locator('[data-testid="evidence-sha256"]').allTextContents()).map(
    (text) => /[0-9a-f]{64}/.exec(text)?.[0] ?? text,
  );
}

describe('the evidence locker stored with a case', () => {
  it('stores three items, forgets them on reload, reopens them elsewhere; the database holds no plaintext', async () => {
    const opened = await new AmanClient({ baseUrl: aman.url }).createCase({
      signals: [{ type: 'pdq', value: randomBytes(32).toString('hex'), quality: 90 }],
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const { caseNumber, pin } = opened.value;
    const expected = [sha256(readFileSync(screenshotFile)), sha256(MESSAGE), sha256(LINK)].sort();

    // 1. The victim's phone: add three items and store them with the case.
    const phone = await openPortal(browser, 'en');
    await phone.page.goto(`${aman.url}/locker`);
    await waitForApp(phone.page);
    await phone.page.locator('input[type="file"]').setInputFiles(screenshotFile);
    await phone.page.locator('textarea').fill(MESSAGE);
    await phone.page.getByRole('button', { name: 'Add the message' }).click();
    await phone.page.locator('input[type="url"]').fill(LINK);
    await phone.page.getByRole('button', { name: 'Add the link' }).click();
    await expect
      .poll(() => phone.page.locator('[data-testid="evidence-items"] li').count())
      .toBe(3);
    await fillCredentials(phone.page, caseNumber, pin);
    await phone.page.getByRole('button', { name: 'Encrypt and store' }).click();
    await phone.page.getByText('3 items stored, encrypted.').first().waitFor({ timeout: 60_000 });
    await expect
      .poll(() => phone.page.getByText('Stored with your case, encrypted').count())
      .toBe(3);
    expect((await shownFingerprints(phone.page)).sort()).toEqual(expected);

    // What left the device: three sealed items, none of them holding a readable byte of the content.
    const uploads = phone.requests.filter(
      (request) => request.method === 'POST' && request.url.endsWith(`/evidence`),
    );
    expect(uploads).toHaveLength(3);
    const screenshotBytes = readFileSync(screenshotFile);
    for (const upload of uploads) {
      const body = upload.body ?? Buffer.alloc(0);
      expect(body.subarray(0, 5)).toEqual(Buffer.from([0x41, 0x4d, 0x45, 0x56, 1]));
      expect(body.includes(Buffer.from('Western Union'))).toBe(false);
      expect(body.includes(Buffer.from('evidence.locker.test'))).toBe(false);
      expect(body.includes(screenshotBytes.subarray(200, 264))).toBe(false);
      expect(body.includes(Buffer.from('conversation-capture'))).toBe(false);
    }

    // 2. A reload: the portal kept nothing on the device.
    await phone.page.reload();
    await waitForApp(phone.page);
    expect(await phone.page.locator('[data-testid="evidence-items"] li').count()).toBe(0);
    await fillCredentials(phone.page, caseNumber, pin);
    await phone.page.getByRole('button', { name: 'Open what I stored' }).click();
    await phone.page.getByText('3 stored items opened.').first().waitFor({ timeout: 60_000 });
    expect((await shownFingerprints(phone.page)).sort()).toEqual(expected);
    await phone.context.close();

    // 3. Another browser profile (another phone, a helpline's computer): case number and PIN only.
    const other = await openPortal(browser, 'en');
    await other.page.goto(`${aman.url}/locker`);
    await waitForApp(other.page);
    await fillCredentials(other.page, caseNumber, pin);
    await other.page.getByRole('button', { name: 'Open what I stored' }).click();
    await other.page.getByText('3 stored items opened.').first().waitFor({ timeout: 60_000 });
    expect((await shownFingerprints(other.page)).sort()).toEqual(expected);
    await expect.poll(() => other.page.getByText(MESSAGE).count()).toBeGreaterThan(0);
    // A wrong PIN opens nothing.
    const wrong = await openPortal(browser, 'en');
    await wrong.page.goto(`${aman.url}/locker`);
    await waitForApp(wrong.page);
    await fillCredentials(
      wrong.page,
      caseNumber,
      pin.startsWith('0') ? '11111-11111' : '00000-00000',
    );
    await wrong.page.getByRole('button', { name: 'Open what I stored' }).click();
    await wrong.page
      .getByText('This case number and PIN do not match.')
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await wrong.page.locator('[data-testid="evidence-items"] li').count()).toBe(0);
    expect(other.errors).toEqual([]);
    await other.context.close();
    await wrong.context.close();

    // 4. The database, as a thief would copy it: the file and its WAL, raw bytes.
    const dump = Buffer.concat(
      [aman.db, `${aman.db}-wal`]
        .filter((path) => existsSync(path))
        .map((path) => readFileSync(path)),
    );
    expect(dump.length).toBeGreaterThan(0);
    const plaintexts = [
      MESSAGE,
      'Western Union',
      'Karim Testeur',
      LINK,
      'evidence.locker.test.profile',
      'conversation-capture',
      pin,
      pin.replace('-', ''),
      ...expected,
    ];
    for (const text of plaintexts) {
      expect(dump.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(dump.includes(Buffer.from(text, 'utf16le')), text).toBe(false);
    }
    for (let offset = 0; offset + 64 <= screenshotBytes.length; offset += 4096) {
      expect(dump.includes(screenshotBytes.subarray(offset, offset + 64))).toBe(false);
    }
  });
});
