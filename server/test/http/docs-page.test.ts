/**
 * The API documentation page in a real browser (Debian's Chromium): it renders every route from
 * /api/openapi.json under its strict Content-Security-Policy, with no error and no request to any
 * other origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { routes } from '@aman/api';
import { startTestServer, type TestServer } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

describe('GET /api/docs in Chromium', () => {
  let location: TestStoreLocation;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    location = await storeKinds[0]!.createLocation();
    server = await startTestServer(location.location);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await location?.dispose();
  });

  it('lists every operation and schema, with no error and no third-party request', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const origins = new Set<string>();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => origins.add(new URL(request.url()).origin));

    await page.goto(`${server.url}/api/docs`);
    await page.locator('#schemas h2').waitFor();

    const operations = await page.locator('section.op h2').allTextContents();
    const expected = Object.values(routes).map(
      (route) => `${route.method}${route.path.replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(operations.sort()).toEqual(expected.sort());
    expect(await page.locator('#schemas h3').count()).toBeGreaterThan(30);
    const match = page.locator('#op-match');
    expect(await match.textContent()).toContain('Authorization: Bearer <apiKey>, scope match');
    expect(await match.textContent()).toContain('too_many_signals');
    await page.locator('#op-match a[href="#schema-MatchRequest"]').click();
    expect(page.url()).toMatch(/#schema-MatchRequest$/);
    expect(problems).toEqual([]);
    expect([...origins]).toEqual([server.url]);
    await page.close();
  });
});
