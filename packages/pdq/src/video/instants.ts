/**
 * Matching by instant: for frame lists hashed with neighbourhoods (`./neighbourhood.ts`), where
 * the frames of one sampling instant share its timestamp.
 *
 * Upstream's matcher (`./match.ts`) counts frames: a query frame is found when some frame of the
 * other side is within 31 bits. That is right when the query has one frame per instant (an
 * upload hashed the plain way) and the bank carries neighbourhoods. When both sides carry them,
 * counting frames punishes the query for the very frames that make it robust: the edge of each
 * neighbourhood reaches moments the other video's neighbourhoods do not cover (measured: 69 to 87 %
 * on a `-r 25` copy of fast-moving video). Counting instants does not: an instant is found when
 * any of its frames is within the threshold of any frame of the other side.
 *
 * With one frame per instant (upstream's lists, reference sampling, `neighbourhoodSeconds: 0`) the
 * result is exactly `matchVpdq`'s: same deduplication, same filter, same percentages.
 */
import { popcount32 } from '../core/hash.ts';
import {
  VPDQ_COMPARED_MATCH_PERCENT,
  VPDQ_DISTANCE_THRESHOLD,
  VPDQ_QUALITY_THRESHOLD,
  VPDQ_QUERY_MATCH_PERCENT,
  type VpdqFeature,
} from './frame.ts';
import type { VpdqMatchOptions, VpdqMatchResult } from './match.ts';

/** The frames of one sampling instant (one frame for lists without neighbourhoods). */
export type VpdqInstant<T extends VpdqFeature = VpdqFeature> = readonly T[];

export interface VpdqInstantMatchResult extends VpdqMatchResult {
  /** How many query instants took part (distinct, with a frame of sufficient quality). */
  readonly queryInstants: number;
  /** How many compared instants took part. */
  readonly comparedInstants: number;
}

/**
 * Groups a frame list by instant: frames that share a timestamp, in order of first appearance.
 * Lists without neighbourhoods give one frame per instant. Use it on lists whose timestamps are
 * exact (Aman's JSON, the reference's 3-decimal lines), not on python-threatexchange's compact
 * strings, whose 3 significant digits merge seconds past 1000.
 *
 * @example
 * groupVpdqInstants(record.frames).length; // the number of instants sampled
 */
export function groupVpdqInstants<T extends VpdqFeature>(frames: readonly T[]): T[][] {
  const instants = new Map<number, T[]>();
  for (const frame of frames) {
    const group = instants.get(frame.timestamp);
    if (group === undefined) instants.set(frame.timestamp, [frame]);
    else group.push(frame);
  }
  return [...instants.values()];
}

/**
 * One instant per frame: how upstream's matcher sees a list.
 *
 * @example
 * matchVpdqInstants(singleInstants(compactFrames), groupVpdqInstants(banked));
 */
export function singleInstants<T extends VpdqFeature>(frames: readonly T[]): T[][] {
  return frames.map((frame) => [frame]);
}

/**
 * Compares two videos instant by instant and gives both match percentages and the verdict, under
 * the same thresholds as `matchVpdq`: queryPercent is the share of the query's instants with a
 * frame within `distanceThreshold` bits of some frame of the compared video.
 *
 * Each side is deduplicated as upstream does, by instant: an instant whose frames hash exactly as
 * an earlier instant's is counted once; then frames under the quality threshold are dropped, and
 * instants left without a frame.
 *
 * @example
 * const result = matchVpdqInstants(groupVpdqInstants(copy.frames), groupVpdqInstants(original.frames));
 * // { queryPercent: 100, comparedPercent: 100, match: true, queryInstants: 20, … }
 */
export function matchVpdqInstants(
  query: readonly VpdqInstant[],
  compared: readonly VpdqInstant[],
  options: VpdqMatchOptions = {},
): VpdqInstantMatchResult {
  const distanceThreshold = options.distanceThreshold ?? VPDQ_DISTANCE_THRESHOLD;
  const qualityThreshold = options.qualityThreshold ?? VPDQ_QUALITY_THRESHOLD;
  const queryMatchPercent = options.queryMatchPercent ?? VPDQ_QUERY_MATCH_PERCENT;
  const comparedMatchPercent = options.comparedMatchPercent ?? VPDQ_COMPARED_MATCH_PERCENT;
  assertInRange('distanceThreshold', distanceThreshold, 0, 256);
  assertInRange('qualityThreshold', qualityThreshold, 0, 101);
  assertInRange('queryMatchPercent', queryMatchPercent, 0, 100);
  assertInRange('comparedMatchPercent', comparedMatchPercent, 0, 100);

  const q = packInstants(query, qualityThreshold);
  const c = packInstants(compared, qualityThreshold);
  const counts = {
    queryFrames: q.frames,
    comparedFrames: c.frames,
    queryInstants: q.instants,
    comparedInstants: c.instants,
  };
  if (q.instants === 0 || c.instants === 0) {
    return { queryPercent: 0, comparedPercent: 0, match: false, ...counts };
  }
  const queryFound = new Uint8Array(q.instants);
  const comparedFound = new Uint8Array(c.instants);
  let queryFoundCount = 0;
  let comparedFoundCount = 0;
  for (let i = 0; i < q.frames; i++) {
    const qi = q.instantOf[i]!;
    const qw = i * WORDS_PER_HASH;
    for (let j = 0; j < c.frames; j++) {
      const cj = c.instantOf[j]!;
      // Once both instants are found, this pair cannot change either count.
      if (queryFound[qi] === 1 && comparedFound[cj] === 1) continue;
      const cw = j * WORDS_PER_HASH;
      let distance = 0;
      for (let w = 0; w < WORDS_PER_HASH && distance <= distanceThreshold; w++) {
        distance += popcount32(q.words[qw + w]! ^ c.words[cw + w]!);
      }
      if (distance > distanceThreshold) continue;
      if (queryFound[qi] === 0) {
        queryFound[qi] = 1;
        queryFoundCount++;
      }
      if (comparedFound[cj] === 0) {
        comparedFound[cj] = 1;
        comparedFoundCount++;
      }
    }
  }
  const queryPercent = (queryFoundCount * 100) / q.instants;
  const comparedPercent = (comparedFoundCount * 100) / c.instants;
  return {
    queryPercent,
    comparedPercent,
    match: queryPercent >= queryMatchPercent && comparedPercent >= comparedMatchPercent,
    ...counts,
  };
}

const WORDS_PER_HASH = 8;

interface PackedInstants {
  /** Instants kept. */
  readonly instants: number;
  /** Frames kept, over all instants. */
  readonly frames: number;
  /** 8 big-endian 32-bit words per kept frame, in hex order. */
  readonly words: Uint32Array;
  /** For each kept frame, the index of its instant. */
  readonly instantOf: Uint32Array;
}

/** Deduplicates instants (by their set of hashes, first kept), filters quality, packs the hashes. */
function packInstants(instants: readonly VpdqInstant[], qualityThreshold: number): PackedInstants {
  const seen = new Set<string>();
  const kept: string[][] = [];
  for (const instant of instants) {
    const unique = new Map<string, number>();
    for (const frame of instant) if (!unique.has(frame.pdq)) unique.set(frame.pdq, frame.quality);
    const key = [...unique.keys()].sort().join();
    if (unique.size === 0 || seen.has(key)) continue;
    seen.add(key);
    const good = [...unique].filter(([, quality]) => quality >= qualityThreshold);
    if (good.length > 0) kept.push(good.map(([pdq]) => pdq));
  }
  const frames = kept.reduce((sum, hashes) => sum + hashes.length, 0);
  const words = new Uint32Array(frames * WORDS_PER_HASH);
  const instantOf = new Uint32Array(frames);
  let index = 0;
  kept.forEach((hashes, instant) => {
    for (const hex of hashes) {
      for (let w = 0; w < WORDS_PER_HASH; w++) {
        words[index * WORDS_PER_HASH + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16);
      }
      instantOf[index++] = instant;
    }
  });
  return { instants: kept.length, frames, words, instantOf };
}

function assertInRange(name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a number from ${min} to ${max}, got ${String(value)}`);
  }
}
