/**
 * The correlation store: every report, identifier and mention in flat columns, and the union-find
 * that links reports into networks as they arrive.
 *
 * Linking is incremental: adding a report looks up its identifiers (a hash-map probe each), unions
 * it with the first earlier report of each, and with the earlier owners of near-duplicate lure
 * hashes. Nothing else is touched. A union cannot be undone, so a safelist edit replays every
 * report's links (`relink`: an identifier that stops linking can split any network), and removing
 * reports replays the links of the networks they were in, without them (`removeReports`).
 */
import { parsePdqHash, PDQ_MATCH_THRESHOLD, type PdqHash } from '@aman/pdq';
import { Float64Column, Int32Column, Uint8Column } from './graph/columns.ts';
import { UnionFind } from './graph/union-find.ts';
import {
  demandedAmount,
  identifierCountry,
  paymentChannel,
  type CountrySource,
  type DemandedAmount,
  type PaymentChannel,
} from './identifiers/facets.ts';
import { indicatorLinkKey, type LinkKey } from './identifiers/link-key.ts';
import { LureIndex } from './lure/lure-index.ts';
import type { Safelist, SafelistEntry } from './safelist/safelist.ts';
import {
  SCAM_FAMILIES,
  type IndicatorInput,
  type ReportInput,
  type Result,
  type ScamFamily,
} from './types.ts';

export interface StoreOptions {
  readonly safelist: Safelist;
  /** Lure hashes at most this many bits apart link their reports; a negative value disables it. */
  readonly lureThreshold?: number;
  /** Link reports through identifiers whose checksum failed (default false: a typo is not a wallet). */
  readonly linkInvalid?: boolean;
  /** Link the reports of one case (one victim) together (default true). */
  readonly linkSameCase?: boolean;
}

/** Why an identifier of a report did not link it to anything. */
export type UnlinkedReason = 'safelisted' | 'invalid';

export interface AddedReport {
  /** Position of the report among the reports held (insertion order). */
  readonly index: number;
  /** Identifiers through which this report joined earlier reports. */
  readonly linkedBy: readonly LinkKey[];
  /** Earlier reports sharing lure material with this one (their ids). */
  readonly lureMatches: readonly string[];
  /** Identifiers of this report that cannot link, and why. */
  readonly unlinked: ReadonlyArray<{ readonly key: LinkKey; readonly reason: UnlinkedReason }>;
}

const NO_REPORT = -1;
/** Lure hashes of a report that has none (most): not a new empty array per report replayed. */
const NO_HASHES: readonly number[] = [];
/** Limits on one report, far above real messages (triage returns at most 500 indicators). */
const MAX_ID_LENGTH = 200;
const MAX_INDICATORS = 1000;
const MAX_LURE_HASHES = 100;

export class CorrelationStore {
  readonly safelist: Safelist;
  readonly lureThreshold: number;
  readonly linkInvalid: boolean;
  readonly linkSameCase: boolean;

  // Reports, by insertion slot. A removed report keeps its slot (no slot is reused, so nothing
  // is renumbered) but is in no network, no case and no identifier's list: views never meet it.
  networks = new UnionFind();
  readonly reportIds: string[] = [];
  private readonly reportIndexById = new Map<string, number>();
  private readonly reportRemoved = new Uint8Column();
  private removedReports = 0;
  /** The next report of the same case, or -1: each case's reports as a list, oldest first. */
  private readonly reportNextInCase = new Int32Column();
  readonly reportCase = new Int32Column();
  readonly reportTime = new Float64Column();
  /** 0 = unknown, i + 1 = SCAM_FAMILIES[i]. */
  readonly reportFamily = new Uint8Column();
  /** Mentions of report r are mentionStart[r] .. mentionStart[r + 1] - 1. */
  readonly mentionStart = new Int32Column();
  readonly reportAmounts: Array<readonly DemandedAmount[] | undefined> = [];
  readonly reportLureHashes: Array<readonly number[] | undefined> = [];

  // Cases (victims).
  readonly caseIds: string[] = [];
  private readonly caseIndexById = new Map<string, number>();
  /** A case's oldest report held, or -1 once all its reports were removed (the case is forgotten). */
  private readonly caseFirstReport = new Int32Column();
  /** A case's newest report held: where the next one joins its list. */
  private readonly caseLastReport = new Int32Column();

  // Identifiers.
  readonly keys: LinkKey[] = [];
  private readonly keyIndexByKey = new Map<string, number>();
  /** Identifier index by triage's spelling (type, service, normalized); -1 for no identifier. */
  private readonly keyIndexBySpelling = new Map<string, number>();
  /** The spelling of its oldest mention, for display. */
  readonly keyDisplay: string[] = [];
  readonly keyChannel: Array<PaymentChannel | null> = [];
  readonly keySafelist: Array<SafelistEntry | undefined> = [];
  private readonly keyCountry: Array<
    { country: string; source: CountrySource } | null | undefined
  > = [];
  readonly keyReportCount = new Int32Column();
  readonly keyValidCount = new Int32Column();
  readonly keyFirstSeen = new Float64Column();
  readonly keyLastSeen = new Float64Column();
  /** The first report held that linked through this identifier, or -1. */
  private readonly keyAnchorReport = new Int32Column();
  /** Head of the singly-linked list of this identifier's mentions (newest first). */
  readonly keyHeadMention = new Int32Column();

  // Mentions: one per (report, identifier), deduplicated within a report.
  readonly mentionKey = new Int32Column(4096);
  readonly mentionReport = new Int32Column(4096);
  readonly mentionNextOfKey = new Int32Column(4096);
  readonly mentionValid = new Uint8Column(4096);

  // Lure material.
  readonly lure = new LureIndex();
  readonly lureOwner = new Int32Column();
  lureGroups = new UnionFind();
  /**
   * Pairs (earlier hash, later hash) that matched, in the order found (the later hash's report
   * found them when it was added); replayed by `relink` and `removeReports`.
   */
  private readonly lureLinks = new Int32Column();
  /** The pairs report r found are lureLinks[lurePairStart[r] .. lurePairStart[r + 1] - 1]. */
  private readonly lurePairStart = new Int32Column();

  private safelistVersion: number;
  /** Changes whenever networks may have changed (a report added or removed, a relink). */
  revision = 0;
  /** Counts relinks: after one, any network may have split. */
  relinks = 0;
  /** Reports whose network may read differently at the same size, until `takeReshown`. */
  private reshown: number[] = [];

  constructor(options: StoreOptions) {
    this.safelist = options.safelist;
    this.lureThreshold = options.lureThreshold ?? PDQ_MATCH_THRESHOLD;
    this.linkInvalid = options.linkInvalid ?? false;
    this.linkSameCase = options.linkSameCase ?? true;
    this.safelistVersion = this.safelist.version;
    this.mentionStart.push(0);
    this.lurePairStart.push(0);
  }

  /** Reports held (removed ones are not). */
  get reportCount(): number {
    return this.reportIds.length - this.removedReports;
  }

  /** Every report held, oldest first (insertion slots). */
  heldReports(): number[] {
    const held: number[] = [];
    for (let r = 0; r < this.reportIds.length; r++)
      if (this.reportRemoved.get(r) === 0) held.push(r);
    return held;
  }

  /**
   * Reports (insertion slots, with repeats) whose network's summary may have changed since the
   * last call although the network did not grow: members of networks a removal took apart
   * (removed ones included), and reports mentioning an identifier that every network now shows
   * differently (it started or stopped linking, or took another display or payment channel).
   */
  takeReshown(): number[] {
    const reshown = this.reshown;
    this.reshown = [];
    return reshown;
  }

  /** The oldest report held of a case: cases ordered by it are numbered as a fresh store would. */
  firstReportOfCase(caseIndex: number): number {
    return this.caseFirstReport.get(caseIndex);
  }

  reportIndex(id: string): number | undefined {
    return this.reportIndexById.get(id);
  }

  /** The identifier with this link key, or undefined when no report held mentions it. */
  keyIndex(key: string): number | undefined {
    const index = this.keyIndexByKey.get(key);
    // Once its reports are removed an identifier is forgotten; its number stays for its spellings.
    return index === undefined || this.keyReportCount.get(index) === 0 ? undefined : index;
  }

  family(report: number): ScamFamily | null {
    const code = this.reportFamily.get(report);
    return code === 0 ? null : SCAM_FAMILIES[code - 1]!;
  }

  /** Relinks everything if the safelist changed since the last call. */
  syncSafelist(): void {
    if (this.safelist.version !== this.safelistVersion) this.relink();
  }

  /** Adds one report and links it. Rejects malformed input without changing anything. */
  add(input: ReportInput): Result<AddedReport> {
    this.syncSafelist();
    const checked = checkReport(input);
    if (!checked.ok) return checked;
    if (this.reportIndexById.has(input.id)) {
      return fail('duplicate_report', `report "${input.id}" was already added`);
    }
    const { time, lureHashes } = checked.value;

    const report = this.networks.add();
    this.reportIds.push(input.id);
    this.reportIndexById.set(input.id, report);
    this.reportRemoved.push(0);
    this.reportNextInCase.push(NO_REPORT);
    this.reportTime.push(time);
    this.reportFamily.push(input.family == null ? 0 : SCAM_FAMILIES.indexOf(input.family) + 1);
    this.revision++;

    let caseIndex = this.caseIndexById.get(input.caseId);
    if (caseIndex === undefined) {
      caseIndex = this.caseIds.length;
      this.caseIds.push(input.caseId);
      this.caseIndexById.set(input.caseId, caseIndex);
      this.caseFirstReport.push(report);
      this.caseLastReport.push(report);
    } else {
      this.reportNextInCase.set(this.caseLastReport.get(caseIndex), report);
      this.caseLastReport.set(caseIndex, report);
      if (this.linkSameCase) this.networks.union(report, this.caseFirstReport.get(caseIndex));
    }
    this.reportCase.push(caseIndex);

    const linkedBy: LinkKey[] = [];
    const unlinked: Array<{ key: LinkKey; reason: UnlinkedReason }> = [];
    const amounts: DemandedAmount[] = [];
    // One mention per identifier and report; two spellings of it count as valid if either is.
    // (A report holds a handful of identifiers: parallel arrays beat a Map here.)
    const keyIndexes: number[] = [];
    const keys: LinkKey[] = [];
    const validity: boolean[] = [];
    /** The first indicator spelling each identifier: it describes an identifier seen first here. */
    const spellings: IndicatorInput[] = [];
    for (const indicator of input.indicators) {
      if (indicator.type === 'amount') {
        const amount = demandedAmount(indicator);
        if (amount !== null) amounts.push(amount);
        continue;
      }
      const keyIndex = this.keyIndexOf(indicator);
      if (keyIndex < 0) continue;
      const seen = keyIndexes.indexOf(keyIndex);
      if (seen < 0) {
        keyIndexes.push(keyIndex);
        keys.push(this.keys[keyIndex]!);
        validity.push(indicator.valid);
        spellings.push(indicator);
      } else if (indicator.valid) {
        validity[seen] = true;
      }
    }
    for (let i = 0; i < keyIndexes.length; i++) {
      const keyIndex = keyIndexes[i]!;
      const mentioned = this.keyReportCount.get(keyIndex) > 0;
      const linkedBefore = mentioned && this.keyLinks(keyIndex);
      if (!mentioned) this.describeKey(keyIndex, spellings[i]!);
      this.addMention(report, keyIndex, validity[i]!, time);
      // Its first valid spelling: it now links in every network that mentions it.
      if (mentioned && !linkedBefore && this.keyLinks(keyIndex)) {
        this.reshowReportsOfKey(keyIndex);
      }
      const reason = this.unlinkedReason(keyIndex, validity[i]!);
      if (reason !== null) unlinked.push({ key: keys[i]!, reason });
      else if (this.linkThrough(keyIndex, report)) linkedBy.push(keys[i]!);
    }
    this.mentionStart.push(this.mentionKey.length);
    this.reportAmounts.push(amounts.length > 0 ? amounts : undefined);

    const lureMatches = new Set<string>();
    const hashIds: number[] = [];
    for (const hash of lureHashes) {
      // Look before adding, so that a hash does not find itself.
      const near = this.lureThreshold >= 0 ? this.lure.near(hash, this.lureThreshold) : [];
      const hashId = this.lure.add(hash);
      this.lureOwner.push(report);
      this.lureGroups.add();
      hashIds.push(hashId);
      for (const { id } of near) {
        this.lureGroups.union(id, hashId);
        // Pairs within one report are kept too: a removal replays the variant groups from them.
        this.lureLinks.push(id);
        this.lureLinks.push(hashId);
        const owner = this.lureOwner.get(id);
        if (owner === report) continue;
        this.networks.union(report, owner);
        lureMatches.add(this.reportIds[owner]!);
      }
    }
    this.lurePairStart.push(this.lureLinks.length);
    this.reportLureHashes.push(hashIds.length > 0 ? hashIds : undefined);

    return {
      ok: true,
      value: {
        // Every removed report came before this one: its position among the reports held.
        index: report - this.removedReports,
        linkedBy,
        lureMatches: [...lureMatches],
        unlinked,
      },
    };
  }

  /** Rebuilds every link from the stored mentions (after a safelist edit). */
  relink(): void {
    this.safelistVersion = this.safelist.version;
    this.revision++;
    this.relinks++;
    for (let k = 0; k < this.keys.length; k++)
      this.keySafelist[k] = this.safelist.match(this.keys[k]!);
    this.keyAnchorReport.fill(NO_REPORT);
    const slots = this.reportIds.length;
    this.networks = new UnionFind(slots);
    for (let r = 0; r < slots; r++) this.networks.add();
    this.lureGroups = new UnionFind(this.lure.length);
    for (let h = 0; h < this.lure.length; h++) this.lureGroups.add();
    for (let r = 0; r < slots; r++) {
      if (this.reportRemoved.get(r) === 1) this.retire(r);
      else this.replayLinks(r);
    }
  }

  /**
   * Removes reports (insertion slots of reports held, each once), leaving exactly what a store
   * that never saw them would show: the networks they were in are taken apart and their other
   * reports linked again as when they were added (the same unions in the same order, so the same
   * networks, anchors and network ids); each identifier they mentioned loses the mention, its
   * counts and first and last seen, and takes its display and payment channel from its oldest
   * remaining mention (`inputOf` gives that report's input); an identifier no report mentions any
   * more, and a case with no report left, are forgotten. Nothing else is touched: the cost is the
   * size of those networks and the mentions of those identifiers, not the size of the store.
   * The networks that read differently afterwards are told by `takeReshown`.
   */
  removeReports(removed: readonly number[], inputOf: (report: number) => ReportInput): void {
    this.syncSafelist();
    const roots = new Set<number>();
    for (const r of removed) roots.add(this.networks.find(r));
    let size = 0;
    for (const root of roots) size += this.networks.sizeOf(root);
    // Typed, so that the sort is numeric without a comparator: networks can be large.
    const regrouped = new Int32Array(size);
    let filled = 0;
    for (const root of roots) for (const r of this.networks.members(root)) regrouped[filled++] = r;
    regrouped.sort();

    /** Identifiers that lose mentions, with how networks showed them before. */
    const touched = new Map<
      number,
      { links: boolean; display: string; channel: PaymentChannel | null }
    >();
    /** Cases whose oldest report went: that orders cases in summaries. */
    const reordered: number[] = [];
    for (const r of removed) {
      this.reportRemoved.set(r, 1);
      this.reportIndexById.delete(this.reportIds[r]!);
      if (this.unlinkFromCase(r)) reordered.push(this.reportCase.get(r));
      for (let m = this.mentionStart.get(r); m < this.mentionStart.get(r + 1); m++) {
        const key = this.mentionKey.get(m);
        if (!touched.has(key)) {
          touched.set(key, {
            links: this.keyLinks(key),
            display: this.keyDisplay[key]!,
            channel: this.keyChannel[key]!,
          });
        }
        this.unlinkMention(m);
      }
      for (const hash of this.reportLureHashes[r] ?? []) this.lure.remove(hash);
    }
    this.removedReports += removed.length;
    this.revision++;

    // Lure groups never cross networks, nor does an identifier's first linking report.
    const hashes: number[] = [];
    for (const r of regrouped) {
      for (let m = this.mentionStart.get(r); m < this.mentionStart.get(r + 1); m++) {
        const key = this.mentionKey.get(m);
        if (this.unlinkedReason(key, this.mentionValid.get(m) === 1) === null) {
          this.keyAnchorReport.set(key, NO_REPORT);
        }
      }
      for (const hash of this.reportLureHashes[r] ?? NO_HASHES) hashes.push(hash);
    }
    this.networks.isolate(regrouped);
    this.lureGroups.isolate(hashes);
    for (const r of regrouped) {
      if (this.reportRemoved.get(r) === 1) this.retire(r);
      else this.replayLinks(r);
    }

    for (const r of regrouped) this.reshown.push(r);
    for (const [key, before] of touched) {
      this.refreshKey(key, inputOf);
      if (
        before.links !== this.keyLinks(key) ||
        before.display !== this.keyDisplay[key] ||
        before.channel !== this.keyChannel[key]
      ) {
        this.reshowReportsOfKey(key);
      }
    }
    // Unless cases link their reports, a case's other reports may be in networks not regrouped.
    for (const caseIndex of reordered) {
      for (let r = this.caseFirstReport.get(caseIndex); r !== NO_REPORT;) {
        this.reshown.push(r);
        r = this.reportNextInCase.get(r);
      }
    }
  }

  /** Every report mentioning identifier `key` reads differently (`takeReshown`). */
  private reshowReportsOfKey(key: number): void {
    for (let m = this.keyHeadMention.get(key); m !== NO_REPORT; m = this.mentionNextOfKey.get(m)) {
      this.reshown.push(this.mentionReport.get(m));
    }
  }

  /** Makes the links report `r` made when it was added, to the reports still held, in that order. */
  private replayLinks(report: number): void {
    if (this.linkSameCase) {
      const first = this.caseFirstReport.get(this.reportCase.get(report));
      if (first !== report) this.networks.union(report, first);
    }
    for (let m = this.mentionStart.get(report); m < this.mentionStart.get(report + 1); m++) {
      const key = this.mentionKey.get(m);
      if (this.unlinkedReason(key, this.mentionValid.get(m) === 1) === null) {
        this.linkThrough(key, report);
      }
    }
    for (let p = this.lurePairStart.get(report); p < this.lurePairStart.get(report + 1); p += 2) {
      const earlier = this.lureLinks.get(p);
      const owner = this.lureOwner.get(earlier);
      if (this.reportRemoved.get(owner) === 1) continue;
      this.lureGroups.union(earlier, this.lureLinks.get(p + 1));
      if (owner !== report) this.networks.union(report, owner);
    }
  }

  /** Takes a removed report, and its lure hashes, out of the union-finds (each a singleton). */
  private retire(report: number): void {
    this.networks.retire(report);
    for (const hash of this.reportLureHashes[report] ?? NO_HASHES) this.lureGroups.retire(hash);
  }

  /**
   * Takes a removed report out of its case's list; forgets the case when it was the last. True
   * when the case lost its oldest report but not its last.
   */
  private unlinkFromCase(report: number): boolean {
    const caseIndex = this.reportCase.get(report);
    const next = this.reportNextInCase.get(report);
    const first = this.caseFirstReport.get(caseIndex);
    if (first === report) {
      this.caseFirstReport.set(caseIndex, next);
      // A victim who reports again after removing everything is a new case, as in a fresh store.
      if (next === NO_REPORT) this.caseIndexById.delete(this.caseIds[caseIndex]!);
      return next !== NO_REPORT;
    }
    let previous = first;
    while (this.reportNextInCase.get(previous) !== report) {
      previous = this.reportNextInCase.get(previous);
    }
    this.reportNextInCase.set(previous, next);
    if (this.caseLastReport.get(caseIndex) === report) this.caseLastReport.set(caseIndex, previous);
    return false;
  }

  /** Takes mention `m` out of its identifier's list and counts. */
  private unlinkMention(m: number): void {
    const key = this.mentionKey.get(m);
    const next = this.mentionNextOfKey.get(m);
    let at = this.keyHeadMention.get(key);
    if (at === m) this.keyHeadMention.set(key, next);
    else {
      while (this.mentionNextOfKey.get(at) !== m) at = this.mentionNextOfKey.get(at);
      this.mentionNextOfKey.set(at, next);
    }
    this.keyReportCount.set(key, this.keyReportCount.get(key) - 1);
    if (this.mentionValid.get(m) === 1)
      this.keyValidCount.set(key, this.keyValidCount.get(key) - 1);
  }

  /**
   * First and last seen of an identifier from its remaining mentions, and its display and payment
   * channel from the oldest of them: the indicator of that report that first spelled it.
   */
  private refreshKey(key: number, inputOf: (report: number) => ReportInput): void {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    let oldest = NO_REPORT;
    for (let m = this.keyHeadMention.get(key); m !== NO_REPORT; m = this.mentionNextOfKey.get(m)) {
      const time = this.reportTime.get(this.mentionReport.get(m));
      if (time < first) first = time;
      if (time > last) last = time;
      oldest = m;
    }
    this.keyFirstSeen.set(key, first);
    this.keyLastSeen.set(key, last);
    if (oldest === NO_REPORT) return;
    const spelling = inputOf(this.mentionReport.get(oldest)).indicators.find(
      (indicator) =>
        indicator.type !== 'amount' && this.keyIndexBySpelling.get(spellingOf(indicator)) === key,
    );
    if (spelling !== undefined) this.describeKey(key, spelling);
  }

  /** Display and payment channel of an identifier, from the indicator that first spelled it. */
  private describeKey(key: number, indicator: IndicatorInput): void {
    this.keyDisplay[key] = displayOf(indicator);
    this.keyChannel[key] = paymentChannel(this.keys[key]!, indicator);
  }

  /** Reports of the network holding `report`, oldest first. */
  membersOf(report: number): number[] {
    return [...this.networks.members(report)].sort((a, b) => a - b);
  }

  /** The country an identifier points to (phone or IBAN), computed once. */
  countryOf(key: number): { readonly country: string; readonly source: CountrySource } | null {
    let located = this.keyCountry[key];
    if (located === undefined) {
      located = identifierCountry(this.keys[key]!);
      this.keyCountry[key] = located;
    }
    return located;
  }

  /** The newest report mentioning identifier `key`. */
  latestReportOfKey(key: number): number {
    return this.mentionReport.get(this.keyHeadMention.get(key));
  }

  /** Reports mentioning identifier `key`, oldest first. */
  reportsOfKey(key: number): number[] {
    const reports: number[] = [];
    for (let m = this.keyHeadMention.get(key); m !== NO_REPORT; m = this.mentionNextOfKey.get(m)) {
      reports.push(this.mentionReport.get(m));
    }
    return reports.reverse();
  }

  /** True when identifier `key` links reports (valid or allowed invalid, and not safelisted). */
  keyLinks(key: number): boolean {
    return this.unlinkedReason(key, this.keyValidCount.get(key) > 0) === null;
  }

  private unlinkedReason(key: number, valid: boolean): UnlinkedReason | null {
    if (this.keySafelist[key] !== undefined) return 'safelisted';
    if (!valid && !this.linkInvalid) return 'invalid';
    return null;
  }

  /** Unions `report` with the first report linked through `key`. True when networks merged. */
  private linkThrough(key: number, report: number): boolean {
    const anchor = this.keyAnchorReport.get(key);
    if (anchor === NO_REPORT) {
      this.keyAnchorReport.set(key, report);
      return false;
    }
    return this.networks.union(report, anchor);
  }

  /**
   * The identifier index of an indicator, or -1 when it links nothing. Rings reuse the same few
   * identifiers across hundreds of reports, so the spelling triage gave is remembered: a spelling
   * seen before costs one map probe instead of canonicalisation.
   */
  private keyIndexOf(indicator: IndicatorInput): number {
    const spelling = spellingOf(indicator);
    const known = this.keyIndexBySpelling.get(spelling);
    if (known !== undefined) return known;
    const key = indicatorLinkKey(indicator);
    const index = key === null ? -1 : this.intern(key);
    this.keyIndexBySpelling.set(spelling, index);
    return index;
  }

  /** The index of an identifier, registering it (with its safelist entry) when new. */
  private intern(key: LinkKey): number {
    const known = this.keyIndexByKey.get(key.key);
    if (known !== undefined) return known;
    const index = this.keys.length;
    this.keys.push(key);
    this.keyIndexByKey.set(key.key, index);
    // Described by its first mention (`describeKey`), which comes next.
    this.keyDisplay.push('');
    this.keyChannel.push(null);
    this.keySafelist.push(this.safelist.match(key));
    this.keyReportCount.push(0);
    this.keyValidCount.push(0);
    this.keyFirstSeen.push(Number.POSITIVE_INFINITY);
    this.keyLastSeen.push(Number.NEGATIVE_INFINITY);
    this.keyAnchorReport.push(NO_REPORT);
    this.keyHeadMention.push(NO_REPORT);
    return index;
  }

  private addMention(report: number, key: number, valid: boolean, time: number): void {
    const mention = this.mentionKey.push(key);
    this.mentionReport.push(report);
    this.mentionValid.push(valid ? 1 : 0);
    this.mentionNextOfKey.push(this.keyHeadMention.get(key));
    this.keyHeadMention.set(key, mention);
    this.keyReportCount.set(key, this.keyReportCount.get(key) + 1);
    if (valid) this.keyValidCount.set(key, this.keyValidCount.get(key) + 1);
    if (time < this.keyFirstSeen.get(key)) this.keyFirstSeen.set(key, time);
    if (time > this.keyLastSeen.get(key)) this.keyLastSeen.set(key, time);
  }
}

interface CheckedReport {
  readonly time: number;
  readonly lureHashes: readonly PdqHash[];
}

function checkReport(input: ReportInput): Result<CheckedReport> {
  if (typeof input !== 'object' || input === null) {
    return fail('bad_report', 'a report must be an object');
  }
  if (typeof input.id !== 'string' || input.id === '' || input.id.length > MAX_ID_LENGTH) {
    return fail('bad_report_id', `a report needs a string id of 1 to ${MAX_ID_LENGTH} characters`);
  }
  if (
    typeof input.caseId !== 'string' ||
    input.caseId === '' ||
    input.caseId.length > MAX_ID_LENGTH
  ) {
    return fail(
      'bad_case_id',
      `report "${input.id}" needs a string caseId of 1 to ${MAX_ID_LENGTH} characters`,
    );
  }
  const receivedAt: unknown = input.receivedAt;
  const time =
    typeof receivedAt === 'number'
      ? receivedAt
      : typeof receivedAt === 'string'
        ? Date.parse(receivedAt)
        : Number.NaN;
  // Date's own range (±8.64e15 ms): beyond it a time cannot be written back as ISO 8601.
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) {
    return fail(
      'bad_received_at',
      `report "${input.id}": receivedAt must be an ISO 8601 time or milliseconds, got ${describe(receivedAt)}`,
    );
  }
  if (input.family != null && !SCAM_FAMILIES.includes(input.family)) {
    return fail(
      'bad_family',
      `report "${input.id}": family must be one of ${SCAM_FAMILIES.join(', ')} or null`,
    );
  }
  const indicators: unknown = input.indicators;
  if (!Array.isArray(indicators)) {
    return fail('bad_indicators', `report "${input.id}": indicators must be an array`);
  }
  if (indicators.length > MAX_INDICATORS) {
    return fail(
      'too_many_indicators',
      `report "${input.id}": at most ${MAX_INDICATORS} indicators, got ${indicators.length}`,
    );
  }
  const badIndicator = (indicators as readonly unknown[]).findIndex((item) => !isIndicator(item));
  if (badIndicator >= 0) {
    return fail(
      'bad_indicator',
      `report "${input.id}": indicator ${badIndicator} needs string type, value and normalized and a boolean valid`,
    );
  }
  const lureInput: unknown = input.lureHashes ?? [];
  if (!Array.isArray(lureInput) || lureInput.length > MAX_LURE_HASHES) {
    return fail(
      'bad_lure_hash',
      `report "${input.id}": lureHashes must be an array of at most ${MAX_LURE_HASHES} PDQ hashes`,
    );
  }
  const lureHashes: PdqHash[] = [];
  for (const text of lureInput as readonly unknown[]) {
    const parsed = parsePdqHash(text);
    if (!parsed.ok) {
      return fail('bad_lure_hash', `report "${input.id}": ${parsed.error.message}`);
    }
    lureHashes.push(parsed.value);
  }
  return { ok: true, value: { time, lureHashes } };
}

/** How triage spelled an identifier: what `indicatorLinkKey` reads. */
function spellingOf(indicator: IndicatorInput): string {
  return `${indicator.type}\u0000${indicator.service ?? ''}\u0000${indicator.normalized}`;
}

/** How an identifier is shown: as first written; a receiver with its city. */
function displayOf(indicator: IndicatorInput): string {
  const city = indicator.city;
  return indicator.type === 'receiver' && typeof city === 'string' && city !== ''
    ? `${indicator.value}, ${city}`
    : indicator.value;
}

/** A short, safe description of an untrusted value for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null)
    return String(value);
  return `a value of type ${typeof value}`;
}

function isIndicator(item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const indicator = item as Record<string, unknown>;
  return (
    typeof indicator['type'] === 'string' &&
    typeof indicator['value'] === 'string' &&
    typeof indicator['normalized'] === 'string' &&
    typeof indicator['valid'] === 'boolean'
  );
}

function fail<T>(code: string, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
