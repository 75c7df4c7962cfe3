/**
 * Security headers on every kind of answer (API JSON, bytes, errors, the portal's pages and
 * files, the docs page), HSTS only over TLS, and the cross-site check of requests that carry a
 * cookie, over real HTTP.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagePolicyOf, PERMISSIONS_POLICY } from '../../src/http/security-headers.ts';
import { randomPdq } from '../helpers/factories.ts';
import { startTestServer, unwrap, type TestServer } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

const POLICY =
  "default-src 'self'; script-src 'self' 'sha256-abc='; style-src 'self'; object-src 'none'; base-uri 'none'";

describe('security headers', () => {
  let location: TestStoreLocation;
  let server: TestServer;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'aman-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(
      join(webRoot, 'index.html'),
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${POLICY.replace(/'/g, '&#39;')}" /></head><body></body></html>`,
    );
    writeFileSync(join(webRoot, 'assets', 'worker-abc.js'), 'self.onmessage = () => {};');
    location = await storeKinds[0]!.createLocation();
    server = await startTestServer(location.location, { webRoot });
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);

  function expectCommonHeaders(headers: Headers): void {
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(headers.get('permissions-policy')).toBe(PERMISSIONS_POLICY);
    expect(headers.get('permissions-policy')).toContain('camera=()');
    expect(headers.get('permissions-policy')).toContain('microphone=()');
    expect(headers.get('permissions-policy')).toContain('geolocation=()');
    // Plain HTTP: no HSTS (it would be ignored, and lie about the deployment).
    expect(headers.get('strict-transport-security')).toBeNull();
  }

  it("gives the portal's pages and files the policy of its index.html, plus frame-ancestors 'none'", async () => {
    for (const path of ['/', '/locker', '/console/networks', '/assets/worker-abc.js']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expectCommonHeaders(response.headers);
      expect(response.headers.get('content-security-policy')).toBe(
        `${POLICY}; frame-ancestors 'none'`,
      );
    }
  });

  it('gives API answers, errors and bytes a policy that runs nothing', async () => {
    const opened = unwrap(
      await server.victim.createCase({
        signals: [{ type: 'pdq', value: randomPdq(), quality: 90 }],
      }),
    );
    const item = unwrap(
      await server.victim.storeEvidence(
        opened.caseNumber,
        opened.pin,
        new Uint8Array([0x41, 0x4d, 0x45, 0x56, 1, ...new Uint8Array(40)]),
      ),
    );
    for (const [path, status, init] of [
      ['/api/health', 200, {}],
      ['/api/v1/nothing-here', 404, {}],
      [
        '/api/v1/cases',
        415,
        { method: 'POST', body: 'x', headers: { 'content-type': 'text/csv' } },
      ],
      [
        `/api/v1/cases/${opened.caseNumber}/evidence/${item.id}`,
        200,
        { headers: { 'x-case-pin': opened.pin } },
      ],
    ] as const) {
      const response = await get(path, init);
      expect(response.status, path).toBe(status);
      expectCommonHeaders(response.headers);
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const docs = await get('/api/docs');
    expectCommonHeaders(docs.headers);
    expect(docs.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('adds HSTS when the request came over TLS through a trusted proxy', async () => {
    const proxied = await startTestServer(location.location, { webRoot, trustProxy: true });
    try {
      const tls = await fetch(`${proxied.url}/api/health`, {
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(tls.headers.get('strict-transport-security')).toBe(
        'max-age=63072000; includeSubDomains',
      );
      const plain = await fetch(`${proxied.url}/api/health`);
      expect(plain.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await proxied.close();
    }
    // Not trusted: a client cannot claim TLS by itself.
    const spoofed = await get('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
  });

  it('refuses a change that carries a cookie and comes from another site (CSRF), on any route', async () => {
    const body = JSON.stringify({ signals: [{ type: 'pdq', value: randomPdq(), quality: 90 }] });
    const crossSite = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of crossSite) {
      const response = await get('/api/v1/cases', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', cookie: 'aman_staff=abc', ...headers },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'csrf_failed' } });
      expectCommonHeaders(response.headers);
    }
    // The same change from the portal's own page, or without a cookie (a platform's server), passes.
    const own = new URL(server.url).origin;
    for (const headers of [
      { cookie: 'aman_staff=abc', origin: own, 'sec-fetch-site': 'same-origin' },
      { origin: 'https://evil.example' },
    ]) {
      const response = await get('/api/v1/cases', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
      expect(response.status).toBe(201);
    }
    // Reading is never refused: GET changes nothing.
    const read = await get('/api/health', {
      headers: { cookie: 'aman_staff=abc', origin: 'https://evil.example' },
    });
    expect(read.status).toBe(200);
  });

  it('reads the policy from a built index.html', () => {
    expect(
      pagePolicyOf(
        `<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;" />`,
      ),
    ).toBe("default-src 'self'");
    expect(pagePolicyOf('<html></html>')).toBeUndefined();
  });
});
