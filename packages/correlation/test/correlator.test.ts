import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../src/correlator.ts';
import { defaultSafelist } from '../src/safelist/defaults.ts';
import { Safelist } from '../src/safelist/safelist.ts';
import { flipBits, ind, LURE, report } from './support/reports.ts';

const MA_PHONE = '+212612345678';
const RING_IBAN = 'MA64011519000001205000534921';

describe('linking', () => {
  it('links the victims of one ring through every spelling of its identifiers', () => {
    const correlator = new Correlator();
    // What triage makes of "+212 6 12 34 56 78", "06 12 34 56 78" (Moroccan context) and "00212 612…".
    correlator.add(
      report('r1', 'c1', 0, [ind('phone', MA_PHONE, { value: '+212 6 12 34 56 78' })]),
    );
    correlator.add(report('r2', 'c2', 1, [ind('phone', MA_PHONE, { value: '06 12 34 56 78' })]));
    correlator.add(
      report('r3', 'c3', 2, [
        ind('phone', MA_PHONE, { value: '00212 612 345 678' }),
        ind('iban', RING_IBAN, { value: 'MA64 0115 1900 0001 2050 0053 4921' }),
      ]),
    );
    correlator.add(report('r4', 'c4', 3, [ind('iban', RING_IBAN)]));
    correlator.add(
      report('r5', 'c5', 4, [ind('social', 'facebook:sara.belle.77', { service: 'facebook' })]),
    );
    correlator.add(report('r6', 'c6', 5, [ind('url', 'https://m.facebook.com/SaraBelle77/')]));
    const clusters = correlator.clusters().map((cluster) => cluster.join(','));
    expect(clusters.sort()).toEqual(['r1,r2,r3,r4', 'r5,r6']);
  });

  it('links the reports of one case, unless told not to', () => {
    const reports = [report('a', 'same-victim', 0, []), report('b', 'same-victim', 1, [])];
    const linked = new Correlator();
    linked.addAll(reports);
    expect(linked.networkOf('a')).toBe(linked.networkOf('b'));
    const apart = new Correlator({ linkSameCase: false });
    apart.addAll(reports);
    expect(apart.networkOf('a')).not.toBe(apart.networkOf('b'));
  });

  it('does not link through identifiers that failed their checksum', () => {
    const typo = ind('iban', 'MA64011519000001205000534922', { valid: false });
    const strict = new Correlator();
    strict.addAll([report('a', 'c1', 0, [typo]), report('b', 'c2', 1, [typo])]);
    expect(strict.networkOf('a')).not.toBe(strict.networkOf('b'));
    const added = strict.add(report('c', 'c3', 2, [typo]));
    expect(added.ok && added.value.unlinked.map((u) => u.reason)).toEqual(['invalid']);
    const lenient = new Correlator({ linkInvalid: true });
    lenient.addAll([report('a', 'c1', 0, [typo]), report('b', 'c2', 1, [typo])]);
    expect(lenient.networkOf('a')).toBe(lenient.networkOf('b'));
  });

  it('links near-duplicate lure material, not different material', () => {
    const correlator = new Correlator();
    correlator.add(report('a', 'c1', 0, [], { lureHashes: [LURE] }));
    const near = correlator.add(report('b', 'c2', 1, [], { lureHashes: [flipBits(LURE, 12)] }));
    expect(near.ok && near.value.lureMatches).toEqual(['a']);
    // 40 bits from the first, 52 from the second: other material.
    correlator.add(report('c', 'c3', 2, [], { lureHashes: [flipBits(LURE, 40, 100)] }));
    expect(correlator.networkOf('b')).toBe(correlator.networkOf('a'));
    expect(correlator.networkOf('c')).not.toBe(correlator.networkOf('a'));
    const summary = correlator.network(correlator.networkOf('a')!)!;
    expect(summary.lureMaterial).toEqual([
      {
        representative: LURE,
        hashes: [LURE, flipBits(LURE, 12)].sort(),
        reports: 2,
      },
    ]);
    const blind = new Correlator({ lureThreshold: -1 });
    blind.addAll([
      report('a', 'c1', 0, [], { lureHashes: [LURE] }),
      report('b', 'c2', 1, [], { lureHashes: [LURE] }),
    ]);
    expect(blind.networkOf('a')).not.toBe(blind.networkOf('b'));
  });
});

describe('incremental updates', () => {
  it('keeps network names stable: a merge keeps the older name', () => {
    const correlator = new Correlator();
    correlator.add(report('old', 'c1', 0, [ind('phone', MA_PHONE)]));
    correlator.add(report('other', 'c2', 1, [ind('iban', RING_IBAN)]));
    const oldName = correlator.networkOf('old');
    const otherName = correlator.networkOf('other');
    correlator.add(report('unrelated', 'c3', 2, [ind('email', 'x@gmail.com')]));
    expect(correlator.networkOf('old')).toBe(oldName);
    expect(correlator.networkOf('other')).toBe(otherName);
    const bridge = correlator.add(
      report('bridge', 'c4', 3, [ind('phone', MA_PHONE), ind('iban', RING_IBAN)]),
    );
    expect(bridge.ok && bridge.value.linkedBy.map((key) => key.key)).toEqual([
      `phone:${MA_PHONE}`,
      `iban:${RING_IBAN}`,
    ]);
    expect(bridge.ok && bridge.value.network).toBe(oldName);
    expect(correlator.networkOf('other')).toBe(oldName);
    expect(correlator.network(otherName!)).toBeUndefined();
  });

  it('relinks when the safelist changes: a new entry splits the network it held together', () => {
    const safelist = new Safelist();
    const correlator = new Correlator({ safelist });
    const local = '+212522000000';
    correlator.addAll([
      report('a', 'c1', 0, [ind('phone', local), ind('iban', RING_IBAN)]),
      report('b', 'c2', 1, [ind('phone', local), ind('phone', MA_PHONE)]),
    ]);
    expect(correlator.networkOf('a')).toBe(correlator.networkOf('b'));
    const added = safelist.add({
      kind: 'phone',
      value: local,
      reason: 'helpline',
      label: 'local helpline',
    });
    expect(added.ok).toBe(true);
    expect(correlator.networkOf('a')).not.toBe(correlator.networkOf('b'));
    expect(correlator.networkCount).toBe(2);
    // Still on both reports, marked, linking nothing.
    const summary = correlator.network(correlator.networkOf('a')!)!;
    expect(summary.identifiers.find((i) => i.value === local)).toMatchObject({
      links: false,
      safelisted: { reason: 'helpline', label: 'local helpline' },
    });
    safelist.remove({ type: 'identifier', key: `phone:${local}` });
    expect(correlator.networkOf('a')).toBe(correlator.networkOf('b'));
  });

  it('keeps summaries current as reports arrive and as the safelist changes', () => {
    const safelist = new Safelist();
    const correlator = new Correlator({ safelist });
    correlator.addAll([
      report('a', 'c1', 0, [ind('phone', MA_PHONE)]),
      report('b', 'c2', 1, [ind('phone', MA_PHONE)]),
    ]);
    expect(correlator.networks().map((n) => n.victims)).toEqual([2]);
    correlator.add(report('c', 'c3', 2, [ind('phone', MA_PHONE)]));
    expect(correlator.networks().map((n) => n.victims)).toEqual([3]);
    expect(correlator.network(correlator.networkOf('a')!)?.reports).toBe(3);
    safelist.add({ kind: 'phone', value: MA_PHONE, reason: 'other', label: 'x' });
    expect(correlator.networks()).toEqual([]);
  });

  it('refuses malformed reports with a code and changes nothing', () => {
    const correlator = new Correlator();
    correlator.add(report('ok', 'c1', 0, [ind('phone', MA_PHONE)]));
    const bad: unknown[] = [
      report('ok', 'c9', 0, []),
      { ...report('t', 'c2', 0, []), receivedAt: 'last tuesday' },
      { ...report('i', 'c2', 0, []), indicators: [{ type: 'phone' }] },
      { ...report('i2', 'c2', 0, []), indicators: 'phone' },
      report('l', 'c2', 0, [], { lureHashes: ['abc'] }),
      { ...report('f', 'c2', 0, []), family: 'romance' },
      { ...report('c', '', 0, []) },
      { ...report('', 'c2', 0, []) },
      null,
      report(
        'many',
        'c2',
        0,
        Array.from({ length: 1001 }, () => ind('phone', MA_PHONE)),
      ),
      report('x'.repeat(201), 'c2', 0, []),
    ];
    const codes = bad.map((input) => {
      const result = correlator.add(input as never);
      return result.ok ? 'ok' : result.error.code;
    });
    expect(codes).toEqual([
      'duplicate_report',
      'bad_received_at',
      'bad_indicator',
      'bad_indicators',
      'bad_lure_hash',
      'bad_family',
      'bad_case_id',
      'bad_report_id',
      'bad_report',
      'too_many_indicators',
      'bad_report_id',
    ]);
    expect(correlator.reportCount).toBe(1);
    expect(correlator.clusters()).toEqual([['ok']]);
    const batch = correlator.addAll([report('n', 'c2', 1, []), bad[1] as never]);
    expect(batch.added).toBe(1);
    expect(batch.refused).toEqual([
      {
        id: 't',
        code: 'bad_received_at',
        message: expect.stringContaining('last tuesday') as string,
      },
    ]);
  });
});

describe('safelist and hubs', () => {
  it('never links victims through safelisted identifiers, and still shows them', () => {
    const correlator = new Correlator();
    const result = correlator.add(
      report('a', 'c1', 0, [
        ind('phone', MA_PHONE),
        ind('phone', '+18008435678', { value: '1-800-843-5678' }),
        ind('bitcoin', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'),
        ind('email', 'report@example.org'),
      ]),
    );
    expect(result.ok && result.value.unlinked.map((u) => [u.key.kind, u.reason])).toEqual([
      ['phone', 'safelisted'],
      ['bitcoin', 'safelisted'],
      ['email', 'safelisted'],
    ]);
    correlator.add(
      report('b', 'c2', 1, [
        ind('phone', '+18008435678'),
        ind('bitcoin', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'),
        ind('email', 'Report@Example.org'),
      ]),
    );
    expect(correlator.networkOf('a')).not.toBe(correlator.networkOf('b'));
    const identifiers = correlator.network(correlator.networkOf('a')!)!.identifiers;
    expect(identifiers.filter((i) => i.safelisted !== undefined)).toHaveLength(3);
  });

  it('flags an identifier that holds separate rings together, and safelisting it splits them', () => {
    const correlator = new Correlator({ safelist: new Safelist() });
    const quoted = '+212537000000';
    // Three rings, each tied by its own number; every victim also quotes the same local number.
    for (const [ring, phone] of [
      ['x', '+212611111111'],
      ['y', '+212622222222'],
      ['z', '+212633333333'],
    ] as const) {
      for (let v = 0; v < 3; v++) {
        correlator.add(
          report(`${ring}${v}`, `${ring}-case${v}`, v, [
            ind('phone', phone),
            ...(v === 0 ? [ind('phone', quoted)] : []),
          ]),
        );
      }
    }
    expect(correlator.networks()).toHaveLength(1);
    const [hub, ...others] = correlator.hubs();
    expect(others).toEqual([]);
    expect(hub).toMatchObject({
      key: `phone:${quoted}`,
      victims: 3,
      groups: 3,
      multiVictimGroups: 3,
    });
    expect(hub?.reason).toContain('3 groups of several victims');
    correlator.safelist.add({
      kind: 'phone',
      value: quoted,
      reason: 'other',
      label: 'police station',
    });
    expect(correlator.networks().map((n) => n.victims)).toEqual([3, 3, 3]);
    expect(correlator.hubs()).toEqual([]);
  });

  it('counts the groups an identifier holds together exactly (against safelisting it and recounting)', () => {
    const phones = Array.from({ length: 8 }, (_, i) => `+21266100000${i}`);
    const caseReports = fc.array(
      fc.array(fc.subarray(phones, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
      { minLength: 2, maxLength: 12 },
    );
    fc.assert(
      fc.property(caseReports, (cases) => {
        const reports = cases.flatMap((reportsOfCase, c) =>
          reportsOfCase.map((numbers, r) =>
            report(
              `c${c}r${r}`,
              `case${c}`,
              c,
              numbers.map((n) => ind('phone', n)),
            ),
          ),
        );
        const correlator = new Correlator({ safelist: new Safelist() });
        correlator.addAll(reports);
        // minGroups 2 flags every identifier that holds two or more groups together.
        const hubs = correlator.hubs({
          minGroups: 2,
          minMultiVictimGroups: 99,
          minGroupsAcrossFamilies: 99,
        });
        for (const phone of phones) {
          const mentioning = reports.filter((x) =>
            x.indicators.some((i) => i.normalized === phone),
          );
          if (mentioning.length === 0) continue;
          const safelist = new Safelist();
          safelist.add({ kind: 'phone', value: phone, reason: 'other', label: 'test' });
          const without = new Correlator({ safelist });
          without.addAll(reports);
          const groups = without
            .clusters()
            .filter((cluster) => cluster.some((id) => mentioning.some((x) => x.id === id)));
          const victimsOf = (cluster: string[]): number =>
            new Set(cluster.map((id) => id.split('r')[0])).size;
          const hub = hubs.find((h) => h.key === `phone:${phone}`);
          const victims = new Set(mentioning.map((x) => x.caseId)).size;
          if (groups.length >= 2 && victims >= 2) {
            expect(hub, phone).toBeDefined();
            expect(hub!.groups).toBe(groups.length);
            expect(hub!.multiVictimGroups).toBe(groups.filter((g) => victimsOf(g) >= 2).length);
          } else {
            expect(hub, phone).toBeUndefined();
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("does not flag a ring's own number that victims share", () => {
    const correlator = new Correlator();
    for (let v = 0; v < 12; v++) {
      correlator.add(
        report(`r${v}`, `c${v}`, v, [
          ind('phone', MA_PHONE),
          ind('mtcn', `12345678${String(v).padStart(2, '0')}`),
        ]),
      );
    }
    expect(correlator.hubs()).toEqual([]);
  });
});

describe('network summaries', () => {
  const correlator = new Correlator();
  correlator.addAll([
    report('a', 'c1', 0, [
      ind('phone', MA_PHONE, { country: 'MA' }),
      ind('amount', '500 EUR', { amount: 500, currency: 'EUR' }),
      ind('receiver', 'amrani el youssef@ouedzem', {
        value: 'Youssef El Amrani',
        service: 'western-union',
        city: 'Oued Zem',
      }),
    ]),
    report('b', 'c1', 1, [
      ind('phone', MA_PHONE),
      ind('amount', '1000 EUR', { amount: 1000, currency: 'EUR' }),
    ]),
    report('c', 'c2', 9, [
      ind('phone', MA_PHONE),
      ind('iban', 'FR7630006000011234567890189'),
      ind('amount', '5000 MAD'),
    ]),
    report(
      'd',
      'c3',
      10,
      [
        ind('iban', 'FR7630006000011234567890189'),
        ind('bitcoin', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'),
      ],
      {
        family: 'mass-email-bluff',
      },
    ),
    report('lone', 'c4', 3, [ind('phone', '+2250707123456')]),
  ]);
  const network = correlator.networks()[0]!;

  it('counts victims and reports, first and last seen', () => {
    expect(correlator.networks()).toHaveLength(1);
    expect(network).toMatchObject({
      victims: 3,
      reports: 4,
      firstSeen: '2025-03-03T00:00:00.000Z',
      lastSeen: '2025-03-13T00:00:00.000Z',
    });
    expect(correlator.networks({ minVictims: 1 })).toHaveLength(2);
    expect(correlator.networks({ minVictims: 4 })).toHaveLength(0);
  });

  it('sums the amounts demanded per currency', () => {
    expect(network.amounts).toEqual([
      { currency: 'EUR', demands: 2, total: 1500, min: 500, max: 1000 },
      { currency: 'MAD', demands: 1, total: 5000, min: 5000, max: 5000 },
    ]);
  });

  it('lists payment channels, countries and families', () => {
    expect(network.paymentChannels).toEqual([
      { channel: 'bank-transfer', reports: 2 },
      { channel: 'bitcoin', reports: 1 },
      { channel: 'western-union', reports: 1 },
    ]);
    expect(network.countries).toEqual([
      { country: 'FR', sources: ['iban'], identifiers: 1 },
      { country: 'MA', sources: ['phone'], identifiers: 1 },
    ]);
    expect(network.families).toEqual([
      { family: 'webcam-blackmail', reports: 3 },
      { family: 'mass-email-bluff', reports: 1 },
    ]);
  });

  it('lists the identifiers, most reported first, with what they are', () => {
    expect(network.identifiers[0]).toEqual({
      key: `phone:${MA_PHONE}`,
      kind: 'phone',
      value: MA_PHONE,
      display: MA_PHONE,
      reports: 3,
      victims: 2,
      links: true,
      valid: true,
      paymentChannel: null,
      country: 'MA',
    });
    expect(network.identifiers.find((i) => i.kind === 'receiver')).toMatchObject({
      display: 'Youssef El Amrani, Oued Zem',
      paymentChannel: 'western-union',
    });
  });
});

describe('lookup', () => {
  const correlator = new Correlator();
  correlator.addAll([
    report('a', 'c1', 0, [ind('phone', MA_PHONE), ind('iban', RING_IBAN)]),
    report('b', 'c2', 7, [ind('phone', MA_PHONE)]),
    report('c', 'c3', 8, [ind('iban', RING_IBAN), ind('phone', '+18008435678')]),
  ]);

  it('finds an identifier whatever its spelling, with counts and dates only', () => {
    for (const spelling of ['+212612345678', '+212 6 12 34 56 78', '00212-612-345-678']) {
      const result = correlator.lookup('phone', spelling);
      expect(result).toEqual({
        ok: true,
        value: {
          key: `phone:${MA_PHONE}`,
          kind: 'phone',
          value: MA_PHONE,
          reports: 2,
          firstSeen: '2025-03-03T00:00:00.000Z',
          lastSeen: '2025-03-10T00:00:00.000Z',
          clusterSize: 3,
          safelisted: false,
        },
      });
    }
    expect(correlator.lookup('iban', 'ma64 0115 1900 0001 2050 0053 4921')).toMatchObject({
      ok: true,
      value: { reports: 2, clusterSize: 3 },
    });
  });

  it('answers for unknown and safelisted identifiers', () => {
    expect(correlator.lookup('email', 'nobody@gmail.com')).toMatchObject({
      ok: true,
      value: { reports: 0, firstSeen: null, lastSeen: null, clusterSize: 0, safelisted: false },
    });
    expect(correlator.lookup('phone', '+1 800 843 5678')).toMatchObject({
      ok: true,
      value: { reports: 1, clusterSize: null, safelisted: true },
    });
  });

  it('accepts platform names and links as types', () => {
    const withAccount = new Correlator();
    withAccount.add(
      report('a', 'c1', 0, [ind('social', 'instagram:lina.b22', { service: 'instagram' })]),
    );
    for (const [type, value] of [
      ['instagram', '@Lina.B22'],
      ['account', 'https://www.instagram.com/lina.b22/'],
      ['url', 'instagram.com/lina.b22'],
      ['social', 'instagram:lina.b22'],
    ] as const) {
      expect(withAccount.lookup(type, value), `${type} ${value}`).toMatchObject({
        ok: true,
        value: { key: 'account:instagram/lina.b22', reports: 1 },
      });
    }
  });

  it('explains what is wrong with a bad query', () => {
    const codes = [
      correlator.lookup('', '+212612345678'),
      correlator.lookup('phone', ''),
      correlator.lookup('phone', '06 12 34 56 78'),
      correlator.lookup('horoscope', 'virgo'),
      correlator.lookup('iban', 'not an iban'),
      correlator.lookup('email', `${'a'.repeat(3000)}@x.com`),
    ].map((result) => (result.ok ? 'ok' : result.error.code));
    expect(codes).toEqual([
      'missing_type',
      'missing_value',
      'bad_value',
      'unknown_type',
      'bad_value',
      'value_too_long',
    ]);
    const phone = correlator.lookup('phone', '0612345678');
    expect(!phone.ok && phone.error.message).toContain('international format');
  });
});

describe('graph', () => {
  const correlator = new Correlator({ safelist: defaultSafelist() });
  correlator.addAll([
    report('a', 'c1', 0, [ind('phone', MA_PHONE), ind('phone', '+18008435678')], {
      lureHashes: [LURE],
    }),
    report('b', 'c1', 1, [ind('phone', MA_PHONE)]),
    report('c', 'c2', 2, [ind('phone', MA_PHONE), ind('iban', RING_IBAN)], {
      lureHashes: [flipBits(LURE, 5)],
    }),
    report('d', 'c3', 3, [ind('iban', RING_IBAN), ind('phone', '+18008435678')]),
    report('e', 'c4', 4, [ind('email', 'lone@gmail.com')]),
  ]);
  const id = correlator.networkOf('a')!;

  it('draws cases, identifiers and lure material, with weighted edges and no victim data', () => {
    const graph = correlator.graph(id)!;
    const byType = (type: string): number => graph.nodes.filter((n) => n.type === type).length;
    expect([byType('case'), byType('identifier'), byType('lure')]).toEqual([3, 3, 1]);
    expect(graph.nodes.every((node) => !('caseId' in node))).toBe(true);
    expect(JSON.stringify(graph)).not.toMatch(/"c1"|"c2"|"c3"/);
    const phone = graph.nodes.find((n) => n.id === `phone:${MA_PHONE}`);
    expect(phone).toMatchObject({ type: 'identifier', reports: 3, links: true });
    // What the console's details panel shows of an identifier: none of it is a victim's data.
    expect(phone).toMatchObject({
      victims: 2,
      firstSeen: '2025-03-03T00:00:00.000Z',
      lastSeen: '2025-03-05T00:00:00.000Z',
      country: 'MA',
      safelisted: null,
    });
    const heavy = graph.edges.find((e) => e.target === `phone:${MA_PHONE}` && e.weight === 2);
    expect(heavy?.type).toBe('mentions');
    const helpline = graph.nodes.find((n) => n.type === 'identifier' && !n.links);
    expect(helpline?.id).toBe(`${id}|phone:+18008435678`);
    expect(helpline?.type === 'identifier' && helpline.safelisted).toEqual(expect.any(String));
    expect(graph.edges.filter((e) => e.type === 'shows-lure')).toHaveLength(2);
    const nodeIds = new Set(graph.nodes.map((n) => n.id));
    expect(nodeIds.size).toBe(graph.nodes.length);
    for (const edge of graph.edges) {
      expect(nodeIds.has(edge.source) && nodeIds.has(edge.target)).toBe(true);
    }
  });

  it('reveals case ids only when asked', () => {
    const graph = correlator.graph(id, { revealCaseIds: true })!;
    const cases = graph.nodes.flatMap((n) => (n.type === 'case' ? [n.caseId] : []));
    expect(cases.sort()).toEqual(['c1', 'c2', 'c3']);
  });

  it('draws the whole picture within a node budget', () => {
    const whole = correlator.wholeGraph();
    expect(whole.nodes.every((n) => n.network === id)).toBe(true);
    expect(whole.nodes.some((n) => n.type === 'identifier' && !n.links)).toBe(false);
    // A lone victim's network adds its case; its one-victim identifier only when asked for.
    expect(correlator.wholeGraph({ minVictims: 1 }).nodes.length).toBe(whole.nodes.length + 1);
    expect(correlator.wholeGraph({ minVictims: 1, minIdentifierVictims: 1 }).nodes.length).toBe(
      correlator.wholeGraph({ minIdentifierVictims: 1 }).nodes.length + 2,
    );
    expect(correlator.wholeGraph({ maxNodes: 3 })).toMatchObject({ nodes: [], truncated: true });
    expect(correlator.graph('net-000000000000')).toBeUndefined();
  });
});

describe('trends', () => {
  const correlator = new Correlator();
  correlator.addAll([
    report('a', 'c1', 0, [ind('bitcoin', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')], {
      family: 'mass-email-bluff',
    }),
    report('b', 'c2', 1, [ind('mtcn', '1234567890')]),
    report('c', 'c3', 15, [ind('iban', RING_IBAN), ind('phone', MA_PHONE)]),
    report('d', 'c4', 16, [ind('phone', MA_PHONE)], { family: null }),
  ]);

  it('counts reports per ISO week, family and channel, on a continuous axis', () => {
    const trends = correlator.trends();
    expect(trends).toEqual({
      ok: true,
      value: {
        weeks: ['2025-W10', '2025-W11', '2025-W12'],
        reports: [2, 0, 2],
        byFamily: [
          { family: 'webcam-blackmail', counts: [1, 0, 1] },
          { family: 'mass-email-bluff', counts: [1, 0, 0] },
          { family: 'unknown', counts: [0, 0, 1] },
        ],
        byChannel: [
          { channel: 'bank-transfer', counts: [0, 0, 1] },
          { channel: 'bitcoin', counts: [1, 0, 0] },
          { channel: 'western-union', counts: [1, 0, 0] },
        ],
      },
    });
  });

  it('narrows to one network or a time range, and refuses bad times', () => {
    const network = correlator.networkOf('c')!;
    expect(correlator.trends({ network })).toMatchObject({ ok: true, value: { reports: [2] } });
    expect(correlator.trends({ from: '2025-03-10T00:00:00Z' })).toMatchObject({
      ok: true,
      value: { weeks: ['2025-W12'] },
    });
    expect(correlator.trends({ to: '2025-03-01T00:00:00Z' })).toMatchObject({
      ok: true,
      value: { weeks: [], reports: [] },
    });
    const bad = correlator.trends({ from: 'soon' });
    expect(!bad.ok && bad.error.code).toBe('bad_time');
    const unknown = correlator.trends({ network: 'net-nope' });
    expect(!unknown.ok && unknown.error.code).toBe('unknown_network');
  });
});

/** Any value as text, even one whose toString is not a function. */
function text(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  } catch {
    return 'unprintable';
  }
}

describe('hostile input', () => {
  it('never throws, whatever it is given: a report is added or refused with a reason', () => {
    const correlator = new Correlator();
    let serial = 0;
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 5 }), (anything, items) => {
        serial++;
        const attempts: unknown[] = [
          anything,
          { id: `t${serial}`, caseId: 'c', receivedAt: anything, indicators: [] },
          { id: `x${serial}`, caseId: 'c', receivedAt: 0, indicators: items },
          {
            id: `y${serial}`,
            caseId: 'c',
            receivedAt: 0,
            indicators: items.map((item) => ({
              type: 'phone',
              value: text(item),
              normalized: text(item),
              valid: true,
            })),
          },
        ];
        for (const attempt of attempts) {
          const result = correlator.add(attempt as never);
          if (!result.ok) expect(result.error.code).toMatch(/^[a-z_]+$/);
        }
      }),
      { numRuns: 300 },
    );
    expect(() => correlator.networks({ minVictims: 1 })).not.toThrow();
    expect(() => correlator.wholeGraph({ minVictims: 1 })).not.toThrow();
  });

  it('answers any lookup with a result', () => {
    const correlator = new Correlator();
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 3000 }), (type, value) => {
        const result = correlator.lookup(type, value);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
    for (const kind of [
      'phone',
      'email',
      'iban',
      'bitcoin',
      'account',
      'url',
      'receiver',
      'mtcn',
    ]) {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => {
          expect(typeof correlator.lookup(kind, value).ok).toBe('boolean');
        }),
        { numRuns: 200 },
      );
    }
  });
});
