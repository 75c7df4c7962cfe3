/**
 * Two server processes on one database (a replica, or `aman serve` twice): what one writes, the
 * other's matcher picks up from the change feed within its poll interval (250 ms, the default),
 * well under a second; a server started later loads the current state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmanClient } from '@aman/api';
import { randomPdq } from './helpers/factories.ts';
import { startTestServer, unwrap, type TestServer } from './helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from './helpers/stores.ts';

const POLL_MS = 250;

describe.each(storeKinds)('replicas on $kind', (kind) => {
  let location: TestStoreLocation;
  let writer: TestServer;
  let replica: TestServer;
  let replicaPlatform: AmanClient;

  beforeAll(async () => {
    location = await kind.createLocation();
    writer = await startTestServer(location.location, { pollIntervalMs: POLL_MS });
    replica = await startTestServer(location.location, { pollIntervalMs: POLL_MS });
    replicaPlatform = await replica.platform('Replica Platform');
  });

  afterAll(async () => {
    await writer.close();
    await replica.close();
    await location.dispose();
  });

  /** Milliseconds until the replica's answer for `value` has `count` matches (fails after 1 s). */
  async function convergence(value: string, count: number, since: number): Promise<number> {
    for (;;) {
      const { results } = unwrap(
        await replicaPlatform.match({ signals: [{ type: 'pdq', value }] }),
      );
      const elapsed = performance.now() - since;
      if (results[0]?.matches.length === count) return elapsed;
      if (elapsed > 1000) throw new Error(`the replica did not converge within 1 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('matches a hash added on the other server within a second, and stops after its withdrawal', async () => {
    const value = randomPdq();
    const opened = unwrap(
      await writer.victim.createCase({ signals: [{ type: 'pdq', value, quality: 90 }] }),
    );
    expect(await convergence(value, 1, performance.now())).toBeLessThan(1000);

    unwrap(await writer.victim.withdraw(opened.caseNumber, opened.pin));
    expect(await convergence(value, 0, performance.now())).toBeLessThan(1000);
  });

  it('starts from the current state: active signals in, withdrawn ones out', async () => {
    const kept = randomPdq();
    const dropped = randomPdq();
    const opened = unwrap(
      await writer.victim.createCase({
        signals: [
          { type: 'pdq', value: kept, quality: 90 },
          { type: 'pdq', value: dropped, quality: 90 },
        ],
      }),
    );
    const ids = unwrap(await writer.victim.getCase(opened.caseNumber, opened.pin)).signals.map(
      (s) => s.id,
    );
    unwrap(await writer.victim.withdraw(opened.caseNumber, opened.pin, { signalIds: [ids[1]!] }));

    const late = await startTestServer(location.location);
    try {
      const platform = await late.platform('Late Platform');
      const { results } = unwrap(
        await platform.match({
          signals: [
            { type: 'pdq', value: kept },
            { type: 'pdq', value: dropped },
          ],
        }),
      );
      expect(results.map((result) => result.matches.map((match) => match.id))).toEqual([
        [ids[0]],
        [],
      ]);
      expect(late.matcher.cursor).toBe(await late.store.latestSeq());
    } finally {
      await late.close();
    }
  });
});
