/**
 * Platforms' routes over real HTTP, on both stores: keys and scopes, matching (PDQ, vPDQ, MD5,
 * SHA-256) with per-bank thresholds and the allow bank, the change feed, feedback, curation of the
 * lure and allow banks, flood control and review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVpdqCompact, matchVpdq } from '@aman/pdq';
import type { AmanClient } from '@aman/api';
import { flipBits, randomMd5, randomPdq, upstreamVpdq } from '../helpers/factories.ts';
import { anyNumber, anyString, containing, matching } from '../helpers/matchers.ts';
import { rawRequest, startTestServer, unwrap, type TestServer } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

/**
 * Every store, with the matcher in the server's thread (as the other HTTP tests run it) and in a
 * thread of its own (as `aman serve` runs it): the answers must not depend on where it runs.
 */
const setups = storeKinds.flatMap((kind) =>
  [false, true].map((matcherThread) => ({
    kind,
    matcherThread,
    name: `${kind.kind}, matcher ${matcherThread ? 'in its own thread' : 'in the server thread'}`,
  })),
);

describe.each(setups)('platform routes on $name', ({ kind, matcherThread }) => {
  let location: TestStoreLocation;
  let server: TestServer;
  let platform: AmanClient & { apiKey: string };
  let curator: AmanClient;

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startTestServer(location.location, {
      flood: { platforms: 3, windowMs: 600_000 },
      matcherThread,
    });
    platform = await server.platform('Example Video', ['match', 'changes', 'feedback']);
    curator = await server.platform('Curators', ['curate', 'review', 'match']);
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
  });

  async function protect(value = randomPdq()): Promise<{ value: string; id: number }> {
    const opened = unwrap(
      await server.victim.createCase({ signals: [{ type: 'pdq', value, quality: 95 }] }),
    );
    const view = unwrap(await server.victim.getCase(opened.caseNumber, opened.pin));
    return { value, id: view.signals[0]!.id };
  }

  describe('API keys', () => {
    it.each([
      ['no Authorization header', undefined, 401, 'missing_api_key'],
      ['a Basic header', 'Basic dXNlcjpwYXNz', 401, 'missing_api_key'],
      [
        'a key that is not one of ours',
        'Bearer aman_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        401,
        'invalid_api_key',
      ],
      ['junk', 'Bearer x', 401, 'invalid_api_key'],
    ])('refuses %s', async (_, authorization, status, code) => {
      const response = await rawRequest(server.url, {
        path: '/api/v1/match',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(authorization === undefined ? {} : { authorization }),
        },
        body: JSON.stringify({ signals: [{ type: 'pdq', value: randomPdq() }] }),
      });
      expect(response).toMatchObject({ status, body: { error: { code } } });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it("refuses a route outside the key's scopes with 403", async () => {
      expect(
        await platform.addBankSignals('lure', { signals: [{ type: 'md5', value: randomMd5() }] }),
      ).toMatchObject({
        status: 403,
        error: { code: 'insufficient_scope' },
      });
      expect(await curator.changes()).toMatchObject({
        status: 403,
        error: { code: 'insufficient_scope' },
      });
    });

    it('stores keys as SHA-256 hashes only', async () => {
      const platforms = await server.store.listPlatforms();
      expect(JSON.stringify(platforms)).not.toContain(platform.apiKey);
      expect(await server.store.findPlatformByKeyHash(platform.apiKey)).toBeUndefined();
    });
  });

  describe('POST /api/v1/match', () => {
    it('finds PDQ hashes within the bank threshold (31), in input order, with distances', async () => {
      const a = await protect();
      const b = await protect();
      const { results } = unwrap(
        await platform.match({
          signals: [
            { type: 'pdq', value: flipBits(b.value, 31) },
            { type: 'pdq', value: randomPdq() },
            { type: 'pdq', value: flipBits(a.value, 12).toUpperCase() },
            { type: 'pdq', value: flipBits(a.value, 32) },
          ],
        }),
      );
      expect(results).toEqual([
        { matches: [{ id: b.id, distance: 31, bank: 'protect' }] },
        { matches: [] },
        { matches: [{ id: a.id, distance: 12, bank: 'protect' }] },
        { matches: [] },
      ]);
    });

    it('takes 1000 signals in one call, and refuses 1001', async () => {
      const target = await protect();
      const signals = Array.from({ length: 1000 }, () => ({
        type: 'pdq' as const,
        value: randomPdq(),
      }));
      signals[777] = { type: 'pdq', value: target.value };
      const { results } = unwrap(await platform.match({ signals }));
      expect(results).toHaveLength(1000);
      expect(results[777]?.matches[0]?.id).toBe(target.id);
      expect(results.filter((result) => result.matches.length > 0)).toHaveLength(1);
      expect(await platform.match({ signals: [...signals, signals[0]!] })).toMatchObject({
        status: 400,
        error: { code: 'too_many_signals' },
      });
    });

    it('matches MD5 and SHA-256 exactly', async () => {
      const md5 = randomMd5();
      const opened = unwrap(
        await server.victim.createCase({ signals: [{ type: 'md5', value: md5 }] }),
      );
      const id = unwrap(await server.victim.getCase(opened.caseNumber, opened.pin)).signals[0]!.id;
      const { results } = unwrap(
        await platform.match({
          signals: [
            { type: 'md5', value: md5.toUpperCase() },
            { type: 'md5', value: `${md5.slice(0, -1)}${md5.endsWith('0') ? '1' : '0'}` },
          ],
        }),
      );
      expect(results).toEqual([
        { matches: [{ id, distance: 0, bank: 'protect' }] },
        { matches: [] },
      ]);
    });

    it('matches vPDQ videos as upstream does, whether frames come as strings or objects', async () => {
      const banked = upstreamVpdq('chair-22-sd-grey-bar.txt');
      const opened = unwrap(
        await server.victim.createCase({
          signals: [{ type: 'vpdq', value: banked.map(formatVpdqCompact) }],
        }),
      );
      const view = unwrap(await server.victim.getCase(opened.caseNumber, opened.pin));
      const id = view.signals[0]!.id;
      // Stored and shown exactly as python-threatexchange writes the compact form.
      expect(view.signals[0]!.value).toEqual(banked.map(formatVpdqCompact));

      const queries = {
        sepia: upstreamVpdq('chair-22-sd-sepia-bar.txt'),
        downscaled: upstreamVpdq('chair-22-sd-grey-bar-128x128.txt'),
        excerpt: banked.slice(100, 250),
        largeLogo: upstreamVpdq('chair-22-with-large-logo-bar.txt'),
        doorknob: upstreamVpdq('doorknob-hd-no-bar.txt'),
      };
      const { results } = unwrap(
        await platform.match({
          signals: Object.values(queries).map((frames, i) => ({
            type: 'vpdq' as const,
            value:
              i % 2 === 0
                ? frames.map((frame) => ({
                    pdq: frame.pdq,
                    quality: frame.quality,
                    timestamp: frame.timestamp,
                  }))
                : frames.map(formatVpdqCompact),
          })),
        }),
      );
      const expected = Object.values(queries).map((frames) => matchVpdq(frames, banked));
      expect(expected.map((verdict) => verdict.match)).toEqual([true, true, true, false, false]);
      results.forEach((result, i) => {
        const verdict = expected[i]!;
        if (!verdict.match) {
          expect(result.matches).toEqual([]);
          return;
        }
        expect(result.matches).toEqual([
          {
            id,
            distance: anyNumber(),
            bank: 'protect',
            queryMatchPercent: Math.round(verdict.queryPercent * 100) / 100,
            comparedMatchPercent: Math.round(verdict.comparedPercent * 100) / 100,
          },
        ]);
        expect(result.matches[0]!.distance).toBeLessThanOrEqual(31);
      });

      // The protect bank's vPDQ frame threshold decides too: at 8 bits, under half the frames of the
      // downscaled copy still match (no match), the sepia copy and the excerpt still do.
      unwrap(await curator.updateBank('protect', { thresholds: { vpdq: 8 } }));
      try {
        const strict = unwrap(
          await platform.match({
            signals: [queries.downscaled, queries.sepia, queries.excerpt].map((frames) => ({
              type: 'vpdq' as const,
              value: frames.map(formatVpdqCompact),
            })),
          }),
        );
        const verdicts = [queries.downscaled, queries.sepia, queries.excerpt].map(
          (frames) => matchVpdq(frames, banked, { distanceThreshold: 8 }).match,
        );
        expect(verdicts).toEqual([false, true, true]);
        expect(strict.results.map((result) => result.matches.length > 0)).toEqual(verdicts);
      } finally {
        unwrap(await curator.updateBank('protect', { thresholds: { vpdq: 31 } }));
      }
    });

    it('suppresses every match of a hash in the allow bank (known false positives)', async () => {
      const common = await protect();
      const near = flipBits(common.value, 4);
      expect(
        unwrap(await platform.match({ signals: [{ type: 'pdq', value: near }] })).results[0]
          ?.matches,
      ).toHaveLength(1);
      unwrap(
        await curator.addBankSignals('allow', {
          signals: [{ type: 'pdq', value: common.value, quality: 100 }],
        }),
      );
      expect(
        unwrap(await platform.match({ signals: [{ type: 'pdq', value: near }] })).results[0]
          ?.matches,
      ).toEqual([]);
    });

    it("applies each bank's own threshold, changeable by curators", async () => {
      const lure = randomPdq();
      const [added] = unwrap(
        await curator.addBankSignals('lure', {
          signals: [{ type: 'pdq', value: lure, quality: 80 }],
        }),
      ).signals;
      const query = { signals: [{ type: 'pdq' as const, value: flipBits(lure, 20) }] };
      expect(unwrap(await platform.match(query)).results[0]?.matches).toEqual([
        { id: added!.id, distance: 20, bank: 'lure' },
      ]);
      expect(unwrap(await curator.updateBank('lure', { thresholds: { pdq: 10 } }))).toMatchObject({
        name: 'lure',
        purpose: 'lure',
        thresholds: { pdq: 10, vpdq: 31 },
      });
      expect(unwrap(await platform.match(query)).results[0]?.matches).toEqual([]);
      const banks = unwrap(await platform.banks()).banks;
      expect(banks.find((bank) => bank.name === 'lure')?.thresholds.pdq).toBe(10);
      expect(banks.find((bank) => bank.name === 'protect')?.thresholds.pdq).toBe(31);
      unwrap(await curator.updateBank('lure', { thresholds: { pdq: 31 } }));
      expect(await curator.updateBank('lure', { thresholds: { pdq: 65 } })).toMatchObject({
        status: 400,
        error: { code: 'invalid_thresholds' },
      });
      expect(await curator.updateBank('nope', { thresholds: { pdq: 5 } })).toMatchObject({
        status: 404,
        error: { code: 'bank_not_found' },
      });
    });
  });

  describe('curation of the lure and allow banks', () => {
    it('adds and withdraws lure signals; the protect bank is filled only through cases', async () => {
      const value = randomPdq();
      const added = await curator.addBankSignals('lure', {
        signals: [{ type: 'pdq', value, quality: 99 }],
      });
      expect(added.status).toBe(201);
      const id = unwrap(added).signals[0]!.id;
      expect(
        unwrap(await platform.match({ signals: [{ type: 'pdq', value }] })).results[0]?.matches,
      ).toEqual([{ id, distance: 0, bank: 'lure' }]);
      expect(unwrap(await curator.withdrawBankSignals('lure', { signalIds: [id] }))).toEqual({
        withdrawn: [id],
      });
      expect(
        unwrap(await platform.match({ signals: [{ type: 'pdq', value }] })).results[0]?.matches,
      ).toEqual([]);
      expect(await curator.withdrawBankSignals('allow', { signalIds: [id] })).toMatchObject({
        status: 404,
        error: { code: 'signal_not_found' },
      });
      expect(
        await curator.addBankSignals('protect', { signals: [{ type: 'pdq', value, quality: 99 }] }),
      ).toMatchObject({
        status: 409,
        error: { code: 'wrong_bank_purpose' },
      });
      expect(
        await curator.addBankSignals('nope', { signals: [{ type: 'pdq', value, quality: 99 }] }),
      ).toMatchObject({
        status: 404,
        error: { code: 'bank_not_found' },
      });
    });
  });

  describe('GET /api/v1/changes', () => {
    it('pages through adds and withdrawals by cursor', async () => {
      const start = unwrap(await platform.changes({ limit: 10_000 })).cursor;
      const a = await protect();
      const b = await protect();
      const firstPage = unwrap(await platform.changes({ cursor: start, limit: 1 }));
      expect(firstPage.changes).toEqual([
        {
          seq: Number(firstPage.cursor),
          op: 'add',
          id: a.id,
          type: 'pdq',
          value: a.value,
          bank: 'protect',
          at: anyString(),
        },
      ]);
      const secondPage = unwrap(await platform.changes({ cursor: firstPage.cursor }));
      expect(secondPage.changes.map((change) => [change.op, change.id])).toEqual([['add', b.id]]);
      const empty = unwrap(await platform.changes({ cursor: secondPage.cursor }));
      expect(empty).toEqual({ changes: [], cursor: secondPage.cursor });
    });

    it('refuses a malformed cursor or limit, and a cursor this bank never issued', async () => {
      expect(await platform.changes({ cursor: 'abc' })).toMatchObject({
        status: 400,
        error: { code: 'invalid_cursor' },
      });
      expect(await platform.changes({ limit: 0 })).toMatchObject({
        status: 400,
        error: { code: 'invalid_limit' },
      });
      expect(await platform.changes({ limit: 10_001 })).toMatchObject({
        status: 400,
        error: { code: 'invalid_limit' },
      });
      expect(await platform.changes({ cursor: '999999999' })).toMatchObject({
        status: 400,
        error: { code: 'invalid_cursor', message: matching(/cursor 0/) },
      });
      const unknownParameter = await rawRequest(server.url, {
        path: '/api/v1/changes?since=3',
        headers: { authorization: `Bearer ${platform.apiKey}` },
      });
      expect(unknownParameter).toMatchObject({
        status: 400,
        body: { error: { code: 'unknown_field' } },
      });
    });
  });

  describe('POST /api/v1/feedback', () => {
    it('answers the decision recorded, 404 for an unknown signal, 400 for a bad decision', async () => {
      const target = await protect();
      const recorded = unwrap(await platform.feedback({ id: target.id, decision: 'Blocked' }));
      expect(recorded).toEqual({
        id: target.id,
        decision: 'Blocked',
        at: server.clock.now().toISOString(),
      });
      expect(await platform.feedback({ id: 987_654_321, decision: 'Blocked' })).toMatchObject({
        status: 404,
        error: { code: 'signal_not_found' },
      });
      const bad = await rawRequest(server.url, {
        path: '/api/v1/feedback',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.apiKey}` },
        body: JSON.stringify({ id: target.id, decision: 'Deleted' }),
      });
      expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_decision' } } });
    });
  });

  describe('flood control and review', () => {
    it('quarantines a protect signal matched by 3 platforms in the window, until a person reviews it', async () => {
      const target = await protect();
      const second = await server.platform('Second Platform', ['match']);
      const third = await server.platform('Third Platform', ['match']);
      const query = { signals: [{ type: 'pdq' as const, value: target.value }] };
      const cursor = unwrap(await platform.changes({ limit: 10_000 })).cursor;

      expect(unwrap(await platform.match(query)).results[0]?.matches).toHaveLength(1);
      expect(unwrap(await platform.match(query)).results[0]?.matches).toHaveLength(1); // same platform
      expect(unwrap(await second.match(query)).results[0]?.matches).toHaveLength(1);
      expect(unwrap(await third.match(query)).results[0]?.matches).toHaveLength(1); // the third: flood
      expect(unwrap(await platform.match(query)).results[0]?.matches).toEqual([]);

      const { changes } = unwrap(await platform.changes({ cursor }));
      expect(changes.map((change) => [change.op, change.id])).toEqual([['withdraw', target.id]]);
      const { signals } = unwrap(await curator.quarantine());
      expect(signals).toContainEqual({
        id: target.id,
        type: 'pdq',
        value: target.value,
        bank: 'protect',
        quarantinedAt: anyString(),
        platforms: 3,
      });

      expect(unwrap(await curator.review(target.id, { decision: 'release' }))).toEqual({
        id: target.id,
        status: 'active',
      });
      expect(unwrap(await platform.match(query)).results[0]?.matches).toHaveLength(1);
      expect(unwrap(await platform.changes({ cursor })).changes.map((change) => change.op)).toEqual(
        ['withdraw', 'add'],
      );
      // Released: more platforms matching it no longer set it aside.
      const fourth = await server.platform('Fourth Platform', ['match']);
      expect(unwrap(await fourth.match(query)).results[0]?.matches).toHaveLength(1);
      expect(unwrap(await platform.match(query)).results[0]?.matches).toHaveLength(1);
      expect(await curator.review(target.id, { decision: 'reject' })).toMatchObject({
        status: 409,
        error: { code: 'not_quarantined' },
      });
    });

    it('forgets matches older than the window', async () => {
      const target = await protect();
      const query = { signals: [{ type: 'pdq' as const, value: target.value }] };
      const others = await Promise.all(
        ['Window A', 'Window B'].map((name) => server.platform(name, ['match'])),
      );
      unwrap(await others[0]!.match(query));
      unwrap(await others[1]!.match(query));
      server.clock.advance(601_000);
      unwrap(await platform.match(query));
      expect(unwrap(await platform.match(query)).results[0]?.matches).toHaveLength(1);
    });

    it('lets a reviewer reject a quarantined signal for good', async () => {
      const target = await protect();
      const query = { signals: [{ type: 'pdq' as const, value: target.value }] };
      for (const name of ['Reject A', 'Reject B', 'Reject C']) {
        unwrap(await (await server.platform(name, ['match'])).match(query));
      }
      expect(unwrap(await curator.review(target.id, { decision: 'reject' }))).toEqual({
        id: target.id,
        status: 'rejected',
      });
      expect(unwrap(await platform.match(query)).results[0]?.matches).toEqual([]);
      expect(await curator.review(987_654_321, { decision: 'release' })).toMatchObject({
        status: 404,
        error: { code: 'signal_not_found' },
      });
      const badId = await rawRequest(server.url, {
        path: '/api/v1/review/signals/abc',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${(await server.platform('Reviewer 2', ['review'])).apiKey}`,
        },
        body: JSON.stringify({ decision: 'release' }),
      });
      expect(badId).toMatchObject({ status: 400, body: { error: { code: 'invalid_signal_id' } } });
    });

    it('never quarantines lure signals, which curators vouch for', async () => {
      const value = randomPdq();
      unwrap(
        await curator.addBankSignals('lure', { signals: [{ type: 'pdq', value, quality: 90 }] }),
      );
      const query = { signals: [{ type: 'pdq' as const, value }] };
      for (const name of ['Lure A', 'Lure B', 'Lure C', 'Lure D']) {
        unwrap(await (await server.platform(name, ['match'])).match(query));
      }
      expect(unwrap(await platform.match(query)).results[0]?.matches).toEqual([
        containing({ bank: 'lure' }),
      ]);
    });
  });
});
