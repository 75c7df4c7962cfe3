/**
 * Debian's Chromium driven by playwright-core, with the helpers every e2e test uses: a page in a
 * given language, a record of every request it makes, axe-core, screenshots under test-results/.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
} from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = (require('axe-core') as { source: string }).source;
const resultsDir = new URL('../../test-results/', import.meta.url).pathname;

export const LOCALES = ['fr', 'ar', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** What a browser in each language sends as navigator.languages. */
export const BROWSER_LOCALE: Record<Locale, string> = { fr: 'fr-FR', ar: 'ar-MA', en: 'en-GB' };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly body: Buffer | null;
}

export interface PortalPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every request the page made (all origins, workers included). */
  readonly requests: RecordedRequest[];
  /** Messages of uncaught errors and console errors in the page. */
  readonly errors: string[];
}

/** A fresh profile at phone width (360 px) in the given language. */
export async function openPortal(
  browser: Browser,
  locale: Locale,
  options: { width?: number } = {},
): Promise<PortalPage> {
  const context = await browser.newContext({
    locale: BROWSER_LOCALE[locale],
    viewport: { width: options.width ?? 360, height: 780 },
    acceptDownloads: true,
  });
  const requests: RecordedRequest[] = [];
  const errors: string[] = [];
  context.on('request', (request: Request) => {
    requests.push({ url: request.url(), method: request.method(), body: request.postDataBuffer() });
  });
  // Quick exit and outside links must never reach the network in a test: answer them here.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>neutral</title>' }),
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, context, requests, errors };
}

/** Waits until the app (not only the prerendered first screen) is running. */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForSelector('html[data-app="ready"]', { timeout: 30_000 });
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
}

/** axe-core (WCAG 2.1 A and AA rules) on the current page; serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's own CSP does not apply, and stays in force.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.length,
    }));
  });
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/** Saves a full-page screenshot as test-results/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true });
}
