/**
 * Abuse, over real HTTP: request budgets per address, per platform key and per case; a flood of
 * junk hashes meant to block a harmless popular image everywhere; the size limit of every route
 * of the table; curation only with the scopes an operator grants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, routePath, type RouteSpec } from '@aman/api';
import { flipBits, randomPdq } from '../helpers/factories.ts';
import { rawRequest, startTestServer, unwrap, type TestServer } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

describe('request budgets', () => {
  let location: TestStoreLocation;
  let server: TestServer;

  beforeAll(async () => {
    location = await storeKinds[0]!.createLocation();
    server = await startTestServer(location.location, {
      trustProxy: true,
      rateLimitPerMinute: 1000,
      platformRateLimitPerMinute: 3,
      caseRateLimitPerMinute: 4,
    });
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
  });

  it('limits each platform key, not the others', async () => {
    const first = await server.platform('Budget One', ['match']);
    const second = await server.platform('Budget Two', ['match']);
    const query = { signals: [{ type: 'pdq' as const, value: randomPdq() }] };
    for (let i = 0; i < 3; i++) expect((await first.match(query)).status).toBe(200);
    const refused = await first.match(query);
    expect(refused).toMatchObject({
      status: 429,
      error: { code: 'rate_limited', retryAfter: 20 },
    });
    expect(!refused.ok && refused.error.message).toMatch(/from this platform key/);
    expect((await second.match(query)).status).toBe(200);
    // One budget per key, across every route it calls.
    expect((await first.banks()).status).toBe(429);
  });

  it('limits each case, whatever the address the requests come from', async () => {
    const target = unwrap(
      await server.victim.createCase({
        signals: [{ type: 'pdq', value: randomPdq(), quality: 90 }],
      }),
    );
    const other = unwrap(
      await server.victim.createCase({
        signals: [{ type: 'pdq', value: randomPdq(), quality: 90 }],
      }),
    );
    const fromAddress = (address: string, caseNumber: string, pin: string) =>
      rawRequest(server.url, {
        path: `/api/v1/cases/${caseNumber}`,
        method: 'GET',
        headers: { 'x-forwarded-for': address, 'x-case-pin': pin },
      });
    for (let i = 0; i < 4; i++) {
      expect((await fromAddress(`198.51.100.${i}`, target.caseNumber, target.pin)).status).toBe(
        200,
      );
    }
    const refused = await fromAddress('203.0.113.9', target.caseNumber, target.pin);
    expect(refused).toMatchObject({
      status: 429,
      body: {
        error: { code: 'rate_limited', message: expect.stringMatching(/for this case/) as unknown },
      },
    });
    expect(refused.headers.get('retry-after')).toBe('15');
    expect((await fromAddress('203.0.113.9', other.caseNumber, other.pin)).status).toBe(200);
    // Written as a person types it, it is still the same case.
    const typed = target.caseNumber.toLowerCase().replaceAll('-', ' ');
    expect((await fromAddress('203.0.113.10', typed, target.pin)).status).toBe(429);
  });
});

describe.each(storeKinds)('a flood of junk hashes on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: TestServer;

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startTestServer(location.location, {
      flood: { platforms: 10, windowMs: 3_600_000 },
    });
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
  });

  it('sets aside every copy of a harmless popular image put in many cases, once 10 platforms see it', async () => {
    // The attacker's aim: get a popular meme blocked everywhere, by submitting its hash (and
    // near copies) in many cases. Ten platforms then meet it in ordinary uploads.
    const meme = randomPdq();
    const submitted = [meme, flipBits(meme, 4), flipBits(meme, 9)];
    const cases = [];
    for (let i = 0; i < 12; i++) {
      cases.push(
        unwrap(
          await server.victim.createCase({
            signals: [
              { type: 'pdq', value: submitted[i % 3]!, quality: 95 },
              { type: 'pdq', value: randomPdq(), quality: 95 },
            ],
          }),
        ),
      );
    }
    const platforms = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.platform(`Busy Platform ${i}`, ['match', 'changes']),
      ),
    );
    const reviewer = await server.platform('Reviewer', ['review']);
    const cursor = unwrap(await platforms[0]!.changes({ limit: 10_000 })).cursor;
    const upload = { signals: [{ type: 'pdq' as const, value: flipBits(meme, 2) }] };
    for (const [index, platform] of platforms.entries()) {
      const { results } = unwrap(await platform.match(upload));
      // Before the tenth platform, each sees the 12 junk signals (a lead for its reviewers).
      expect(results[0]!.matches, `platform ${index}`).toHaveLength(12);
    }
    // From now on the meme matches nothing, and every platform's copy is told to drop it.
    for (const platform of platforms) {
      expect(unwrap(await platform.match(upload)).results[0]!.matches).toEqual([]);
    }
    const { changes } = unwrap(await platforms[3]!.changes({ cursor, limit: 10_000 }));
    expect(changes.filter((change) => change.op === 'withdraw')).toHaveLength(12);
    const quarantined = unwrap(await reviewer.quarantine()).signals;
    expect(quarantined).toHaveLength(12);
    expect(quarantined.every((signal) => signal.platforms === 10)).toBe(true);
    // The cases' other, genuine signals are untouched.
    const view = unwrap(await server.victim.getCase(cases[0]!.caseNumber, cases[0]!.pin));
    expect(view.signals.map((signal) => signal.status).sort()).toEqual(['active', 'quarantined']);
  });
});

describe('the size limit of every route', () => {
  let location: TestStoreLocation;
  let server: TestServer;

  beforeAll(async () => {
    location = await storeKinds[0]!.createLocation();
    server = await startTestServer(location.location, { bodyLimit: 64 * 1024 });
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
  });

  const table = Object.entries(routes) as [string, RouteSpec][];
  const params = {
    caseNumber: '7KQM-4XZD-9H2P-R3TA',
    bank: 'lure',
    id: 1,
    evidenceId: 'x',
    staffId: 1,
    shareId: 1,
    reportId: 1,
    keyId: 1,
    networkId: 'net-1',
  };

  it.each(table.filter(([, route]) => route.method !== 'GET'))(
    '%s refuses a body over its limit with 413 body_too_large',
    async (_name, route) => {
      const limit = route.bytes?.request?.maxBytes ?? 64 * 1024;
      const binary = route.bytes?.request !== undefined;
      const body = binary
        ? new Uint8Array(limit + 1)
        : JSON.stringify({ padding: 'x'.repeat(limit) });
      const response = await rawRequest(server.url, {
        path: routePath(route.path, params),
        method: route.method,
        headers: { 'content-type': binary ? 'application/octet-stream' : 'application/json' },
        body,
      });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ error: { code: 'body_too_large' } });
    },
  );

  it.each(table.filter(([, route]) => route.method === 'GET'))(
    '%s refuses a request line and headers over 16 KiB (431) before any work',
    async (_name, route) => {
      const response = await fetch(
        `${server.url}${routePath(route.path, params)}?pad=${'x'.repeat(20_000)}`,
      );
      expect(response.status).toBe(431);
    },
  );

  it('still answers after all of that', async () => {
    expect((await server.victim.health()).ok).toBe(true);
  });
});

describe('curation of the lure and allow banks', () => {
  let location: TestStoreLocation;
  let server: TestServer;

  beforeAll(async () => {
    location = await storeKinds[0]!.createLocation();
    server = await startTestServer(location.location);
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
  });

  it('is refused to a platform key without the curate scope (the default scopes)', async () => {
    const ordinary = await server.platform('Ordinary Platform', ['match', 'changes', 'feedback']);
    const signals = [{ type: 'pdq' as const, value: randomPdq(), quality: 90 }];
    for (const attempt of [
      await ordinary.addBankSignals('lure', { signals }),
      await ordinary.addBankSignals('allow', { signals }),
      await ordinary.withdrawBankSignals('lure', { signalIds: [1] }),
      await ordinary.updateBank('allow', { thresholds: { pdq: 40 } }),
      await ordinary.review(1, { decision: 'release' }),
    ]) {
      expect(attempt).toMatchObject({ status: 403, error: { code: 'insufficient_scope' } });
    }
    expect(await server.victim.addBankSignals('allow', { signals })).toMatchObject({
      status: 401,
      error: { code: 'missing_api_key' },
    });
    expect(
      unwrap(await (await server.platform('Curator Desk', ['match'])).banks()).banks.map(
        (bank) => bank.signals,
      ),
    ).toEqual([0, 0, 0]);
  });
});
