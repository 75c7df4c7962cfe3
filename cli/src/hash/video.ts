/**
 * The video kind of `aman hash`: vPDQ frames plus MD5 and SHA-256 of the file, hashed by ffmpeg
 * in a child process (see @aman/pdq/node `hashVideoFile`). The pixels never leave this computer.
 */
import {
  DEFAULT_SECONDS_PER_HASH,
  defaultNeighbourhoodSeconds,
  formatFixed,
  parseNeighbourhoodSeconds,
  parseSecondsPerHash,
  type VpdqFrame,
  type VpdqSampling,
} from '@aman/pdq';
import { hashVideoFile } from '@aman/pdq/node';
import { CliError, EXIT_USAGE } from '../cli-error.ts';
import type { ErrorRecord } from './records.ts';

/**
 * One line of `aman hash --json` for a video: the shape issue 9 fixes (keep it), extended with
 * the hashing parameters, which say which instant each frame stands for (`vpdqInstants`).
 */
export interface VideoRecord {
  readonly path: string;
  readonly kind: 'video';
  readonly md5: string;
  readonly sha256: string;
  readonly durationSeconds: number;
  readonly frameRate: number;
  readonly sampling: VpdqSampling;
  readonly secondsPerHash: number;
  readonly neighbourhoodSeconds: number;
  readonly frames: readonly VpdqFrame[];
}

export interface VideoHashOptions {
  readonly sampling: VpdqSampling;
  readonly secondsPerHash: number;
  /** Time sampling: the frames within ± this many seconds of each instant too (0: none). */
  readonly neighbourhoodSeconds: number;
}

/**
 * Who the hashes are for, which sets `--neighbourhood`'s default in time sampling: `upload`, one
 * frame per instant (`aman hash`: what a platform checks, and what the issue's speed goal is for);
 * `bank`, ±0.15 s (`aman compare` on two videos: what makes copies shifted in time match).
 */
export type VideoHashRole = 'upload' | 'bank';

/** The video flags' lines for a command's usage text. */
export function videoFlagsUsage(role: VideoHashRole): string {
  const neighbourhood =
    role === 'upload'
      ? `  --neighbourhood S        videos, time sampling: also hash the frames on screen within S seconds
                           of each instant (at most N/2; default 0, one frame per instant), so
                           that copies shifted or resampled in time (ffmpeg -r 25) match. Use
                           0.15 for a video you want to PROTECT (what you put in a bank): about
                           9 times the frames and 2.4 times the time at 30 fps`
      : `  --neighbourhood S        videos, time sampling: also hash the frames on screen within S seconds
                           of each instant (default 0.15, at most N/2; 0 = one frame per
                           instant), so that a copy shifted or resampled in time (ffmpeg -r 25)
                           matches both ways`;
  return `  --sampling MODE          videos: "time" (default) hashes the frame on screen every N seconds,
                           so copies at another frame rate stay aligned; "reference" hashes
                           every int(N x fps)-th frame, exactly as upstream's vpdq-hash-video
  --seconds-per-hash N     videos: one hash every N seconds (default 1; 0 = every frame, with
                           --sampling reference only)
${neighbourhood}`;
}

/**
 * Reads `--sampling`, `--seconds-per-hash` and `--neighbourhood`; a bad value is a usage error.
 * Without `--neighbourhood`, time sampling hashes neighbourhoods for a `bank` only.
 *
 * @example
 * parseVideoFlags({ sampling: 'reference', 'seconds-per-hash': '0.5' }, 'upload');
 */
export function parseVideoFlags(
  values: {
    sampling?: string | undefined;
    'seconds-per-hash'?: string | undefined;
    neighbourhood?: string | undefined;
  },
  role: VideoHashRole,
): VideoHashOptions {
  const sampling = values.sampling ?? 'time';
  if (sampling !== 'time' && sampling !== 'reference') {
    throw new CliError(`--sampling must be "time" or "reference", got "${sampling}"`, EXIT_USAGE);
  }
  const text = values['seconds-per-hash'];
  const secondsPerHash = parseSecondsPerHash(
    text === undefined ? DEFAULT_SECONDS_PER_HASH : decimal(text),
    sampling,
  );
  if (!secondsPerHash.ok) {
    throw new CliError(`--seconds-per-hash: ${secondsPerHash.error.message}`, EXIT_USAGE);
  }
  return {
    sampling,
    secondsPerHash: secondsPerHash.value,
    neighbourhoodSeconds: neighbourhoodFlag(
      values.neighbourhood,
      sampling,
      secondsPerHash.value,
      role,
    ),
  };
}

/** `--neighbourhood`: by default none, or for a bank 0.15 s (or half the interval) in time sampling. */
function neighbourhoodFlag(
  text: string | undefined,
  sampling: VpdqSampling,
  secondsPerHash: number,
  role: VideoHashRole,
): number {
  if (text === undefined) {
    return sampling === 'time' && role === 'bank' ? defaultNeighbourhoodSeconds(secondsPerHash) : 0;
  }
  const seconds = decimal(text);
  if (Number.isNaN(seconds)) {
    throw new CliError(
      `--neighbourhood must be a number of seconds such as 0.15, got "${text}"`,
      EXIT_USAGE,
    );
  }
  const parsed = parseNeighbourhoodSeconds(seconds, secondsPerHash);
  if (!parsed.ok) throw new CliError(`--neighbourhood: ${parsed.error.message}`, EXIT_USAGE);
  if (sampling === 'reference' && parsed.value > 0) {
    throw new CliError(
      '--neighbourhood is for --sampling time: reference sampling hashes single frames',
      EXIT_USAGE,
    );
  }
  return parsed.value;
}

/** A plain decimal number ("0.15", "2"), or NaN for anything else ("1e3", "-1", "one"). */
function decimal(text: string): number {
  return /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
}

/**
 * Hashes one video file into its `--json` record, or an error record (never rejects for a bad file).
 *
 * @example
 * const record = await hashVideoRecord('clip.mp4', parseVideoFlags({}, 'upload'));
 */
export async function hashVideoRecord(
  path: string,
  options: VideoHashOptions,
): Promise<VideoRecord | ErrorRecord> {
  const result = await hashVideoFile(path, {
    sampling: options.sampling,
    secondsPerHash: options.secondsPerHash,
    neighbourhoodSeconds: options.neighbourhoodSeconds,
  });
  if (!result.ok)
    return { path, error: { code: result.error.code, message: result.error.message } };
  const { md5, sha256, durationSeconds, frameRate, sampling, secondsPerHash, frames } =
    result.value;
  return {
    path,
    kind: 'video',
    md5: md5!,
    sha256: sha256!,
    durationSeconds,
    frameRate,
    sampling,
    secondsPerHash,
    neighbourhoodSeconds: result.value.neighbourhoodSeconds,
    frames,
  };
}

/**
 * The text-mode line for a video: `<md5>TAB<N frames[, neighbourhoods], duration>TAB<path>` (the
 * frames themselves need --json or --format vpdq).
 *
 * @example
 * videoTextLine(record); // "64b6…\t4 frames, 4.000 s\tclip.mp4"
 * videoTextLine(banked); // "64b6…\t36 frames, ±0.15 s around every 1 s, 4.000 s\tclip.mp4"
 */
export function videoTextLine(record: VideoRecord): string {
  const low = record.frames.filter((frame) => frame.quality < 50).length;
  const parts = [`${record.frames.length} frames`];
  if (record.neighbourhoodSeconds > 0) {
    parts.push(`±${record.neighbourhoodSeconds} s around every ${record.secondsPerHash} s`);
  }
  parts.push(`${formatFixed(record.durationSeconds, 3)} s`);
  if (low > 0) parts.push(`${low} under quality 50`);
  return [record.md5, parts.join(', '), record.path].join('\t');
}
