/**
 * The correlation store: every report, identifier and mention in flat columns, and the union-find
 * that links reports into networks as they arrive.
 *
 * Linking is incremental: adding a report looks up its identifiers (a hash-map probe each), unions
 * it with the first earlier report of each, and with the earlier owners of near-duplicate lure
 * hashes. Nothing else is touched. Only a safelist edit replays the links (`relink`), since an
 * identifier that stops linking can split a network and union-find cannot undo a union; removing
 * reports makes a new store without them (`withoutReports`) for the same reason.
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
  /** Insertion index of the report. */
  readonly index: number;
  /** Identifiers through which this report joined earlier reports. */
  readonly linkedBy: readonly LinkKey[];
  /** Earlier reports sharing lure material with this one (their ids). */
  readonly lureMatches: readonly string[];
  /** Identifiers of this report that cannot link, and why. */
  readonly unlinked: ReadonlyArray<{ readonly key: LinkKey; readonly reason: UnlinkedReason }>;
}

const NO_REPORT = -1;
/** Limits on one report, far above real messages (triage returns at most 500 indicators). */
const MAX_ID_LENGTH = 200;
const MAX_INDICATORS = 1000;
const MAX_LURE_HASHES = 100;

export class CorrelationStore {
  readonly safelist: Safelist;
  readonly lureThreshold: number;
  readonly linkInvalid: boolean;
  readonly linkSameCase: boolean;

  // Reports.
  networks = new UnionFind();
  readonly reportIds: string[] = [];
  private readonly reportIndexById = new Map<string, number>();
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
  private readonly caseFirstReport = new Int32Column();

  // Identifiers.
  readonly keys: LinkKey[] = [];
  private readonly keyIndexByKey = new Map<string, number>();
  /** Identifier index by triage's spelling (type, service, normalized); -1 for no identifier. */
  private readonly keyIndexBySpelling = new Map<string, number>();
  /** The first spelling seen, for display. */
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
  /** The first report that linked through this identifier, or -1. */
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
   * found them when it was added); replayed by `relink` and `withoutReports`.
   */
  private readonly lureLinks = new Int32Column();

  private safelistVersion: number;
  /** Changes whenever networks may have changed (a report added, a relink). */
  revision = 0;
  /** Counts relinks: after one, any network may have split. */
  relinks = 0;

  constructor(options: StoreOptions) {
    this.safelist = options.safelist;
    this.lureThreshold = options.lureThreshold ?? PDQ_MATCH_THRESHOLD;
    this.linkInvalid = options.linkInvalid ?? false;
    this.linkSameCase = options.linkSameCase ?? true;
    this.safelistVersion = this.safelist.version;
    this.mentionStart.push(0);
  }

  get reportCount(): number {
    return this.reportIds.length;
  }

  reportIndex(id: string): number | undefined {
    return this.reportIndexById.get(id);
  }

  keyIndex(key: string): number | undefined {
    return this.keyIndexByKey.get(key);
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
    this.reportTime.push(time);
    this.reportFamily.push(input.family == null ? 0 : SCAM_FAMILIES.indexOf(input.family) + 1);
    this.revision++;

    let caseIndex = this.caseIndexById.get(input.caseId);
    if (caseIndex === undefined) {
      caseIndex = this.caseIds.length;
      this.caseIds.push(input.caseId);
      this.caseIndexById.set(input.caseId, caseIndex);
      this.caseFirstReport.push(report);
    } else if (this.linkSameCase) {
      this.networks.union(report, this.caseFirstReport.get(caseIndex));
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
      } else if (indicator.valid) {
        validity[seen] = true;
      }
    }
    for (let i = 0; i < keyIndexes.length; i++) {
      const keyIndex = keyIndexes[i]!;
      this.addMention(report, keyIndex, validity[i]!, time);
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
    this.reportLureHashes.push(hashIds.length > 0 ? hashIds : undefined);

    return {
      ok: true,
      value: { index: report, linkedBy, lureMatches: [...lureMatches], unlinked },
    };
  }

  /** Rebuilds every link from the stored mentions (after a safelist edit). */
  relink(): void {
    this.safelistVersion = this.safelist.version;
    this.revision++;
    this.relinks++;
    const count = this.reportCount;
    this.networks = new UnionFind(count);
    for (let r = 0; r < count; r++) this.networks.add();
    this.keyAnchorReport.fill(NO_REPORT);
    for (let k = 0; k < this.keys.length; k++)
      this.keySafelist[k] = this.safelist.match(this.keys[k]!);
    for (let r = 0; r < count; r++) {
      if (this.linkSameCase) {
        const first = this.caseFirstReport.get(this.reportCase.get(r));
        if (first !== r) this.networks.union(r, first);
      }
      for (let m = this.mentionStart.get(r); m < this.mentionStart.get(r + 1); m++) {
        const key = this.mentionKey.get(m);
        if (this.unlinkedReason(key, this.mentionValid.get(m) === 1) === null) {
          this.linkThrough(key, r);
        }
      }
    }
    for (let i = 0; i < this.lureLinks.length; i += 2) {
      this.networks.union(
        this.lureOwner.get(this.lureLinks.get(i)),
        this.lureOwner.get(this.lureLinks.get(i + 1)),
      );
    }
  }

  /**
   * A new store with every report of this one but `removed` (insertion indexes), exactly as if
   * those had never been added: the same unions in the same order, so the same networks, anchors
   * and network ids; identifiers, cases and lure hashes numbered in the order they are first met;
   * an identifier's display and payment channel from its first remaining mention (`inputOf` gives
   * a report's input, read only then); an identifier no remaining report mentions is forgotten.
   * It copies columns and replays links: no identifier is parsed again, no hash-map probe per
   * mention.
   */
  withoutReports(
    removed: ReadonlySet<number>,
    inputOf: (report: number) => ReportInput,
  ): CorrelationStore {
    this.syncSafelist();
    const next = new CorrelationStore({
      safelist: this.safelist,
      lureThreshold: this.lureThreshold,
      linkInvalid: this.linkInvalid,
      linkSameCase: this.linkSameCase,
    });
    const caseMap = new Int32Array(this.caseIds.length).fill(NO_REPORT);
    const keyMap = new Int32Array(this.keys.length).fill(NO_REPORT);
    /** 1 for an identifier first mentioned by a removed report: its display and channel change. */
    const firstMentionGone = new Uint8Array(this.keys.length);
    const hashMap = new Int32Array(this.lure.length).fill(NO_REPORT);
    let pair = 0;
    for (let r = 0; r < this.reportCount; r++) {
      const mentionsEnd = this.mentionStart.get(r + 1);
      if (removed.has(r)) {
        for (let m = this.mentionStart.get(r); m < mentionsEnd; m++) {
          const old = this.mentionKey.get(m);
          if (keyMap[old] === NO_REPORT) firstMentionGone[old] = 1;
        }
        while (pair < this.lureLinks.length && this.lurePairFoundBy(pair) === r) pair += 2;
        continue;
      }
      const report = next.networks.add();
      const id = this.reportIds[r]!;
      next.reportIds.push(id);
      next.reportIndexById.set(id, report);
      const time = this.reportTime.get(r);
      next.reportTime.push(time);
      next.reportFamily.push(this.reportFamily.get(r));
      next.revision++;

      const oldCase = this.reportCase.get(r);
      let caseIndex = caseMap[oldCase]!;
      if (caseIndex === NO_REPORT) {
        caseIndex = next.caseIds.length;
        caseMap[oldCase] = caseIndex;
        next.caseIds.push(this.caseIds[oldCase]!);
        next.caseIndexById.set(this.caseIds[oldCase]!, caseIndex);
        next.caseFirstReport.push(report);
      } else if (next.linkSameCase) {
        next.networks.union(report, next.caseFirstReport.get(caseIndex));
      }
      next.reportCase.push(caseIndex);

      for (let m = this.mentionStart.get(r); m < mentionsEnd; m++) {
        const old = this.mentionKey.get(m);
        let key = keyMap[old]!;
        if (key === NO_REPORT) {
          key = next.internCopy(this, old, firstMentionGone[old] === 1 ? inputOf(r) : undefined);
          keyMap[old] = key;
        }
        const valid = this.mentionValid.get(m) === 1;
        next.addMention(report, key, valid, time);
        if (next.unlinkedReason(key, valid) === null) next.linkThrough(key, report);
      }
      next.mentionStart.push(next.mentionKey.length);
      next.reportAmounts.push(this.reportAmounts[r]);

      const hashIds: number[] = [];
      for (const old of this.reportLureHashes[r] ?? []) {
        const hashId = next.lure.add(this.lure.hash(old));
        next.lureOwner.push(report);
        next.lureGroups.add();
        hashMap[old] = hashId;
        hashIds.push(hashId);
      }
      for (; pair < this.lureLinks.length && this.lurePairFoundBy(pair) === r; pair += 2) {
        const earlier = hashMap[this.lureLinks.get(pair)]!;
        if (earlier === NO_REPORT) continue;
        const later = hashMap[this.lureLinks.get(pair + 1)]!;
        next.lureGroups.union(earlier, later);
        next.lureLinks.push(earlier);
        next.lureLinks.push(later);
        const owner = next.lureOwner.get(earlier);
        if (owner !== report) next.networks.union(report, owner);
      }
      next.reportLureHashes.push(hashIds.length > 0 ? hashIds : undefined);
    }
    for (const [spelling, old] of this.keyIndexBySpelling) {
      if (old < 0) next.keyIndexBySpelling.set(spelling, old);
      else if (keyMap[old] !== NO_REPORT) next.keyIndexBySpelling.set(spelling, keyMap[old]!);
    }
    return next;
  }

  /** The report that found lure pair `pair` (the owner of its later hash). */
  private lurePairFoundBy(pair: number): number {
    return this.lureOwner.get(this.lureLinks.get(pair + 1));
  }

  /**
   * Registers identifier `old` of store `from` here. Its display and channel come with it, unless
   * its first mention went: then from the first indicator of `input` that spells it.
   */
  private internCopy(from: CorrelationStore, old: number, input: ReportInput | undefined): number {
    const key = from.keys[old]!;
    const index = this.keys.length;
    this.keys.push(key);
    this.keyIndexByKey.set(key.key, index);
    const indicator =
      input === undefined
        ? undefined
        : input.indicators.find(
            (candidate) =>
              candidate.type !== 'amount' &&
              from.keyIndexBySpelling.get(spellingOf(candidate)) === old,
          );
    this.keyDisplay.push(indicator === undefined ? from.keyDisplay[old]! : displayOf(indicator));
    this.keyChannel.push(
      indicator === undefined ? from.keyChannel[old]! : paymentChannel(key, indicator),
    );
    this.keySafelist.push(from.keySafelist[old]);
    this.keyCountry.push(from.keyCountry[old]);
    this.keyReportCount.push(0);
    this.keyValidCount.push(0);
    this.keyFirstSeen.push(Number.POSITIVE_INFINITY);
    this.keyLastSeen.push(Number.NEGATIVE_INFINITY);
    this.keyAnchorReport.push(NO_REPORT);
    this.keyHeadMention.push(NO_REPORT);
    return index;
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
    const index = key === null ? -1 : this.intern(key, indicator);
    this.keyIndexBySpelling.set(spelling, index);
    return index;
  }

  /** The index of an identifier, registering it (display, channel, safelist entry) when new. */
  private intern(key: LinkKey, indicator: IndicatorInput): number {
    const known = this.keyIndexByKey.get(key.key);
    if (known !== undefined) return known;
    const index = this.keys.length;
    this.keys.push(key);
    this.keyIndexByKey.set(key.key, index);
    this.keyDisplay.push(displayOf(indicator));
    this.keyChannel.push(paymentChannel(key, indicator));
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
