/**
 * The correlation engine: reports in, networks out. One instance holds every report it was given
 * (in memory, as flat columns) and keeps the networks current as reports arrive.
 */
import {
  indicatorLinkKey,
  isAccountPlatform,
  isIdentifierKind,
  makeLinkKey,
  type LinkKey,
} from './identifiers/link-key.ts';
import { defaultSafelist } from './safelist/defaults.ts';
import type { Safelist } from './safelist/safelist.ts';
import { CorrelationStore, type AddedReport } from './store.ts';
import { compareCodeUnits } from './order.ts';
import type { ReportInput, Result } from './types.ts';
import { networkGraph, wholeGraph, type GraphModel, type GraphOptions } from './views/graph.ts';
import { findHubs, type HubCandidate, type HubOptions } from './views/hubs.ts';
import { networkIdFor } from './views/network-id.ts';
import { summarizeNetwork, type NetworkSummary } from './views/summary.ts';
import { trendSeries, type TrendSeries } from './views/trends.ts';

export interface CorrelatorOptions {
  /** Identifiers that never link (default: a fresh `defaultSafelist()`). Edits take effect at once. */
  readonly safelist?: Safelist;
  /** Lure hashes at most this many bits apart link their reports (default 31, PDQ's match threshold); negative disables. */
  readonly lureThreshold?: number;
  /** Link through identifiers whose checksum failed (default false). */
  readonly linkInvalid?: boolean;
  /** Link the reports of one case together (default true). */
  readonly linkSameCase?: boolean;
}

/** What `add` tells about the report it just linked. */
export interface AddResult extends AddedReport {
  /** The network the report is now part of. */
  readonly network: string;
}

/** What the lookup API may tell a platform or payment provider: counts and dates, no victim data. */
export interface IdentifierLookup {
  readonly key: string;
  readonly kind: LinkKey['kind'];
  readonly value: string;
  /** Reports that mention it (0 when Aman never saw it). */
  readonly reports: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  /** Reports in its network; 0 when never seen; null when it is safelisted (it belongs to no network). */
  readonly clusterSize: number | null;
  readonly safelisted: boolean;
}

/**
 * @example
 * const correlator = new Correlator();
 * correlator.add({ id: 'r1', caseId: 'c1', receivedAt: '2025-03-01T10:00:00Z', family: 'webcam-blackmail',
 *   indicators: [{ type: 'phone', value: '06 12 34 56 78', normalized: '+212612345678', valid: true }] });
 * correlator.add({ id: 'r2', caseId: 'c2', receivedAt: '2025-03-02T09:00:00Z', family: 'webcam-blackmail',
 *   indicators: [{ type: 'phone', value: '00212612345678', normalized: '+212612345678', valid: true }] });
 * correlator.networkOf('r1') === correlator.networkOf('r2'); // true
 * correlator.networks()[0].victims;                          // 2
 * correlator.lookup('phone', '+212 612 345 678');            // { ok: true, value: { reports: 2, clusterSize: 2, … } }
 */
export class Correlator {
  private readonly store: CorrelationStore;
  /**
   * Every report it holds, as given (not copied: do not change a report after adding it), by
   * insertion slot (undefined once removed): a removal reads one when an identifier's oldest
   * mention goes (`removeAll`).
   */
  private readonly inputs: Array<ReportInput | undefined> = [];
  private networkIndex: { revision: number; roots: Map<string, number> } | null = null;
  /**
   * Summaries by network anchor. A report only ever joins networks (growing them), so a summary is
   * current while its network keeps its size, unless the store says otherwise (`takeReshown`: a
   * removal took it apart, or one of its identifiers reads differently); a relink may split
   * anything and clears the cache.
   */
  private readonly summaries = new Map<
    number,
    { size: number; relinks: number; summary: NetworkSummary }
  >();

  constructor(options: CorrelatorOptions = {}) {
    this.store = new CorrelationStore({
      safelist: options.safelist ?? defaultSafelist(),
      ...(options.lureThreshold === undefined ? {} : { lureThreshold: options.lureThreshold }),
      ...(options.linkInvalid === undefined ? {} : { linkInvalid: options.linkInvalid }),
      ...(options.linkSameCase === undefined ? {} : { linkSameCase: options.linkSameCase }),
    });
  }

  /** The safelist in use; add to it and the next read relinks without the new entries. */
  get safelist(): Safelist {
    return this.store.safelist;
  }

  get reportCount(): number {
    return this.store.reportCount;
  }

  /** Number of networks, singletons included. */
  get networkCount(): number {
    this.store.syncSafelist();
    return this.store.networks.sets;
  }

  /** Adds and links one report. Malformed input is refused with a reason and changes nothing. */
  add(report: ReportInput): Result<AddResult> {
    const added = this.store.add(report);
    if (!added.ok) return added;
    this.inputs.push(report);
    this.dropReshownSummaries();
    const network = this.networkIdOf(this.store.reportIndex(report.id)!);
    return { ok: true, value: { ...added.value, network } };
  }

  /** Adds many reports; returns how many were added and why the others were refused. */
  addAll(reports: Iterable<ReportInput>): {
    readonly added: number;
    readonly refused: ReadonlyArray<{
      readonly id: unknown;
      readonly code: string;
      readonly message: string;
    }>;
  } {
    let added = 0;
    const refused: Array<{ id: unknown; code: string; message: string }> = [];
    for (const report of reports) {
      const result = this.store.add(report);
      if (result.ok) {
        added++;
        this.inputs.push(report);
      } else refused.push({ id: (report as { id?: unknown } | null)?.id, ...result.error });
    }
    this.dropReshownSummaries();
    return { added, refused };
  }

  /**
   * Removes a report (a victim took their message back). True when it was there. Everything reads
   * afterwards as if it had never been added; see `removeAll`.
   */
  remove(reportId: string): boolean {
    return this.removeAll([reportId]) === 1;
  }

  /**
   * Removes reports; returns how many were there (unknown ids are ignored). Afterwards networks,
   * counts, first and last seen, amounts, lookups, graphs, hubs and network ids are exactly what
   * they would be had these reports never been added. A union cannot be undone, so the networks
   * they were in are taken apart and their other reports linked again
   * (`CorrelationStore.removeReports`): the cost is the size of those networks, not of the store;
   * `npm run bench:correlate` prints it.
   */
  removeAll(reportIds: Iterable<string>): number {
    const removed = new Set<number>();
    for (const id of reportIds) {
      const index = this.store.reportIndex(id);
      if (index !== undefined) removed.add(index);
    }
    if (removed.size === 0) return 0;
    const inputs = this.inputs;
    this.store.removeReports([...removed], (report) => {
      const input = inputs[report];
      if (input === undefined) throw new Error(`report ${report} is not held`);
      return input;
    });
    for (const report of removed) inputs[report] = undefined;
    this.dropReshownSummaries();
    return removed.size;
  }

  /** The network of a report, or undefined for an unknown report id. */
  networkOf(reportId: string): string | undefined {
    this.store.syncSafelist();
    const index = this.store.reportIndex(reportId);
    return index === undefined ? undefined : this.networkIdOf(index);
  }

  /**
   * Summaries of the networks with at least `minVictims` victims (default 2: a lone report is
   * not a network), most victims first, then most recent.
   */
  networks(
    options: { readonly minVictims?: number; readonly limit?: number } = {},
  ): NetworkSummary[] {
    this.store.syncSafelist();
    const minVictims = options.minVictims ?? 2;
    const summaries: NetworkSummary[] = [];
    for (const root of this.store.networks.roots()) {
      if (this.store.networks.sizeOf(root) < minVictims) continue;
      const summary = this.summaryOf(root);
      if (summary.victims >= minVictims) summaries.push(summary);
    }
    summaries.sort(
      (a, b) =>
        b.victims - a.victims ||
        compareCodeUnits(b.lastSeen, a.lastSeen) ||
        compareCodeUnits(a.id, b.id),
    );
    return options.limit === undefined ? summaries : summaries.slice(0, options.limit);
  }

  /** One network's summary, or undefined when no network has this id (any longer). */
  network(networkId: string): NetworkSummary | undefined {
    const root = this.rootOf(networkId);
    return root === undefined ? undefined : this.summaryOf(root);
  }

  /** Report ids of every network (singletons included), each list oldest first. */
  clusters(): string[][] {
    this.store.syncSafelist();
    const clusters: string[][] = [];
    for (const root of this.store.networks.roots()) {
      clusters.push(this.store.membersOf(root).map((r) => this.store.reportIds[r]!));
    }
    return clusters;
  }

  /** The graph of one network, or undefined for an unknown network id. */
  graph(networkId: string, options: GraphOptions = {}): GraphModel | undefined {
    const root = this.rootOf(networkId);
    return root === undefined ? undefined : networkGraph(this.store, root, options);
  }

  /** The graph of every network with `minVictims` victims or more (default 2), up to `maxNodes` (default 5,000). */
  wholeGraph(
    options: GraphOptions & { readonly minVictims?: number; readonly maxNodes?: number } = {},
  ): GraphModel {
    this.store.syncSafelist();
    return wholeGraph(this.store, options);
  }

  /**
   * Reports per ISO week, per family and per payment channel, over every report or one network's,
   * optionally between `from` (inclusive) and `to` (exclusive).
   */
  trends(
    options: {
      readonly network?: string;
      readonly from?: string | number;
      readonly to?: string | number;
    } = {},
  ): Result<TrendSeries> {
    let reports: number[] | undefined;
    if (options.network !== undefined) {
      const root = this.rootOf(options.network);
      if (root === undefined) {
        return fail('unknown_network', `no network "${options.network}"`);
      }
      reports = this.store.membersOf(root);
    }
    const range: { from?: number; to?: number } = {};
    for (const bound of ['from', 'to'] as const) {
      const value = options[bound];
      if (value === undefined) continue;
      const time = typeof value === 'number' ? value : Date.parse(value);
      if (!Number.isFinite(time)) {
        return fail('bad_time', `${bound} must be an ISO 8601 time, got ${JSON.stringify(value)}`);
      }
      range[bound] = time;
    }
    return { ok: true, value: trendSeries(this.store, reports, range) };
  }

  /**
   * What Aman knows of one identifier, for `GET /api/v1/identifiers/lookup?type=&value=`.
   * `type` is an identifier kind (`phone`, `iban`, `bitcoin`, `account`…), a triage indicator
   * type, or a platform (`facebook`, `skype`…) with a handle as `value`.
   */
  lookup(type: string, value: string): Result<IdentifierLookup> {
    this.store.syncSafelist();
    const key = lookupKey(type, value);
    if (!key.ok) return key;
    const index = this.store.keyIndex(key.value.key);
    const safelisted = this.store.safelist.match(key.value) !== undefined;
    if (index === undefined) {
      return {
        ok: true,
        value: {
          ...key.value,
          reports: 0,
          firstSeen: null,
          lastSeen: null,
          clusterSize: safelisted ? null : 0,
          safelisted,
        },
      };
    }
    // Constant time: counts and dates are kept per identifier; any of its reports names its network.
    return {
      ok: true,
      value: {
        ...key.value,
        reports: this.store.keyReportCount.get(index),
        firstSeen: new Date(this.store.keyFirstSeen.get(index)).toISOString(),
        lastSeen: new Date(this.store.keyLastSeen.get(index)).toISOString(),
        clusterSize: this.store.keyLinks(index)
          ? this.store.networks.sizeOf(this.store.latestReportOfKey(index))
          : null,
        safelisted,
      },
    };
  }

  /** Identifiers that hold together groups sharing nothing else: candidates for the safelist. */
  hubs(options: HubOptions = {}): HubCandidate[] {
    this.store.syncSafelist();
    return findHubs(this.store, options);
  }

  /**
   * Forgets the summaries the store says may read differently. By anchor, and by the report
   * itself: a report of a network a removal took apart may have been an anchor, or become one.
   */
  private dropReshownSummaries(): void {
    for (const report of this.store.takeReshown()) {
      this.summaries.delete(report);
      this.summaries.delete(this.store.networks.anchor(report));
    }
  }

  private summaryOf(root: number): NetworkSummary {
    const anchor = this.store.networks.anchor(root);
    const size = this.store.networks.sizeOf(root);
    const cached = this.summaries.get(anchor);
    if (cached !== undefined && cached.relinks !== this.store.relinks) this.summaries.clear();
    else if (cached !== undefined && cached.size === size) return cached.summary;
    const summary = summarizeNetwork(this.store, root);
    this.summaries.set(anchor, { size, relinks: this.store.relinks, summary });
    return summary;
  }

  private networkIdOf(report: number): string {
    return networkIdFor(this.store.reportIds[this.store.networks.anchor(report)]!);
  }

  private rootOf(networkId: string): number | undefined {
    this.store.syncSafelist();
    if (this.networkIndex?.revision !== this.store.revision) {
      const roots = new Map<string, number>();
      for (const root of this.store.networks.roots()) roots.set(this.networkIdOf(root), root);
      this.networkIndex = { revision: this.store.revision, roots };
    }
    return this.networkIndex.roots.get(networkId);
  }
}

/**
 * The link key a lookup asks about, or an error that says how to write the value.
 *
 * @example
 * lookupKey('instagram', '@Lina.B22'); // { ok: true, value: { key: 'account:instagram/lina.b22', … } }
 * lookupKey('phone', '0612345678');     // { ok: false, error: { code: 'bad_value', … } }
 */
export function lookupKey(type: string, value: string): Result<LinkKey> {
  if (typeof type !== 'string' || type.trim() === '') {
    return fail('missing_type', 'type is required (phone, email, iban, bitcoin, account, …)');
  }
  if (typeof value !== 'string' || value.trim() === '') {
    return fail('missing_value', 'value is required');
  }
  if (value.length > 2048) return fail('value_too_long', 'value is longer than 2,048 characters');
  const kind = type.trim().toLowerCase();
  const key = isIdentifierKind(kind)
    ? makeLinkKey(kind, value)
    : isAccountPlatform(kind) || kind === 'whatsapp'
      ? indicatorLinkKey({ type: 'social', service: kind, value, normalized: value, valid: true })
      : indicatorLinkKey({ type: kind, value, normalized: value, valid: true });
  if (key !== null) return { ok: true, value: key };
  if (kind === 'phone' || kind === 'whatsapp') {
    return fail(
      'bad_value',
      `"${value}" is not a phone number in international format: write it with its country code, e.g. +212 6 12 34 56 78`,
    );
  }
  if (!isIdentifierKind(kind) && !isAccountPlatform(kind)) {
    return fail('unknown_type', `unknown identifier type "${type}"`);
  }
  return fail('bad_value', `"${value}" is not a valid ${kind} identifier`);
}

function fail<T>(code: string, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
