/**
 * Trend series for the console's charts: reports per ISO week, split by scam family and by payment
 * channel, on one continuous axis of weeks (weeks without reports are zeros, not gaps).
 */
import type { PaymentChannel } from '../identifiers/facets.ts';
import type { CorrelationStore } from '../store.ts';
import type { ScamFamily } from '../types.ts';
import { compareCodeUnits } from '../order.ts';

export interface TrendSeries {
  /** ISO weeks, "2025-W07", oldest first, without gaps. */
  readonly weeks: readonly string[];
  /** Reports per week. */
  readonly reports: readonly number[];
  readonly byFamily: ReadonlyArray<{
    readonly family: ScamFamily | 'unknown';
    readonly counts: readonly number[];
  }>;
  /** A report counts once per channel it names. */
  readonly byChannel: ReadonlyArray<{
    readonly channel: PaymentChannel;
    readonly counts: readonly number[];
  }>;
}

export interface TrendOptions {
  /** Only reports received at or after this time (ISO 8601 or ms). */
  readonly from?: string | number;
  /** Only reports received before this time. */
  readonly to?: string | number;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/**
 * The ISO 8601 week of a time (UTC): weeks start on Monday and week 1 holds the year's first
 * Thursday, so 2021-01-03 is "2020-W53".
 *
 * @example
 * isoWeek(Date.parse('2024-12-30T10:00:00Z')); // '2025-W01'
 */
export function isoWeek(time: number): string {
  const monday = weekStart(time);
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Midnight UTC of the Monday of the week holding `time`. */
function weekStart(time: number): number {
  const day = Math.floor(time / DAY);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  return (day - ((((day + 3) % 7) + 7) % 7)) * DAY;
}

/** Trends over `reports` (insertion indexes), or over every report when omitted. */
export function trendSeries(
  store: CorrelationStore,
  reports?: readonly number[],
  options: TrendOptions = {},
): TrendSeries {
  const from = options.from === undefined ? Number.NEGATIVE_INFINITY : toTime(options.from);
  const to = options.to === undefined ? Number.POSITIVE_INFINITY : toTime(options.to);
  const selected: number[] = [];
  const all = reports ?? store.heldReports();
  let firstWeek = Number.POSITIVE_INFINITY;
  let lastWeek = Number.NEGATIVE_INFINITY;
  for (const r of all) {
    const time = store.reportTime.get(r);
    if (time < from || time >= to) continue;
    selected.push(r);
    const start = weekStart(time);
    if (start < firstWeek) firstWeek = start;
    if (start > lastWeek) lastWeek = start;
  }
  if (selected.length === 0) return { weeks: [], reports: [], byFamily: [], byChannel: [] };

  const weekCount = Math.round((lastWeek - firstWeek) / WEEK) + 1;
  const weeks = Array.from({ length: weekCount }, (_, i) => isoWeek(firstWeek + i * WEEK));
  const totals = new Array<number>(weekCount).fill(0);
  const families = new Map<ScamFamily | 'unknown', number[]>();
  const channels = new Map<PaymentChannel, number[]>();
  for (const r of selected) {
    const week = Math.round((weekStart(store.reportTime.get(r)) - firstWeek) / WEEK);
    totals[week]!++;
    increment(families, store.family(r) ?? 'unknown', week, weekCount);
    const named = new Set<PaymentChannel>();
    for (let m = store.mentionStart.get(r); m < store.mentionStart.get(r + 1); m++) {
      const key = store.mentionKey.get(m);
      const channel = store.keyLinks(key) ? store.keyChannel[key] : null;
      if (channel != null) named.add(channel);
    }
    for (const channel of named) increment(channels, channel, week, weekCount);
  }
  const bySum = <K extends string>(a: [K, number[]], b: [K, number[]]): number =>
    sum(b[1]) - sum(a[1]) || compareCodeUnits(a[0], b[0]);
  return {
    weeks,
    reports: totals,
    byFamily: [...families].sort(bySum).map(([family, counts]) => ({ family, counts })),
    byChannel: [...channels].sort(bySum).map(([channel, counts]) => ({ channel, counts })),
  };
}

function increment<K>(map: Map<K, number[]>, key: K, week: number, weekCount: number): void {
  let counts = map.get(key);
  if (counts === undefined) {
    counts = new Array<number>(weekCount).fill(0);
    map.set(key, counts);
  }
  counts[week]!++;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function toTime(value: string | number): number {
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time)) throw new RangeError(`not a time: ${JSON.stringify(value)}`);
  return time;
}
