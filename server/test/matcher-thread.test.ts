/**
 * The matcher in a thread of its own (what `aman serve` runs), on both stores: the same answers as
 * the in-process matcher over the same database, writes seen after `sync()`, the server thread free
 * while a batch is matched, and clear failures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import { Matcher, type MatcherQuery } from '../src/matcher/matcher.ts';
import { MatcherThread } from '../src/matcher/matcher-thread.ts';
import type { Store } from '../src/repositories/store.ts';
import { flipBits, randomMd5, randomPdq } from './helpers/factories.ts';
import { openMigratedStore, storeKinds, type TestStoreLocation } from './helpers/stores.ts';

describe.each(storeKinds)('the matcher thread on $kind', (kind) => {
  let location: TestStoreLocation;
  let store: Store;
  let thread: MatcherThread;
  let inProcess: Matcher;
  let banked: string[];
  let protectBankId: number;

  beforeAll(async () => {
    location = await kind.createLocation();
    store = await openMigratedStore(location.location);
    protectBankId = (await store.listBanks()).find((bank) => bank.purpose === 'protect')!.id;
    banked = Array.from({ length: 2000 }, randomPdq);
    await store.addBankSignals({
      bankId: protectBankId,
      signals: [
        ...banked.map((value) => ({ type: 'pdq' as const, value, quality: 90 })),
        { type: 'md5' as const, value: randomMd5(), quality: null },
      ],
      at: new Date(),
    });
    thread = new MatcherThread(location.location, { pollIntervalMs: 0 });
    inProcess = new Matcher(store, { pollIntervalMs: 0 });
    await Promise.all([thread.start(), inProcess.start()]);
  });

  afterAll(async () => {
    await thread.stop();
    await inProcess.stop();
    await store.close();
    await location.dispose();
  });

  it('loads the bank and answers exactly as the in-process matcher does', async () => {
    expect(thread.size).toBe(2001);
    expect(thread.cursor).toBe(inProcess.cursor);
    const queries: MatcherQuery[] = [
      ...banked.slice(0, 50).map((hash, i) => ({ type: 'pdq' as const, hash: flipBits(hash, i) })),
      ...Array.from({ length: 20 }, () => ({ type: 'pdq' as const, hash: randomPdq() })),
      { type: 'md5', hash: randomMd5() },
    ];
    const answers = await thread.match(queries);
    expect(answers).toEqual(inProcess.match(queries));
    // The near-duplicates within 31 bits are found, with their bank.
    expect(answers.slice(0, 32).every((hits) => hits.length === 1)).toBe(true);
    expect(answers[0]![0]).toMatchObject({ distance: 0, bank: { purpose: 'protect' } });
  });

  it('sees a write once sync() has resolved', async () => {
    const value = randomPdq();
    const [added] = await store.addBankSignals({
      bankId: protectBankId,
      signals: [{ type: 'pdq', value, quality: 90 }],
      at: new Date(),
    });
    await thread.sync();
    expect((await thread.match([{ type: 'pdq', hash: value }]))[0]).toHaveLength(1);
    await store.withdrawBankSignals({
      bankId: protectBankId,
      signalIds: [added!.id],
      at: new Date(),
    });
    await thread.sync();
    expect((await thread.match([{ type: 'pdq', hash: value }]))[0]).toEqual([]);
    expect(thread.cursor).toBe(await store.latestSeq());
  });

  it('leaves the server thread free while it matches a batch', async () => {
    const batch = Array.from({ length: 1000 }, () => ({ type: 'pdq' as const, hash: randomPdq() }));
    const order: string[] = [];
    const matched = thread.match(batch).then(() => order.push('batch matched'));
    setImmediate(() => order.push('event loop turned'));
    await matched;
    expect(order).toEqual(['event loop turned', 'batch matched']);
  });
});

describe('the matcher thread when it cannot work', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aman-matcher-thread-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails to start, saying why, when the store cannot be read', async () => {
    // A folder where the database file should be: SQLite cannot open it.
    const thread = new MatcherThread(dir, { pollIntervalMs: 0 });
    await expect(thread.start()).rejects.toThrow(/database|directory|open/i);
    await thread.stop();
  });

  it('answers 503 unavailable, not a hang, when it is not running', async () => {
    const thread = new MatcherThread(join(dir, 'never-started.sqlite'));
    await expect(thread.match([{ type: 'pdq', hash: randomPdq() }])).rejects.toSatisfy(
      (error) =>
        error instanceof DomainError && error.code === 'unavailable' && error.status === 503,
    );
  });
});
