/**
 * The vPDQ frame list: one PDQ hash per sampled frame of a video (PDQ-SPEC section 4).
 *
 * `VpdqFrame` is the canonical, JSON-serialisable record Aman stores and exchanges. `VpdqFeature`
 * is the part matching needs, the one python-threatexchange and HMA banks keep ("compact" form).
 */
import { parsePdqHash, type ParseResult, type PdqHash } from '../core/hash.ts';
import { failure } from './result.ts';

/** One hashed frame, as matching sees it (python-threatexchange's `VpdqCompactFeature`). */
export interface VpdqFeature {
  /** The frame's PDQ hash, 64 lowercase hex digits. */
  readonly pdq: PdqHash;
  /** PDQ quality, 0 to 100; matching ignores frames below 50. */
  readonly quality: number;
  /** Seconds from the start of the video. Informative only: matching never reads it. */
  readonly timestamp: number;
}

/** One hashed frame with its place in the video: a line of the reference `vpdq-hash-video` output. */
export interface VpdqFrame extends VpdqFeature {
  /** 0-based index of the frame in decoding output order (the reference's `frame_num - 1`). */
  readonly frameNumber: number;
}

/** Frames below this quality take no part in matching (`VPDQ_QUALITY_THRESHOLD`). */
export const VPDQ_QUALITY_THRESHOLD = 50;
/** Two frames match at a Hamming distance of at most 31 (`VPDQ_DISTANCE_THRESHOLD`). */
export const VPDQ_DISTANCE_THRESHOLD = 31;
/** A video matches when at least this share of the query's frames is matched. */
export const VPDQ_QUERY_MATCH_PERCENT = 80;
/** python-threatexchange asks nothing of the compared (indexed) side by default. */
export const VPDQ_COMPARED_MATCH_PERCENT = 0;

/** A frame number: a non-negative safe integer. */
export function isFrameNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A PDQ quality: an integer from 0 to 100. */
export function isQuality(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;
}

/** A timestamp: a finite, non-negative number of seconds. */
export function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Validates an untrusted frame list in the canonical JSON shape
 * `[{ frameNumber, timestamp, pdq, quality }, …]` (what `aman hash --json` prints under `frames`,
 * and what a server stores). Hashes are lower-cased; unknown fields are refused.
 *
 * @example
 * const parsed = parseVpdqFrames(JSON.parse(body).frames);
 * if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
 */
export function parseVpdqFrames(input: unknown): ParseResult<VpdqFrame[]> {
  if (!Array.isArray(input)) {
    return failure('vpdq_not_a_list', 'a vPDQ frame list must be a JSON array of frames');
  }
  const frames: VpdqFrame[] = [];
  for (const [index, item] of (input as unknown[]).entries()) {
    const where = `frame ${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return failure('vpdq_bad_frame', `${where} must be an object`);
    }
    const record = item as Record<string, unknown>;
    const unknownKey = Object.keys(record).find((key) => !FRAME_KEYS.has(key));
    if (unknownKey !== undefined) {
      return failure('vpdq_bad_frame', `${where} has an unknown field "${unknownKey}"`);
    }
    const { frameNumber, timestamp, pdq, quality } = record;
    if (!isFrameNumber(frameNumber)) {
      return failure('vpdq_bad_frame_number', `${where}: frameNumber must be an integer >= 0`);
    }
    if (!isTimestamp(timestamp)) {
      return failure('vpdq_bad_timestamp', `${where}: timestamp must be a number of seconds >= 0`);
    }
    if (!isQuality(quality)) {
      return failure('vpdq_bad_quality', `${where}: quality must be an integer from 0 to 100`);
    }
    const hash = parsePdqHash(pdq);
    if (!hash.ok) return failure(hash.error.code, `${where}: ${hash.error.message}`);
    frames.push({ frameNumber, timestamp, pdq: hash.value, quality });
  }
  return { ok: true, value: frames };
}

const FRAME_KEYS = new Set(['frameNumber', 'timestamp', 'pdq', 'quality']);
