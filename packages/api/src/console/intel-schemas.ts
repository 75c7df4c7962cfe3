/**
 * Correlation for investigators: networks (reports linked by the blackmailers' identifiers), their
 * graph and trends, hub identifiers, the safelist, exports for the police, and the identifier
 * lookup platforms and payment providers call. Shapes follow @aman/correlation's views.
 */
import { z } from 'zod';
import { apiSchemas } from '../schemas.ts';

const isoTime = z.iso.datetime();
const count = z.int().min(0);

export const NetworksQuery = z.strictObject({
  minVictims: z.coerce.number().int().min(1).max(100_000).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type NetworksQuery = z.input<typeof NetworksQuery>;

export const NetworkIdentifierView = z.object({
  key: z.string(),
  kind: z.string(),
  value: z.string(),
  display: z.string(),
  reports: count,
  victims: count,
  links: z.boolean(),
  safelisted: z.object({ reason: z.string(), label: z.string() }).optional(),
  valid: z.boolean(),
  paymentChannel: z.string().nullable(),
  country: z.string().nullable(),
});

export const NetworkSummaryView = z
  .object({
    id: z.string(),
    victims: count,
    reports: count,
    firstSeen: isoTime,
    lastSeen: isoTime,
    amounts: z.array(
      z.object({
        currency: z.string(),
        demands: count,
        total: z.number(),
        min: z.number(),
        max: z.number(),
      }),
    ),
    paymentChannels: z.array(z.object({ channel: z.string(), reports: count })),
    countries: z.array(
      z.object({ country: z.string(), sources: z.array(z.string()), identifiers: count }),
    ),
    families: z.array(z.object({ family: z.string(), reports: count })),
    identifiers: z.array(NetworkIdentifierView),
    lureMaterial: z.array(
      z.object({ representative: z.string(), hashes: z.array(z.string()), reports: count }),
    ),
  })
  .register(apiSchemas, {
    id: 'NetworkSummary',
    description:
      'A network: victims (distinct cases), first and last report, amounts demanded per currency, payment channels, countries (phone prefixes, IBANs), scam families, the identifiers that tie it together and the lure material its reports share.',
  });
export type NetworkSummaryView = z.infer<typeof NetworkSummaryView>;

export const NetworksResponse = z
  .object({
    networks: z.array(NetworkSummaryView),
    /** Reports the correlator holds, and how many of them are synthetic demo data. */
    reports: count,
    syntheticReports: count,
  })
  .register(apiSchemas, { id: 'NetworksResponse' });
export type NetworksResponse = z.infer<typeof NetworksResponse>;

export const GraphQuery = z.strictObject({
  minVictims: z.coerce.number().int().min(1).max(100_000).optional(),
  maxNodes: z.coerce.number().int().min(10).max(20_000).optional(),
});
export type GraphQuery = z.input<typeof GraphQuery>;

export const GraphView = z
  .object({
    nodes: z.array(
      z.looseObject({
        id: z.string(),
        type: z.enum(['case', 'identifier', 'lure']),
        label: z.string(),
        network: z.string(),
        reports: count,
        /** Identifier nodes: what the blackmailers wrote, never anything of a victim's. */
        kind: z.string().optional(),
        value: z.string().optional(),
        victims: count.optional(),
        links: z.boolean().optional(),
        paymentChannel: z.string().nullable().optional(),
        country: z.string().nullable().optional(),
        safelisted: z.string().nullable().optional(),
        /** Case and identifier nodes: first and last report. */
        firstSeen: isoTime.optional(),
        lastSeen: isoTime.optional(),
        /** Lure nodes: the near-identical pictures' PDQ hashes. */
        hashes: z.array(z.string()).optional(),
      }),
    ),
    edges: z.array(
      z.object({
        id: z.string(),
        source: z.string(),
        target: z.string(),
        type: z.string(),
        weight: count,
      }),
    ),
    truncated: z.boolean(),
  })
  .register(apiSchemas, {
    id: 'Graph',
    description:
      'Cases (opaque, numbered within their network, with their first and last report) and identifiers as nodes; "mentions" and "shows-lure" edges. Identifier nodes carry kind, value, victims, first and last seen, links, paymentChannel, country and the safelist label.',
  });
export type GraphView = z.infer<typeof GraphView>;

export const TrendsQuery = z.strictObject({
  network: z.string().min(1).max(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});
export type TrendsQuery = z.input<typeof TrendsQuery>;

export const TrendsView = z
  .object({
    weeks: z.array(z.string()),
    reports: z.array(count),
    byFamily: z.array(z.object({ family: z.string(), counts: z.array(count) })),
    byChannel: z.array(z.object({ channel: z.string(), counts: z.array(count) })),
  })
  .register(apiSchemas, {
    id: 'Trends',
    description: 'Reports per ISO week, per scam family and per payment channel.',
  });
export type TrendsView = z.infer<typeof TrendsView>;

export const HubsResponse = z
  .object({
    hubs: z.array(
      z.object({
        key: z.string(),
        kind: z.string(),
        value: z.string(),
        network: z.string(),
        reports: count,
        victims: count,
        groups: count,
        multiVictimGroups: count,
        families: z.array(z.string()),
        reason: z.string(),
      }),
    ),
  })
  .register(apiSchemas, {
    id: 'HubsResponse',
    description:
      'Identifiers that alone hold together groups of victims sharing nothing else: safelist candidates for a person to decide on.',
  });
export type HubsResponse = z.infer<typeof HubsResponse>;

export const SafelistRuleView = z.union([
  z.strictObject({ type: z.literal('identifier'), key: z.string().min(1).max(2100) }),
  z.strictObject({ type: z.literal('domain'), domain: z.string().min(1).max(253) }),
  z.strictObject({ type: z.literal('phone-prefix'), prefix: z.string().min(2).max(20) }),
  z.strictObject({ type: z.literal('phone-type'), phoneType: z.string().min(1).max(20) }),
]);

export const SafelistEntryView = z
  .object({
    rule: SafelistRuleView,
    reason: z.string(),
    label: z.string(),
    source: z.string().optional(),
    /** False for Aman's built-in entries (they cannot be removed here). */
    custom: z.boolean(),
    addedBy: z.string().nullable(),
    addedAt: isoTime.nullable(),
  })
  .register(apiSchemas, { id: 'SafelistEntry' });
export type SafelistEntryView = z.infer<typeof SafelistEntryView>;

export const SafelistResponse = z
  .object({ entries: z.array(SafelistEntryView) })
  .register(apiSchemas, { id: 'SafelistResponse' });
export type SafelistResponse = z.infer<typeof SafelistResponse>;

export const AddSafelistRequest = z
  .strictObject({
    /** An identifier kind (phone, email, iban, bitcoin, account…) with its value… */
    kind: z.string().min(1).max(40).optional(),
    value: z.string().min(1).max(2048).optional(),
    /** …or every address and URL under a domain, or a range of phone numbers. */
    domain: z.string().min(1).max(253).optional(),
    phonePrefix: z.string().min(2).max(20).optional(),
    reason: z.string().min(1).max(40),
    label: z.string().trim().min(1).max(200),
    source: z.string().max(500).optional(),
  })
  .register(apiSchemas, {
    id: 'AddSafelistRequest',
    description:
      'One of kind+value, domain or phonePrefix. reason: helpline, official-service, exchange-wallet, awareness-example, reserved-example, other.',
  });
export type AddSafelistRequest = z.input<typeof AddSafelistRequest>;

export const RemoveSafelistRequest = z
  .strictObject({ rule: SafelistRuleView })
  .register(apiSchemas, { id: 'RemoveSafelistRequest' });
export type RemoveSafelistRequest = z.input<typeof RemoveSafelistRequest>;

export const LookupQuery = z.strictObject({
  type: z.string({ error: 'type is required (phone, email, iban, bitcoin, instagram, …)' }).max(40),
  value: z.string({ error: 'value is required' }).max(2048),
});
export type LookupQuery = z.input<typeof LookupQuery>;

export const LookupResponse = z
  .object({
    type: z.string(),
    /** The canonical form Aman links on (e.g. +212612345678). */
    value: z.string(),
    reports: count,
    firstSeen: isoTime.nullable(),
    lastSeen: isoTime.nullable(),
    /** Reports in its network; null when it is safelisted (it links nothing). */
    clusterSize: count.nullable(),
    safelisted: z.boolean(),
  })
  .register(apiSchemas, {
    id: 'LookupResponse',
    description:
      'What Aman knows of one identifier: counts and dates only, nothing about any victim.',
  });
export type LookupResponse = z.infer<typeof LookupResponse>;

export const ExportDocument = z.record(z.string(), z.unknown()).register(apiSchemas, {
  id: 'ExportDocument',
  description:
    'A MISP event (MISP core format) or a STIX 2.1 bundle, sent as a download (Content-Disposition: attachment).',
});
export type ExportDocument = z.infer<typeof ExportDocument>;
