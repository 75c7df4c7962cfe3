/**
 * Signals: the hashes a case or a bank holds, and the canonical text each is stored and shown as.
 *
 * | type   | value on the wire                                   | canonical value                  |
 * | ------ | --------------------------------------------------- | -------------------------------- |
 * | pdq    | 64 hex digits                                       | 64 lower-case hex digits         |
 * | md5    | 32 hex digits                                       | 32 lower-case hex digits         |
 * | sha256 | 64 hex digits                                       | 64 lower-case hex digits         |
 * | vpdq   | frames: `"pdqHex,quality,timestamp"` strings and/or | array of `"pdqHex,quality,timestamp"` |
 * |        | `{pdq, quality, timestamp}` objects                 | strings (python-threatexchange's |
 * |        |                                                     | compact form), in the given order |
 *
 * The canonical vPDQ frame has lower-case hex, an integer quality and the timestamp in seconds with
 * at most three decimals and no trailing zeros (`"…,100,12.5"`), so that the same frame always has
 * the same text. Any number form is accepted on the way in (python-threatexchange writes `1.23e+03`).
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

/** One vPDQ frame: the PDQ hash of a frame, its quality and its time in the video, in seconds. */
export interface VpdqFrame {
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
export function parseCompactFrame(text: string): VpdqFrame | undefined {
  const parts = COMPACT_FRAME.exec(text);
  if (parts === null) return undefined;
  const quality = Number(parts[2]);
  const timestamp = Number(parts[3]);
  if (quality > 100 || !Number.isFinite(timestamp)) return undefined;
  return { pdq: (parts[1] ?? '').toLowerCase(), quality, timestamp };
}

/**
 * The canonical compact text of a frame.
 *
 * @example
 * formatCompactFrame({ pdq: 'E271…055C', quality: 98, timestamp: 1.25 }); // 'e271…055c,98,1.25'
 */
export function formatCompactFrame(frame: VpdqFrame): string {
  const seconds = Number(frame.timestamp.toFixed(3));
  return `${frame.pdq.toLowerCase()},${frame.quality},${seconds}`;
}

/**
 * Frames as given on the wire (compact strings or objects), as `VpdqFrame`s. Assumes the frames
 * passed validation; an invalid string frame is a programmer error.
 *
 * @example
 * toVpdqFrames(['e271…055c,100,0', { pdq: 'c0f1…055c', quality: 98, timestamp: 1 }]).length; // 2
 */
export function toVpdqFrames(frames: readonly (string | VpdqFrame)[]): VpdqFrame[] {
  return frames.map((frame) => {
    if (typeof frame !== 'string') return frame;
    const parsed = parseCompactFrame(frame);
    if (parsed === undefined) throw new TypeError(`not a vPDQ frame: ${frame.slice(0, 80)}`);
    return parsed;
  });
}

/**
 * The canonical value of a signal, as stored and as shown: lower-case hex, or for vPDQ the list of
 * canonical compact frames.
 *
 * @example
 * canonicalSignalValue('md5', 'D41D8CD98F00B204E9800998ECF8427E'); // 'd41d8cd98f00b204e9800998ecf8427e'
 */
export function canonicalSignalValue(
  type: SignalType,
  value: string | readonly (string | VpdqFrame)[],
): string | string[] {
  if (type === 'vpdq') {
    if (typeof value === 'string') throw new TypeError('a vPDQ value is a list of frames');
    return toVpdqFrames(value).map(formatCompactFrame);
  }
  if (typeof value !== 'string') throw new TypeError(`a ${type} value is a string`);
  return value.toLowerCase();
}
