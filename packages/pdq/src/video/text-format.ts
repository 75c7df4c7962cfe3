/**
 * The two text forms of a vPDQ hash (PDQ-SPEC section 4):
 *
 * - the reference CLI's lines, `frameNumber,quality,pdqHex,timestamp` with a 3-decimal timestamp
 *   (`vpdq-hash-video` output, upstream's `sample-hashes/*.txt`);
 * - the compact strings `pdqHex,quality,timestamp` that python-threatexchange and HMA banks store,
 *   as a JSON array for a whole video, with the timestamp to 3 *significant* digits (`{t:.3}`).
 *
 * Both parsers accept either timestamp style, since the timestamp plays no part in matching.
 */
import { parsePdqHash, type ParseResult } from '../core/hash.ts';
import { formatFixed, formatSignificant } from './decimal.ts';
import { isQuality, type VpdqFeature, type VpdqFrame } from './frame.ts';
import { failure } from './result.ts';

const UNSIGNED_INTEGER = /^\d+$/;
/** A non-negative decimal, optionally in scientific notation: "1", "1.000", "1.23e+02", "1e-05". */
const TIMESTAMP = /^\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * One reference CLI line for a frame (no newline).
 *
 * @example
 * formatVpdqLine(frame); // "30,100,2ff8009d…,1.000"
 */
export function formatVpdqLine(frame: VpdqFrame): string {
  return `${frame.frameNumber},${frame.quality},${frame.pdq},${formatFixed(frame.timestamp, 3)}`;
}

/**
 * The reference CLI's output for a frame list: one line per frame, each ending in "\n".
 *
 * @example
 * await writeFile('video.vpdq.txt', formatVpdqLines(result.frames));
 */
export function formatVpdqLines(frames: readonly VpdqFrame[]): string {
  let text = '';
  for (const frame of frames) text += `${formatVpdqLine(frame)}\n`;
  return text;
}

/**
 * Parses reference CLI lines (`frameNumber,quality,pdqHex,timestamp`). Accepts "\n" or "\r\n",
 * blank lines, and timestamps written with 3 decimals or 3 significant digits. An empty text is
 * an error, as it is for the reference's loader.
 *
 * @example
 * const parsed = parseVpdqLines(await readFile('video.vpdq.txt', 'utf8'));
 * if (parsed.ok) console.log(parsed.value.length, 'frames');
 */
export function parseVpdqLines(text: string): ParseResult<VpdqFrame[]> {
  const frames: VpdqFrame[] = [];
  const lines = text.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    const where = `line ${index + 1}`;
    const fields = line.split(',');
    if (fields.length !== 4) {
      return failure(
        'vpdq_bad_line',
        `${where}: expected "frameNumber,quality,pdqHex,timestamp", got ${fields.length} field(s)`,
      );
    }
    const [frameText, qualityText, hashText, timeText] = fields as [string, string, string, string];
    const frameNumber = parseUnsigned(frameText);
    if (frameNumber === undefined) {
      return failure(
        'vpdq_bad_frame_number',
        `${where}: frame number "${frameText}" is not an integer >= 0`,
      );
    }
    const feature = parseFeatureFields(where, hashText, qualityText, timeText);
    if (!feature.ok) return feature;
    frames.push({ frameNumber, ...feature.value });
  }
  if (frames.length === 0) return failure('vpdq_empty', 'the vPDQ text holds no frame line');
  return { ok: true, value: frames };
}

/**
 * The compact string of one frame, `pdqHex,quality,timestamp`, byte for byte as
 * python-threatexchange's `str(VpdqCompactFeature)` writes it.
 *
 * @example
 * formatVpdqCompact(frame); // "e42926b9…,100,1.0"
 */
export function formatVpdqCompact(feature: VpdqFeature): string {
  return `${feature.pdq},${feature.quality},${formatSignificant(feature.timestamp, 3)}`;
}

/**
 * A whole video in the HMA signal form: the JSON array of compact strings, written as Python's
 * `json.dumps` writes it (", " between items), so that the text equals python-threatexchange's.
 *
 * @example
 * const signal = formatVpdqCompactJson(result.frames); // '["e42926b9…,100,0.0", …]'
 */
export function formatVpdqCompactJson(features: readonly VpdqFeature[]): string {
  return `[${features.map((feature) => `"${formatVpdqCompact(feature)}"`).join(', ')}]`;
}

/**
 * Parses compact features: a JSON text holding an array of `pdqHex,quality,timestamp` strings, or
 * that array itself (already parsed). An empty array is valid: python-threatexchange accepts it.
 *
 * @example
 * const parsed = parseVpdqCompact('["e42926b9…,100,0.0"]');
 */
export function parseVpdqCompact(input: unknown): ParseResult<VpdqFeature[]> {
  let list: unknown = input;
  if (typeof input === 'string') {
    try {
      list = JSON.parse(input);
    } catch {
      return failure('vpdq_bad_json', 'the compact vPDQ text is not valid JSON');
    }
  }
  if (!Array.isArray(list)) {
    return failure(
      'vpdq_not_a_list',
      'compact vPDQ must be a JSON array of "pdqHex,quality,timestamp" strings',
    );
  }
  const features: VpdqFeature[] = [];
  for (const [index, item] of (list as unknown[]).entries()) {
    const where = `item ${index}`;
    if (typeof item !== 'string') return failure('vpdq_bad_item', `${where} is not a string`);
    const fields = item.split(',');
    if (fields.length !== 3) {
      return failure(
        'vpdq_bad_item',
        `${where}: expected "pdqHex,quality,timestamp", got ${fields.length} field(s)`,
      );
    }
    const [hashText, qualityText, timeText] = fields as [string, string, string];
    const feature = parseFeatureFields(where, hashText, qualityText, timeText);
    if (!feature.ok) return feature;
    features.push(feature.value);
  }
  return { ok: true, value: features };
}

function parseFeatureFields(
  where: string,
  hashText: string,
  qualityText: string,
  timeText: string,
): ParseResult<VpdqFeature> {
  const hash = parsePdqHash(hashText);
  if (!hash.ok) return failure(hash.error.code, `${where}: ${hash.error.message}`);
  const quality = parseUnsigned(qualityText);
  if (quality === undefined || !isQuality(quality)) {
    return failure(
      'vpdq_bad_quality',
      `${where}: quality "${qualityText}" is not an integer from 0 to 100`,
    );
  }
  const timestamp = TIMESTAMP.test(timeText) ? Number(timeText) : Number.NaN;
  if (!Number.isFinite(timestamp)) {
    return failure(
      'vpdq_bad_timestamp',
      `${where}: timestamp "${timeText}" is not a number of seconds >= 0`,
    );
  }
  return { ok: true, value: { pdq: hash.value, quality, timestamp } };
}

function parseUnsigned(text: string): number | undefined {
  if (!UNSIGNED_INTEGER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
