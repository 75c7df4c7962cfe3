/**
 * STIX 2.1 export (OASIS, "STIX Version 2.1", 2021): one bundle for one or more networks.
 *
 * - the producer is an `identity`; each network is an `intrusion-set` (a set of adversarial
 *   behaviour and resources believed to be run by one organisation, §4.9);
 * - each exported identifier is a cyber-observable object, an `observed-data` that counts the
 *   reports it was seen in, and an `indicator` whose STIX pattern matches it; relationships say the
 *   indicator `indicates` the intrusion set and is `based-on` the observed data;
 * - phone numbers, wallets, bank accounts and money transfers have no core STIX object, so they are
 *   new SCOs defined by Aman's extension definitions (§7.3), listed in `AMAN_STIX_EXTENSIONS`.
 *   Those definitions are published beside the bundle, not inside it: the OASIS bundle schema does
 *   not accept an `extension-definition` object among a bundle's objects.
 *
 * Ids are UUIDv5: SCOs from their ID-contributing properties in the STIX namespace (§2.9), so any
 * producer's object for the same wallet has the same id; the other objects in Aman's namespace, so
 * a later export of the same network updates objects instead of duplicating them.
 */
import type { NetworkIdentifier, NetworkSummary } from '../views/summary.ts';
import {
  accountNameOf,
  describeNetwork,
  exportableIdentifiers,
  kindTitle,
  platformOf,
  receiverParts,
  type ExportOptions,
} from './shared.ts';
import { AMAN_NAMESPACE, STIX_SCO_NAMESPACE, uuidV5 } from './uuid.ts';

export interface StixObject {
  readonly type: string;
  readonly id: string;
  readonly [property: string]: unknown;
}

export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects: readonly StixObject[];
}

/** The Aman project's identity, author of the extension definitions. */
const AMAN_PROJECT_IDENTITY = `identity--${uuidV5('identity:Aman project', AMAN_NAMESPACE)}`;
/** When Aman's STIX vocabulary was fixed; constant so that the definitions never change id or date. */
const DEFINED = '2025-01-01T00:00:00.000Z';

/** The new SCO types Aman emits, with the properties that make up their ids. */
const NEW_SCOS = {
  'phone-number': {
    properties: ['value'],
    description:
      'A telephone number in E.164 form. Properties: value (string, required, "+" and 8 to 15 digits); country (string, ISO 3166-1 alpha-2, optional). ID contributing properties: value.',
  },
  'cryptocurrency-wallet': {
    properties: ['address'],
    description:
      'A cryptocurrency address. Properties: address (string, required, bech32 and hex addresses lower-case, base58 as written); currency (string, ticker: BTC, LTC, ETH, TRX, XMR). ID contributing properties: address.',
  },
  'bank-account': {
    properties: ['iban'],
    description:
      'A bank account. Properties: iban (string, required, ISO 13616 electronic format: upper case, no spaces); country (string, ISO 3166-1 alpha-2). ID contributing properties: iban.',
  },
  'money-transfer': {
    properties: ['service', 'reference', 'receiver_name', 'receiver_city'],
    description:
      "A cash transfer or its receiver. Properties: service (string: western-union, moneygram, wafacash, cash-plus, damane-cash, barid-cash, ria, worldremit, money-transfer); reference (string: MTCN or the service's code); receiver_name (string); receiver_city (string). At least one of reference and receiver_name. ID contributing properties: service, reference, receiver_name, receiver_city.",
  },
} as const;
type NewScoType = keyof typeof NEW_SCOS;

const extensionId = (type: NewScoType): string =>
  `extension-definition--${uuidV5(`extension-definition:${type}`, AMAN_NAMESPACE)}`;

/**
 * Aman's extension definitions (new-sco) for the SCOs above, to publish where consumers can read
 * them (the console serves them next to its exports).
 */
export const AMAN_STIX_EXTENSIONS: readonly StixObject[] = (
  Object.keys(NEW_SCOS) as NewScoType[]
).map((type) => ({
  type: 'extension-definition',
  spec_version: '2.1',
  id: extensionId(type),
  created_by_ref: AMAN_PROJECT_IDENTITY,
  created: DEFINED,
  modified: DEFINED,
  name: `Aman ${type}`,
  description: NEW_SCOS[type].description,
  schema: NEW_SCOS[type].description,
  version: '1.0.0',
  extension_types: ['new-sco'],
}));

/** The predefined TLP 1.0 marking definitions of STIX 2.1 §7.2.1.4, by level. */
const TLP_MARKINGS = {
  clear: { id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', tlp: 'white' },
  green: { id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', tlp: 'green' },
  amber: { id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', tlp: 'amber' },
  red: { id: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', tlp: 'red' },
} as const;

/**
 * One STIX 2.1 bundle describing `networks` for the police or another organisation.
 *
 * @example
 * const bundle = toStixBundle(correlator.networks({ minVictims: 3 }), { tlp: 'amber' });
 * JSON.stringify(bundle); // ready to send
 */
export function toStixBundle(
  networks: readonly NetworkSummary[],
  options: ExportOptions = {},
): StixBundle {
  const now = (options.now ?? new Date()).toISOString();
  const producer = options.producer ?? 'Aman';
  const identityId = `identity--${uuidV5(`identity:${producer}`, AMAN_NAMESPACE)}`;
  const marking = TLP_MARKINGS[options.tlp ?? 'amber'];
  const common = {
    spec_version: '2.1',
    created_by_ref: identityId,
    object_marking_refs: [marking.id],
  };
  const objects = new Map<string, StixObject>();
  const put = (object: StixObject): void => {
    objects.set(object.id, object);
  };

  put({
    type: 'marking-definition',
    spec_version: '2.1',
    id: marking.id,
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: `TLP:${marking.tlp.toUpperCase()}`,
    definition: { tlp: marking.tlp },
  });
  put({
    type: 'identity',
    spec_version: '2.1',
    id: identityId,
    created: DEFINED,
    modified: DEFINED,
    name: producer,
    identity_class: 'organization',
    description: 'Exported by Aman, an open platform against sextortion.',
  });

  for (const network of networks) {
    const created = network.firstSeen;
    const modified = network.lastSeen;
    const intrusionSetId = `intrusion-set--${uuidV5(`intrusion-set:${network.id}`, AMAN_NAMESPACE)}`;
    put({
      type: 'intrusion-set',
      id: intrusionSetId,
      ...common,
      created,
      modified,
      name: `Aman sextortion network ${network.id}`,
      description: describeNetwork(network),
      first_seen: network.firstSeen,
      last_seen: network.lastSeen,
      goals: ['extort money by threatening to share intimate images or recordings'],
      primary_motivation: 'personal-gain',
      labels: ['sextortion', ...network.families.map((f) => f.family)],
    });

    const observables = exportableIdentifiers(network, options).map((identifier) => ({
      sco: toSco(identifier),
      pattern: toPattern(identifier),
      name: `${kindTitle(identifier)} used by sextortion network ${network.id}`,
      first: network.firstSeen,
      last: network.lastSeen,
      count: identifier.reports,
      description: `Reported by ${identifier.victims} victims in ${identifier.reports} reports.`,
      key: identifier.key,
    }));
    for (const lure of network.lureMaterial) {
      const hash = lure.representative;
      observables.push({
        sco: scoObject('file', { hashes: { PDQ: hash } }, ['hashes']),
        pattern: `[file:hashes.PDQ = '${hash}']`,
        name: `Lure image or video (PDQ perceptual hash) shown by sextortion network ${network.id}`,
        first: network.firstSeen,
        last: network.lastSeen,
        count: lure.reports,
        description: `Shown to victims in ${lure.reports} reports (${lure.hashes.length} variants seen). PDQ is a perceptual hash: match it within a Hamming distance of 31 bits, not for equality.`,
        key: `pdq:${hash}`,
      });
    }
    for (const observable of observables) {
      put(observable.sco);
      const scope = `${network.id}:${observable.key}`;
      const observedId = `observed-data--${uuidV5(`observed-data:${scope}`, AMAN_NAMESPACE)}`;
      const indicatorId = `indicator--${uuidV5(`indicator:${observable.key}`, AMAN_NAMESPACE)}`;
      put({
        type: 'observed-data',
        id: observedId,
        ...common,
        created: observable.first,
        modified: observable.last,
        first_observed: observable.first,
        last_observed: observable.last,
        number_observed: Math.min(Math.max(observable.count, 1), 999_999_999),
        object_refs: [observable.sco.id],
      });
      put({
        type: 'indicator',
        id: indicatorId,
        ...common,
        created: observable.first,
        modified: observable.last,
        name: observable.name,
        description: observable.description,
        indicator_types: ['malicious-activity', 'attribution'],
        pattern: observable.pattern,
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: observable.first,
        labels: ['sextortion'],
      });
      for (const [relationshipType, target] of [
        ['indicates', intrusionSetId],
        ['based-on', observedId],
      ] as const) {
        put({
          type: 'relationship',
          id: `relationship--${uuidV5(`relationship:${relationshipType}:${indicatorId}:${target}`, AMAN_NAMESPACE)}`,
          ...common,
          created: observable.first,
          modified: observable.last,
          relationship_type: relationshipType,
          source_ref: indicatorId,
          target_ref: target,
        });
      }
    }
  }

  const ids = [...objects.keys()].sort().join(',');
  return {
    type: 'bundle',
    id: `bundle--${uuidV5(`bundle:${now}:${ids}`, AMAN_NAMESPACE)}`,
    objects: [...objects.values()],
  };
}

/** The SCO of an identifier. */
function toSco(identifier: NetworkIdentifier): StixObject {
  const value = identifier.value;
  switch (identifier.kind) {
    case 'email':
      return scoObject('email-addr', { value }, ['value']);
    case 'url':
      return scoObject('url', { value }, ['value']);
    case 'account': {
      const name = accountNameOf(identifier);
      const account_type = platformOf(identifier);
      return name.startsWith('id:')
        ? scoObject('user-account', { account_type, user_id: name.slice(3) }, [
            'account_type',
            'user_id',
          ])
        : scoObject('user-account', { account_type, account_login: name }, [
            'account_type',
            'account_login',
          ]);
    }
    case 'phone':
      return newSco('phone-number', {
        value,
        ...(identifier.country === null ? {} : { country: identifier.country }),
      });
    case 'iban':
      return newSco('bank-account', { iban: value, country: value.slice(0, 2) });
    case 'bitcoin':
    case 'litecoin':
    case 'ethereum':
    case 'tron':
    case 'monero':
      return newSco('cryptocurrency-wallet', {
        address: value,
        currency: TICKERS[identifier.kind],
      });
    case 'mtcn':
    case 'moneygram':
    case 'transfer-reference': {
      const { service, reference } = transferOf(identifier);
      return newSco('money-transfer', { service, reference });
    }
    case 'receiver': {
      const { name, city } = receiverParts(identifier);
      return newSco('money-transfer', {
        service: identifier.paymentChannel ?? 'money-transfer',
        receiver_name: name,
        receiver_city: city,
      });
    }
  }
}

/** The STIX pattern that matches the identifier's SCO. */
function toPattern(identifier: NetworkIdentifier): string {
  const sco = toSco(identifier);
  const properties = identifierProperties(sco);
  return `[${properties.map((name) => `${sco.type}:${name} = ${quote(String(sco[name]))}`).join(' AND ')}]`;
}

/** The properties a pattern compares: the SCO's id-contributing properties that it has. */
function identifierProperties(sco: StixObject): string[] {
  const type = sco.type;
  const names: readonly string[] =
    type in NEW_SCOS
      ? NEW_SCOS[type as NewScoType].properties
      : type === 'user-account'
        ? ['account_type', 'user_id', 'account_login']
        : ['value'];
  return names.filter((name) => sco[name] !== undefined);
}

const TICKERS = { bitcoin: 'BTC', litecoin: 'LTC', ethereum: 'ETH', tron: 'TRX', monero: 'XMR' };

function transferOf(identifier: NetworkIdentifier): { service: string; reference: string } {
  if (identifier.kind === 'mtcn') return { service: 'western-union', reference: identifier.value };
  if (identifier.kind === 'moneygram') return { service: 'moneygram', reference: identifier.value };
  const slash = identifier.value.indexOf('/');
  return {
    service: identifier.value.slice(0, slash),
    reference: identifier.value.slice(slash + 1),
  };
}

function newSco(type: NewScoType, properties: Record<string, string>): StixObject {
  return scoObject(type, properties, NEW_SCOS[type].properties, {
    [extensionId(type)]: { extension_type: 'new-sco' },
  });
}

/** An SCO whose id is the UUIDv5 of the JCS form of its ID-contributing properties (§2.9). */
function scoObject(
  type: string,
  properties: Record<string, unknown>,
  contributing: readonly string[],
  extensions?: Record<string, unknown>,
): StixObject {
  const named: Record<string, unknown> = {};
  for (const name of [...contributing].sort()) {
    if (properties[name] !== undefined) named[name] = properties[name];
  }
  return {
    type,
    spec_version: '2.1',
    id: `${type}--${uuidV5(canonicalJson(named), STIX_SCO_NAMESPACE)}`,
    ...properties,
    ...(extensions === undefined ? {} : { extensions }),
  };
}

/** RFC 8785 (JCS) for the values SCO ids are made of: objects with sorted keys, strings. */
function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A STIX pattern string literal: single quotes, with quote and backslash escaped (§9.4). */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
