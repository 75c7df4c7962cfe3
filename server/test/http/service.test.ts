/**
 * What is around the API: health, the OpenAPI document and its page, unknown routes, the web app's
 * files with the portal's fallback, headers, and the triage route.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, TriageResponse } from '@aman/api';
import { analyze } from '@aman/triage';
import { randomPdq } from '../helpers/factories.ts';
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
    server = await startTestServer(location.location, { webRoot });
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

  it('POST /api/v1/triage answers the analysis of @aman/triage, and stores nothing', async () => {
    const seq = await server.store.latestSeq();
    const message =
      "J'ai enregistré toute notre conversation vidéo. Envoie 500 euros par Western Union avant demain soir, sinon j'envoie la vidéo à tous tes amis Facebook.";
    const answer = await server.victim.triage({ text: message });
    const result = unwrap(answer);
    expect(result).toEqual(analyze(message));
    expect(result.verdict).toBe('sextortion');
    expect(TriageResponse.safeParse(result).success).toBe(true);
    expect(await server.store.latestSeq()).toBe(seq);
    if (kind.kind === 'sqlite') {
      for (const file of [location.location, `${location.location}-wal`]) {
        expect(existsSync(file) && readFileSync(file).includes('Western Union')).toBe(false);
      }
    }
  });

  it('POST /api/v1/triage refuses an empty or oversized text', async () => {
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
