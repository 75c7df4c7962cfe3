/**
 * Checks Aman's exports against the official references, by hand (their files are not vendored):
 *
 *   npx tsx packages/correlation/scripts/check-exports.ts \
 *     --stix-schemas <cti-stix2-json-schemas checkout>/schemas \
 *     --misp-objects <misp-objects checkout>/objects
 *
 * Builds a bundle and MISP events from the synthetic data set (triaged by its identifiers' own
 * shapes, without @aman/triage, so that this script depends on nothing unfinished), validates the
 * bundle against the OASIS STIX 2.1 JSON schemas with ajv, and every MISP object against its
 * template (name, uuid, version, attribute relations and types, required attributes).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Correlator, toMispEvent, toStixBundle, AMAN_STIX_EXTENSIONS } from '../src/index.ts';
import { demoReports } from '../test/support/demo-reports.ts';

const { values } = parseArgs({
  options: { 'stix-schemas': { type: 'string' }, 'misp-objects': { type: 'string' } },
});

const correlator = new Correlator();
correlator.addAll(demoReports());
const networks = correlator.networks({ minVictims: 2 });
const now = new Date('2025-07-01T12:00:00.000Z');
let failures = 0;

if (values['stix-schemas'] !== undefined) {
  const dir = values['stix-schemas'];
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  for (const sub of readdirSync(dir)) {
    if (!existsSync(join(dir, sub)) || sub.includes('.')) continue;
    for (const file of readdirSync(join(dir, sub)).filter((f) => f.endsWith('.json'))) {
      ajv.addSchema(JSON.parse(readFileSync(join(dir, sub, file), 'utf8')) as object);
    }
  }
  const base =
    'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
  const bundleSchema = ajv.getSchema(`${base}common/bundle.json`)!;
  const bundle = toStixBundle(networks, { now });
  const ok = bundleSchema(bundle);
  const types = new Map<string, number>();
  for (const object of bundle.objects) types.set(object.type, (types.get(object.type) ?? 0) + 1);
  console.log(
    `STIX bundle: ${bundle.objects.length} objects ${JSON.stringify(Object.fromEntries(types))}`,
  );
  console.log(`  official bundle.json: ${ok ? 'valid' : 'INVALID'}`);
  if (!ok) {
    failures++;
    console.log(JSON.stringify(bundleSchema.errors?.slice(0, 10), null, 2));
  }
  // Each object against the schema of its own type too, where OASIS has one.
  const perType = new Map<string, string>([
    ['identity', 'sdos/identity.json'],
    ['indicator', 'sdos/indicator.json'],
    ['intrusion-set', 'sdos/intrusion-set.json'],
    ['observed-data', 'sdos/observed-data.json'],
    ['relationship', 'sros/relationship.json'],
    ['marking-definition', 'common/marking-definition.json'],
    ['email-addr', 'observables/email-addr.json'],
    ['url', 'observables/url.json'],
    ['user-account', 'observables/user-account.json'],
    ['file', 'observables/file.json'],
    ['extension-definition', 'common/extension-definition.json'],
  ]);
  for (const object of [...bundle.objects, ...AMAN_STIX_EXTENSIONS]) {
    const path = perType.get(object.type) ?? 'common/cyber-observable-core.json';
    const validate = ajv.getSchema(`${base}${path}`)!;
    if (!validate(object)) {
      failures++;
      console.log(
        `  ${object.id} INVALID against ${path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`,
      );
    }
  }
  console.log(
    `  every object against its own schema (extension definitions included): ${failures === 0 ? 'valid' : 'see above'}`,
  );
}

if (values['misp-objects'] !== undefined) {
  const dir = values['misp-objects'];
  let objects = 0;
  for (const network of networks) {
    const event = toMispEvent(network, { now });
    for (const object of event.Event.Object) {
      objects++;
      const template = JSON.parse(
        readFileSync(join(dir, object.name, 'definition.json'), 'utf8'),
      ) as {
        uuid: string;
        version: number;
        'meta-category': string;
        required?: string[];
        requiredOneOf?: string[];
        attributes: Record<
          string,
          { 'misp-attribute': string; multiple?: boolean; values_list?: string[] }
        >;
      };
      const problems: string[] = [];
      if (template.uuid.toLowerCase() !== object.template_uuid.toLowerCase())
        problems.push('template uuid');
      if (String(template.version) !== object.template_version)
        problems.push(`template version ${template.version}`);
      if (template['meta-category'] !== object['meta-category']) problems.push('meta-category');
      const relations = object.Attribute.map((a) => a.object_relation!);
      for (const attribute of object.Attribute) {
        const spec = template.attributes[attribute.object_relation!];
        if (spec === undefined) problems.push(`unknown relation ${attribute.object_relation}`);
        else if (spec['misp-attribute'] !== attribute.type)
          problems.push(
            `${attribute.object_relation} type ${attribute.type} != ${spec['misp-attribute']}`,
          );
        else if (spec.values_list !== undefined && !spec.values_list.includes(attribute.value))
          problems.push(`${attribute.object_relation} value not in values_list`);
        if (
          spec !== undefined &&
          spec.multiple !== true &&
          relations.filter((r) => r === attribute.object_relation).length > 1
        )
          problems.push(`${attribute.object_relation} repeated`);
      }
      for (const required of template.required ?? [])
        if (!relations.includes(required)) problems.push(`missing ${required}`);
      if (
        template.requiredOneOf !== undefined &&
        !template.requiredOneOf.some((r) => relations.includes(r))
      )
        problems.push('none of requiredOneOf');
      if (problems.length > 0) {
        failures++;
        console.log(`  MISP object ${object.name} ${object.uuid}: ${problems.join('; ')}`);
      }
    }
  }
  console.log(
    `MISP: ${networks.length} events, ${objects} objects checked against misp-objects templates: ${failures === 0 ? 'all conform' : 'see above'}`,
  );
}

process.exitCode = failures === 0 ? 0 : 1;
