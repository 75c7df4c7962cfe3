/**
 * vPDQ matching as upstream defines it (vpdq/README.md, python-threatexchange
 * `vpdq_brute_matcher.match_VPDQ_hash_brute`):
 *
 * 1. each side is deduplicated by exact hash (first occurrence kept), then frames of quality below
 *    the threshold (50) are dropped;
 * 2. a frame of one side is matched when some frame of the other side is within the distance
 *    threshold (<= 31), counted both ways;
 * 3. queryPercent = matched query frames · 100 / query frames, comparedPercent likewise;
 * 4. the videos match when queryPercent >= 80 and comparedPercent >= 0 (python-threatexchange's
 *    defaults): the query, typically an upload, must be mostly made of the compared video, so a short
 *    excerpt of a long recording matches it. The README's worked example puts the 80 % on the
 *    other side; we follow the code that HMA runs.
 *
 * Where a side has no frame left after filtering, both percentages are 0 and nothing matches
 * (python-threatexchange divides by zero there).
 */
import { popcount32 } from '../core/hash.ts';
import {
  VPDQ_COMPARED_MATCH_PERCENT,
  VPDQ_DISTANCE_THRESHOLD,
  VPDQ_QUALITY_THRESHOLD,
  VPDQ_QUERY_MATCH_PERCENT,
  type VpdqFeature,
} from './frame.ts';

export interface VpdqMatchOptions {
  /** Two frames match at a Hamming distance <= this (default 31). */
  readonly distanceThreshold?: number;
  /** Frames of lower quality are ignored (default 50). */
  readonly qualityThreshold?: number;
  /** The verdict needs queryPercent >= this (default 80). */
  readonly queryMatchPercent?: number;
  /** The verdict needs comparedPercent >= this (default 0). */
  readonly comparedMatchPercent?: number;
}

export interface VpdqMatchResult {
  /** Share of the query's unique, good-quality frames found in the compared video, 0 to 100. */
  readonly queryPercent: number;
  /** Share of the compared video's unique, good-quality frames found in the query, 0 to 100. */
  readonly comparedPercent: number;
  /** The verdict under the thresholds used. A lead for a human reviewer, not proof. */
  readonly match: boolean;
  /** How many query frames took part (unique hashes of sufficient quality). */
  readonly queryFrames: number;
  /** How many compared frames took part. */
  readonly comparedFrames: number;
}

/**
 * A frame list deduplicated, quality-filtered and packed for fast comparison. Prepare a stored
 * video once and compare it with many queries.
 */
export interface PreparedVpdq {
  /** The quality threshold the frames were filtered with. */
  readonly qualityThreshold: number;
  /** Number of frames kept. */
  readonly length: number;
  /** 8 big-endian 32-bit words per kept hash, in hex order. */
  readonly words: Uint32Array;
}

const WORDS_PER_HASH = 8;

/**
 * Deduplicates by exact hash (keeping the first), drops frames below `qualityThreshold`, and packs
 * the hashes.
 *
 * @example
 * const stored = prepareVpdq(frames);
 * for (const upload of uploads) matchVpdq(upload, stored);
 */
export function prepareVpdq(
  features: readonly VpdqFeature[],
  qualityThreshold: number = VPDQ_QUALITY_THRESHOLD,
): PreparedVpdq {
  assertInRange('qualityThreshold', qualityThreshold, 0, 101);
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const feature of features) {
    if (seen.has(feature.pdq)) continue;
    seen.add(feature.pdq);
    if (feature.quality >= qualityThreshold) kept.push(feature.pdq);
  }
  const words = new Uint32Array(kept.length * WORDS_PER_HASH);
  kept.forEach((hex, index) => {
    for (let w = 0; w < WORDS_PER_HASH; w++) {
      words[index * WORDS_PER_HASH + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16);
    }
  });
  return { qualityThreshold, length: kept.length, words };
}

/**
 * Compares two videos' frame lists and gives both match percentages and the verdict.
 * `query` is the video being checked (an upload), `compared` the known one (a bank entry).
 *
 * @example
 * const result = matchVpdq(upload.frames, banked.frames);
 * // { queryPercent: 100, comparedPercent: 16.7, match: true, queryFrames: 10, comparedFrames: 60 }
 * matchVpdq(a, b, { queryMatchPercent: 50, distanceThreshold: 20 });
 */
export function matchVpdq(
  query: readonly VpdqFeature[] | PreparedVpdq,
  compared: readonly VpdqFeature[] | PreparedVpdq,
  options: VpdqMatchOptions = {},
): VpdqMatchResult {
  const { distanceThreshold, qualityThreshold, queryMatchPercent, comparedMatchPercent } =
    resolveMatchOptions(options);

  const q = prepared(query, qualityThreshold);
  const c = prepared(compared, qualityThreshold);
  if (q.length === 0 || c.length === 0) {
    return {
      queryPercent: 0,
      comparedPercent: 0,
      match: false,
      queryFrames: q.length,
      comparedFrames: c.length,
    };
  }
  const comparedMatched = new Uint8Array(c.length);
  let queryMatchedCount = 0;
  let comparedMatchedCount = 0;
  const qw = q.words;
  const cw = c.words;
  for (let i = 0; i < q.length; i++) {
    let queryMatched = false;
    const qi = i * WORDS_PER_HASH;
    for (let j = 0; j < c.length; j++) {
      // Once both frames are known to match, their distance cannot change either count.
      if (queryMatched && comparedMatched[j] === 1) continue;
      const cj = j * WORDS_PER_HASH;
      let distance = 0;
      for (let w = 0; w < WORDS_PER_HASH && distance <= distanceThreshold; w++) {
        distance += popcount32(qw[qi + w]! ^ cw[cj + w]!);
      }
      if (distance <= distanceThreshold) {
        queryMatched = true;
        if (comparedMatched[j] === 0) {
          comparedMatched[j] = 1;
          comparedMatchedCount++;
        }
      }
    }
    if (queryMatched) queryMatchedCount++;
  }
  const queryPercent = (queryMatchedCount * 100) / q.length;
  const comparedPercent = (comparedMatchedCount * 100) / c.length;
  return {
    queryPercent,
    comparedPercent,
    match: queryPercent >= queryMatchPercent && comparedPercent >= comparedMatchPercent,
    queryFrames: q.length,
    comparedFrames: c.length,
  };
}

function prepared(
  input: readonly VpdqFeature[] | PreparedVpdq,
  qualityThreshold: number,
): PreparedVpdq {
  if (!Array.isArray(input)) {
    const ready = input as PreparedVpdq;
    if (ready.qualityThreshold !== qualityThreshold) {
      throw new RangeError(
        `a prepared frame list filtered at quality ${ready.qualityThreshold} cannot be matched at ${qualityThreshold}`,
      );
    }
    return ready;
  }
  return prepareVpdq(input as readonly VpdqFeature[], qualityThreshold);
}

/**
 * The options with upstream's defaults filled in, each checked (a RangeError names the bad one).
 * Shared by frame matching and instant matching (`instants.ts`), so both read options alike.
 */
export function resolveMatchOptions(options: VpdqMatchOptions): Required<VpdqMatchOptions> {
  const resolved = {
    distanceThreshold: options.distanceThreshold ?? VPDQ_DISTANCE_THRESHOLD,
    qualityThreshold: options.qualityThreshold ?? VPDQ_QUALITY_THRESHOLD,
    queryMatchPercent: options.queryMatchPercent ?? VPDQ_QUERY_MATCH_PERCENT,
    comparedMatchPercent: options.comparedMatchPercent ?? VPDQ_COMPARED_MATCH_PERCENT,
  };
  assertInRange('distanceThreshold', resolved.distanceThreshold, 0, 256);
  assertInRange('qualityThreshold', resolved.qualityThreshold, 0, 101);
  assertInRange('queryMatchPercent', resolved.queryMatchPercent, 0, 100);
  assertInRange('comparedMatchPercent', resolved.comparedMatchPercent, 0, 100);
  return resolved;
}

function assertInRange(name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a number from ${min} to ${max}, got ${String(value)}`);
  }
}
