/**
 * The video kind of `aman hash`: vPDQ frames plus MD5 and SHA-256 of the file, hashed by ffmpeg
 * in a child process (see @aman/pdq/node `hashVideoFile`). The pixels never leave this computer.
 */
import {
  DEFAULT_SECONDS_PER_HASH,
  defaultNeighbourhoodSeconds,
  formatFixed,
  groupVpdqInstants,
  parseNeighbourhoodSeconds,
  parseSecondsPerHash,
  type VpdqFrame,
  type VpdqSampling,
} from '@aman/pdq';
import { hashVideoFile } from '@aman/pdq/node';
import { CliError, EXIT_USAGE } from '../cli-error.ts';
import type { ErrorRecord } from './records.ts';

/** One line of `aman hash --json` for a video (the shape issue 9 fixes; keep it). */
export interface VideoRecord {
  readonly path: string;
  readonly kind: 'video';
  readonly md5: string;
  readonly sha256: string;
  readonly durationSeconds: number;
  readonly frameRate: number;
  readonly frames: readonly VpdqFrame[];
}

export interface VideoHashOptions {
  readonly sampling: VpdqSampling;
  readonly secondsPerHash: number;
  /** Time sampling: the frames within ± this many seconds of each instant too (0: none). */
  readonly neighbourhoodSeconds: number;
}

export const DEFAULT_VIDEO_OPTIONS: VideoHashOptions = {
  sampling: 'time',
  secondsPerHash: DEFAULT_SECONDS_PER_HASH,
  neighbourhoodSeconds: defaultNeighbourhoodSeconds(DEFAULT_SECONDS_PER_HASH),
};

/** The video flags' lines for a command's usage text. */
export const VIDEO_FLAGS_USAGE = `  --sampling MODE          videos: "time" (default) hashes the frame on screen every N seconds,
                           so copies at another frame rate stay aligned; "reference" hashes
                           every int(N x fps)-th frame, exactly as upstream's vpdq-hash-video
  --seconds-per-hash N     videos: one hash every N seconds (default 1; 0 = every frame, with
                           --sampling reference only)
  --neighbourhood S        videos, time sampling: also hash the frames on screen within S seconds
                           of each instant (default 0.15, at most N/2), so that copies shifted
                           or resampled in time still match; the frames of an instant share its
                           timestamp. 0 = one frame per instant: about 9 times fewer hashes and
                           as fast as decoding, what a platform needs for its uploads`;

/**
 * Reads `--sampling`, `--seconds-per-hash` and `--neighbourhood`; a bad value is a usage error.
 *
 * @example
 * parseVideoFlags({ sampling: 'reference', 'seconds-per-hash': '0.5' });
 */
export function parseVideoFlags(values: {
  sampling?: string | undefined;
  'seconds-per-hash'?: string | undefined;
  neighbourhood?: string | undefined;
}): VideoHashOptions {
  const sampling = values.sampling ?? DEFAULT_VIDEO_OPTIONS.sampling;
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
    neighbourhoodSeconds: neighbourhoodFlag(values.neighbourhood, sampling, secondsPerHash.value),
  };
}

/** `--neighbourhood`: by default 0.15 s (or half the interval) in time sampling, none in reference. */
function neighbourhoodFlag(
  text: string | undefined,
  sampling: VpdqSampling,
  secondsPerHash: number,
): number {
  if (text === undefined) {
    return sampling === 'time' ? defaultNeighbourhoodSeconds(secondsPerHash) : 0;
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
 * const record = await hashVideoRecord('clip.mp4', DEFAULT_VIDEO_OPTIONS);
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
  const { md5, sha256, durationSeconds, frameRate, frames } = result.value;
  return { path, kind: 'video', md5: md5!, sha256: sha256!, durationSeconds, frameRate, frames };
}

/**
 * The text-mode line for a video: `<md5>TAB<N frames, duration>TAB<path>`, with the number of
 * instants first when neighbourhoods make it differ (the frames themselves need --json or
 * --format vpdq).
 *
 * @example
 * videoTextLine(record); // "64b6…\t10 instants, 84 frames, 10.000 s\tclip.mp4"
 */
export function videoTextLine(record: VideoRecord): string {
  const low = record.frames.filter((frame) => frame.quality < 50).length;
  const instants = groupVpdqInstants(record.frames).length;
  const counted =
    instants === record.frames.length
      ? `${instants} frames`
      : `${instants} instants, ${record.frames.length} frames`;
  const summary = `${counted}, ${formatFixed(record.durationSeconds, 3)} s${low > 0 ? `, ${low} under quality 50` : ''}`;
  return [record.md5, summary, record.path].join('\t');
}
