/**
 * MISP export: one event per network, in the MISP core format (the JSON that MISP's
 * `/events/add` and its import accept), with objects built on MISP's published object templates
 * (github.com/MISP/misp-objects): btc-wallet, coin-address, bank-account, phone-number, email,
 * user-account, url, transaction and person. The event is tagged with the CIRCL taxonomy's
 * `incident-classification="sextortion"` and a TLP level.
 *
 * Object and attribute uuids are UUIDv5 in Aman's namespace, so exporting the same network again
 * updates the same objects in MISP instead of duplicating them.
 */
import type { NetworkIdentifier, NetworkSummary } from '../views/summary.ts';
import {
  accountNameOf,
  describeNetwork,
  exportableIdentifiers,
  kindTitle,
  platformOf,
  profileUrl,
  receiverParts,
  type ExportOptions,
} from './shared.ts';
import { AMAN_NAMESPACE, uuidV5 } from './uuid.ts';

/** The object templates used, as published in MISP/misp-objects (objects/<name>/definition.json). */
const TEMPLATES = {
  'btc-wallet': {
    uuid: '22910C83-DD0E-4ED2-9823-45F8CAD562A4',
    version: 3,
    metaCategory: 'financial',
  },
  'coin-address': {
    uuid: 'd0e6997e-78da-4815-a6a1-cfc1c1cb8a46',
    version: 7,
    metaCategory: 'financial',
  },
  'bank-account': {
    uuid: 'b4712203-95a8-4883-80e9-b566f5df11c9',
    version: 3,
    metaCategory: 'financial',
  },
  'phone-number': {
    uuid: 'c4b5a67c-63d2-11ec-90d6-0242ac120003',
    version: 1,
    metaCategory: 'mobile',
  },
  email: { uuid: 'a0c666e0-fc65-4be8-b48f-3423d788b552', version: 19, metaCategory: 'network' },
  'user-account': {
    uuid: '49606b06-22f0-4ac8-8eee-2f12ad46f3d3',
    version: 6,
    metaCategory: 'misc',
  },
  url: { uuid: '60efb77b-40b5-4c46-871b-ed1ed999fce5', version: 10, metaCategory: 'network' },
  transaction: {
    uuid: 'a47fa26a-01b6-4747-a394-5144e34456dc',
    version: 1,
    metaCategory: 'financial',
  },
  person: { uuid: 'a15b0477-e9d1-4b9c-9546-abe78a4f4248', version: 21, metaCategory: 'misc' },
} as const;
type TemplateName = keyof typeof TEMPLATES;

/** MISP's default category of each attribute type used (describeTypes.json "sane_defaults"). */
const CATEGORY: Readonly<Record<string, string>> = {
  btc: 'Financial fraud',
  xmr: 'Financial fraud',
  iban: 'Financial fraud',
  'phone-number': 'Person',
  'email-src': 'Payload delivery',
  url: 'Network activity',
  link: 'External analysis',
  'full-name': 'Person',
  text: 'Other',
};

/** Attribute types whose values are worth detection (MISP's to_ids defaults). */
const TO_IDS = new Set(['btc', 'xmr', 'iban', 'email-src', 'url']);

export interface MispAttribute {
  readonly uuid: string;
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly to_ids: boolean;
  readonly distribution: string;
  readonly timestamp: string;
  readonly comment?: string;
  readonly first_seen?: string;
  readonly last_seen?: string;
  readonly object_relation?: string;
  readonly disable_correlation?: boolean;
}

export interface MispObject {
  readonly uuid: string;
  readonly name: TemplateName;
  readonly 'meta-category': string;
  readonly template_uuid: string;
  readonly template_version: string;
  readonly description: string;
  readonly distribution: string;
  readonly timestamp: string;
  readonly comment: string;
  readonly first_seen: string;
  readonly last_seen: string;
  readonly Attribute: readonly MispAttribute[];
}

export interface MispEvent {
  readonly Event: {
    readonly uuid: string;
    readonly info: string;
    readonly date: string;
    readonly threat_level_id: string;
    readonly analysis: string;
    readonly distribution: string;
    readonly published: boolean;
    readonly timestamp: string;
    readonly Orgc: { readonly name: string; readonly uuid: string };
    readonly Tag: ReadonlyArray<{ readonly name: string }>;
    readonly Attribute: readonly MispAttribute[];
    readonly Object: readonly MispObject[];
  };
}

export interface MispOptions extends ExportOptions {
  /** MISP distribution of the event: 0 your organisation, 1 this community, 2 connected communities, 3 all (default 0). */
  readonly distribution?: 0 | 1 | 2 | 3;
}

/** The tag every Aman event carries (CIRCL taxonomy, namespace "circl"). */
export const SEXTORTION_TAG = 'circl:incident-classification="sextortion"';

/**
 * The MISP event of one network.
 *
 * @example
 * const event = toMispEvent(correlator.network(id)!, { tlp: 'amber' });
 * await fetch(`${misp}/events/add`, { method: 'POST', headers, body: JSON.stringify(event) });
 */
export function toMispEvent(network: NetworkSummary, options: MispOptions = {}): MispEvent {
  const now = options.now ?? new Date();
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const producer = options.producer ?? 'Aman';
  const eventUuid = uuidV5(`misp-event:${network.id}`, AMAN_NAMESPACE);
  const seen = { first_seen: network.firstSeen, last_seen: network.lastSeen };

  const attribute = (
    scope: string,
    relation: string | undefined,
    type: string,
    value: string,
    extra: Partial<MispAttribute> = {},
  ): MispAttribute => ({
    uuid: uuidV5(`misp-attribute:${scope}:${relation ?? type}:${value}`, AMAN_NAMESPACE),
    ...(relation === undefined ? {} : { object_relation: relation }),
    type,
    category: CATEGORY[type] ?? 'Other',
    value,
    to_ids: TO_IDS.has(type),
    distribution: '5',
    timestamp,
    ...extra,
  });

  const objects: MispObject[] = [];
  for (const identifier of exportableIdentifiers(network, options)) {
    const built = objectOf(identifier);
    const scope = `${network.id}:${identifier.key}`;
    const template = TEMPLATES[built.name];
    objects.push({
      uuid: uuidV5(`misp-object:${scope}`, AMAN_NAMESPACE),
      name: built.name,
      'meta-category': template.metaCategory,
      template_uuid: template.uuid,
      template_version: String(template.version),
      description: `${kindTitle(identifier)} used by the blackmailers`,
      distribution: '5',
      timestamp,
      comment: `Reported by ${identifier.victims} victims in ${identifier.reports} reports (Aman network ${network.id}).`,
      ...seen,
      Attribute: built.attributes.map(([relation, type, value]) =>
        attribute(
          scope,
          relation,
          type,
          value,
          type === 'text' ? { disable_correlation: true } : {},
        ),
      ),
    });
  }

  const eventAttributes: MispAttribute[] = [];
  for (const lure of network.lureMaterial) {
    eventAttributes.push(
      attribute(network.id, undefined, 'text', lure.representative, {
        comment: `PDQ perceptual hash of lure material shown to victims in ${lure.reports} reports (${lure.hashes.length} variants seen); compare within a Hamming distance of 31 bits.`,
      }),
    );
  }
  eventAttributes.push(
    attribute(network.id, undefined, 'text', describeNetwork(network), {
      comment: 'Summary of the network by Aman',
      disable_correlation: true,
    }),
  );

  return {
    Event: {
      uuid: eventUuid,
      info: `Sextortion network ${network.id}: ${network.victims} victims, ${network.firstSeen.slice(0, 10)} to ${network.lastSeen.slice(0, 10)} (Aman)`,
      date: network.firstSeen.slice(0, 10),
      threat_level_id: '2',
      analysis: '1',
      distribution: String(options.distribution ?? 0),
      published: false,
      timestamp,
      Orgc: { name: producer, uuid: uuidV5(`organisation:${producer}`, AMAN_NAMESPACE) },
      Tag: [{ name: SEXTORTION_TAG }, { name: `tlp:${options.tlp ?? 'amber'}` }],
      Attribute: eventAttributes,
      Object: objects,
    },
  };
}

type AttributeSpec = readonly [relation: string, type: string, value: string];

/** The template and attributes (object_relation, MISP type, value) of one identifier. */
function objectOf(identifier: NetworkIdentifier): {
  name: TemplateName;
  attributes: AttributeSpec[];
} {
  const value = identifier.value;
  switch (identifier.kind) {
    case 'bitcoin':
      return { name: 'btc-wallet', attributes: [['wallet-address', 'btc', value]] };
    case 'monero':
      return {
        name: 'coin-address',
        attributes: [
          ['address-xmr', 'xmr', value],
          ['symbol', 'text', 'XMR'],
        ],
      };
    case 'litecoin':
    case 'ethereum':
    case 'tron':
      return {
        name: 'coin-address',
        attributes: [
          ['address-crypto', 'text', value],
          ['symbol', 'text', { litecoin: 'LTC', ethereum: 'ETH', tron: 'TRX' }[identifier.kind]],
        ],
      };
    case 'iban':
      return { name: 'bank-account', attributes: [['iban', 'iban', value]] };
    case 'phone':
      return {
        name: 'phone-number',
        attributes: [
          ['phone-number', 'phone-number', value],
          ...(identifier.country === null
            ? []
            : [['country-code', 'text', identifier.country] as const]),
        ],
      };
    case 'email':
      return { name: 'email', attributes: [['from', 'email-src', value]] };
    case 'url':
      return { name: 'url', attributes: [['url', 'url', value]] };
    case 'account': {
      const platform = platformOf(identifier);
      const name = accountNameOf(identifier);
      const link = profileUrl(platform, name);
      return {
        name: 'user-account',
        attributes: [
          name.startsWith('id:') ? ['user-id', 'text', name.slice(3)] : ['username', 'text', name],
          ['account-type', 'text', platform],
          ...(link === null ? [] : [['link', 'link', link] as const]),
        ],
      };
    }
    case 'mtcn':
    case 'moneygram':
    case 'transfer-reference': {
      const slash = value.indexOf('/');
      const service =
        identifier.kind === 'mtcn'
          ? 'Western Union'
          : identifier.kind === 'moneygram'
            ? 'MoneyGram'
            : value.slice(0, slash);
      return {
        name: 'transaction',
        attributes: [
          ['transaction-number', 'text', slash < 0 ? value : value.slice(slash + 1)],
          ['transmode-code', 'text', 'money transfer'],
          ['transmode-comment', 'text', service],
        ],
      };
    }
    case 'receiver': {
      const { name, city } = receiverParts(identifier);
      return {
        name: 'person',
        attributes: [
          ['full-name', 'full-name', name],
          ['address', 'text', city],
          [
            'text',
            'text',
            `Receiver of money transfers demanded by the blackmailers (${identifier.paymentChannel ?? 'money-transfer'}); the name may be a mule's or stolen.`,
          ],
        ],
      };
    }
  }
}
