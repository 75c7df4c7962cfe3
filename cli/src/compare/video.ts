/**
 * The video mode of `aman compare`: two videos, or their vPDQ hashes saved by `aman hash`, the
 * reference tool or an HMA bank, compared instant by instant (`matchVpdqInstants`): exactly
 * upstream's frame-by-frame vPDQ match for lists with one frame per instant.
 *
 * Videos are hashed with neighbourhoods on both sides (by default): B's make it a bank that copies
 * shifted or resampled in time find their frames in; A's let an instant of A be found when B's copy
 * lacks the very frame A shows then (a 25 fps copy of a 30 fps video drops one frame in six).
 * Which instant a frame stands for comes from the hashing parameters: those compare used, or those
 * a saved `aman hash --json` record carries. Lists without them (the reference's lines, HMA's
 * compact strings, records written before the parameters were) are counted frame by frame.
 */
import { open, readFile } from 'node:fs/promises';
import {
  matchVpdqInstants,
  MEDIA_SNIFF_BYTES,
  parseVpdqCompact,
  parseVpdqFrames,
  parseVpdqHashing,
  parseVpdqLines,
  sniffMediaType,
  VPDQ_QUERY_MATCH_PERCENT,
  vpdqInstants,
  type VpdqInstant,
} from '@aman/pdq';
import { CliError, EXIT_FAILURE } from '../cli-error.ts';
import type { CommandIo } from '../command.ts';
import { hashVideoRecord, type VideoHashOptions } from '../hash/video.ts';

/** vPDQ text larger than this is refused (an hour at 30 fps, every frame, is ~10 MB). */
const MAX_VPDQ_TEXT_BYTES = 64 << 20;

type Head = { kind: 'video' } | { kind: 'vpdq-text' } | { kind: 'other' };

/**
 * True when `argument` names a video file or a saved vPDQ hash (reference lines, compact JSON
 * strings, or `aman hash --json` output), so that `aman compare` takes its video mode.
 *
 * @example
 * if ((await isVideoArgument(a)) || (await isVideoArgument(b))) return compareVideos(a, b, …);
 */
export async function isVideoArgument(argument: string): Promise<boolean> {
  return (await head(argument)).kind !== 'other';
}

/**
 * Prints both match percentages and the verdict; `json` prints {"queryPercent",
 * "comparedPercent", "match"}. `a` is the query (say, an upload), `b` the known video.
 *
 * @example
 * await compareVideos('upload.mp4', 'recording.vpdq.txt', { json: false, video }, io);
 */
export async function compareVideos(
  a: string,
  b: string,
  options: { readonly json: boolean; readonly video: VideoHashOptions },
  io: CommandIo,
): Promise<number> {
  const [query, compared] = await Promise.all([load(a, options.video), load(b, options.video)]);
  const result = matchVpdqInstants(query, compared);
  if (options.json) {
    const { queryPercent, comparedPercent, match } = result;
    io.stdout.write(`${JSON.stringify({ queryPercent, comparedPercent, match })}\n`);
    return 0;
  }
  const percent = (value: number) => `${value.toFixed(2)}%`.padStart(7);
  // "frames" where each instant is one frame (upstream's lists), as upstream counts them.
  const counted = (instants: number, frames: number) =>
    instants === frames ? `${frames} frames` : `${instants} instants (${frames} frames)`;
  io.stdout.write(
    [
      `query (A):    ${percent(result.queryPercent)} of ${counted(result.queryInstants, result.queryFrames)} found in B`,
      `compared (B): ${percent(result.comparedPercent)} of ${counted(result.comparedInstants, result.comparedFrames)} found in A`,
      result.match
        ? `match: at least ${VPDQ_QUERY_MATCH_PERCENT}% of A is in B`
        : `no match: less than ${VPDQ_QUERY_MATCH_PERCENT}% of A is in B`,
      '',
    ].join('\n'),
  );
  return 0;
}

async function load(argument: string, video: VideoHashOptions): Promise<readonly VpdqInstant[]> {
  const kind = (await head(argument)).kind;
  if (kind === 'video') {
    const record = await hashVideoRecord(argument, video);
    if ('error' in record) throw new CliError(`${argument}: ${record.error.message}`, EXIT_FAILURE);
    return vpdqInstants(record.frames, record);
  }
  if (kind === 'other') {
    throw new CliError(
      `${argument}: not a video or a vPDQ hash file, cannot compare it with a video`,
      EXIT_FAILURE,
    );
  }
  const text = await readFile(argument, 'utf8');
  const parsed = parseVpdqText(text);
  if (!parsed.ok)
    throw new CliError(`${argument}: not a vPDQ hash: ${parsed.message}`, EXIT_FAILURE);
  return parsed.instants;
}

/**
 * Reference lines, a JSON array of compact strings or of frames, or an `aman hash --json` video
 * record, as instants: grouped as the record's hashing parameters say, one frame per instant for
 * everything without them and for compact strings, whose timestamps (3 significant digits) blur
 * time past 100 s.
 */
function parseVpdqText(
  text: string,
): { ok: true; instants: readonly VpdqInstant[] } | { ok: false; message: string } {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) {
    const lines = parseVpdqLines(text);
    return lines.ok
      ? { ok: true, instants: vpdqInstants(lines.value) }
      : { ok: false, message: lines.error.message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'invalid JSON' };
  }
  const record =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  const frames = record === undefined ? json : record.frames;
  const hashing = record === undefined ? undefined : parseVpdqHashing(record);
  if (hashing !== undefined && !hashing.ok) return { ok: false, message: hashing.error.message };
  if (Array.isArray(frames) && frames.every((item) => typeof item === 'string')) {
    const compact = parseVpdqCompact(frames);
    // Frame by frame whatever the record says: 3 significant digits cannot place an instant.
    return compact.ok
      ? { ok: true, instants: vpdqInstants(compact.value) }
      : { ok: false, message: compact.error.message };
  }
  const parsed = parseVpdqFrames(frames);
  return parsed.ok
    ? { ok: true, instants: vpdqInstants(parsed.value, hashing?.value) }
    : { ok: false, message: parsed.error.message };
}

async function head(path: string): Promise<Head> {
  let handle;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    if (!stats.isFile()) return { kind: 'other' };
    const bytes = new Uint8Array(MEDIA_SNIFF_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    const start = bytes.subarray(0, bytesRead);
    if (sniffMediaType(start).kind === 'video') return { kind: 'video' };
    const text = Buffer.from(start).toString('utf8').trimStart();
    const looksLikeVpdq = /^(\d+,|\[|\{)/.test(text);
    return looksLikeVpdq && stats.size <= MAX_VPDQ_TEXT_BYTES
      ? { kind: 'vpdq-text' }
      : { kind: 'other' };
  } catch {
    return { kind: 'other' };
  } finally {
    await handle?.close();
  }
}
