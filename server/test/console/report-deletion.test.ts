/**
 * A victim takes a message back, over real HTTP on both stores: three victims linked through one
 * bridge message (a phone in the first two, an IBAN in the last two); deleting the bridge splits
 * the network, as the staff networks API and the platforms' lookup API see it, at once in this
 * process and within its poll in a second process on the same database. Wrong PIN and another
 * case's message are refused; a whole-case withdrawal deletes the case's messages too; the audit
 * log records each deletion without its text; a process started after the deletions does not read
 * them back from the feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient, type ConsoleClient } from '@aman/api';
import type { ConsoleStore } from '../../src/repositories/console-store.ts';
import { ChainedAuditTrail } from '../../src/security/audit-trail.ts';
import { CorrelationService } from '../../src/services/correlation.service.ts';
import { randomMd5 } from '../helpers/factories.ts';
import { startConsoleTestServer, type ConsoleTestServer } from '../helpers/console-harness.ts';
import { unwrap } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

const PHONE = '+212612345678';
const IBAN = 'MA64011519000001205000534921';
const TEXTS = {
  first:
    "J'ai ta vidéo. Envoie 300 € ou je la publie. Contacte-moi sur WhatsApp +212 6 12 34 56 78 avant ce soir.",
  bridge:
    "Paie 500 € sur l'IBAN MA64 0115 1900 0001 2050 0053 4921 sinon ta famille verra tout. Mon WhatsApp: +212 6 12 34 56 78",
  last: 'Envoie 500 € sur l IBAN MA64 0115 1900 0001 2050 0053 4921 avant demain ou ta vidéo intime part à tes amis et ta famille.',
};

interface Victim {
  readonly caseNumber: string;
  readonly pin: string;
  readonly reportId: number;
}

describe.each(storeKinds)('a victim deletes a message, on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: ConsoleTestServer;
  let second: ConsoleTestServer;
  let investigator: ConsoleClient;
  let platform: AmanClient & { apiKey: string };
  let secondPlatform: AmanClient;
  const victims: Record<keyof typeof TEXTS, Victim> = {} as Record<keyof typeof TEXTS, Victim>;

  async function victimWith(text: string): Promise<Victim> {
    const opened = unwrap(
      await server.victim.createCase({ signals: [{ type: 'md5', value: randomMd5() }] }),
    );
    const report = unwrap(await server.victim.addReport(opened.caseNumber, opened.pin, { text }));
    return { ...opened, reportId: report.id };
  }

  const networkSizes = async () =>
    unwrap(await investigator.networks()).networks.map((network) => network.victims);

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startConsoleTestServer(location.location);
    // A second server process on the same database, tailing it every 50 ms.
    second = await startConsoleTestServer(location.location, { correlationPollMs: 50 });
    investigator = (await server.staff({ name: 'ines', role: 'investigator' })).client;
    platform = await server.platform('Lookup platform', ['lookup']);
    secondPlatform = new AmanClient({ baseUrl: second.url, apiKey: platform.apiKey });
    for (const name of ['first', 'bridge', 'last'] as const) {
      victims[name] = await victimWith(TEXTS[name]);
    }
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await server?.close();
    await location?.dispose();
  });

  it('links the three victims through the bridge message', async () => {
    expect(await networkSizes()).toEqual([3]);
    expect(unwrap(await platform.lookupIdentifier('phone', PHONE))).toMatchObject({
      reports: 2,
      clusterSize: 3,
    });
    await expect
      .poll(async () => unwrap(await secondPlatform.lookupIdentifier('iban', IBAN)).clusterSize)
      .toBe(3);
  });

  it('refuses a wrong PIN, another case’s message and a malformed id', async () => {
    const { first, bridge } = victims;
    const wrongPin = `${bridge.pin.slice(0, -1)}${bridge.pin.endsWith('0') ? '1' : '0'}`;
    expect(
      await server.victim.deleteReport(bridge.caseNumber, wrongPin, bridge.reportId),
    ).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(await server.victim.deleteReport(bridge.caseNumber, '', bridge.reportId)).toMatchObject({
      ok: false,
      error: { code: 'missing_pin' },
    });
    // The first victim's PIN opens their own case, which does not hold the bridge message.
    expect(
      await server.victim.deleteReport(first.caseNumber, first.pin, bridge.reportId),
    ).toMatchObject({ ok: false, status: 404, error: { code: 'report_not_found' } });
    expect(
      await server.victim.deleteReport(bridge.caseNumber, bridge.pin, 99_999_999),
    ).toMatchObject({ ok: false, status: 404, error: { code: 'report_not_found' } });
    const malformed = await fetch(`${server.url}/api/v1/cases/${bridge.caseNumber}/reports/abc`, {
      method: 'DELETE',
      headers: { 'x-case-pin': bridge.pin },
    });
    expect(malformed.status).toBe(400);
    // Nothing was deleted.
    expect(await networkSizes()).toEqual([3]);
  });

  it('deletes the bridge: the network splits at once here, and within a poll in the other process', async () => {
    const { bridge } = victims;
    const deleted = await server.victim.deleteReport(
      bridge.caseNumber,
      bridge.pin,
      bridge.reportId,
    );
    expect(deleted).toMatchObject({ ok: true, status: 204 });
    expect(unwrap(await server.victim.reports(bridge.caseNumber, bridge.pin)).reports).toEqual([]);

    // Two lone messages are no network of two victims.
    expect(await networkSizes()).toEqual([]);
    expect(unwrap(await platform.lookupIdentifier('phone', PHONE))).toMatchObject({
      reports: 1,
      clusterSize: 1,
    });
    expect(unwrap(await platform.lookupIdentifier('iban', IBAN))).toMatchObject({
      reports: 1,
      clusterSize: 1,
    });
    await expect
      .poll(async () => unwrap(await secondPlatform.lookupIdentifier('iban', IBAN)))
      .toMatchObject({ reports: 1, clusterSize: 1 });
    expect(second.console.correlation.reportCount).toBe(2);

    // Deleting it again: it is gone.
    expect(
      await server.victim.deleteReport(bridge.caseNumber, bridge.pin, bridge.reportId),
    ).toMatchObject({ ok: false, error: { code: 'report_not_found' } });
  });

  it('deletes the messages of a case withdrawn as a whole', async () => {
    const { last } = victims;
    const withdrawn = unwrap(await server.victim.withdraw(last.caseNumber, last.pin));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', reportsDeleted: 1 });
    expect(unwrap(await server.victim.reports(last.caseNumber, last.pin)).reports).toEqual([]);
    expect(unwrap(await platform.lookupIdentifier('iban', IBAN))).toMatchObject({
      reports: 0,
      clusterSize: 0,
    });
    await expect
      .poll(async () => unwrap(await secondPlatform.lookupIdentifier('iban', IBAN)).reports)
      .toBe(0);
  });

  it('audits each deletion by case and report id, without the text', async () => {
    const rows = await server.store.readAudit(0, 10_000);
    const deletions = rows.filter((row) => row.action === 'report.delete');
    expect(deletions).toHaveLength(1);
    expect(deletions[0]).toMatchObject({
      actorKind: 'victim',
      target: `report:${victims.bridge.reportId}`,
    });
    const withdrawal = rows.find((row) => row.action === 'case.withdraw');
    expect(JSON.parse(withdrawal!.details)).toMatchObject({ messages: 1 });
    const everything = JSON.stringify(rows);
    for (const text of Object.values(TEXTS)) expect(everything).not.toContain(text.slice(0, 30));
    expect(everything).not.toContain(IBAN);
    expect(everything).not.toContain(victims.bridge.pin);
  });

  it('starts a process without reading back the deletions made before it, and tails the feed from there', async () => {
    const feedEnd = await server.consoleStore.lastReportDeletionSeq();
    const feed = await server.consoleStore.readReportDeletions(0, 10_000);
    expect(feed.map((entry) => entry.reportId)).toContain(victims.bridge.reportId);
    expect(feedEnd).toBe(feed.at(-1)!.seq);

    // A process starting now, whose reads of the feed are recorded.
    const feedReads: Array<{ afterSeq: number; entries: number }> = [];
    const consoleStore: ConsoleStore = Object.create(server.consoleStore, {
      readReportDeletions: {
        value: async (afterSeq: number, limit: number) => {
          const entries = await server.consoleStore.readReportDeletions(afterSeq, limit);
          feedReads.push({ afterSeq, entries: entries.length });
          return entries;
        },
      },
    }) as ConsoleStore;
    const started = new CorrelationService({
      consoleStore,
      cipher: server.cipher,
      audit: new ChainedAuditTrail({
        store: server.store,
        keyring: () => server.cipher.keys,
        clock: server.clock,
      }),
      clock: server.clock,
      pollIntervalMs: 0,
    });
    await started.start();
    expect(feedReads).toEqual([{ afterSeq: feedEnd, entries: 0 }]);
    expect(started.reportCount).toBe(1);
    expect(started.networkOfReport(victims.first.reportId)).not.toBeNull();

    // A deletion after the start still reaches it.
    const { first } = victims;
    expect(
      await server.victim.deleteReport(first.caseNumber, first.pin, first.reportId),
    ).toMatchObject({
      ok: true,
    });
    await started.sync();
    expect(feedReads.at(-1)).toEqual({ afterSeq: feedEnd, entries: 1 });
    expect(started.reportCount).toBe(0);
    expect(started.networkOfReport(first.reportId)).toBeNull();
    started.stop();
  });
});
