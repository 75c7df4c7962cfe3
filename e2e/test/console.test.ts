/**
 * The staff console in Chromium against a real `aman serve --demo` (synthetic data set, demo
 * accounts printed at start): every page for the roles that may open it, the refusals for the
 * others (in the page and from the API), the helpline opening a case encrypted for it, exports,
 * the platform's keys, the admin's setup links, match debug, in French, Arabic and English.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AmanClient } from '@aman/api';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  openPortal,
  screenshot,
  seriousA11yViolations,
  type Locale,
} from './support/browser.ts';
import { hamming, referenceHashes, TESTDATA } from './support/media.ts';
import { startAman, type Aman } from './support/server.ts';
import { fromBase32, totp } from '../../server/src/services/totp.ts';

let aman: Aman;
let browser: Browser;
const accounts = new Map<string, string>();

beforeAll(async () => {
  [aman, browser] = await Promise.all([startAman({ args: ['--demo'] }), launchChromium()]);
  for (const match of aman.banner.matchAll(
    /^\s+(admin|helpline|investigator|platform)\s+(\S+)\s+(\S+)$/gm,
  )) {
    accounts.set(match[1]!, `${match[2]} ${match[3]}`);
  }
});
afterAll(async () => {
  await browser?.close();
  await aman?.stop();
});

function credentials(role: string): { name: string; password: string } {
  const [name, password] = accounts.get(role)!.split(' ');
  return { name: name!, password: password! };
}

async function signIn(role: string, locale: Locale = 'en', path = '/console'): Promise<Page> {
  const portal = await openPortal(browser, locale, { width: 1280 });
  const { page } = portal;
  await page.goto(`${aman.url}${path}`);
  const { name, password } = credentials(role);
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.locator('.console-who').waitFor();
  expect(portal.errors).toEqual([]);
  return page;
}

/** An API call from the page, with its session cookie (and CSRF token when given). */
function apiStatus(page: Page, path: string): Promise<number> {
  return page.evaluate(async (url) => (await fetch(url)).status, path);
}

/** Whether sigma has drawn anything (a hovered node's label) on its hover layer. */
function hoverLayerDrawn(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    // The hover layer is drawn on the next animation frame.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const layer = document.querySelector<HTMLCanvasElement>(
      '[data-testid="graph"] canvas.sigma-hovers',
    )!;
    const pixels = layer.getContext('2d')!.getImageData(0, 0, layer.width, layer.height).data;
    return pixels.some((value, index) => index % 4 === 3 && value > 0);
  });
}

/**
 * Moves the mouse over a grid of points of the graph until sigma draws a hovered node's label on
 * its hover layer (a 2D canvas, readable at any time); answers whether it ever did.
 */
async function hoverShowsLabel(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
): Promise<boolean> {
  for (let row = 1; row < 12; row++) {
    for (let column = 1; column < 12; column++) {
      await page.mouse.move(box.x + (box.width * column) / 12, box.y + (box.height * row) / 12);
      if (await hoverLayerDrawn(page)) return true;
    }
  }
  return false;
}

/**
 * Clicks, one after another, the nodes found on a grid of points of the graph (a point is over a
 * node when sigma draws its label on the hover layer) until the details panel shows a node of
 * `type`; Escape clears each other selection. Answers whether one was found.
 */
async function clickNodeOfType(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
  type: string,
): Promise<boolean> {
  const details = page.locator('[data-testid="graph-node"]');
  for (let row = 1; row < 16; row++) {
    for (let column = 1; column < 16; column++) {
      const x = box.x + (box.width * column) / 16;
      const y = box.y + (box.height * row) / 16;
      await page.mouse.move(x, y);
      if (!(await hoverLayerDrawn(page))) continue;
      await page.mouse.click(x, y);
      await details.waitFor();
      if ((await details.locator('dd').first().textContent()) === type) return true;
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
    }
  }
  return false;
}

describe('the console', () => {
  it('prints the demo accounts, and asks for a sign-in first', async () => {
    expect([...accounts.keys()].sort()).toEqual(['admin', 'helpline', 'investigator', 'platform']);
    const { page, errors } = await openPortal(browser, 'en', { width: 1280 });
    await page.goto(`${aman.url}/console/networks`);
    await page.locator('input[name="password"]').waitFor();
    await page.locator('input[name="name"]').fill('demo-admin');
    await page.locator('input[name="password"]').fill('not the password at all');
    await page.locator('form button[type="submit"]').click();
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('wrong');
    expect(errors.filter((error) => !error.includes('401'))).toEqual([]);
    await page.context().close();
  });

  it.each(['fr', 'ar', 'en'] as const)(
    'shows an investigator the networks of the synthetic rings (%s)',
    async (locale) => {
      const page = await signIn('investigator', locale, '/console/networks');
      await page.locator('[data-testid="networks"] tbody tr').first().waitFor();
      expect(
        await page.locator('[data-testid="networks"] tbody tr').count(),
      ).toBeGreaterThanOrEqual(4);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(
        locale === 'ar' ? 'rtl' : 'ltr',
      );
      await expect.poll(() => page.locator('.callout-warm').textContent()).toMatch(/synth|مصطنعة/i);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `console-networks-${locale}`);
      await page.context().close();
    },
  );

  it('opens a network: summary, graph, trends, MISP and STIX downloads', async () => {
    const page = await signIn('investigator', 'en', '/console/networks');
    await page.locator('[data-testid="networks"] tbody tr a').first().click();
    await page.locator('[data-testid="victims"]').waitFor();
    expect(
      Number(await page.locator('[data-testid="victims"]').textContent()),
    ).toBeGreaterThanOrEqual(10);
    await page.locator('[data-testid="graph"] canvas').first().waitFor();
    await page.locator('.trend-chart svg rect').first().waitFor();
    for (const [button, format] of [
      ['Download MISP event', 'misp'],
      ['Download STIX 2.1 bundle', 'stix'],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}\\.json$`));
      const document = JSON.parse(readFileSync(await file.path(), 'utf8')) as Record<
        string,
        unknown
      >;
      if (format === 'misp') expect(JSON.stringify(document)).toContain('sextortion');
      else expect(document['type']).toBe('bundle');
    }
    await screenshot(page, 'console-network');
    await page.context().close();
  });

  it('shows what a node of the graph is, on a click or from the keyboard', async () => {
    const page = await signIn('investigator', 'en', '/console/networks');
    await page.locator('[data-testid="networks"] tbody tr a').first().click();
    await page.locator('[data-testid="graph"] canvas').first().waitFor();
    const identifiers = await page
      .locator('[data-testid="identifiers"] tr td:nth-child(2)')
      .allTextContents();
    // The mouse reaches what the viewport shows: the graph is below the network's summary.
    await page.locator('[data-testid="graph"]').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-testid="graph"]').boundingBox())!;
    expect(await clickNodeOfType(page, box, 'Identifier')).toBe(true);
    const details = page.locator('[data-testid="graph-node"]');
    const facts = Object.fromEntries(
      (await details.locator('dt').allTextContents()).map((term, i) => [term, i]),
    );
    const values = await details.locator('dd').allTextContents();
    const fact = (term: string): string => values[facts[term]!]!;
    // The identifier as the network's table writes it, with what the console knows of it.
    expect(identifiers).toContain(fact('Value'));
    expect(fact('Kind')).toMatch(/^[a-z]+$/);
    expect(Number(fact('Victims'))).toBeGreaterThanOrEqual(1);
    expect(Number(fact('Reports'))).toBeGreaterThanOrEqual(Number(fact('Victims')));
    expect(fact('First seen')).toMatch(/\d/);
    expect(fact('Last seen')).toMatch(/\d/);
    expect(fact('Safelisted')).not.toBe('');
    // The selected node is drawn on the hover layer, whatever the pointer does.
    await page.mouse.move(box.x + 2, box.y + 2);
    expect(await hoverShowsLabel(page, { ...box, width: 1, height: 1 })).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-graph-node');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    // Without a mouse: the list of the graph's identifiers selects the same details.
    await page.locator('[data-testid="graph-identifiers"] summary').click();
    const first = page.locator('[data-testid="graph-identifiers"] button').first();
    await first.focus();
    await page.keyboard.press('Enter');
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    expect(identifiers).toContain(await details.locator('dd').nth(2).textContent());
    await page.getByRole('button', { name: 'Close' }).click();
    await details.waitFor({ state: 'detached' });
    // A click on the empty stage (a corner of the graph) clears a selection too.
    await first.click();
    await details.waitFor();
    await page.locator('[data-testid="graph"]').scrollIntoViewIfNeeded();
    const stage = (await page.locator('[data-testid="graph"]').boundingBox())!;
    await page.mouse.click(stage.x + 3, stage.y + 3);
    await details.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it.each(['en', 'ar'] as const)(
    "selects an identifier of the network's table in the graph, on a click or from the keyboard (%s)",
    async (locale) => {
      const page = await signIn('investigator', locale, '/console/networks');
      await page.locator('[data-testid="networks"] tbody tr a').first().click();
      await page.locator('[data-testid="graph"] canvas').first().waitFor();
      const rows = page.locator('[data-testid="identifiers"] tbody tr[data-node]');
      expect(await rows.count()).toBeGreaterThanOrEqual(3);
      const details = page.locator('[data-testid="graph-node"]');
      const marked = page.locator('[data-testid="identifiers"] [aria-current="true"]');
      /** The row's identifier is the one selected: in the details panel, marked in the table. */
      const expectSelected = async (row: Locator) => {
        const node = (await row.getAttribute('data-node'))!;
        await expect.poll(() => details.getAttribute('data-node')).toBe(node);
        // The identifier as the table writes it (third fact: type, kind, value).
        expect(await details.locator('dd').nth(2).textContent()).toBe(
          await row.locator('button').textContent(),
        );
        expect(await row.locator('button').getAttribute('aria-current')).toBe('true');
        expect(await marked.count()).toBe(1);
      };

      // A click anywhere on a row (here its first cell, the kind) selects its node. The last row,
      // the identifier fewest victims reported, is drawn away from the middle of the graph.
      const clickedRow = rows.last();
      await clickedRow.locator('td').first().click();
      await expectSelected(clickedRow);
      // Marked by more than a colour: a bar at the row's start (the right in Arabic).
      const bar = await clickedRow
        .locator('td')
        .first()
        .evaluate((cell) => {
          const style = getComputedStyle(cell);
          return { left: style.borderLeftColor, right: style.borderRightColor };
        });
      const unmarkedBar = await rows
        .nth(0)
        .locator('td')
        .first()
        .evaluate((cell) => getComputedStyle(cell).borderInlineStartColor);
      expect(locale === 'ar' ? bar.right : bar.left).not.toBe(unmarkedBar);
      // The camera brings the node to the centre of the graph, where it is drawn highlighted.
      await page.locator('[data-testid="graph"]').scrollIntoViewIfNeeded();
      await expect
        .poll(() =>
          page.evaluate(() => {
            const layer = document.querySelector<HTMLCanvasElement>(
              '[data-testid="graph"] canvas.sigma-hovers',
            )!;
            const middle = layer
              .getContext('2d')!
              .getImageData(layer.width / 2 - 2, layer.height / 2 - 2, 4, 4).data;
            return middle.some((value, index) => index % 4 === 3 && value > 0);
          }),
        )
        .toBe(true);
      // The graph's own list of identifiers shows the same selection.
      await page.locator('[data-testid="graph-identifiers"] summary').click();
      expect(
        await page
          .locator('[data-testid="graph-identifiers"] button[aria-pressed="true"]')
          .textContent(),
      ).toBe(await clickedRow.locator('button').textContent());
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `console-network-identifier-${locale}`);
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
      expect(await marked.count()).toBe(0);

      // From the keyboard: Tab from the last control before the table reaches the first row's
      // identifier, Enter selects it; the next Tab and Enter move the selection to the next row.
      const exportStix = page.locator('.actions button').last();
      await exportStix.focus();
      for (const index of [0, 1]) {
        await page.keyboard.press('Tab');
        const button = rows.nth(index).locator('button');
        expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
        expect(await button.getAttribute('aria-describedby')).toBeTruthy();
        await page.keyboard.press('Enter');
        await expectSelected(rows.nth(index));
      }
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
      await page.context().close();
    },
  );

  it("opens another network without the first one's selection", async () => {
    const page = await signIn('investigator', 'en', '/console/networks');
    const links = page.locator('[data-testid="networks"] tbody tr a');
    await links.first().waitFor();
    expect(await links.count()).toBeGreaterThanOrEqual(2);
    const [first, second] = [
      (await links.nth(0).getAttribute('href'))!,
      (await links.nth(1).getAttribute('href'))!,
    ];
    await links.nth(0).click();
    await page.locator('[data-testid="graph"] canvas').first().waitFor();
    await page.locator('[data-testid="identifiers"] tbody tr[data-node] td').first().click();
    const details = page.locator('[data-testid="graph-node"]');
    await details.waitFor();
    // Straight to the second network, as Back and Forward or a link between networks would go.
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, second);
    await expect.poll(() => page.locator('h1').textContent()).toBe(second.split('/').at(-1));
    await page.locator('[data-testid="graph"] canvas').first().waitFor();
    expect(await details.count()).toBe(0);
    expect(await page.locator('[data-testid="identifiers"] [aria-current="true"]').count()).toBe(0);
    await page.goBack();
    await expect.poll(() => page.locator('h1').textContent()).toBe(first.split('/').at(-1));
    expect(await details.count()).toBe(0);
    await page.context().close();
  });

  it('shows a node of the whole graph in Arabic, beside the graph on its left, with its network', async () => {
    const page = await signIn('investigator', 'ar', '/console/graph');
    await page.locator('[data-testid="graph"] canvas').first().waitFor();
    await page.locator('[data-testid="graph-identifiers"] summary').click();
    await page.locator('[data-testid="graph-identifiers"] button').first().click();
    const details = page.locator('[data-testid="graph-node"]');
    expect(await details.locator('dd').first().textContent()).toBe('معرّف');
    const panel = (await page.locator('[data-testid="graph-details"]').boundingBox())!;
    const graph = (await page.locator('[data-testid="graph"]').boundingBox())!;
    expect(panel.x + panel.width).toBeLessThanOrEqual(graph.x);
    // sigma draws a label and its box assuming left-to-right text: its canvases must not take the
    // Arabic page's direction (the label was drawn on one side of the node, its box on the other).
    const canvasDirection = await page
      .locator('[data-testid="graph"] canvas')
      .first()
      .evaluate((canvas) => getComputedStyle(canvas).direction);
    expect(canvasDirection).toBe('ltr');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'فتح شبكته' }).click();
    await page.locator('[data-testid="victims"]').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/networks\/net-/);
    await page.context().close();
  });

  it('draws the whole graph, the trends, the hubs and the safelist', async () => {
    const page = await signIn('investigator', 'en', '/console/graph');
    await page.locator('[data-testid="graph"] canvas').first().waitFor();
    expect(await page.locator('[data-testid="graph-size"]').textContent()).toMatch(/\d+ nodes/);
    // After a drag, hovering a node still shows its label: the node under the pointer is found in
    // the picking buffer, which the graph leaves out while the camera moves and draws when it stops.
    const box = (await page.locator('[data-testid="graph"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20, { steps: 8 });
    await page.mouse.up();
    expect(await hoverShowsLabel(page, box)).toBe(true);
    await page.getByRole('link', { name: 'Trends' }).click();
    await expect.poll(() => page.locator('.trend-chart').count()).toBe(3);
    await page.getByRole('link', { name: 'Hubs' }).click();
    await page.locator('[data-testid="hubs"]').waitFor({ state: 'attached' });
    await page.getByRole('link', { name: 'Safelist' }).click();
    await page.locator('[data-testid="safelist"] tr').first().waitFor();
    await page.locator('input[name="value"]').fill('+212 5 22 00 11 22');
    await page.locator('input[name="label"]').fill('A local helpline quoted by victims');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-testid="safelist"] tr[data-custom="true"]').waitFor();
    await page.getByRole('button', { name: 'Remove' }).click();
    await page
      .locator('[data-testid="safelist"] tr[data-custom="true"]')
      .waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('refuses each role the pages and routes of the others', async () => {
    const refusals: [string, string, string][] = [
      ['helpline', '/console/networks', '/api/v1/networks'],
      ['platform', '/console/cases', '/api/v1/console/cases'],
      ['investigator', '/console/staff', '/api/v1/staff'],
      ['admin', '/console/cases', '/api/v1/console/cases'],
    ];
    for (const [role, pagePath, apiPath] of refusals) {
      const page = await signIn(role, 'fr');
      await page.goto(`${aman.url}${pagePath}`);
      await page.locator('[data-testid="forbidden"]').waitFor();
      expect(await apiStatus(page, apiPath)).toBe(403);
      await page.context().close();
    }
    const { page } = await openPortal(browser, 'en');
    await page.goto(`${aman.url}/`);
    expect(await apiStatus(page, '/api/v1/networks')).toBe(401);
    await page.context().close();
  });

  it('lets the helpline open a shared case with its password, note and assign it (ar)', async () => {
    const page = await signIn('helpline', 'ar', '/console/cases');
    await page.locator('[data-testid="cases"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="cases"] tbody tr').count()).toBe(6);
    await page.locator('[data-testid="cases"] tbody tr a').first().click();
    await page.locator('[data-testid="report"]').first().waitFor();
    // The key was unlocked at sign-in: the encrypted part opens at once.
    await page.locator('[data-testid="shared-content"]').waitFor();
    expect(await page.locator('[data-testid="shared-content"]').textContent()).toContain(
      'SYNTHETIC',
    );
    await page.locator('textarea[name="note"]').fill('ملاحظة تجريبية: الاتصال غدًا');
    await page.locator('textarea[name="note"]').press('Tab');
    await page.locator('form:has(textarea[name="note"]) button[type="submit"]').click();
    await expect
      .poll(() => page.locator('[data-testid="notes"]').textContent())
      .toContain('ملاحظة تجريبية');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-case-ar');
    // After a reload the key is gone from memory: the page asks for the password again.
    await page.reload();
    await page.locator('input[name="unlock"]').fill(credentials('helpline').password);
    await page.locator('form:has(input[name="unlock"]) button').click();
    await page.locator('[data-testid="shared-content"]').waitFor();
    await page.context().close();
  });

  it('lets a platform create, rotate and revoke API keys, and see its statistics', async () => {
    const page = await signIn('platform', 'en', '/console/platform');
    await page.locator('[data-testid="stats"]').waitFor();
    await page.locator('input[name="label"]').fill('staging');
    await page.getByRole('button', { name: 'Create a key' }).click();
    const key = (await page.locator('[data-testid="new-key"]').textContent())!;
    expect(key).toMatch(/^aman_/);
    const banks = await fetch(`${aman.url}/api/v1/banks`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(banks.status).toBe(200);
    const row = page.locator('[data-testid="keys"] tr', { hasText: 'staging' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page
      .locator('[data-testid="keys"] tr[data-revoked="true"]', { hasText: 'staging' })
      .waitFor();
    const refused = await fetch(`${aman.url}/api/v1/banks`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(refused.status).toBe(401);
    await page.context().close();
  });

  it('lets an admin create an account whose setup link makes a key pair in the new member’s browser', async () => {
    const page = await signIn('admin', 'en', '/console/staff');
    await page.locator('input[name="name"]').fill('new-helper');
    await page.locator('select[name="role"]').selectOption('helpline');
    await page.locator('input[name="where"]').fill('Aman demo helpline');
    await page.getByRole('button', { name: 'Create the account' }).click();
    const link = (await page.locator('[data-testid="setup-link"]').textContent())!;
    expect(link).toMatch(/\/console\/setup#[A-Za-z0-9_-]{43}$/);
    const fresh = await openPortal(browser, 'fr', { width: 1280 });
    await fresh.page.goto(link);
    await fresh.page.locator('input[name="password"]').fill('une phrase de passe assez longue');
    await fresh.page.locator('input[name="confirm"]').fill('une phrase de passe assez longue');
    await fresh.page.locator('form button[type="submit"]').click();
    await fresh.page.locator('[data-testid="home-role"]').waitFor({ timeout: 60_000 });
    expect(fresh.errors).toEqual([]);
    const directory = (await (await fetch(`${aman.url}/api/v1/helplines`)).json()) as {
      helplines: { name: string; recipients: unknown[] }[];
    };
    const demo = directory.helplines.find((entry) => entry.name === 'Aman demo helpline')!;
    expect(demo.recipients).toHaveLength(2);
    await fresh.context.close();
    await page.context().close();
  });

  it('compares two pictures hashed in the browser (match debug), as Node hashes them', async () => {
    const page = await signIn('platform', 'en', '/console/match-debug');
    const reference = referenceHashes();
    const files = ['bridge-mods/aaa-orig.jpg', 'bridge-mods/blur-a-lot.jpg'] as const;
    await page.locator('[data-testid="file-0"]').setInputFiles(join(TESTDATA, files[0]));
    await page.locator('[data-testid="file-1"]').setInputFiles(join(TESTDATA, files[1]));
    await page.locator('[data-testid="distance"]').waitFor();
    const shown = Number(
      await page.locator('[data-testid="distance"]').getAttribute('data-distance'),
    );
    const expected = hamming(reference.get(files[0])!.pdq, reference.get(files[1])!.pdq);
    expect(Math.abs(shown - expected)).toBeLessThanOrEqual(10);
    await page.locator('[data-testid="hash-0"]').fill('0'.repeat(64));
    await page.locator('[data-testid="hash-1"]').fill('f'.repeat(64));
    await expect
      .poll(() => page.locator('[data-testid="distance"]').getAttribute('data-distance'))
      .toBe('256');
    await page.context().close();
  });

  it('lets a victim add a message and share the case; the helpline reads it; the victim takes it back', async () => {
    // Written for this test: a made-up blackmail message.
    const message =
      'Je vais envoyer ta vidéo à toute ta famille. Paie 400 euros par Western Union, contacte-moi au +212 6 70 11 22 33 sur WhatsApp.';
    const words = 'Il me menace depuis lundi, je ne sais plus quoi faire.';
    const opened = await new AmanClient({ baseUrl: aman.url }).createCase({
      signals: [{ type: 'md5', value: createHash('md5').update('e2e share').digest('hex') }],
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const { caseNumber, pin } = opened.value;

    const victim = await openPortal(browser, 'fr');
    await victim.page.goto(`${aman.url}/help`);
    await victim.page.locator('textarea').fill(message);
    await victim.page.locator('form button[type="submit"]').click();
    const add = victim.page.locator('[data-testid="add-to-case"]');
    await add.locator('input[name="caseNumber"]').fill(caseNumber);
    await add.locator('input[name="pin"]').fill(pin);
    await add.locator('button[type="submit"]').click();
    await add.locator('[role="status"]').waitFor();

    await victim.page.goto(`${aman.url}/case`);
    await victim.page.locator('input.code-input').nth(0).fill(caseNumber);
    await victim.page.locator('input.code-input').nth(1).fill(pin);
    await victim.page.locator('form button[type="submit"]').click();
    const share = victim.page.locator('[data-testid="share-section"]');
    await share.locator('select[name="helpline"]').waitFor();
    await share.locator('textarea[name="share-note"]').fill(words);
    await share.locator('form button[type="submit"]').click();
    await share.locator('li[data-revoked="false"]').waitFor();
    // What the victim wrote left the page only encrypted.
    for (const request of victim.requests) {
      expect(request.body?.toString('utf8') ?? '').not.toContain('ne sais plus');
    }
    expect(victim.errors).toEqual([]);

    const helpline = await signIn('helpline', 'fr', '/console/cases');
    const row = helpline.locator('[data-testid="cases"] tr', { hasText: caseNumber });
    await row.locator('a').click();
    await helpline.locator('[data-testid="shared-content"]').waitFor();
    expect(await helpline.locator('[data-testid="shared-content"]').textContent()).toContain(words);
    expect(await helpline.locator('[data-testid="report"]').first().textContent()).toContain(
      'Western Union',
    );

    await share.getByRole('button', { name: 'Reprendre' }).click();
    await share.locator('li[data-revoked="true"]').waitFor();
    await helpline.goto(`${aman.url}/console/cases`);
    await helpline.locator('[data-testid="cases"]').waitFor();
    expect(await helpline.locator('[data-testid="cases"]').textContent()).not.toContain(caseNumber);
    await helpline.context().close();
    await victim.context.close();
  });

  it('lets an admin see every platform and change a bank threshold', async () => {
    const page = await signIn('admin', 'en', '/console/platform');
    await page.locator('[data-testid="platforms"] tr', { hasText: 'Demo platform' }).waitFor();
    const lure = page.getByLabel('lure pdq');
    await lure.fill('24');
    await lure.blur();
    await expect
      .poll(async () => {
        const banks = (await page.evaluate(async (): Promise<unknown> => {
          const response = await fetch('/api/v1/console/banks');
          return (await response.json()) as unknown;
        })) as { banks: { name: string; thresholds: { pdq: number } }[] };
        return banks.banks.find((bank) => bank.name === 'lure')?.thresholds.pdq;
      })
      .toBe(24);
    await page.context().close();
  });

  it('turns one-time codes on from the account page; sign-in then asks for the code', async () => {
    const page = await signIn('platform', 'en', '/console/account');
    await page.getByRole('button', { name: 'Turn one-time codes on' }).click();
    const secret = (await page.locator('[data-testid="totp-secret"]').textContent())!;
    const code = totp(fromBase32(secret)!, new Date());
    await page.locator('form:has([data-testid="totp-secret"]) input').fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => page.locator('[data-testid="totp-state"]').textContent())
      .toBe('One-time codes are on.');
    await page.context().close();

    const { page: again, errors } = await openPortal(browser, 'en', { width: 1280 });
    await again.goto(`${aman.url}/console`);
    const { name, password } = credentials('platform');
    await again.locator('input[name="name"]').fill(name);
    await again.locator('input[name="password"]').fill(password);
    await again.locator('form button[type="submit"]').click();
    await again.locator('input[name="totp"]').waitFor();
    // The code used to turn codes on is spent: wait for the next one.
    await again.waitForTimeout(Math.max(0, 30_000 - (Date.now() % 30_000)) + 200);
    await again.locator('input[name="totp"]').fill(totp(fromBase32(secret)!, new Date()));
    await again.locator('form button[type="submit"]').click();
    await again.locator('.console-who').waitFor();
    expect(errors.filter((error) => !error.includes('401'))).toEqual([]);
    await again.context().close();
  });
});
