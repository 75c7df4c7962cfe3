import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AmanClient, type SignalSubmission } from '@aman/api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  LOCALES,
  openPortal,
  screenshot,
  seriousA11yViolations,
  waitForApp,
} from './support/browser.ts';
import { hamming, referenceHashes, sharesRun, TESTDATA } from './support/media.ts';
import { startAman, type Aman } from './support/server.ts';

let aman: Aman;
let browser: Browser;
let platform: AmanClient;
let video: string;

beforeAll(async () => {
  // A 5 MB H.264 clip (a test pattern, 20 s of 720p): the kind of file the portal must never send.
  video = join(mkdtempSync(join(tmpdir(), 'aman-protect-')), 'call-recording.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30:duration=20',
    '-c:v',
    'libx264',
    '-b:v',
    '2M',
    '-maxrate',
    '2M',
    '-bufsize',
    '4M',
    '-pix_fmt',
    'yuv420p',
    video,
  ]);
  [aman, browser] = await Promise.all([startAman(), launchChromium()]);
  platform = new AmanClient({ baseUrl: aman.url, apiKey: await aman.platformKey('e2e-platform') });
});
afterAll(async () => {
  await browser?.close();
  await aman?.stop();
});

/** Three photos from the conformance set: a JPEG, a PNG and an EXIF-rotated phone photo. */
const PHOTOS = [
  'bridge-mods/aaa-orig.jpg',
  'misc-images/c.png',
  'reg-test-input/exif-rotn/exif-rotn-6.jpg',
] as const;

async function chooseFiles(page: Page, files: readonly string[]): Promise<void> {
  await page
    .locator('input[type="file"]')
    .setInputFiles(files.map((file) => (file.startsWith('/') ? file : join(TESTDATA, file))));
  await expect
    .poll(() => page.locator('.file-item[data-status="done"]').count(), { timeout: 120_000 })
    .toBe(files.length);
}

async function reviewedSignals(page: Page): Promise<SignalSubmission[]> {
  const bodies = await page.locator('[data-testid="review-body"]').allTextContents();
  return bodies.flatMap((body) => (JSON.parse(body) as { signals: SignalSubmission[] }).signals);
}

async function matchBanks(value: string): Promise<string[]> {
  const result = await platform.match({ signals: [{ type: 'pdq', value }] });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.results[0]?.matches.map((match) => match.bank) ?? [];
}

describe.each(LOCALES)('"Protect my video or photos" and "My case" in %s', (locale) => {
  it('sends only hashes of a 5 MB video and three photos, shows the case number and PIN once, and the case page follows and withdraws', async () => {
    expect(statSync(video).size).toBeGreaterThan(4.5e6);
    const { page, context, requests, errors } = await openPortal(browser, locale);
    await page.goto(`${aman.url}/protect`);
    await waitForApp(page);
    await chooseFiles(page, [...PHOTOS, video]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await screenshot(page, `${locale}-protect-hashed`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator('main .actions .button').first().click();
    const signals = await reviewedSignals(page);
    // One PDQ per photo, and the rotated photo's as displayed too; the video's frames and digests.
    expect(signals.map((signal) => signal.type)).toEqual([
      'pdq',
      'pdq',
      'pdq',
      'pdq',
      'vpdq',
      'md5',
      'sha256',
    ]);
    const videoBytes = readFileSync(video);
    expect(signals.find((signal) => signal.type === 'sha256')?.value).toBe(
      createHash('sha256').update(videoBytes).digest('hex'),
    );
    expect(signals.find((signal) => signal.type === 'md5')?.value).toBe(
      createHash('md5').update(videoBytes).digest('hex'),
    );
    const frames = signals.find((signal) => signal.type === 'vpdq')?.value as string[];
    // The bank side: 20 instants, each with its neighbours. Compact strings end with each frame's
    // own time; a frame stands for the nearest second, the video's last moments for the last one.
    const seconds = frames.map((frame) => Number(frame.split(',')[2]));
    expect(new Set(seconds.map((t) => Math.min(19, Math.round(t)))).size).toBe(20);
    expect(new Set(seconds).size).toBeGreaterThan(20);
    await screenshot(page, `${locale}-protect-review`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator('main .actions .button').first().click();
    const caseNumber = (await page.locator('[data-testid="case-number"]').textContent()) ?? '';
    const pin = (await page.locator('[data-testid="case-pin"]').textContent()) ?? '';
    expect(caseNumber).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(pin).toMatch(/^\d{5}-\d{5}$/);
    await screenshot(page, `${locale}-protect-case-opened`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // "Save as a file" gives a text file with both codes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.credentials + .actions button').first().click(),
    ]);
    const saved = readFileSync((await download.path()) ?? '', 'utf8');
    expect(saved).toContain(caseNumber);
    expect(saved).toContain(pin);

    // Platforms can match the photos now.
    const first = signals[0]?.value as string;
    expect(await matchBanks(first)).toContain('protect');

    // Nothing of the files left the page, and little was sent at all.
    const files = [...PHOTOS.map((file) => readFileSync(join(TESTDATA, file))), videoBytes];
    let sent = 0;
    for (const request of requests) {
      sent += request.url.length + (request.body?.length ?? 0);
      if (request.body === null) continue;
      for (const file of files) expect(sharesRun(request.body, file)).toBe(false);
    }
    expect(sent).toBeLessThan(100_000);
    expect(
      requests.filter((request) => request.method === 'POST').map((r) => new URL(r.url).pathname),
    ).toEqual(['/api/v1/cases']);

    // The case page: the same case, its fingerprints, then a platform's decision.
    await page.locator('input[type="checkbox"]').check();
    await page.locator('.credentials ~ .actions .button').last().click();
    await page.locator('[data-testid="open-case-number"]').waitFor();
    expect(await page.locator('[data-testid="open-case-number"]').textContent()).toBe(caseNumber);
    await expect.poll(() => page.locator('[data-signal-id]').count()).toBe(7);
    // The video's frames match too (vPDQ, as platforms query it).
    const videoMatch = await platform.match({ signals: [{ type: 'vpdq', value: frames }] });
    expect(videoMatch.ok && videoMatch.value.results[0]?.matches.length).toBeGreaterThan(0);

    const matched = await platform.match({ signals: [{ type: 'pdq', value: first }] });
    const signalId = matched.ok ? matched.value.results[0]?.matches[0]?.id : undefined;
    expect(signalId).toBeDefined();
    await platform.feedback({ id: signalId ?? 0, decision: 'Blocked' });
    await page.locator('[data-testid="case-summary"] button').click();
    await page.locator('[data-decision="Blocked"]').waitFor();
    expect(await page.locator('[data-decision="Blocked"]').textContent()).toContain('e2e-platform');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await screenshot(page, `${locale}-case`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // More files can be added to the case from its page.
    await page
      .locator('section[aria-labelledby="case-add"] input[type="file"]')
      // Unrelated to the photos already protected, so the checks below stay about one signal.
      .setInputFiles(join(TESTDATA, 'reg-test-input/pen-and-coaster.png'));
    await page
      .locator('section[aria-labelledby="case-add"] .file-item[data-status="done"]')
      .waitFor();
    await page.locator('section[aria-labelledby="case-add"] > .actions .button').click();
    await expect.poll(() => page.locator('[data-signal-id]').count()).toBe(8);

    // Withdrawing one fingerprint stops it matching at once.
    await page.locator(`[data-signal-id="${signalId}"] input[type="checkbox"]`).check();
    await page
      .locator('section[aria-labelledby="case-fingerprints"] .button-danger')
      .first()
      .click();
    await page.locator('dialog[open] .button-danger').click();
    await page.locator(`[data-signal-id="${signalId}"][data-signal-status="withdrawn"]`).waitFor();
    await expect.poll(() => matchBanks(first)).not.toContain('protect');
    const second = signals[1]?.value as string;
    expect(await matchBanks(second)).toContain('protect');

    // Withdrawing everything closes the case.
    await page
      .locator('section[aria-labelledby="case-fingerprints"] .button-danger')
      .last()
      .click();
    await page.locator('dialog[open] .button-danger').click();
    await page.locator('[data-case-status="withdrawn"]').waitFor();
    await expect.poll(() => matchBanks(second)).not.toContain('protect');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('hashing in the browser', () => {
  it('gives the conformance images’ reference hashes, within distance 10 wherever quality >= 80', async () => {
    const reference = referenceHashes();
    const files = [
      'bridge-mods/aaa-orig.jpg',
      'bridge-mods/high-contrast.jpg',
      'bridge-mods/shrink-a-lot.jpg',
      'misc-images/c.png',
      'misc-images/modes/RGBA.png',
      'misc-images/modes/L.png',
      'reg-test-input/dih/bridge-2-rotate-90.jpg',
      'reg-test-input/pen-and-coaster.png',
    ];
    const { page, context } = await openPortal(browser, 'en', { width: 1024 });
    await page.goto(`${aman.url}/protect`);
    await waitForApp(page);
    await chooseFiles(page, files);
    await page.locator('main .actions .button').first().click();
    const signals = await reviewedSignals(page);
    // Each file's first PDQ is its stored pixel grid, the one the reference hashes.
    const hashes = signals.map((signal) => signal.value as string);
    for (const file of files) {
      const row = reference.get(file);
      expect(row, file).toBeDefined();
      if (row === undefined || row.quality < 80) continue;
      const nearest = Math.min(...hashes.map((hash) => hamming(hash, row.pdq)));
      expect(nearest, file).toBeLessThanOrEqual(10);
    }
    await context.close();
  });
});
