import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../src/correlator.ts';
import { AMAN_STIX_EXTENSIONS, toStixBundle, type StixObject } from '../src/export/stix.ts';
import { STIX_SCO_NAMESPACE, uuidV5 } from '../src/export/uuid.ts';
import { demoReports } from './support/demo-reports.ts';

const schema = JSON.parse(
  readFileSync(new URL('./schemas/stix-2.1-aman.schema.json', import.meta.url), 'utf8'),
) as { $id: string };
// Strict about unknown keywords; patterns without a sibling "type" and
// "required" inside anyOf are fine: they refine properties declared next to them.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
});
addFormats(ajv);
ajv.addSchema(schema);
const validateBundle = ajv.getSchema(schema.$id)!;
const validateExtension = ajv.getSchema(`${schema.$id}#/$defs/extension-definition`)!;

const correlator = new Correlator();
correlator.addAll(demoReports({ seed: 11 }));
const networks = correlator.networks();
const now = new Date('2025-07-01T12:00:00.000Z');
const bundle = toStixBundle(networks, { now });
const byId = new Map(bundle.objects.map((object) => [object.id, object]));
const ofType = (type: string): StixObject[] => bundle.objects.filter((o) => o.type === type);

describe('STIX 2.1 export', () => {
  it('validates against the STIX 2.1 JSON schema written from the specification', () => {
    expect(networks.length).toBeGreaterThanOrEqual(4);
    const valid = validateBundle(bundle);
    expect(validateBundle.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    for (const definition of AMAN_STIX_EXTENSIONS) {
      expect(validateExtension(definition), JSON.stringify(validateExtension.errors)).toBe(true);
    }
  });

  it('the schema rejects what STIX forbids (so that passing it means something)', () => {
    const broken = (mutate: (objects: Record<string, unknown>[]) => void): boolean => {
      const copy = structuredClone(bundle) as unknown as { objects: Record<string, unknown>[] };
      mutate(copy.objects);
      return validateBundle(copy) as boolean;
    };
    const first = (type: string) => (objects: Record<string, unknown>[]) =>
      objects.find((o) => o['type'] === type)!;
    expect(broken((o) => delete first('indicator')(o)['valid_from'])).toBe(false);
    expect(
      broken((o) => (first('indicator')(o)['pattern'] = "[phone-number:value = '+1' OR x]")),
    ).toBe(false);
    expect(broken((o) => (first('indicator')(o)['created'] = '2025-07-01T12:00:00Z'))).toBe(false);
    expect(broken((o) => (first('observed-data')(o)['number_observed'] = 0))).toBe(false);
    expect(broken((o) => (first('relationship')(o)['relationship_type'] = 'indicates-maybe'))).toBe(
      false,
    );
    expect(broken((o) => (first('phone-number')(o)['value'] = '06 12 34 56 78'))).toBe(false);
    expect(broken((o) => (first('identity')(o)['id'] = 'identity--not-a-uuid'))).toBe(false);
    expect(broken((o) => (first('intrusion-set')(o)['nickname'] = 'x'))).toBe(false);
    expect(broken((o) => (first('marking-definition')(o)['name'] = 'TLP:PINK'))).toBe(false);
  });

  it('is internally consistent: references resolve, times are ordered, patterns match their objects', () => {
    const refs = (object: StixObject): string[] => [
      ...(['created_by_ref', 'source_ref', 'target_ref'] as const).flatMap((name) =>
        typeof object[name] === 'string' ? [object[name]] : [],
      ),
      ...((object['object_refs'] as string[] | undefined) ?? []),
      ...((object['object_marking_refs'] as string[] | undefined) ?? []),
    ];
    for (const object of bundle.objects) {
      for (const ref of refs(object)) expect(byId.has(ref), `${object.id} -> ${ref}`).toBe(true);
      if (typeof object['created'] === 'string' && typeof object['modified'] === 'string') {
        expect(object['modified'] >= object['created']).toBe(true);
      }
      if (object.type === 'observed-data') {
        expect(String(object['last_observed']) >= String(object['first_observed'])).toBe(true);
      }
    }
    for (const indicator of ofType('indicator')) {
      const basedOn = ofType('relationship').find(
        (r) => r['source_ref'] === indicator.id && r['relationship_type'] === 'based-on',
      )!;
      const observed = byId.get(String(basedOn['target_ref']))!;
      const sco = byId.get((observed['object_refs'] as string[])[0]!)!;
      // Every comparison of the pattern holds on the observed object.
      const tests = [
        ...String(indicator['pattern']).matchAll(/([a-z-]+):([a-z_.A-Z]+) = '((?:[^'\\]|\\.)*)'/g),
      ];
      expect(tests.length).toBeGreaterThan(0);
      for (const [, type, path, literal] of tests) {
        expect(type).toBe(sco.type);
        const value = path!
          .split('.')
          .reduce<unknown>((at, name) => (at as Record<string, unknown>)[name], sco);
        expect(value).toBe(literal!.replace(/\\(['\\])/g, '$1'));
      }
      expect(
        ofType('relationship').some(
          (r) => r['source_ref'] === indicator.id && r['relationship_type'] === 'indicates',
        ),
      ).toBe(true);
    }
  });

  it('derives SCO ids from their contributing properties (§2.9), so any producer dedups with Aman', () => {
    const email = ofType('email-addr')[0];
    if (email !== undefined) {
      expect(email.id).toBe(
        `email-addr--${uuidV5(`{"value":${JSON.stringify(email['value'])}}`, STIX_SCO_NAMESPACE)}`,
      );
    }
    for (const account of ofType('user-account')) {
      const name = account['account_login'] === undefined ? 'user_id' : 'account_login';
      const json = `{${JSON.stringify(name)}:${JSON.stringify(account[name])},"account_type":${JSON.stringify(account['account_type'])}}`;
      // JCS orders keys by code unit: account_login / account_type, or account_type / user_id.
      const sorted =
        name === 'user_id'
          ? `{"account_type":${JSON.stringify(account['account_type'])},"user_id":${JSON.stringify(account['user_id'])}}`
          : json;
      expect(account.id).toBe(`user-account--${uuidV5(sorted, STIX_SCO_NAMESPACE)}`);
    }
    for (const wallet of ofType('cryptocurrency-wallet')) {
      expect(wallet.id).toBe(
        `cryptocurrency-wallet--${uuidV5(`{"address":${JSON.stringify(wallet['address'])}}`, STIX_SCO_NAMESPACE)}`,
      );
    }
  });

  it('is deterministic: the same networks give the same ids, a new export only changes the bundle id', () => {
    const again = toStixBundle(correlator.networks(), { now });
    expect(again).toEqual(bundle);
    const later = toStixBundle(correlator.networks(), {
      now: new Date('2025-08-01T00:00:00.000Z'),
    });
    expect(later.objects).toEqual(bundle.objects);
    expect(later.id).not.toBe(bundle.id);
  });

  it('exports what links victims and nothing about the victims', () => {
    const text = JSON.stringify(bundle);
    expect(text).not.toMatch(/SYN-C\d|SYN-R\d/);
    expect(text).not.toContain('+18008435678');
    expect(text).not.toContain('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    expect(text).not.toContain('example.com');
    const exported = new Set(
      networks.flatMap((n) =>
        n.identifiers.filter((i) => i.links && i.victims >= 2).map((i) => i.key),
      ),
    );
    expect(ofType('indicator').length).toBe(
      exported.size + networks.reduce((sum, n) => sum + n.lureMaterial.length, 0),
    );
    expect(ofType('intrusion-set')).toHaveLength(networks.length);
    expect(ofType('marking-definition').map((m) => m['name'])).toEqual(['TLP:AMBER']);
  });
});
