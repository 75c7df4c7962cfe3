/**
 * The web's security headers in Chromium, against a real `aman serve --demo`: every portal page,
 * every console page (signed in as each role) and the API docs carry a CSP without any
 * third-party origin plus frame-ancestors 'none', raise no CSP violation, make no request to
 * another origin, and cannot be framed by another site.
 */
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPortal, type PortalPage } from './support/browser.ts';
import { startAman, type Aman } from './support/server.ts';

let aman: Aman;
let browser: Browser;

beforeAll(async () => {
  [aman, browser] = await Promise.all([startAman({ args: ['--demo'] }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await aman?.stop();
});

const PORTAL = [
  '/',
  '/help',
  '/protect',
  '/case',
  '/locker',
  '/young',
  '/crisis',
  '/privacy',
  '/no-such-page',
];
const CONSOLE = [
  '/console',
  '/console/cases',
  '/console/networks',
  '/console/graph',
  '/console/trends',
  '/console/hubs',
  '/console/safelist',
  '/console/platform',
  '/console/match-debug',
  '/console/staff',
  '/console/account',
];

/** The demo accounts `aman serve --demo` printed: role, name, password. */
function demoStaff(): { role: string; name: string; password: string }[] {
  return [
    ...aman.banner.matchAll(/^ {4}(admin|helpline|investigator|platform)\s+(\S+)\s+(\S+)$/gm),
  ].map(([, role, name, password]) => ({ role: role!, name: name!, password: password! }));
}

/** Records CSP violations from the first script on, in every page of the context. */
async function watchViolations(portal: PortalPage): Promise<void> {
  await portal.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

async function visit(page: Page, path: string): Promise<{ csp: string; violations: string[] }> {
  const response = await page.goto(`${aman.url}${path}`);
  expect(response?.status(), path).toBeLessThan(500);
  await page.waitForLoadState('networkidle');
  const headers = response!.headers();
  expect(headers['x-frame-options'], path).toBe('DENY');
  expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
  expect(headers['permissions-policy'], path).toContain('camera=()');
  expect(headers['referrer-policy'], path).toBe('no-referrer');
  const violations = await page.evaluate(
    () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
  );
  return { csp: headers['content-security-policy'] ?? '', violations };
}

function expectStrictPolicy(csp: string, path: string): void {
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(/object-src 'none'|default-src 'none'/.test(csp), `${path}: plugins`).toBe(true);
  // Sources are keywords, hashes, blob: and data: only: no host, no scheme of another origin.
  for (const directive of csp.split(';')) {
    for (const source of directive.trim().split(/\s+/).slice(1)) {
      expect(source, `${path}: ${directive.trim()}`).toMatch(/^('[^']+'|blob:|data:)$/);
    }
  }
  expect(csp, path).not.toContain("'unsafe-inline'");
  expect(csp, path).not.toContain("'unsafe-eval'");
}

function expectOwnOriginOnly(portal: PortalPage): void {
  const own = new URL(aman.url).origin;
  const others = portal.requests
    .map((request) => request.url)
    .filter((url) => !url.startsWith(own) && !url.startsWith('blob:') && !url.startsWith('data:'));
  expect(others).toEqual([]);
}

describe('security headers in Chromium', () => {
  it('every portal page: a strict CSP, no violation, no other origin', async () => {
    const portal = await openPortal(browser, 'en');
    await watchViolations(portal);
    for (const path of PORTAL) {
      const { csp, violations } = await visit(portal.page, path);
      expectStrictPolicy(csp, path);
      expect(violations, path).toEqual([]);
    }
    expectOwnOriginOnly(portal);
    expect(portal.errors).toEqual([]);
    await portal.context.close();
  });

  it('the API docs page: its own strict CSP, no violation', async () => {
    const portal = await openPortal(browser, 'en');
    await watchViolations(portal);
    const { csp, violations } = await visit(portal.page, '/api/docs');
    expectStrictPolicy(csp, '/api/docs');
    expect(violations).toEqual([]);
    expectOwnOriginOnly(portal);
    await portal.context.close();
  });

  it('every console page, signed in as each role: a strict CSP, no violation, no other origin', async () => {
    const staff = demoStaff();
    expect(staff.map((member) => member.role).sort()).toEqual(
      expect.arrayContaining(['admin', 'helpline', 'investigator', 'platform']),
    );
    for (const member of staff) {
      const portal = await openPortal(browser, 'en', { width: 1280 });
      await watchViolations(portal);
      const login = await portal.context.request.post(`${aman.url}/api/v1/staff/login`, {
        data: { name: member.name, password: member.password },
      });
      expect(login.status(), member.name).toBe(200);
      for (const path of CONSOLE) {
        const { csp, violations } = await visit(portal.page, path);
        expectStrictPolicy(csp, path);
        expect(violations, `${member.role} ${path}`).toEqual([]);
      }
      expectOwnOriginOnly(portal);
      await portal.context.close();
    }
  });

  it('cannot be framed by another site', async () => {
    const framer: Server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><title>other site</title><iframe src="${aman.url}/"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
    const address = framer.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const portal = await openPortal(browser, 'en');
    try {
      const refused: string[] = [];
      portal.page.on('console', (message) => {
        if (/frame-ancestors|Refused to (display|frame)/i.test(message.text()))
          refused.push(message.text());
      });
      await portal.page.goto(`http://127.0.0.1:${port}/`);
      await portal.page.waitForLoadState('networkidle');
      await expect.poll(() => refused.length).toBeGreaterThan(0);
      const frame = portal.page.frames().find((candidate) => candidate !== portal.page.mainFrame());
      const framed = await frame
        ?.evaluate(() => document.documentElement.dataset['app'])
        .catch(() => undefined);
      expect(framed).toBeUndefined();
    } finally {
      await portal.context.close();
      await new Promise((resolve) => framer.close(resolve));
    }
  });
});
