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

beforeAll(async () => {
  [aman, browser] = await Promise.all([startAman(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await aman?.stop();
});

// Written for these tests, modelled on the public reporting in docs DOMAIN.md.
const BLACKMAIL = {
  fr: "Salut, j'ai enregistré toute notre conversation vidéo sur Skype. Si tu ne m'envoies pas 500 euros par Western Union avant ce soir, j'envoie la vidéo à tous tes amis Facebook et à ta famille. Envoie le MTCN sur WhatsApp au +212 6 12 34 56 78. Ne préviens pas la police.",
  ar: 'لقد سجلت مكالمة الفيديو كاملة. إذا لم ترسل 3000 درهم عبر وفاكاش قبل الغد سأرسل الفيديو لكل أصدقائك وعائلتك على فيسبوك. تواصل معي على واتساب +212612345678',
  en: 'I have recorded our video call. Pay 500 USD in Bitcoin to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq or I will send the video to all your Facebook friends and your employer. You have 24 hours.',
} as const;
const EXPECTED_INDICATOR = { fr: 'phone', ar: 'phone', en: 'bitcoin' } as const;
/** The country's own services come first (fr-FR: France, ar-MA: Morocco, en-GB: elsewhere). */
const EXPECTED_SERVICE = { fr: 'pharos', ar: 'eblagh', en: 'stopncii' } as const;

describe.each(LOCALES)('"Someone is blackmailing me" in %s', (locale) => {
  it('analyses the messages on the device and gives the verdict, identifiers, plan and routes', async () => {
    const { page, context, requests, errors } = await openPortal(browser, locale);
    await page.goto(`${aman.url}/help`);
    await waitForApp(page);
    await page.locator('textarea').fill(BLACKMAIL[locale]);
    await screenshot(page, `${locale}-triage-form`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('form button[type="submit"]').click();

    const verdict = page.locator('[data-verdict]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('webcam-blackmail');
    expect(await page.locator('[data-video-likely="true"]').count()).toBe(1);
    await page.locator(`[data-indicator="${EXPECTED_INDICATOR[locale]}"]`).waitFor();
    expect(await page.locator('.plan li').count()).toBe(7);
    await page.locator(`.service[data-service="${EXPECTED_SERVICE[locale]}"]`).waitFor();
    for (const source of await page.locator('.service-source').allTextContents()) {
      expect(source.length).toBeGreaterThan(10);
    }
    // The result's heading takes focus, so a screen reader starts there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('triage-result');
    await screenshot(page, `${locale}-triage-result`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Kept for the evidence pack, then visible in the locker.
    await page.locator('section[aria-labelledby="triage-indicators"] .actions button').click();
    await page.locator('.status-ok a[href="/locker"]').click();
    await page.locator('[data-testid="evidence-items"] [data-kind="message"]').waitFor();

    // The text never left the page: no request carried it, nor any part of it.
    const fragment = BLACKMAIL[locale].slice(20, 60);
    for (const request of requests) {
      expect(request.body?.toString('utf8') ?? '').not.toContain(fragment);
      expect(decodeURIComponent(request.url)).not.toContain(fragment);
    }
    expect(requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('triage', () => {
  it('tells a mass e-mail bluff apart: there is probably no video', async () => {
    const { page, context } = await openPortal(browser, 'en');
    await page.goto(`${aman.url}/help`);
    await waitForApp(page);
    await page
      .locator('textarea')
      .fill(
        'I hacked your device and recorded you through your webcam while you watched adult sites. Your password is hunter2. Send 0.1 BTC to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 within 48 hours or the video goes to all your contacts.',
      );
    await page.locator('form button[type="submit"]').click();
    await page.locator('[data-verdict="mass-email-bluff"]').waitFor();
    expect(await page.locator('[data-video-likely="false"]').count()).toBe(1);
    await context.close();
  });

  it('reads an exported WhatsApp chat from a file', async () => {
    const { page, context } = await openPortal(browser, 'fr');
    await page.goto(`${aman.url}/help`);
    await waitForApp(page);
    const chat = [
      '29/11/2026 01:02 - Sofia: coucou, on passe sur Skype en vidéo ?',
      "29/11/2026 01:31 - Sofia: J'ai enregistré la vidéo. Envoie 300 euros par Western Union sinon je la publie sur YouTube et je l'envoie à ta famille.",
    ].join('\n');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'Discussion WhatsApp avec Sofia.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(chat),
    });
    await expect.poll(() => page.locator('textarea').inputValue()).toBe(chat);
    await page.locator('form button[type="submit"]').click();
    await page.locator('[data-verdict="webcam-blackmail"]').waitFor();
    await context.close();
  });
});
