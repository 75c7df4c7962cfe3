/**
 * What a helpline or an investigator reads about one network: how many victims, since when, how
 * much was demanded, how they were told to pay, which countries the numbers and accounts point to,
 * which scam families, which identifiers tie it together and which lure material it reuses.
 */
import type { CountrySource, PaymentChannel } from '../identifiers/facets.ts';
import type { IdentifierKind } from '../identifiers/link-key.ts';
import type { SafelistReason } from '../safelist/safelist.ts';
import type { CorrelationStore } from '../store.ts';
import type { ScamFamily } from '../types.ts';
import { compareCodeUnits } from '../order.ts';
import { networkIdFor } from './network-id.ts';

export interface CurrencyDemands {
  readonly currency: string;
  /** Number of demands in this currency (one per amount found in a report). */
  readonly demands: number;
  readonly total: number;
  readonly min: number;
  readonly max: number;
}

export interface NetworkIdentifier {
  /** The link key, e.g. `phone:+212612345678`. */
  readonly key: string;
  readonly kind: IdentifierKind;
  /** Canonical value. */
  readonly value: string;
  /** The first spelling seen in a report. */
  readonly display: string;
  /** Reports of this network that mention it. */
  readonly reports: number;
  /** Distinct victims of this network that mention it. */
  readonly victims: number;
  /** False when it does not link reports (safelisted, or every spelling failed its checksum). */
  readonly links: boolean;
  readonly safelisted?: { readonly reason: SafelistReason; readonly label: string };
  readonly valid: boolean;
  readonly paymentChannel: PaymentChannel | null;
  readonly country: string | null;
}

export interface NetworkSummary {
  readonly id: string;
  /** Distinct cases, i.e. people who reported. */
  readonly victims: number;
  readonly reports: number;
  /** ISO 8601 times of the first and last report. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly amounts: readonly CurrencyDemands[];
  readonly paymentChannels: ReadonlyArray<{
    readonly channel: PaymentChannel;
    readonly reports: number;
  }>;
  readonly countries: ReadonlyArray<{
    readonly country: string;
    readonly sources: readonly CountrySource[];
    readonly identifiers: number;
  }>;
  readonly families: ReadonlyArray<{ readonly family: ScamFamily; readonly reports: number }>;
  /** Identifiers mentioned in the network's reports, the most reported first. */
  readonly identifiers: readonly NetworkIdentifier[];
  /** Groups of near-identical lure hashes seen in at least two of the network's reports. */
  readonly lureMaterial: ReadonlyArray<{
    /** The first hash seen of the group: what exports carry. */
    readonly representative: string;
    /** Every variant (re-encodes, screenshots) seen, sorted. */
    readonly hashes: readonly string[];
    readonly reports: number;
  }>;
}

/** Summarises the network holding `report` (an insertion index). */
export function summarizeNetwork(store: CorrelationStore, report: number): NetworkSummary {
  // Grouped by case, so that counting distinct victims per identifier needs no set per identifier;
  // cases in the order of their oldest report, the order a store that never held removed reports
  // numbers them in (lure groups are listed in the order met).
  const caseOrder = (r: number): number => store.firstReportOfCase(store.reportCase.get(r));
  const members = [...store.networks.members(report)].sort(
    (a, b) => caseOrder(a) - caseOrder(b) || a - b,
  );
  const cases = new Set<number>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const currencies = new Map<
    string,
    { demands: number; total: number; min: number; max: number }
  >();
  const channels = new Map<PaymentChannel, Set<number>>();
  const families = new Map<ScamFamily, number>();
  const keyReports = new Map<
    number,
    { reports: number; victims: number; lastCase: number; valid: boolean }
  >();
  const lureGroups = new Map<
    number,
    { firstHash: number; hashes: Set<string>; reports: Set<number> }
  >();

  for (const r of members) {
    cases.add(store.reportCase.get(r));
    const time = store.reportTime.get(r);
    if (time < first) first = time;
    if (time > last) last = time;
    const family = store.family(r);
    if (family !== null) families.set(family, (families.get(family) ?? 0) + 1);
    for (const { amount, currency } of store.reportAmounts[r] ?? []) {
      const entry = currencies.get(currency);
      if (entry === undefined) {
        currencies.set(currency, { demands: 1, total: amount, min: amount, max: amount });
      } else {
        entry.demands++;
        entry.total += amount;
        entry.min = Math.min(entry.min, amount);
        entry.max = Math.max(entry.max, amount);
      }
    }
    for (let m = store.mentionStart.get(r); m < store.mentionStart.get(r + 1); m++) {
      const key = store.mentionKey.get(m);
      // A wallet quoted from an awareness page is not a payment channel of this network.
      const channel = store.keyLinks(key) ? store.keyChannel[key] : null;
      if (channel != null) addTo(channels, channel, r);
      const caseIndex = store.reportCase.get(r);
      let entry = keyReports.get(key);
      if (entry === undefined) {
        entry = { reports: 0, victims: 0, lastCase: -1, valid: false };
        keyReports.set(key, entry);
      }
      entry.reports++;
      if (entry.lastCase !== caseIndex) {
        entry.victims++;
        entry.lastCase = caseIndex;
      }
      if (store.mentionValid.get(m) === 1) entry.valid = true;
    }
    for (const hashId of store.reportLureHashes[r] ?? []) {
      const group = store.lureGroups.anchor(hashId);
      let entry = lureGroups.get(group);
      if (entry === undefined) {
        entry = { firstHash: hashId, hashes: new Set(), reports: new Set() };
        lureGroups.set(group, entry);
      }
      entry.firstHash = Math.min(entry.firstHash, hashId);
      entry.hashes.add(store.lure.hash(hashId));
      entry.reports.add(r);
    }
  }

  const identifiers: NetworkIdentifier[] = [];
  const countries = new Map<string, { sources: Set<CountrySource>; identifiers: number }>();
  for (const [key, entry] of keyReports) {
    const linkKey = store.keys[key]!;
    const safelisted = store.keySafelist[key];
    const located = safelisted === undefined ? store.countryOf(key) : null;
    if (located !== null) {
      const country = countries.get(located.country) ?? { sources: new Set(), identifiers: 0 };
      country.sources.add(located.source);
      country.identifiers++;
      countries.set(located.country, country);
    }
    identifiers.push({
      key: linkKey.key,
      kind: linkKey.kind,
      value: linkKey.value,
      display: store.keyDisplay[key]!,
      reports: entry.reports,
      victims: entry.victims,
      links: store.keyLinks(key),
      ...(safelisted === undefined
        ? {}
        : { safelisted: { reason: safelisted.reason, label: safelisted.label } }),
      valid: entry.valid,
      paymentChannel: store.keyChannel[key] ?? null,
      country: located?.country ?? null,
    });
  }
  identifiers.sort((a, b) => b.reports - a.reports || compareCodeUnits(a.key, b.key));

  return {
    id: networkIdFor(store.reportIds[store.networks.anchor(report)]!),
    victims: cases.size,
    reports: members.length,
    firstSeen: new Date(first).toISOString(),
    lastSeen: new Date(last).toISOString(),
    amounts: [...currencies]
      .map(([currency, entry]) => ({ currency, ...entry }))
      .sort((a, b) => b.demands - a.demands || compareCodeUnits(a.currency, b.currency)),
    paymentChannels: [...channels]
      .map(([channel, reports]) => ({ channel, reports: reports.size }))
      .sort((a, b) => b.reports - a.reports || compareCodeUnits(a.channel, b.channel)),
    countries: [...countries]
      .map(([country, entry]) => ({
        country,
        sources: [...entry.sources].sort(),
        identifiers: entry.identifiers,
      }))
      .sort((a, b) => b.identifiers - a.identifiers || compareCodeUnits(a.country, b.country)),
    families: [...families]
      .map(([family, reports]) => ({ family, reports }))
      .sort((a, b) => b.reports - a.reports || compareCodeUnits(a.family, b.family)),
    identifiers,
    lureMaterial: [...lureGroups.values()]
      .filter((group) => group.reports.size >= 2)
      .map((group) => ({
        representative: store.lure.hash(group.firstHash),
        hashes: [...group.hashes].sort(),
        reports: group.reports.size,
      }))
      .sort((a, b) => b.reports - a.reports),
  };
}

function addTo<K>(map: Map<K, Set<number>>, key: K, report: number): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([report]));
  else set.add(report);
}
