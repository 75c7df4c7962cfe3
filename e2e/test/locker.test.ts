import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  LOCALES,
  openPortal,
  screenshot,
  seriousA11yViolations,
  waitForApp,
} from './support/browser.ts';
import { startAman, type Aman } from './support/server.ts';

let aman: Aman;
let browser: Browser;
let screenshotFile: string;

beforeAll(async () => {
  [aman, browser] = await Promise.all([startAman(), launchChromium()]);
  // A stand-in for a screenshot of the conversation: a test pattern, nothing personal.
  screenshotFile = join(mkdtempSync(join(tmpdir(), 'aman-locker-')), 'capture.png');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=360x640',
    '-frames:v',
    '1',
    screenshotFile,
  ]);
});
afterAll(async () => {
  await browser?.close();
  await aman?.stop();
});

const MESSAGE = {
  fr: 'Tu as 24 h pour envoyer 300 € par Western Union, sinon la vidéo part à toute ta famille.',
  ar: 'أمامك 24 ساعة لإرسال 3000 درهم وإلا سأرسل الفيديو لعائلتك.',
  en: 'You have 24 hours to send 300 USD by Western Union or the video goes to your family.',
} as const;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe.each(LOCALES)('the evidence locker in %s', (locale) => {
  it('fingerprints what is added and makes the evidence pack on the device', async () => {
    const { page, context, requests, errors } = await openPortal(browser, locale);
    await page.goto(`${aman.url}/locker`);
    await waitForApp(page);
    await page.locator('input[type="file"]').setInputFiles(screenshotFile);
    await page.locator('textarea').fill(MESSAGE[locale]);
    await page.locator('textarea').locator('xpath=ancestor::form').locator('button').click();
    await page.locator('input[type="url"]').fill('facebook.com/fake.profile.example');
    await page
      .locator('input[type="url"]')
      .locator('xpath=ancestor::form')
      .locator('button')
      .click();
    await expect.poll(() => page.locator('[data-testid="evidence-items"] li').count()).toBe(3);

    const shown = await page.locator('[data-testid="evidence-sha256"]').allTextContents();
    const expected = [
      sha256(readFileSync(screenshotFile)),
      sha256(MESSAGE[locale]),
      sha256('https://facebook.com/fake.profile.example'),
    ];
    for (const hash of expected) expect(shown.some((text) => text.includes(hash))).toBe(true);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await screenshot(page, `${locale}-locker`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.locator('[data-testid="make-pack"]').click(),
    ]);
    const pdf = readFileSync((await download.path()) ?? '');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    const keywords = doc.getKeywords() ?? '';
    for (const hash of expected) expect(keywords).toContain(`sha256:${hash}`);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^aman-evidence-.*-${locale}\\.pdf$`));

    // Made here: nothing was uploaded to make it.
    expect(requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
