/**
 * Correlation through the real server path, on both stores: synthetic victims open cases and add
 * their messages over HTTP (identifiers written many ways: +212 6…, 06…, 00212 6…, wa.me links,
 * IBANs with and without spaces…), an investigator reads the networks over HTTP, and pairwise
 * precision and recall against the generator's ground truth are printed and must be ≥ 0.95. Then
 * the identifier lookup, the exports (STIX validated against the STIX 2.1 schema), the safelist
 * and hubs, and a second server process that picks up the first one's reports.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairwiseScores, SEXTORTION_TAG } from '@aman/correlation';
import {
  generateSyntheticDataset,
  truthGroup,
  type SyntheticReport,
} from '@aman/correlation/synthetic';
import type { AmanClient, ConsoleClient } from '@aman/api';
import { randomMd5 } from '../helpers/factories.ts';
import { startConsoleTestServer, type ConsoleTestServer } from '../helpers/console-harness.ts';
import { unwrap } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

// Small enough to post over HTTP in seconds (every call checks a PIN with argon2id).
const dataset = generateSyntheticDataset({
  seed: 7,
  rings: 4,
  victimsPerRing: [8, 14],
  unrelatedVictims: 16,
});

const stixSchema = JSON.parse(
  readFileSync(
    new URL(
      '../../../packages/correlation/test/schemas/stix-2.1-aman.schema.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { $id: string };
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
});
addFormats(ajv);
ajv.addSchema(stixSchema);
const validateBundle = ajv.getSchema(stixSchema.$id)!;

/** Printed on purpose: the figures are the point (the console guard watches `console`). */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The graph's opaque id of a case node (@aman/correlation views/graph.ts). */
function caseNodeId(caseId: number): string {
  return `case-${createHash('sha256').update(`aman-case:c${caseId}`).digest('hex').slice(0, 16)}`;
}

describe.each(storeKinds)('correlation over HTTP on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: ConsoleTestServer;
  let investigator: ConsoleClient;
  let platform: AmanClient;
  /** Synthetic case id → the server's case id. */
  const caseIds = new Map<string, number>();

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startConsoleTestServer(location.location);
    investigator = (await server.staff({ name: 'ines', role: 'investigator' })).client;
    platform = await server.platform('Lookup platform', ['lookup']);
    const byCase = new Map<string, SyntheticReport[]>();
    for (const report of dataset.reports) {
      byCase.set(report.caseId, [...(byCase.get(report.caseId) ?? []), report]);
    }
    // Four victims at a time: the server is real, and so is its argon2id.
    const queue = [...byCase];
    await Promise.all(
      [1, 2, 3, 4].map(async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          const [syntheticCase, reports] = next;
          const opened = unwrap(
            await server.victim.createCase({ signals: [{ type: 'md5', value: randomMd5() }] }),
          );
          caseIds.set(syntheticCase, (await server.store.findCase(opened.caseNumber))!.id);
          for (const report of reports) {
            unwrap(
              await server.victim.addReport(opened.caseNumber, opened.pin, {
                text: report.text,
                ...(report.lureHashes === undefined ? {} : { lureHashes: [...report.lureHashes] }),
              }),
            );
          }
        }
      }),
    );
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    await location?.dispose();
  });

  it('finds the rings from the networks read over HTTP: pairwise precision and recall ≥ 0.95', async ({
    annotate,
  }) => {
    const graph = unwrap(await investigator.wholeGraph({ minVictims: 1, maxNodes: 20_000 }));
    expect(graph.truncated).toBe(false);
    const networkOfNode = new Map(
      graph.nodes.filter((node) => node.type === 'case').map((node) => [node.id, node.network]),
    );
    const clusters = new Map<string, string[]>();
    for (const report of dataset.reports) {
      const network = networkOfNode.get(caseNodeId(caseIds.get(report.caseId)!));
      expect(network, report.id).toBeDefined();
      clusters.set(network!, [...(clusters.get(network!) ?? []), report.id]);
    }
    const byId = new Map(dataset.reports.map((report) => [report.id, report]));
    const scores = pairwiseScores([...clusters.values()], (id) => truthGroup(byId.get(id)!));
    const line = `console correlation over HTTP (${kind.kind}), seed ${dataset.seed}: ${dataset.reports.length} reports from ${caseIds.size} victims, ${dataset.rings.length} rings: pairwise precision ${scores.precision.toFixed(4)}, recall ${scores.recall.toFixed(4)}`;
    print(line);
    await annotate(line);
    expect(scores.precision).toBeGreaterThanOrEqual(0.95);
    expect(scores.recall).toBeGreaterThanOrEqual(0.95);

    const listed = unwrap(await investigator.networks());
    expect(listed.networks.length).toBeGreaterThanOrEqual(dataset.rings.length);
    expect(listed.reports).toBe(dataset.reports.length);
    const top = listed.networks[0]!;
    expect(top.victims).toBeGreaterThanOrEqual(8);
    expect(top.firstSeen <= top.lastSeen).toBe(true);
    expect(top.paymentChannels.length + top.amounts.length).toBeGreaterThan(0);
  });

  it('answers the identifier lookup for every spelling, with counts and no victim data', async () => {
    const ring = dataset.rings.find((entry) =>
      entry.identifiers.some((identifier) => identifier.startsWith('+212')),
    )!;
    const phone = ring.identifiers.find((identifier) => identifier.startsWith('+212'))!;
    const national = `0${phone.slice(4, 5)} ${phone.slice(5, 7)} ${phone.slice(7, 9)} ${phone.slice(9, 11)} ${phone.slice(11)}`;
    const spellings = [phone, `00${phone.slice(1)}`, `+212 ${phone.slice(4)}`];
    const answers = await Promise.all(
      spellings.map(async (value) => unwrap(await platform.lookupIdentifier('phone', value))),
    );
    for (const answer of answers) {
      expect(answer).toEqual(answers[0]);
      expect(answer.reports).toBeGreaterThan(1);
      expect(answer.clusterSize).toBeGreaterThan(1);
      expect(Object.keys(answer).sort()).toEqual(
        ['clusterSize', 'firstSeen', 'lastSeen', 'reports', 'safelisted', 'type', 'value'].sort(),
      );
    }
    expect(national).toMatch(/^0\d/);
    const unknown = unwrap(await platform.lookupIdentifier('phone', '+33 6 00 00 00 00'));
    expect(unknown).toMatchObject({ reports: 0, firstSeen: null, clusterSize: 0 });
    expect(await platform.lookupIdentifier('phone', '0612345678')).toMatchObject({
      status: 400,
      error: { code: 'invalid_identifier' },
    });
    expect(await platform.lookupIdentifier('teleport', 'x')).toMatchObject({
      status: 400,
      error: { code: 'invalid_identifier' },
    });
  });

  it('exports a network as a MISP event and a STIX 2.1 bundle that validates', async () => {
    const top = unwrap(await investigator.networks()).networks[0]!;
    const misp = unwrap(await investigator.exportMisp(top.id));
    expect(JSON.stringify(misp)).toContain(SEXTORTION_TAG.replace(/"/g, '\\"'));
    const stix = unwrap(await investigator.exportStix(top.id));
    expect(validateBundle(stix), JSON.stringify(validateBundle.errors?.slice(0, 3))).toBe(true);
    expect(stix['type']).toBe('bundle');
    // No case or report reference leaves Aman.
    const text = JSON.stringify(stix) + JSON.stringify(misp);
    for (const caseId of caseIds.values()) expect(text).not.toContain(caseNodeId(caseId));
    const response = await fetch(`${server.url}/api/v1/networks/${top.id}/export/stix`, {
      headers: { cookie: '' },
    });
    expect(response.status).toBe(401);
    expect(await investigator.exportStix('net-unknown')).toMatchObject({
      status: 404,
      error: { code: 'network_not_found' },
    });
  });

  it('splits a network at once when one of its identifiers is safelisted, and joins it back when removed', async () => {
    const before = unwrap(await investigator.networks()).networks;
    const top = before[0]!;
    const linking = top.identifiers.filter((identifier) => identifier.links);
    const entries = await Promise.all(
      linking.map(async (identifier) =>
        unwrap(
          await investigator.addSafelist({
            kind: identifier.kind,
            value: identifier.value,
            reason: 'other',
            label: `test entry ${identifier.kind}`,
          }),
        ),
      ),
    );
    const after = unwrap(await investigator.networks()).networks;
    expect(after.find((network) => network.id === top.id)?.victims ?? 0).toBeLessThan(top.victims);
    const listed = unwrap(await investigator.safelist()).entries.filter((entry) => entry.custom);
    expect(listed).toHaveLength(entries.length);
    expect(listed[0]).toMatchObject({ addedBy: 'ines', custom: true });
    for (const entry of entries) unwrap(await investigator.removeSafelist({ rule: entry.rule }));
    expect(unwrap(await investigator.networks()).networks[0]).toMatchObject({
      id: top.id,
      victims: top.victims,
    });
    expect(
      await investigator.addSafelist({ domain: 'not a domain', reason: 'other', label: 'bad' }),
    ).toMatchObject({ status: 400, error: { code: 'invalid_safelist_entry' } });
    expect(
      await investigator.removeSafelist({ rule: { type: 'domain', domain: 'ncmec.org' } }),
    ).toMatchObject({ status: 404, error: { code: 'safelist_entry_not_found' } });
  });

  it('draws trends per week, family and payment channel, and lists hub candidates', async () => {
    const trends = unwrap(await investigator.trends());
    // The server stamps a report when it arrives: every report of this test is of this week.
    expect(trends.weeks).toHaveLength(1);
    expect(trends.byChannel.some((series) => series.counts[0]! > 0)).toBe(true);
    expect(trends.reports.reduce((sum, count) => sum + count, 0)).toBe(dataset.reports.length);
    expect(trends.byFamily.length).toBeGreaterThan(0);
    const top = unwrap(await investigator.networks()).networks[0]!;
    const own = unwrap(await investigator.trends({ network: top.id }));
    expect(own.reports.reduce((sum, count) => sum + count, 0)).toBe(top.reports);
    expect(await investigator.trends({ from: 'yesterday' })).toMatchObject({ status: 400 });
    expect(Array.isArray(unwrap(await investigator.hubs()).hubs)).toBe(true);
    const graph = unwrap(await investigator.networkGraph(top.id));
    expect(graph.nodes.some((node) => node.type === 'identifier')).toBe(true);
  });

  it('lets a second server process on the same database pick up the reports and safelist', async () => {
    const second = await startConsoleTestServer(location.location);
    try {
      expect(second.console.correlation.reportCount).toBe(dataset.reports.length);
    } finally {
      await second.close();
    }
  });
});
