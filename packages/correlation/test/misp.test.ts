import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../src/correlator.ts';
import { SEXTORTION_TAG, toMispEvent, type MispEvent } from '../src/export/misp.ts';
import { demoReports } from './support/demo-reports.ts';
import { ind, report } from './support/reports.ts';

interface Facts {
  templates: Record<
    string,
    {
      uuid: string;
      version: number;
      'meta-category': string;
      required?: string[];
      requiredOneOf?: string[];
      attributes: Record<string, { type: string; multiple?: boolean }>;
    }
  >;
  categories: Record<string, string[]>;
  taxonomy: { namespace: string; predicate: string; value: string };
}
const facts = JSON.parse(
  readFileSync(new URL('./fixtures/misp-facts.json', import.meta.url), 'utf8'),
) as Facts;

const correlator = new Correlator();
correlator.addAll(demoReports({ seed: 5 }));
const now = new Date('2025-07-01T12:00:00.000Z');
const events = correlator.networks().map((network) => toMispEvent(network, { now }));
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('MISP export', () => {
  it('builds one event per network in the MISP core format, tagged sextortion', () => {
    expect(events.length).toBeGreaterThanOrEqual(4);
    const { namespace, predicate, value } = facts.taxonomy;
    expect(SEXTORTION_TAG).toBe(`${namespace}:${predicate}="${value}"`);
    for (const { Event } of events) {
      expect(Event.uuid).toMatch(uuidPattern);
      expect(Event.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Event.timestamp).toBe(String(Date.parse('2025-07-01T12:00:00Z') / 1000));
      expect(['1', '2', '3', '4']).toContain(Event.threat_level_id);
      expect(['0', '1', '2']).toContain(Event.analysis);
      expect(Event.distribution).toBe('0');
      expect(Event.published).toBe(false);
      expect(Event.Tag.map((tag) => tag.name)).toEqual([SEXTORTION_TAG, 'tlp:amber']);
      expect(Event.info).toMatch(/^Sextortion network net-[0-9a-f]{12}: \d+ victims/);
    }
  });

  it('follows each object template: name, uuid, version, relations, types, required attributes', () => {
    const used = new Set<string>();
    for (const { Event } of events) {
      expect(Event.Object.length).toBeGreaterThan(0);
      for (const object of Event.Object) {
        const template = facts.templates[object.name];
        expect(template, object.name).toBeDefined();
        used.add(object.name);
        expect(object.template_uuid).toBe(template!.uuid);
        expect(object.template_version).toBe(String(template!.version));
        expect(object['meta-category']).toBe(template!['meta-category']);
        expect(object.uuid).toMatch(uuidPattern);
        const relations = object.Attribute.map((attribute) => attribute.object_relation!);
        for (const attribute of object.Attribute) {
          const spec = template!.attributes[attribute.object_relation!];
          expect(spec, `${object.name}.${attribute.object_relation}`).toBeDefined();
          expect(attribute.type).toBe(spec!.type);
          expect(facts.categories[attribute.type]).toContain(attribute.category);
          expect(attribute.value.length).toBeGreaterThan(0);
          if (spec!.multiple !== true) {
            expect(relations.filter((r) => r === attribute.object_relation)).toHaveLength(1);
          }
        }
        for (const required of template!.required ?? []) expect(relations).toContain(required);
        if (template!.requiredOneOf !== undefined) {
          expect(template!.requiredOneOf.some((r) => relations.includes(r))).toBe(true);
        }
      }
    }
    // The demo rings use phones, receivers, IBANs, wallets and profiles.
    expect([...used].sort()).toEqual(
      [
        'bank-account',
        'btc-wallet',
        'coin-address',
        'person',
        'phone-number',
        'user-account',
      ].sort(),
    );
  });

  it('maps every kind of identifier to its template', () => {
    const correlator = new Correlator();
    const identifiers = [
      ind('email', 'sara.belle@protonmail.com'),
      ind('url', 'https://mega.nz/file/AbCdEf'),
      ind('mtcn', '1234567890', { service: 'western-union' }),
      ind('transfer-ref', '77120045', { service: 'wafacash' }),
      ind(
        'monero',
        '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',
      ),
      ind('ethereum', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaee'),
      ind('social', 'facebook:100089123456', { service: 'facebook' }),
    ];
    correlator.addAll([report('a', 'c1', 0, identifiers), report('b', 'c2', 1, identifiers)]);
    const event = toMispEvent(correlator.networks()[0]!, { now });
    const summary = event.Event.Object.map((o) => [
      o.name,
      o.Attribute.map((a) => `${a.object_relation}=${a.value}`).join(' '),
    ]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['email', 'from=sara.belle@protonmail.com'],
        ['url', 'url=https://mega.nz/file/AbCdEf'],
        [
          'transaction',
          'transaction-number=1234567890 transmode-code=money transfer transmode-comment=Western Union',
        ],
        [
          'transaction',
          'transaction-number=77120045 transmode-code=money transfer transmode-comment=wafacash',
        ],
        [
          'coin-address',
          'address-xmr=44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A symbol=XMR',
        ],
        ['coin-address', 'address-crypto=0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaee symbol=ETH'],
        [
          'user-account',
          'user-id=100089123456 account-type=facebook link=https://www.facebook.com/profile.php?id=100089123456',
        ],
      ]),
    );
    expect(summary).toHaveLength(identifiers.length);
  });

  it('is stable across exports and carries no victim data', () => {
    const network = correlator.networks()[0]!;
    const first = toMispEvent(network, { now });
    const later = toMispEvent(network, { now: new Date('2025-09-01T00:00:00Z') });
    const uuids = (event: MispEvent): string[] => [
      event.Event.uuid,
      ...event.Event.Object.flatMap((o) => [o.uuid, ...o.Attribute.map((a) => a.uuid)]),
    ];
    expect(uuids(later)).toEqual(uuids(first));
    expect(new Set(uuids(first)).size).toBe(uuids(first).length);
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/SYN-C\d|SYN-R\d/);
    expect(text).not.toContain('+18008435678');
    expect(text).not.toContain('example.com');
  });
});
