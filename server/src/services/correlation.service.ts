/**
 * Correlation of victims' reports (@aman/correlation), kept current in every server process.
 *
 * The reports table is the record; the correlator is an in-memory index over it, rebuilt at start
 * (each report's encrypted body opened once) and then kept up to date incrementally: right after
 * this process adds a report, and by tailing the table (ids only grow, in commit order) so that
 * another process's reports arrive within the poll interval. Reports victims delete are tailed the
 * same way (the report_deletions feed) and leave the correlator. Staff safelist entries are stored too
 * and applied on top of Aman's built-in safelist; an edit relinks at the next read.
 */
import {
  Correlator,
  defaultSafelist,
  toMispEvent,
  toStixBundle,
  type IndicatorInput,
  type NetworkSummary,
  type ReportInput,
  type Safelist,
  type SafelistEntry,
  type SafelistEntryInput,
  type ScamFamily,
} from '@aman/correlation';
import type {
  AddSafelistRequest,
  ExportDocument,
  GraphView,
  HubsResponse,
  LookupResponse,
  NetworkSummaryView,
  NetworksResponse,
  OkResponse,
  RemoveSafelistRequest,
  SafelistEntryView,
  SafelistResponse,
  TrendsView,
} from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type { ConsoleStore, ReportRecord } from '../repositories/console-store.ts';
import type { PlatformRecord } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';
import type { FieldCipher } from '../security/field-cipher.ts';
import { staffActor, type SignedInStaff } from './staff-view.ts';

const PAGE = 5_000;

/** What a report's encrypted body holds. */
export interface ReportBody {
  readonly text: string;
  readonly indicators: readonly IndicatorInput[];
  readonly lureHashes: readonly string[];
}

/** The encryption context of a report body. */
export const reportContext = (id: number): string => `report:${id}:body`;

export interface CorrelationDeps {
  readonly consoleStore: ConsoleStore;
  readonly cipher: FieldCipher;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  /** How often to read other processes' reports and safelist edits (0: only this process's). */
  readonly pollIntervalMs: number;
  readonly onError?: (error: unknown) => void;
}

export class CorrelationService {
  readonly #safelist: Safelist = defaultSafelist();
  readonly #correlator = new Correlator({ safelist: this.#safelist });
  #lastReportId = 0;
  #lastDeletionSeq = 0;
  /** False until the first read has placed #lastDeletionSeq at the feed's end (`#readNew`). */
  #deletionFeedPlaced = false;
  #customRules = new Map<string, { entry: SafelistEntry; fingerprint: string }>();
  #syncing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: CorrelationDeps) {}

  /** Loads every report and safelist entry, then tails them. */
  async start(): Promise<void> {
    await this.sync();
    if (this.deps.pollIntervalMs > 0) {
      this.#timer = setInterval(() => {
        this.sync().catch((error: unknown) => this.deps.onError?.(error));
      }, this.deps.pollIntervalMs);
      this.#timer.unref();
    }
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }

  /** Reads the reports and safelist edits it has not seen (one reader at a time). */
  sync(): Promise<void> {
    this.#syncing ??= this.#readNew().finally(() => {
      this.#syncing = undefined;
    });
    return this.#syncing;
  }

  /**
   * Reads what a write that just committed changed: a read already under way may have started
   * before that commit, so it is waited for and another one follows. A deletion must stop linking
   * before the victim is told it is done.
   */
  async syncAfterWrite(): Promise<void> {
    await this.#syncing?.catch(() => {});
    await this.sync();
  }

  get reportCount(): number {
    return this.#correlator.reportCount;
  }

  /** The network a report is in (for the helpline's case page), or null. */
  networkOfReport(reportId: number): string | null {
    return this.#correlator.networkOf(`r${reportId}`) ?? null;
  }

  /** Networks with their size, for a list of reports (a shared case's). */
  networksOfReports(reportIds: readonly number[]): { id: string; victims: number }[] {
    const ids = new Set<string>();
    for (const id of reportIds) {
      const network = this.networkOfReport(id);
      if (network !== null) ids.add(network);
    }
    return [...ids].map((id) => ({ id, victims: this.#correlator.network(id)?.victims ?? 0 }));
  }

  async networks(query: {
    minVictims?: number | undefined;
    limit?: number | undefined;
  }): Promise<NetworksResponse> {
    await this.sync();
    const counts = await this.deps.consoleStore.countReports();
    return {
      networks: this.#correlator.networks({
        minVictims: query.minVictims ?? 2,
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      }) as NetworkSummaryView[],
      reports: this.#correlator.reportCount,
      syntheticReports: counts.synthetic,
    };
  }

  network(networkId: string): NetworkSummaryView {
    return this.#network(networkId) as NetworkSummaryView;
  }

  graph(networkId: string): GraphView {
    const graph = this.#correlator.graph(networkId);
    if (graph === undefined) throw networkNotFound(networkId);
    return graph as unknown as GraphView;
  }

  wholeGraph(query: { minVictims?: number | undefined; maxNodes?: number | undefined }): GraphView {
    return this.#correlator.wholeGraph({
      ...(query.minVictims === undefined ? {} : { minVictims: query.minVictims }),
      ...(query.maxNodes === undefined ? {} : { maxNodes: query.maxNodes }),
    }) as unknown as GraphView;
  }

  trends(query: {
    network?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  }): TrendsView {
    const result = this.#correlator.trends({
      ...(query.network === undefined ? {} : { network: query.network }),
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
    });
    if (!result.ok) {
      if (result.error.code === 'unknown_network') throw networkNotFound(query.network ?? '');
      throw new DomainError('invalid_request', result.error.message);
    }
    return result.value as TrendsView;
  }

  hubs(): HubsResponse {
    return {
      hubs: this.#correlator.hubs().map((hub) => ({ ...hub, families: [...hub.families] })),
    };
  }

  /** For platforms and payment providers: counts and dates, never a victim's data. */
  async lookup(platform: PlatformRecord, type: string, value: string): Promise<LookupResponse> {
    const result = this.#correlator.lookup(type, value);
    if (!result.ok) throw new DomainError('invalid_identifier', result.error.message);
    const found = result.value;
    await this.deps.audit.record({
      actor: { kind: 'platform', id: String(platform.id) },
      action: 'identifier.lookup',
      details: { kind: found.kind, found: found.reports > 0 },
    });
    return {
      type: found.kind,
      value: found.value,
      reports: found.reports,
      firstSeen: found.firstSeen,
      lastSeen: found.lastSeen,
      clusterSize: found.clusterSize,
      safelisted: found.safelisted,
    };
  }

  async exportMisp(staff: SignedInStaff, networkId: string): Promise<ExportDocument> {
    const event = toMispEvent(this.#network(networkId), { now: this.deps.clock.now() });
    await this.#auditExport(staff, networkId, 'misp');
    return event as unknown as ExportDocument;
  }

  async exportStix(staff: SignedInStaff, networkId: string): Promise<ExportDocument> {
    const bundle = toStixBundle([this.#network(networkId)], { now: this.deps.clock.now() });
    await this.#auditExport(staff, networkId, 'stix');
    return bundle as unknown as ExportDocument;
  }

  async safelistEntries(): Promise<SafelistResponse> {
    await this.sync();
    const custom = new Map(
      (await this.deps.consoleStore.listSafelist()).map((record) => [record.ruleKey, record]),
    );
    return {
      entries: this.#safelist.entries().map((entry): SafelistEntryView => {
        const stored = custom.get(ruleKeyOf(entry));
        return {
          rule: entry.rule,
          reason: entry.reason,
          label: entry.label,
          ...(entry.source === undefined ? {} : { source: entry.source }),
          custom: stored !== undefined,
          addedBy: stored?.addedBy ?? null,
          addedAt: stored?.createdAt.toISOString() ?? null,
        };
      }),
    };
  }

  async addSafelist(staff: SignedInStaff, request: AddSafelistRequest): Promise<SafelistEntryView> {
    const input = toSafelistInput(request);
    // Validated on a scratch list first: a bad entry must not reach the live one.
    const checked = defaultSafelist().add(input);
    if (!checked.ok) throw new DomainError('invalid_safelist_entry', checked.error.message);
    const ruleKey = ruleKeyOf(checked.value);
    const at = this.deps.clock.now();
    await this.deps.consoleStore.putSafelist({
      ruleKey,
      entry: JSON.stringify(input),
      addedBy: staff.record.name,
      at,
    });
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action: 'safelist.add',
      details: { rule: checked.value.rule.type, reason: checked.value.reason },
    });
    await this.sync();
    return {
      rule: checked.value.rule,
      reason: checked.value.reason,
      label: checked.value.label,
      ...(checked.value.source === undefined ? {} : { source: checked.value.source }),
      custom: true,
      addedBy: staff.record.name,
      addedAt: at.toISOString(),
    };
  }

  async removeSafelist(staff: SignedInStaff, request: RemoveSafelistRequest): Promise<OkResponse> {
    const ruleKey = ruleKeyOf({ rule: request.rule } as SafelistEntry);
    if (!(await this.deps.consoleStore.removeSafelist(ruleKey))) {
      throw new DomainError(
        'safelist_entry_not_found',
        'no entry added by staff has this rule (built-in entries cannot be removed here)',
      );
    }
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action: 'safelist.remove',
      details: { rule: request.rule.type },
    });
    await this.sync();
    return { ok: true };
  }

  #network(networkId: string): NetworkSummary {
    const network = this.#correlator.network(networkId);
    if (network === undefined) throw networkNotFound(networkId);
    return network;
  }

  async #auditExport(staff: SignedInStaff, networkId: string, format: string): Promise<void> {
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action: 'network.export',
      target: `network:${networkId}`,
      details: { format },
    });
  }

  async #readNew(): Promise<void> {
    const { consoleStore, cipher } = this.deps;
    if (!this.#deletionFeedPlaced) {
      // The first read takes every report there is: a deletion already in the feed took its row
      // away before, so the feed is tailed from its end, not replayed from its start.
      this.#lastDeletionSeq = await consoleStore.lastReportDeletionSeq();
      this.#deletionFeedPlaced = true;
    }
    for (;;) {
      const page = await consoleStore.readReports(this.#lastReportId, PAGE);
      for (const record of page) {
        this.#correlator.add(toReportInput(record, openBody(cipher, record)));
        this.#lastReportId = record.id;
      }
      if (page.length < PAGE) break;
    }
    // After the reports: a report deleted before this read is not in the rows read above, and one
    // deleted after them is in the feed read below. One removal per batch: it takes apart every
    // network the batch touches once.
    const deleted: string[] = [];
    for (;;) {
      const page = await consoleStore.readReportDeletions(this.#lastDeletionSeq, PAGE);
      for (const deletion of page) {
        deleted.push(`r${deletion.reportId}`);
        this.#lastDeletionSeq = deletion.seq;
      }
      if (page.length < PAGE) break;
    }
    if (deleted.length > 0) this.#correlator.removeAll(deleted);
    await this.#syncSafelist();
  }

  /** Applies staff entries added or removed since the last read (by this or another process). */
  async #syncSafelist(): Promise<void> {
    const stored = await this.deps.consoleStore.listSafelist();
    const seen = new Set<string>();
    for (const record of stored) {
      seen.add(record.ruleKey);
      if (this.#customRules.get(record.ruleKey)?.fingerprint === record.entry) continue;
      const added = this.#safelist.add(JSON.parse(record.entry) as SafelistEntryInput);
      if (added.ok)
        this.#customRules.set(record.ruleKey, { entry: added.value, fingerprint: record.entry });
    }
    for (const [ruleKey, { entry }] of this.#customRules) {
      if (seen.has(ruleKey)) continue;
      this.#safelist.remove(entry.rule);
      this.#customRules.delete(ruleKey);
    }
  }
}

/** Opens a report's body (the text, its identifiers, lure hashes). */
export function openBody(cipher: FieldCipher, record: ReportRecord): ReportBody {
  return JSON.parse(cipher.decrypt(record.body, reportContext(record.id))) as ReportBody;
}

function toReportInput(record: ReportRecord, body: ReportBody): ReportInput {
  return {
    id: `r${record.id}`,
    caseId: `c${record.caseId}`,
    receivedAt: record.receivedAt.getTime(),
    family: record.family as ScamFamily | null,
    indicators: body.indicators,
    ...(body.lureHashes.length === 0 ? {} : { lureHashes: body.lureHashes }),
  };
}

function toSafelistInput(request: AddSafelistRequest): SafelistEntryInput {
  const common = {
    reason: request.reason,
    label: request.label,
    ...(request.source === undefined ? {} : { source: request.source }),
  } as Pick<SafelistEntryInput, 'reason' | 'label' | 'source'>;
  const given = [
    request.kind !== undefined || request.value !== undefined,
    request.domain !== undefined,
    request.phonePrefix !== undefined,
  ].filter(Boolean).length;
  if (given !== 1) {
    throw new DomainError(
      'invalid_safelist_entry',
      'give exactly one of: kind and value, domain, phonePrefix',
    );
  }
  if (request.domain !== undefined) return { ...common, domain: request.domain };
  if (request.phonePrefix !== undefined) return { ...common, phonePrefix: request.phonePrefix };
  if (request.kind === undefined || request.value === undefined) {
    throw new DomainError('invalid_safelist_entry', 'an identifier entry needs kind and value');
  }
  return { ...common, kind: request.kind, value: request.value } as SafelistEntryInput;
}

function ruleKeyOf(entry: Pick<SafelistEntry, 'rule'>): string {
  const rule = entry.rule;
  switch (rule.type) {
    case 'identifier':
      return `identifier:${rule.key}`;
    case 'domain':
      return `domain:${rule.domain}`;
    case 'phone-prefix':
      return `phone-prefix:${rule.prefix}`;
    case 'phone-type':
      return `phone-type:${rule.phoneType}`;
  }
}

function networkNotFound(networkId: string): DomainError {
  return new DomainError(
    'network_not_found',
    `no network has id "${networkId.slice(0, 80)}" (networks merge as reports arrive: reload the list)`,
  );
}
