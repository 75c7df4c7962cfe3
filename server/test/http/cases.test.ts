/**
 * Victims' routes over real HTTP, on both stores: opening, following, adding to and withdrawing a
 * case, the PIN lockout, and every way a request can be refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN, type AmanClient } from '@aman/api';
import { randomMd5, randomPdq, randomSha256 } from '../helpers/factories.ts';
import { anyNumber, anyString, containing, matching } from '../helpers/matchers.ts';
import { rawRequest, startTestServer, unwrap, type TestServer } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

describe.each(storeKinds)('cases on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: TestServer;
  let platform: AmanClient;

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startTestServer(location.location);
    platform = await server.platform('Example Video');
  });

  afterAll(async () => {
    await server.close();
    await location.dispose();
  });

  async function openCase(signals = [{ type: 'pdq' as const, value: randomPdq(), quality: 92 }]) {
    return unwrap(await server.victim.createCase({ signals }));
  }

  describe('POST /api/v1/cases', () => {
    it('opens a case with hashes only and answers a case number and a PIN, once', async () => {
      const pdq = randomPdq();
      const md5 = randomMd5();
      const sha256 = randomSha256();
      const result = await server.victim.createCase({
        signals: [
          { type: 'pdq', value: pdq.toUpperCase(), quality: 88 },
          { type: 'md5', value: md5 },
          { type: 'sha256', value: sha256 },
          { type: 'pdq', value: pdq, quality: 88 }, // the same hash twice: kept once
        ],
      });
      expect(result.status).toBe(201);
      const opened = unwrap(result);
      expect(Object.keys(opened).sort()).toEqual(['caseNumber', 'pin']);
      expect(opened.caseNumber).toMatch(CASE_NUMBER_PATTERN);
      expect(opened.pin).toMatch(/^\d{5}-\d{5}$/);

      const view = unwrap(await server.victim.getCase(opened.caseNumber, opened.pin));
      expect(view.status).toBe('active');
      expect(view.signals.map(({ type, value, status }) => ({ type, value, status }))).toEqual([
        { type: 'pdq', value: pdq, status: 'active' },
        { type: 'md5', value: md5, status: 'active' },
        { type: 'sha256', value: sha256, status: 'active' },
      ]);
      expect(view.feedback).toEqual([]);
      // The PIN is stored as an argon2id hash, never in clear.
      const record = await server.store.findCase(opened.caseNumber);
      expect(record?.pinHash).toMatch(/^\$argon2id\$/);
      expect(record?.pinHash).not.toContain(opened.pin.replace('-', ''));
    });

    it('gives every case a different, random number and PIN', async () => {
      const cases = await Promise.all([1, 2, 3, 4, 5].map(() => openCase()));
      expect(new Set(cases.map((opened) => opened.caseNumber)).size).toBe(5);
      expect(new Set(cases.map((opened) => opened.pin)).size).toBe(5);
    });

    it('makes a new hash matchable as soon as the case is open', async () => {
      const value = randomPdq();
      await openCase([{ type: 'pdq', value, quality: 90 }]);
      const { results } = unwrap(await platform.match({ signals: [{ type: 'pdq', value }] }));
      expect(results[0]?.matches).toEqual([containing({ distance: 0, bank: 'protect' })]);
    });

    it.each([
      [
        'a PDQ hash of quality below 50',
        { signals: [{ type: 'pdq', value: randomPdq(), quality: 30 }] },
        'pdq_low_quality',
        /quality below 50/,
      ],
      [
        'an image beside the hash',
        { signals: [{ type: 'pdq', value: randomPdq(), image: 'iVBORw0KGgo' }] },
        'unknown_field',
        /"image"/,
      ],
      [
        'a name or an e-mail',
        { signals: [{ type: 'md5', value: randomMd5() }], email: 'me@example.org' },
        'unknown_field',
        /"email"/,
      ],
      ['no signals', { signals: [] }, 'no_signals', /at least one/],
      [
        'a video as a vPDQ value',
        { signals: [{ type: 'vpdq', value: 'AAAAIGZ0eXBpc29t' }] },
        'invalid_vpdq',
        /frames/,
      ],
      [
        'an unknown signal type',
        { signals: [{ type: 'video', value: 'x' }] },
        'unknown_signal_type',
        /one of/,
      ],
      [
        'a malformed hash',
        { signals: [{ type: 'sha256', value: 'abc' }] },
        'invalid_sha256',
        /64 hex/,
      ],
    ])('refuses %s with 400 and a clear reason', async (_, body, code, message) => {
      const response = await rawRequest(server.url, {
        path: '/api/v1/cases',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: { code, message: matching(message) } });
    });

    it('refuses a body that is not JSON, or not JSON at all, or too large', async () => {
      const post = (body: string | Blob | FormData, headers: Record<string, string> = {}) =>
        rawRequest(server.url, { path: '/api/v1/cases', method: 'POST', headers, body });
      expect(await post('{"signals": [', { 'content-type': 'application/json' })).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_json' } },
      });
      expect(await post('', { 'content-type': 'application/json' })).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_json' } },
      });
      const upload = new FormData();
      upload.append('video', new Blob([new Uint8Array(1024)], { type: 'video/mp4' }), 'clip.mp4');
      expect(await post(upload)).toMatchObject({
        status: 415,
        body: { error: { code: 'unsupported_media_type' } },
      });
      expect(await post('signals', { 'content-type': 'text/plain' })).toMatchObject({
        status: 415,
        body: { error: { code: 'unsupported_media_type' } },
      });
      const huge = JSON.stringify({
        signals: [{ type: 'md5', value: 'a'.repeat(3 * 1024 * 1024) }],
      });
      expect(await post(huge, { 'content-type': 'application/json' })).toMatchObject({
        status: 413,
        body: { error: { code: 'body_too_large' } },
      });
    });
  });

  describe('GET /api/v1/cases/:caseNumber', () => {
    it('accepts the case number as a person types it', async () => {
      const opened = await openCase();
      const typed = opened.caseNumber.toLowerCase().replaceAll('-', ' ');
      expect((await server.victim.getCase(typed, opened.pin.replace('-', ''))).ok).toBe(true);
    });

    it('answers 400 for a malformed number, 404 for an unknown one, 401 without or with a wrong PIN', async () => {
      const opened = await openCase();
      expect(await server.victim.getCase('12-34', opened.pin)).toMatchObject({
        status: 400,
        error: { code: 'invalid_case_number' },
      });
      expect(await server.victim.getCase('0000-0000-0000-0000', opened.pin)).toMatchObject({
        status: 404,
        error: { code: 'case_not_found' },
      });
      const noPin = await rawRequest(server.url, { path: `/api/v1/cases/${opened.caseNumber}` });
      expect(noPin).toMatchObject({ status: 401, body: { error: { code: 'missing_pin' } } });
      expect(await server.victim.getCase(opened.caseNumber, '123')).toMatchObject({
        status: 401,
        error: { code: 'wrong_pin', message: matching(/10 digits/) },
      });
      expect(await server.victim.getCase(opened.caseNumber, wrongPin(opened.pin))).toMatchObject({
        status: 401,
        error: { code: 'wrong_pin', message: matching(/4 more tries/) },
      });
    });

    it('locks the case after 5 wrong PINs, longer each time, and a right PIN resets the count', async () => {
      const opened = await openCase();
      const guess = () => server.victim.getCase(opened.caseNumber, wrongPin(opened.pin));
      for (let i = 1; i <= 4; i++) expect((await guess()).status).toBe(401);
      // A right PIN before the lock forgets the failures.
      expect((await server.victim.getCase(opened.caseNumber, opened.pin)).ok).toBe(true);
      for (let i = 1; i <= 4; i++) expect((await guess()).status).toBe(401);
      expect(await guess()).toMatchObject({
        status: 401,
        error: { code: 'wrong_pin', message: matching(/locked for 1 minute/) },
      });
      // Locked: even the right PIN waits, and nothing is verified.
      const locked = await server.victim.getCase(opened.caseNumber, opened.pin);
      expect(locked).toMatchObject({ status: 429, error: { code: 'case_locked', retryAfter: 60 } });
      server.clock.advance(61_000);
      expect(await guess()).toMatchObject({
        status: 401,
        error: { message: matching(/2 minutes/) },
      });
      server.clock.advance(60_000);
      expect((await guess()).status).toBe(429);
      server.clock.advance(61_000);
      expect((await server.victim.getCase(opened.caseNumber, opened.pin)).ok).toBe(true);
      // The count started again: 4 free tries.
      expect(await guess()).toMatchObject({
        error: { message: matching(/4 more tries/) },
      });
    });

    it('refuses a burst of concurrent guesses beyond the free tries', async () => {
      const opened = await openCase();
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          server.victim.getCase(opened.caseNumber, wrongPin(opened.pin)),
        ),
      );
      expect(answers.filter((answer) => answer.status === 401)).toHaveLength(5);
      expect(answers.filter((answer) => answer.status === 429)).toHaveLength(7);
    });
  });

  describe('POST /api/v1/cases/:caseNumber/signals', () => {
    it('adds signals (201) without duplicating one already there, and they match at once', async () => {
      const first = randomPdq();
      const opened = await openCase([{ type: 'pdq', value: first, quality: 90 }]);
      const second = randomSha256();
      const added = await server.victim.addSignals(opened.caseNumber, opened.pin, {
        signals: [
          { type: 'pdq', value: first, quality: 90 },
          { type: 'sha256', value: second },
        ],
      });
      expect(added.status).toBe(201);
      const { signals } = unwrap(added);
      const view = unwrap(await server.victim.getCase(opened.caseNumber, opened.pin));
      expect(signals).toEqual(view.signals);
      expect(signals).toHaveLength(2);
      const { results } = unwrap(
        await platform.match({ signals: [{ type: 'sha256', value: second }] }),
      );
      expect(results[0]?.matches.map((match) => match.id)).toEqual([signals[1]?.id]);
    });

    it('needs the PIN, and refuses a withdrawn case with 409', async () => {
      const opened = await openCase();
      const body = { signals: [{ type: 'md5' as const, value: randomMd5() }] };
      expect(
        (await server.victim.addSignals(opened.caseNumber, wrongPin(opened.pin), body)).status,
      ).toBe(401);
      unwrap(await server.victim.withdraw(opened.caseNumber, opened.pin));
      expect(await server.victim.addSignals(opened.caseNumber, opened.pin, body)).toMatchObject({
        status: 409,
        error: { code: 'case_withdrawn' },
      });
    });

    it('refuses more than a case may hold with 409', async () => {
      const opened = await openCase();
      const batch = () => ({
        signals: Array.from({ length: 100 }, () => ({ type: 'md5' as const, value: randomMd5() })),
      });
      for (let i = 0; i < 9; i++)
        unwrap(await server.victim.addSignals(opened.caseNumber, opened.pin, batch()));
      expect(await server.victim.addSignals(opened.caseNumber, opened.pin, batch())).toMatchObject({
        status: 409,
        error: { code: 'case_full' },
      });
    });
  });

  describe('POST /api/v1/cases/:caseNumber/withdraw', () => {
    it('withdraws chosen signals: they stop matching at once and the feed says so', async () => {
      const keep = randomPdq();
      const drop = randomPdq();
      const opened = await openCase([
        { type: 'pdq', value: keep, quality: 90 },
        { type: 'pdq', value: drop, quality: 90 },
      ]);
      const view = unwrap(await server.victim.getCase(opened.caseNumber, opened.pin));
      const dropId = view.signals[1]!.id;
      const before = unwrap(await platform.changes({ limit: 10_000 })).cursor;

      const withdrawn = unwrap(
        await server.victim.withdraw(opened.caseNumber, opened.pin, { signalIds: [dropId] }),
      );
      expect(withdrawn).toEqual({ status: 'active', withdrawn: [dropId] });
      // No wait: the withdrawal is in the matcher before it is acknowledged.
      const { results } = unwrap(
        await platform.match({
          signals: [
            { type: 'pdq', value: drop },
            { type: 'pdq', value: keep },
          ],
        }),
      );
      expect(results[0]?.matches).toEqual([]);
      expect(results[1]?.matches).toHaveLength(1);
      const { changes } = unwrap(await platform.changes({ cursor: before }));
      expect(changes).toEqual([
        containing({
          op: 'withdraw',
          id: dropId,
          type: 'pdq',
          value: drop,
          bank: 'protect',
        }),
      ]);
      const after = unwrap(await server.victim.getCase(opened.caseNumber, opened.pin));
      expect(after.signals.map((signal) => signal.status)).toEqual(['active', 'withdrawn']);
    });

    it('withdraws the whole case with an empty body', async () => {
      const value = randomPdq();
      const opened = await openCase([{ type: 'pdq', value, quality: 90 }]);
      const response = await rawRequest(server.url, {
        path: `/api/v1/cases/${opened.caseNumber}/withdraw`,
        method: 'POST',
        headers: { 'x-case-pin': opened.pin },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'withdrawn', withdrawn: [anyNumber()] });
      const { results } = unwrap(await platform.match({ signals: [{ type: 'pdq', value }] }));
      expect(results[0]?.matches).toEqual([]);
      expect(unwrap(await server.victim.getCase(opened.caseNumber, opened.pin)).status).toBe(
        'withdrawn',
      );
      // Again: nothing more to withdraw, still fine.
      expect(unwrap(await server.victim.withdraw(opened.caseNumber, opened.pin))).toEqual({
        status: 'withdrawn',
        withdrawn: [],
        evidenceDeleted: 0,
        reportsDeleted: 0,
      });
    });

    it('refuses ids of another case with 404, and malformed ids with 400', async () => {
      const mine = await openCase();
      const theirs = await openCase();
      const theirId = unwrap(await server.victim.getCase(theirs.caseNumber, theirs.pin)).signals[0]!
        .id;
      expect(
        await server.victim.withdraw(mine.caseNumber, mine.pin, { signalIds: [theirId] }),
      ).toMatchObject({
        status: 404,
        error: { code: 'signal_not_found' },
      });
      expect(
        unwrap(await server.victim.getCase(theirs.caseNumber, theirs.pin)).signals[0]!.status,
      ).toBe('active');
      expect(
        await server.victim.withdraw(mine.caseNumber, mine.pin, { signalIds: [0] }),
      ).toMatchObject({ status: 400, error: { code: 'invalid_signal_id' } });
    });
  });

  describe('feedback reaches the victim', () => {
    it("shows each platform's latest decision on the case, and nothing about the victim to platforms", async () => {
      const value = randomPdq();
      const opened = await openCase([{ type: 'pdq', value, quality: 90 }]);
      const match = await platform.match({ signals: [{ type: 'pdq', value }] });
      expect(JSON.stringify(match)).not.toContain(opened.caseNumber);
      const id = unwrap(match).results[0]!.matches[0]!.id;
      unwrap(await platform.feedback({ id, decision: 'PendingReview' }));
      const blocked = unwrap(await platform.feedback({ id, decision: 'Blocked' }));
      const other = await server.platform('Other Social');
      unwrap(await other.feedback({ id, decision: 'NotBlocked' }));
      const view = unwrap(await server.victim.getCase(opened.caseNumber, opened.pin));
      expect(view.feedback).toEqual([
        { platform: 'Example Video', signalId: id, decision: 'Blocked', at: blocked.at },
        { platform: 'Other Social', signalId: id, decision: 'NotBlocked', at: anyString() },
      ]);
    });
  });
});

describe("the rate limit of victims' routes", () => {
  it('answers 429 with Retry-After beyond the budget of one address', async () => {
    const location = await storeKinds[0]!.createLocation();
    const server = await startTestServer(location.location, { rateLimitPerMinute: 3 });
    try {
      const body = { signals: [{ type: 'md5' as const, value: randomMd5() }] };
      for (let i = 0; i < 3; i++) expect((await server.victim.createCase(body)).status).toBe(201);
      expect(await server.victim.createCase(body)).toMatchObject({
        status: 429,
        error: { code: 'rate_limited', retryAfter: 20 },
      });
      // Platform routes have their own keys and are not counted.
      expect((await server.victim.health()).ok).toBe(true);
    } finally {
      await server.close();
      await location.dispose();
    }
  });
});

/** A PIN that is certainly wrong: the same digits, the last one changed. */
function wrongPin(pin: string): string {
  const last = Number(pin.at(-1));
  return `${pin.slice(0, -1)}${(last + 1) % 10}`;
}
