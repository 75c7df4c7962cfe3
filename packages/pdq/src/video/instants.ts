/**
 * Matching by instant: for frame lists hashed with neighbourhoods (`./neighbourhood.ts`), where
 * several frames stand for one sampling instant.
 *
 * Upstream's matcher (`./match.ts`) counts frames: a query frame is found when some frame of the
 * other side is within 31 bits. That is right when the query has one frame per instant (an
 * upload hashed the plain way) and the bank carries neighbourhoods. When both sides carry them,
 * counting frames punishes the query for the very frames that make it robust: the edge of each
 * neighbourhood reaches moments the other video's neighbourhoods do not cover (measured: 69 to 87 %
 * on a `-r 25` copy of fast-moving video). Counting instants does not: an instant is found when
 * any of its frames is within the threshold of any frame of the other side.
 *
 * Frames carry their real timestamps; which instant each stands for follows from the hashing
 * parameters (`vpdqInstants`): the multiple of `secondsPerHash` nearest its timestamp. Lists
 * without parameters (the reference's lines, HMA's compact strings) are one frame per instant, and
 * then the result is exactly `matchVpdq`'s: same deduplication, same filter, same percentages.
 */
import { popcount32, type ParseResult } from '../core/hash.ts';
import type { VpdqFeature } from './frame.ts';
import { resolveMatchOptions, type VpdqMatchOptions, type VpdqMatchResult } from './match.ts';
import { parseNeighbourhoodSeconds } from './neighbourhood.ts';
import { failure } from './result.ts';
import {
  instantOfTimestamp,
  parseSecondsPerHash,
  VPDQ_SAMPLINGS,
  type VpdqSampling,
} from './sampling.ts';

/** The frames of one sampling instant (one frame for lists without neighbourhoods). */
export type VpdqInstant<T extends VpdqFeature = VpdqFeature> = readonly T[];

export interface VpdqInstantMatchResult extends VpdqMatchResult {
  /** How many query instants took part (distinct, with a frame of sufficient quality). */
  readonly queryInstants: number;
  /** How many compared instants took part. */
  readonly comparedInstants: number;
}

/**
 * How a frame list was hashed: what `hashVideoFile` and `hashVideoBlob` return beside the frames,
 * and what `aman hash --json` writes in each video record. Enough to tell which instant each frame
 * stands for.
 */
export interface VpdqHashing {
  readonly sampling: VpdqSampling;
  readonly secondsPerHash: number;
  /** 0: one frame per instant; else the frames within ± this many seconds of each instant too. */
  readonly neighbourhoodSeconds: number;
  /** The video's duration: no frame stands for an instant at or past its end. */
  readonly durationSeconds: number;
}

/**
 * Reads the hashing parameters of an untrusted record (`aman hash --json` output): `undefined`
 * when it has none of `sampling`, `secondsPerHash` and `neighbourhoodSeconds` (a record written
 * before they were), an error when it has some but not all, or a value out of range. The record's
 * `durationSeconds` goes with them.
 *
 * @example
 * const hashing = parseVpdqHashing(JSON.parse(line));
 * if (hashing.ok) matchVpdqInstants(vpdqInstants(upload.frames), vpdqInstants(record.frames, hashing.value));
 */
export function parseVpdqHashing(record: {
  readonly [key: string]: unknown;
}): ParseResult<VpdqHashing | undefined> {
  const { sampling, secondsPerHash, neighbourhoodSeconds, durationSeconds } = record;
  const present = HASHING_KEYS.filter((key) => record[key] !== undefined);
  if (present.length === 0) return { ok: true, value: undefined };
  if (present.length < HASHING_KEYS.length) {
    const missing = HASHING_KEYS.filter((key) => !present.includes(key));
    return failure(
      'vpdq_bad_parameters',
      `the hashing parameters are incomplete: ${present.join(', ')} without ${missing.join(', ')}`,
    );
  }
  if (
    typeof durationSeconds !== 'number' ||
    !Number.isFinite(durationSeconds) ||
    durationSeconds < 0
  ) {
    return failure(
      'vpdq_bad_parameters',
      `durationSeconds must be a number of seconds >= 0, got ${JSON.stringify(durationSeconds)}`,
    );
  }
  if (!VPDQ_SAMPLINGS.includes(sampling as VpdqSampling)) {
    return failure(
      'vpdq_bad_parameters',
      `sampling must be ${VPDQ_SAMPLINGS.map((mode) => `"${mode}"`).join(' or ')}, got ${JSON.stringify(sampling)}`,
    );
  }
  const mode = sampling as VpdqSampling;
  const interval = parseSecondsPerHash(secondsPerHash, mode);
  if (!interval.ok) return interval;
  const hashing = { sampling: mode, secondsPerHash: interval.value, durationSeconds };
  if (mode === 'reference') {
    return neighbourhoodSeconds === 0
      ? { ok: true, value: { ...hashing, neighbourhoodSeconds: 0 } }
      : failure(
          'vpdq_bad_neighbourhood',
          `reference sampling hashes single frames: neighbourhoodSeconds must be 0, got ${JSON.stringify(neighbourhoodSeconds)}`,
        );
  }
  const neighbourhood = parseNeighbourhoodSeconds(neighbourhoodSeconds, interval.value);
  if (!neighbourhood.ok) return neighbourhood;
  return { ok: true, value: { ...hashing, neighbourhoodSeconds: neighbourhood.value } };
}

const HASHING_KEYS = ['sampling', 'secondsPerHash', 'neighbourhoodSeconds'] as const;

/**
 * A frame list as instants, as its hashing parameters say: with neighbourhoods, the frames grouped
 * by the instant nearest their timestamps (`groupVpdqInstants`); otherwise, or without parameters
 * (the reference's lines, HMA's compact strings, older records), one frame per instant, which
 * `matchVpdqInstants` counts exactly as upstream counts frames.
 *
 * @example
 * const result = await hashVideoFile('recording.mp4', { neighbourhoodSeconds: 0.15 });
 * if (result.ok) vpdqInstants(result.value.frames, result.value); // grouped by instant
 * vpdqInstants(parsedCompactStrings); // one frame per instant
 */
export function vpdqInstants<T extends VpdqFeature>(
  frames: readonly T[],
  hashing?: VpdqHashing,
): T[][] {
  if (hashing === undefined || hashing.sampling !== 'time' || hashing.neighbourhoodSeconds === 0) {
    return singleInstants(frames);
  }
  return groupVpdqInstants(frames, hashing.secondsPerHash, hashing.durationSeconds);
}

/**
 * Groups a time-sampled frame list by instant: each frame goes to the multiple of
 * `secondsPerHash` nearest its timestamp, and before the video's end when its duration is given
 * (`instantOfTimestamp`), instants in time order. Use it on lists whose timestamps are exact
 * (Aman's JSON), not on python-threatexchange's compact strings, whose 3 significant digits blur
 * time past 100 s.
 *
 * @example
 * groupVpdqInstants(record.frames, record.secondsPerHash, record.durationSeconds).length; // instants
 */
export function groupVpdqInstants<T extends VpdqFeature>(
  frames: readonly T[],
  secondsPerHash: number,
  durationSeconds?: number,
): T[][] {
  const instants = new Map<number, T[]>();
  for (const frame of frames) {
    const instant = instantOfTimestamp(frame.timestamp, secondsPerHash, durationSeconds);
    const group = instants.get(instant);
    if (group === undefined) instants.set(instant, [frame]);
    else group.push(frame);
  }
  return [...instants.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

/**
 * One instant per frame: how upstream's matcher sees a list.
 *
 * @example
 * matchVpdqInstants(singleInstants(compactFrames), vpdqInstants(banked.frames, banked));
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
 * const result = matchVpdqInstants(vpdqInstants(copy.frames, copy), vpdqInstants(original.frames, original));
 * // { queryPercent: 100, comparedPercent: 100, match: true, queryInstants: 20, … }
 */
export function matchVpdqInstants(
  query: readonly VpdqInstant[],
  compared: readonly VpdqInstant[],
  options: VpdqMatchOptions = {},
): VpdqInstantMatchResult {
  const { distanceThreshold, qualityThreshold, queryMatchPercent, comparedMatchPercent } =
    resolveMatchOptions(options);

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
