/**
 * What is around the API: health, the OpenAPI document and its page, unknown routes, the web app's
 * files with the portal's fallback, headers, and the triage route.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '@aman/api';
import { randomPdq } from '../helpers/factories.ts';
import { matching } from '../helpers/matchers.ts';
import { rawRequest, startTestServer, unwrap, type TestServer } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

describe.each(storeKinds)('service routes on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: TestServer;
  let webRoot: string;

  beforeAll(async () => {
    location = await kind.createLocation();
    webRoot = mkdtempSync(join(tmpdir(), 'aman-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Aman portal</title>');
    writeFileSync(join(webRoot, 'assets', 'app-3f2a.js'), 'console.log("portal")');
    server = await startTestServer(location.location, {
      webRoot,
      triage: (text) => ({
        verdict: text.includes('pay') ? 'sextortion' : 'not-detected',
        length: text.length,
      }),
    });
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('GET /api/health says which store and how far the matcher is', async () => {
    unwrap(
      await server.victim.createCase({
        signals: [{ type: 'pdq', value: randomPdq(), quality: 90 }],
      }),
    );
    expect(unwrap(await server.victim.health())).toEqual({
      status: 'ok',
      store: kind.kind,
      signals: 1,
      cursor: String(await server.store.latestSeq()),
    });
  });

  it('GET /api/openapi.json is the OpenAPI 3.1 document of the route table', async () => {
    const response = await rawRequest(server.url, { path: '/api/openapi.json' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('GET /api/docs is a self-hosted page: no third-party script, a strict CSP', async () => {
    const page = await rawRequest(server.url, { path: '/api/docs' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; script-src 'self'/,
    );
    const html = String(page.body);
    for (const url of html.match(/(?:src|href)="([^"]+)"/g) ?? []) expect(url).toMatch(/="\/api\//);
    const script = await rawRequest(server.url, { path: '/api/docs/docs.js' });
    expect(script.status).toBe(200);
    expect(String(script.body)).toContain("fetch('/api/openapi.json')");
    expect(String(script.body)).not.toMatch(/https?:\/\//);
    expect((await rawRequest(server.url, { path: '/api/docs/docs.css' })).status).toBe(200);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    for (const path of ['/api/v1/nothing', '/api/v2/cases', '/api']) {
      const response = await rawRequest(server.url, { path });
      expect(response).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    }
    const wrongMethod = await rawRequest(server.url, { path: '/api/v1/match', method: 'GET' });
    expect(wrongMethod).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('serves the web app on the same port, with the portal page for its own paths', async () => {
    const asset = await rawRequest(server.url, { path: '/assets/app-3f2a.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/case/7KQM-4XZD-9H2P-R3TA', '/protect?step=2']) {
      const page = await rawRequest(server.url, { path });
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain('Aman portal');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
    const missingAsset = await rawRequest(server.url, {
      path: '/assets/missing.js',
      method: 'POST',
    });
    expect(missingAsset.status).toBe(404);
  });

  it('sends headers that keep case numbers out of caches and referrers', async () => {
    const response = await rawRequest(server.url, { path: '/api/health' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('POST /api/v1/triage answers the analysis and refuses an empty or oversized text', async () => {
    expect(
      unwrap(await server.victim.triage({ text: 'pay 500 euros or I send the video' })),
    ).toEqual({
      verdict: 'sextortion',
      length: 33,
    });
    expect(await server.victim.triage({ text: '' })).toMatchObject({
      status: 400,
      error: { code: 'invalid_text' },
    });
    expect(await server.victim.triage({ text: 'x'.repeat(20_001) })).toMatchObject({
      status: 400,
      error: { code: 'invalid_text' },
    });
  });
});

describe('a server without triage', () => {
  it('answers the triage route with 404 and says why', async () => {
    const location = await storeKinds[0]!.createLocation();
    const server = await startTestServer(location.location);
    try {
      expect(await server.victim.triage({ text: 'hello' })).toMatchObject({
        status: 404,
        error: { code: 'not_found', message: matching(/triage is not available/) },
      });
    } finally {
      await server.close();
      await location.dispose();
    }
  });
});
