import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../src/correlator.ts';
import { Safelist } from '../src/safelist/safelist.ts';
import type { IndicatorInput, ReportInput } from '../src/types.ts';
import { flipBits, ind, LURE, report } from './support/reports.ts';

const PHONE = '+212612345678';
const OTHER_PHONE = '+212661000001';
const IBAN = 'MA64011519000001205000534921';
const SAFE_PHONE = '+33140000000';

/**
 * Identifiers the generated reports draw from: one phone written three ways (the display is the
 * first spelling seen), an IBAN, a typo'd IBAN (does not link), an email, a safelisted number,
 * amounts in two currencies, a money-transfer receiver.
 */
const POOL: readonly IndicatorInput[] = [
  ind('phone', PHONE, { value: '+212 6 12 34 56 78' }),
  ind('phone', PHONE, { value: '06 12 34 56 78' }),
  ind('phone', PHONE, { value: '00212 612 345 678' }),
  ind('phone', OTHER_PHONE),
  ind('iban', IBAN, { value: 'MA64 0115 1900 0001 2050 0053 4921' }),
  ind('iban', 'MA64011519000001205000534922', { valid: false }),
  ind('email', 'ring@gmail.com'),
  ind('email', 'Ring@Gmail.com', { value: 'Ring@Gmail.com' }),
  ind('phone', SAFE_PHONE),
  ind('amount', '500 EUR', { amount: 500, currency: 'EUR' }),
  ind('amount', '3000 MAD', { amount: 3000, currency: 'MAD' }),
  ind('receiver', 'amrani youssef@oujda', { value: 'Youssef Amrani', city: 'Oujda' }),
];
const LURES = [LURE, flipBits(LURE, 10), flipBits(LURE, 20, 100), flipBits(LURE, 120)];
const FAMILIES = ['webcam-blackmail', 'other-extortion', null] as const;

function safelist(): Safelist {
  const list = new Safelist();
  list.add({ kind: 'phone', value: SAFE_PHONE, reason: 'other', label: 'a helpline' });
  return list;
}

/** Everything a reader can see, as plain data. */
function views(correlator: Correlator, probes: readonly IndicatorInput[]): unknown {
  const networks = correlator.networks({ minVictims: 1 });
  return {
    reportCount: correlator.reportCount,
    networkCount: correlator.networkCount,
    clusters: correlator.clusters(),
    networks,
    networkOf: correlator
      .clusters()
      .flat()
      .map((id) => correlator.networkOf(id)),
    graphs: networks.map((network) => correlator.graph(network.id)),
    wholeGraph: correlator.wholeGraph({ minVictims: 1, minIdentifierVictims: 1 }),
    hubs: correlator.hubs({ minGroups: 2, minMultiVictimGroups: 1, minGroupsAcrossFamilies: 1 }),
    trends: correlator.trends(),
    lookups: probes
      .filter((probe) => probe.type !== 'amount')
      .map((probe) => correlator.lookup(probe.type, probe.normalized)),
  };
}

type GeneratedReport = typeof generatedReport extends fc.Arbitrary<infer T> ? T : never;

const generatedReport = fc.record({
  caseNumber: fc.integer({ min: 0, max: 5 }),
  day: fc.integer({ min: 0, max: 40 }),
  family: fc.constantFrom(...FAMILIES),
  indicators: fc.subarray([...POOL], { maxLength: 4 }),
  lures: fc.subarray(LURES, { maxLength: 2 }),
});

function toReports(generated: ReadonlyArray<GeneratedReport>): ReportInput[] {
  return generated.map((g, i): ReportInput =>
    report(`r${i}`, `case${g.caseNumber}`, g.day, g.indicators, {
      family: g.family,
      ...(g.lures.length === 0 ? {} : { lureHashes: g.lures }),
    }),
  );
}

describe('removing reports', () => {
  it('leaves what a correlator built from the remaining reports would hold (property)', () => {
    fc.assert(
      fc.property(
        fc.array(generatedReport, { minLength: 1, maxLength: 14 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(generatedReport, { maxLength: 3 }),
        fc.boolean(),
        (generated, removals, later, sameCase) => {
          const reports = toReports(generated);
          // Reports added after the removals get ids of their own.
          const after = toReports(later).map((r) => ({ ...r, id: `later-${r.id}` }));
          const options = { safelist: safelist(), linkSameCase: sameCase };
          const correlator = new Correlator(options);
          correlator.addAll(reports);
          const removed = new Set(removals.map((n) => reports[n % reports.length]!.id));
          // Some one by one, the rest in one batch, plus an id never added.
          const [first, ...rest] = [...removed];
          if (first !== undefined) expect(correlator.remove(first)).toBe(true);
          expect(correlator.removeAll([...rest, 'never-added'])).toBe(rest.length);
          correlator.addAll(after);

          const fresh = new Correlator({ safelist: safelist(), linkSameCase: sameCase });
          fresh.addAll([...reports.filter((r) => !removed.has(r.id)), ...after]);
          expect(views(correlator, POOL)).toEqual(views(fresh, POOL));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('splits a network when the bridge report goes, and the lookup counts drop', () => {
    const correlator = new Correlator({ safelist: new Safelist() });
    correlator.addAll([
      report('a', 'victim-a', 0, [ind('phone', PHONE)]),
      report('bridge', 'victim-b', 1, [ind('phone', PHONE), ind('iban', IBAN)]),
      report('c', 'victim-c', 2, [ind('iban', IBAN)]),
    ]);
    expect(correlator.networks().map((n) => n.victims)).toEqual([3]);
    expect(correlator.lookup('phone', PHONE)).toMatchObject({
      ok: true,
      value: { reports: 2, clusterSize: 3 },
    });

    expect(correlator.remove('bridge')).toBe(true);
    expect(correlator.networkOf('bridge')).toBeUndefined();
    expect(correlator.networkOf('a')).not.toBe(correlator.networkOf('c'));
    // No network of two victims is left: the two halves are lone reports.
    expect(correlator.networks()).toEqual([]);
    expect(correlator.clusters()).toEqual([['a'], ['c']]);
    expect(correlator.lookup('phone', PHONE)).toMatchObject({
      ok: true,
      value: { reports: 1, clusterSize: 1 },
    });
    expect(correlator.lookup('iban', IBAN)).toMatchObject({
      ok: true,
      value: { reports: 1, firstSeen: '2025-03-05T00:00:00.000Z', clusterSize: 1 },
    });
    expect(correlator.remove('bridge')).toBe(false);
  });

  it('forgets an identifier only the removed report mentioned, and renames a network whose oldest report goes', () => {
    const correlator = new Correlator({ safelist: new Safelist() });
    correlator.addAll([
      report('oldest', 'v1', 0, [ind('phone', PHONE), ind('email', 'only@gmail.com')]),
      report('b', 'v2', 1, [ind('phone', PHONE)]),
      report('c', 'v3', 2, [ind('phone', PHONE)]),
    ]);
    const before = correlator.networkOf('b');
    correlator.remove('oldest');
    expect(correlator.networkOf('b')).not.toBe(before);
    expect(correlator.network(before!)).toBeUndefined();
    expect(correlator.networks()).toMatchObject([
      { id: correlator.networkOf('c'), victims: 2, firstSeen: '2025-03-04T00:00:00.000Z' },
    ]);
    expect(correlator.lookup('email', 'only@gmail.com')).toMatchObject({
      ok: true,
      value: { reports: 0, firstSeen: null, clusterSize: 0 },
    });
  });

  it('unlinks the lure material the removed report carried', () => {
    const correlator = new Correlator({ safelist: new Safelist() });
    correlator.addAll([
      report('a', 'v1', 0, [], { lureHashes: [LURE] }),
      report('b', 'v2', 1, [], { lureHashes: [flipBits(LURE, 12)] }),
    ]);
    expect(correlator.networks()).toHaveLength(1);
    correlator.remove('a');
    expect(correlator.networks()).toEqual([]);
    const again = correlator.add(report('c', 'v3', 2, [], { lureHashes: [LURE] }));
    expect(again.ok && again.value.lureMatches).toEqual(['b']);
  });
});
