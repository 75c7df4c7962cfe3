import { KEY_BITS, KEY_COUNT } from './bucket-table.ts';
import { MAX_DISTANCE, POPCOUNT16 } from './hash-bits.ts';

/**
 * How a multi-index query finds every hash within distance t, by the pigeonhole principle.
 *
 * The 256 bits are 8 blocks of 32; block j is word j, split into a high and a low 16-bit half,
 * and each half has a table. If block radii R_j satisfy sum(R_j + 1) >= t + 1, a hash within t
 * has some block j within R_j (otherwise the distance would be at least sum(R_j + 1) > t). Inside
 * that block, if the half radii satisfy (r_high + 1) + (r_low + 1) >= R_j + 1, one half is within
 * its radius. So probing, in every table, the keys within the table's radius of the query's half
 * reaches every hash within t, and an entry only needs a closer look when its block as a whole is
 * within R_j: the entry's partner (the other half) says that without touching the hash.
 *
 * A radius of -1 skips a table. For t = 31 every table has radius 1: 17 keys a table, 272 in all.
 */
export interface ProbePlan {
  /** R_j for each of the 8 blocks (-1: block skipped). */
  readonly blockRadius: Int8Array;
  /** Radius of each block's high-half table. */
  readonly highRadius: Int8Array;
  /** Radius of each block's low-half table (never above the high one). */
  readonly lowRadius: Int8Array;
  /** Keys probed in all, a measure of the plan's fixed cost. */
  readonly probes: number;
}

export const BLOCKS = 8;

/**
 * Every 16-bit value, ordered by number of set bits: the keys within radius r of a query half q
 * are `q ^ PROBE_MASKS[i]` for `i < MASKS_WITHIN[r]`, nearest first.
 */
export const PROBE_MASKS: Uint16Array = (() => {
  const masks = Array.from({ length: KEY_COUNT }, (_, value) => value);
  masks.sort((a, b) => POPCOUNT16[a]! - POPCOUNT16[b]! || a - b);
  return Uint16Array.from(masks);
})();

/** `MASKS_WITHIN[r]`: how many 16-bit masks have at most r bits set (r from 0 to 16). */
export const MASKS_WITHIN: Uint32Array = (() => {
  const within = new Uint32Array(KEY_BITS + 1);
  for (let value = 0; value < KEY_COUNT; value++) within[POPCOUNT16[value]!]!++;
  for (let r = 1; r <= KEY_BITS; r++) within[r]! += within[r - 1]!;
  return within;
})();

const plans: (ProbePlan | undefined)[] = [];

/**
 * The probe plan for threshold `maxDistance` (0 to 256): the t + 1 units of coverage are spread
 * as evenly as possible over the 16 tables, high halves first.
 *
 * @example
 * probePlan(31).highRadius; // Int8Array [1, 1, 1, 1, 1, 1, 1, 1]
 */
export function probePlan(maxDistance: number): ProbePlan {
  const cached = plans[maxDistance];
  if (cached !== undefined) return cached;
  const coverage = maxDistance + 1;
  const tables = 2 * BLOCKS;
  const base = Math.floor(coverage / tables) - 1;
  const extra = coverage - tables * (base + 1);
  // Table order: high halves of blocks 0..7, then low halves of blocks 0..7.
  const radius = (table: number) => Math.min(KEY_BITS, base + (table < extra ? 1 : 0));
  const blockRadius = new Int8Array(BLOCKS);
  const highRadius = new Int8Array(BLOCKS);
  const lowRadius = new Int8Array(BLOCKS);
  let probes = 0;
  for (let block = 0; block < BLOCKS; block++) {
    highRadius[block] = radius(block);
    lowRadius[block] = radius(BLOCKS + block);
    blockRadius[block] = highRadius[block]! + lowRadius[block]! + 1;
    if (highRadius[block]! >= 0) probes += MASKS_WITHIN[highRadius[block]!]!;
    if (lowRadius[block]! >= 0) probes += MASKS_WITHIN[lowRadius[block]!]!;
  }
  const plan = { blockRadius, highRadius, lowRadius, probes };
  plans[maxDistance] = plan;
  return plan;
}

/*
 * Costs in nanoseconds of CPU, fitted to measurements on the benchmark machine (README.md, "probe
 * or scan"): gathering a probed key, reading a non-empty run (a cache miss once the tables outgrow
 * the cache), checking one entry's partner, comparing a candidate in full, and, for a scan,
 * comparing one stored hash.
 */
const PROBE_COST = 5;
const RUN_COST = 40;
const ENTRY_COST = 1.5;
const CANDIDATE_COST = 100;
const SCAN_COST = 18;

/**
 * True when reading every hash is expected to be cheaper than probing the tables: small indexes,
 * and thresholds so wide that the tables would be read almost whole anyway. Either way the answer
 * is the same; this only picks the faster path (estimated for uniformly spread hashes).
 *
 * @example
 * preferScan(31, 100); // true: 272 probes cost more than 100 comparisons
 * preferScan(64, 1_000_000); // false
 */
export function preferScan(maxDistance: number, size: number): boolean {
  if (maxDistance >= MAX_DISTANCE) return true;
  const plan = probePlan(maxDistance);
  const perKey = size / KEY_COUNT;
  const nonEmpty = 1 - Math.exp(-perKey);
  let cost = plan.probes * (PROBE_COST + nonEmpty * RUN_COST + perKey * ENTRY_COST);
  for (let block = 0; block < BLOCKS; block++) {
    const R = plan.blockRadius[block]!;
    const rHigh = plan.highRadius[block]!;
    const rLow = plan.lowRadius[block]!;
    for (let d = 0; d <= rHigh; d++) {
      cost += countAt(d) * perKey * within(R - d) * CANDIDATE_COST;
    }
    for (let d = 0; d <= rLow; d++) {
      const accepted = within(R - d) - within(rHigh);
      cost += countAt(d) * perKey * accepted * (CANDIDATE_COST + perKey * ENTRY_COST);
    }
  }
  return cost >= size * SCAN_COST;
}

/** Fraction of random 16-bit partners within distance r. */
function within(r: number): number {
  if (r < 0) return 0;
  return MASKS_WITHIN[Math.min(r, KEY_BITS)]! / KEY_COUNT;
}

/** Number of 16-bit masks with exactly d bits set. */
function countAt(d: number): number {
  return MASKS_WITHIN[d]! - (d > 0 ? MASKS_WITHIN[d - 1]! : 0);
}
