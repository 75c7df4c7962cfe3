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
 * first spelling seen), an IBAN, a typo'd IBAN (does not link) and a spelling of it that passed its
 * checksum (the IBAN links while a report holds that spelling), an email, a safelisted number,
 * amounts in two currencies, a money-transfer receiver.
 */
const POOL: readonly IndicatorInput[] = [
  ind('phone', PHONE, { value: '+212 6 12 34 56 78' }),
  ind('phone', PHONE, { value: '06 12 34 56 78' }),
  ind('phone', PHONE, { value: '00212 612 345 678' }),
  ind('phone', OTHER_PHONE),
  ind('iban', IBAN, { value: 'MA64 0115 1900 0001 2050 0053 4921' }),
  ind('iban', 'MA64011519000001205000534922', { valid: false }),
  ind('iban', 'MA64011519000001205000534922', { value: 'MA64 0115 1900 0001 2050 0053 4922' }),
  ind('email', 'ring@gmail.com'),
  ind('email', 'Ring@Gmail.com', { value: 'Ring@Gmail.com' }),
  ind('phone', SAFE_PHONE),
  ind('phone', SAFE_PHONE, { value: '01 40 00 00 00' }),
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

/** What one step of a session does to a correlator. */
type Step =
  | { readonly kind: 'add'; readonly report: GeneratedReport; readonly reuseRemovedId: boolean }
  | { readonly kind: 'remove'; readonly picks: readonly number[] }
  | { readonly kind: 'read' }
  | { readonly kind: 'safelist' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      report: generatedReport,
      reuseRemovedId: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('remove' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('safelist' as const) }) },
);

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

  it('reads as a fresh correlator after any sequence of adds, removals, reads and safelist edits (property)', () => {
    fc.assert(
      fc.property(
        fc.array(generatedReport, { maxLength: 10 }),
        fc.array(step, { minLength: 1, maxLength: 24 }),
        fc.boolean(),
        fc.boolean(),
        (initial, steps, linkSameCase, linkInvalid) => {
          const options = { linkSameCase, linkInvalid };
          // The reports held, in the order added: what a fresh correlator is fed.
          const held = toReports(initial);
          const removedIds: string[] = [];
          let safelistEdited = false;
          const makeSafelist = (): Safelist => {
            const list = safelist();
            if (safelistEdited) {
              list.add({
                kind: 'phone',
                value: OTHER_PHONE,
                reason: 'other',
                label: 'a second helpline',
              });
            }
            return list;
          };
          const correlatorSafelist = makeSafelist();
          const correlator = new Correlator({ ...options, safelist: correlatorSafelist });
          correlator.addAll(held);
          const fresh = (): Correlator => {
            const built = new Correlator({ ...options, safelist: makeSafelist() });
            built.addAll(held);
            return built;
          };
          steps.forEach((current, n) => {
            switch (current.kind) {
              case 'add': {
                // A victim may send again a message they took back: the id comes back.
                const reused = current.reuseRemovedId ? removedIds.shift() : undefined;
                const [generated] = toReports([current.report]);
                const added = { ...generated!, id: reused ?? `step-${n}` };
                const expected = fresh().add(added);
                expect(correlator.add(added)).toEqual(expected);
                held.push(added);
                break;
              }
              case 'remove': {
                if (held.length === 0) break;
                const ids = new Set(current.picks.map((pick) => held[pick % held.length]!.id));
                expect(correlator.removeAll(ids)).toBe(ids.size);
                for (let i = held.length - 1; i >= 0; i--) {
                  if (ids.has(held[i]!.id)) held.splice(i, 1);
                }
                removedIds.push(...ids);
                break;
              }
              case 'read':
                expect(views(correlator, POOL)).toEqual(views(fresh(), POOL));
                break;
              case 'safelist':
                if (!safelistEdited) {
                  safelistEdited = true;
                  correlatorSafelist.add({
                    kind: 'phone',
                    value: OTHER_PHONE,
                    reason: 'other',
                    label: 'a second helpline',
                  });
                }
                break;
            }
          });
          expect(views(correlator, POOL)).toEqual(views(fresh(), POOL));
        },
      ),
      { numRuns: 200 },
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

  /**
   * Summaries are cached per network. These networks keep their size while something they show
   * changes elsewhere: each is read before the change, then compared with a fresh correlator.
   */
  describe('summaries of networks read before a change elsewhere', () => {
    const TYPO = 'MA64011519000001205000534922';
    const readBeforeAndAfter = (
      reports: readonly ReportInput[],
      change: (correlator: Correlator) => void,
      remaining: readonly ReportInput[],
      options: { linkSameCase?: boolean } = {},
    ): void => {
      const correlator = new Correlator({ safelist: safelist(), ...options });
      correlator.addAll(reports);
      correlator.networks({ minVictims: 1 });
      change(correlator);
      const fresh = new Correlator({ safelist: safelist(), ...options });
      fresh.addAll(remaining);
      expect(correlator.networks({ minVictims: 1 })).toEqual(fresh.networks({ minVictims: 1 }));
    };

    it('an identifier that starts linking when another network reports it validly', () => {
      const reports = [
        report('typo', 'v1', 0, [ind('iban', TYPO, { valid: false })]),
        report('valid', 'v2', 1, [ind('iban', TYPO)]),
      ];
      readBeforeAndAfter(reports.slice(0, 1), (c) => c.add(reports[1]!), reports);
    });

    it('an identifier that stops linking when its only valid report goes', () => {
      const reports = [
        report('valid', 'v1', 0, [ind('iban', TYPO)]),
        report('typo', 'v2', 1, [ind('iban', TYPO, { valid: false })]),
      ];
      readBeforeAndAfter(reports, (c) => c.remove('valid'), reports.slice(1));
    });

    it('a safelisted number shown as its next spelling when its first report goes', () => {
      const reports = [
        report('first', 'v1', 0, [ind('phone', SAFE_PHONE, { value: '+33 1 40 00 00 00' })]),
        report('next', 'v2', 1, [ind('phone', SAFE_PHONE, { value: '01 40 00 00 00' })]),
      ];
      readBeforeAndAfter(reports, (c) => c.remove('first'), reports.slice(1));
    });

    it("cases reordered when a case's first report, in another network, goes", () => {
      // Two lure groups of two reports each: listed in the order their cases first reported.
      const other = flipBits(LURE, 120);
      const reports = [
        report('x-elsewhere', 'case-x', 0, [ind('phone', PHONE)]),
        report('y1', 'case-y', 1, [ind('iban', IBAN)], { lureHashes: [LURE] }),
        report('x2', 'case-x', 2, [ind('iban', IBAN)], { lureHashes: [other] }),
        report('y2', 'case-y', 3, [ind('iban', IBAN)], { lureHashes: [flipBits(LURE, 10)] }),
        report('x3', 'case-x', 4, [ind('iban', IBAN)], { lureHashes: [flipBits(other, 10, 200)] }),
      ];
      readBeforeAndAfter(reports, (c) => c.remove('x-elsewhere'), reports.slice(1), {
        linkSameCase: false,
      });
    });
  });
});
