/**
 * Signals: the hashes a case or a bank holds.
 *
 * | type   | value on the wire                                                  | value shown back           |
 * | ------ | ------------------------------------------------------------------ | -------------------------- |
 * | pdq    | 64 hex digits                                                      | lower-case hex             |
 * | md5    | 32 hex digits                                                      | lower-case hex             |
 * | sha256 | 64 hex digits                                                      | lower-case hex             |
 * | vpdq   | frames: `"pdqHex,quality,timestamp"` strings and/or                | compact strings, exactly   |
 * |        | `{pdq, quality, timestamp}` objects, in video order                 | as python-threatexchange   |
 * |        |                                                                    | writes them (server-side)  |
 *
 * Any number form is accepted for a frame timestamp (python-threatexchange writes `1.23e+03`).
 */

export const SIGNAL_TYPES = ['pdq', 'vpdq', 'md5', 'sha256'] as const;
/** What kind of hash a signal is. */
export type SignalType = (typeof SIGNAL_TYPES)[number];

/** PDQ hashes below this quality come from flat or tiny images and match unrelated ones. */
export const MIN_PDQ_QUALITY = 50;
/** Upstream's recommended PDQ match distance (pdq/README.md, python-threatexchange). */
export const DEFAULT_PDQ_THRESHOLD = 31;
/** The largest distance a bank may set: beyond it PDQ matches are mostly noise. */
export const MAX_PDQ_THRESHOLD = 64;
/** vPDQ: a query matches a video when at least this share of its distinct good frames matches. */
export const VPDQ_QUERY_MATCH_PERCENT = 80;

export const HEX_32 = /^[0-9a-fA-F]{32}$/;
export const HEX_64 = /^[0-9a-fA-F]{64}$/;
/** One frame in python-threatexchange's compact form: `pdqHex,quality,timestamp`. */
export const COMPACT_FRAME = /^([0-9a-fA-F]{64}),(\d{1,3}),(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)$/;

/** One vPDQ frame as sent: the PDQ hash of a frame, its quality and its time in seconds. */
export interface VpdqWireFrame {
  readonly pdq: string;
  readonly quality: number;
  readonly timestamp: number;
}

/**
 * Reads one frame in the compact form, or `undefined` when the text is not one.
 *
 * @example
 * parseCompactFrame('e271…055c,100,0.5'); // { pdq: 'e271…055c', quality: 100, timestamp: 0.5 }
 */
export function parseCompactFrame(text: string): VpdqWireFrame | undefined {
  const parts = COMPACT_FRAME.exec(text);
  if (parts === null) return undefined;
  const quality = Number(parts[2]);
  const timestamp = Number(parts[3]);
  if (quality > 100 || !Number.isFinite(timestamp)) return undefined;
  return { pdq: (parts[1] ?? '').toLowerCase(), quality, timestamp };
}

/**
 * Frames as given on the wire (compact strings or objects) as objects with lower-case hashes.
 * Assumes the frames passed validation; an invalid string frame is a programmer error.
 *
 * @example
 * toVpdqFrames(['e271…055c,100,0', { pdq: 'c0f1…055c', quality: 98, timestamp: 1 }]).length; // 2
 */
export function toVpdqFrames(frames: readonly (string | VpdqWireFrame)[]): VpdqWireFrame[] {
  return frames.map((frame) => {
    if (typeof frame !== 'string') return { ...frame, pdq: frame.pdq.toLowerCase() };
    const parsed = parseCompactFrame(frame);
    if (parsed === undefined) throw new TypeError(`not a vPDQ frame: ${frame.slice(0, 80)}`);
    return parsed;
  });
}
