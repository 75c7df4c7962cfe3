import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  LOCALES,
  openPortal,
  screenshot,
  seriousA11yViolations,
  waitForApp,
  type PortalPage,
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

const DIRECTION = { fr: 'ltr', ar: 'rtl', en: 'ltr' } as const;
const HOME_TITLE = {
  fr: 'Vous n’êtes pas seul·e',
  ar: 'لست وحدك',
  en: 'You are not alone',
} as const;

async function pageOverflows(portal: PortalPage): Promise<boolean> {
  return portal.page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

describe.each(LOCALES)('the portal in %s', (locale) => {
  it('opens in the browser’s language and direction, on a 360 px screen, with no serious accessibility issue', async () => {
    const portal = await openPortal(browser, locale);
    const { page } = portal;
    await page.goto(aman.url);
    await waitForApp(page);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expect(await page.getAttribute('html', 'dir')).toBe(DIRECTION[locale]);
    await expect.poll(() => page.locator('h1').textContent()).toContain(HOME_TITLE[locale]);
    expect(await pageOverflows(portal)).toBe(false);
    await screenshot(page, `${locale}-home`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Every screen reachable from here, with the under-18 and crisis paths on each.
    for (const [path, name] of [
      ['/young', 'under-18'],
      ['/crisis', 'crisis'],
      ['/privacy', 'privacy'],
    ] as const) {
      await page.locator(`a[href="${path}"]`).first().click();
      await page.waitForFunction((p) => location.pathname === p, path);
      await page.locator('main h1').waitFor();
      expect(await page.locator('.safety-strip a[href="/young"]').count()).toBe(1);
      expect(await page.locator('.safety-strip a[href="/crisis"]').count()).toBe(1);
      if (path !== '/privacy') {
        // Each service names its source.
        const services = page.locator('.service');
        expect(await services.count()).toBeGreaterThan(0);
        for (const source of await page.locator('.service .service-source').allTextContents()) {
          expect(source.length).toBeGreaterThan(10);
        }
      }
      expect(await pageOverflows(portal)).toBe(false);
      await screenshot(page, `${locale}-${name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
    }
    expect(await page.locator('.service[data-service="takeItDown"]').count()).toBe(0);
    await page.goto(`${aman.url}/young`);
    await waitForApp(page);
    await page.locator('.service[data-service="takeItDown"]').waitFor();

    // Nothing but this server was contacted, and the page logged no error.
    const origins = new Set(portal.requests.map((request) => new URL(request.url).origin));
    expect([...origins]).toEqual([aman.url]);
    expect(portal.errors).toEqual([]);
    await portal.context.close();
  });
});

describe('quick exit', () => {
  it('leaves at once with Esc, replacing the page in the history', async () => {
    const { page, context } = await openPortal(browser, 'fr');
    await page.goto('about:blank');
    await page.goto(`${aman.url}/help`);
    await waitForApp(page);
    await page.keyboard.press('Escape');
    await page.waitForURL(/google\.com\/search/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('météo');
    // Back goes to where the person was before Aman, not to Aman.
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await context.close();
  });

  it('leaves from the button on every screen, before and after the app has loaded', async () => {
    const { page, context } = await openPortal(browser, 'ar');
    for (const path of ['/', '/protect', '/case', '/locker']) {
      await page.goto(`${aman.url}${path}`);
      await waitForApp(page);
      await page.locator('.quick-exit').click();
      await page.waitForURL(/google\.com\/search/);
    }
    // The prerendered first screen works before any of the app's JavaScript has run.
    await context.route(/\/assets\/index-.*\.js$/, (route) => route.abort());
    await page.goto(aman.url);
    await page.locator('.prerendered[data-locale="ar"] .quick-exit').click();
    await page.waitForURL(/google\.com\/search/);
    await context.close();
  });
});

describe('keyboard', () => {
  it('starts with a skip link to the content, then the way out', async () => {
    const { page, context } = await openPortal(browser, 'en');
    await page.goto(aman.url);
    await waitForApp(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    await page.goto(aman.url);
    await waitForApp(page);
    const order: string[] = [];
    for (let index = 0; index < 6; index++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.className ?? ''));
    }
    // Skip link, home link, the three languages, then Quick exit: reachable in six presses.
    expect(order).toEqual(['skip-link', 'brand', 'language', 'language', 'language', 'quick-exit']);
    await context.close();
  });
});

describe('language', () => {
  it('can be switched, is remembered on this device, and moves between screens without adding history', async () => {
    const { page, context } = await openPortal(browser, 'en');
    await page.goto(aman.url);
    await waitForApp(page);
    await page.getByRole('button', { name: 'العربية' }).click();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.reload();
    await waitForApp(page);
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    const stored = await page.evaluate(() => ({ ...localStorage }));
    expect(stored).toEqual({ 'aman.locale': 'ar' });
    const before = await page.evaluate(() => history.length);
    await page.locator('a[href="/help"]').first().click();
    await page.locator('textarea').waitFor();
    expect(await page.evaluate(() => history.length)).toBe(before);
    await context.close();
  });
});
