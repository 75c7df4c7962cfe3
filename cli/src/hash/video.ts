/**
 * The video kind of `aman hash`: vPDQ frames plus MD5 and SHA-256 of the file, hashed by ffmpeg
 * in a child process (see @aman/pdq/node `hashVideoFile`). The pixels never leave this computer.
 */
import {
  DEFAULT_SECONDS_PER_HASH,
  formatFixed,
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
}

export const DEFAULT_VIDEO_OPTIONS: VideoHashOptions = {
  sampling: 'time',
  secondsPerHash: DEFAULT_SECONDS_PER_HASH,
};

/** The video flags' lines for a command's usage text. */
export const VIDEO_FLAGS_USAGE = `  --sampling MODE          videos: "time" (default) hashes the frame on screen every N seconds,
                           so copies at another frame rate stay aligned; "reference" hashes
                           every int(N x fps)-th frame, exactly as upstream's vpdq-hash-video
  --seconds-per-hash N     videos: one hash every N seconds (default 1; 0 = every frame, with
                           --sampling reference only)`;

/**
 * Reads `--sampling` and `--seconds-per-hash`; a bad value is a usage error.
 *
 * @example
 * parseVideoFlags({ sampling: 'reference', 'seconds-per-hash': '0.5' });
 */
export function parseVideoFlags(values: {
  sampling?: string | undefined;
  'seconds-per-hash'?: string | undefined;
}): VideoHashOptions {
  const sampling = values.sampling ?? DEFAULT_VIDEO_OPTIONS.sampling;
  if (sampling !== 'time' && sampling !== 'reference') {
    throw new CliError(`--sampling must be "time" or "reference", got "${sampling}"`, EXIT_USAGE);
  }
  const text = values['seconds-per-hash'];
  const number =
    text === undefined
      ? DEFAULT_SECONDS_PER_HASH
      : /^\d+(\.\d+)?$/.test(text.trim())
        ? Number(text)
        : Number.NaN;
  const secondsPerHash = parseSecondsPerHash(number, sampling);
  if (!secondsPerHash.ok) {
    throw new CliError(`--seconds-per-hash: ${secondsPerHash.error.message}`, EXIT_USAGE);
  }
  return { sampling, secondsPerHash: secondsPerHash.value };
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
  });
  if (!result.ok)
    return { path, error: { code: result.error.code, message: result.error.message } };
  const { md5, sha256, durationSeconds, frameRate, frames } = result.value;
  return { path, kind: 'video', md5: md5!, sha256: sha256!, durationSeconds, frameRate, frames };
}

/**
 * The text-mode line for a video: `<md5>TAB<N> frames, <duration> s TAB<path>` (the frames
 * themselves need --json or --format vpdq).
 *
 * @example
 * videoTextLine(record); // "64b6…\t10 frames, 10.000 s\tclip.mp4"
 */
export function videoTextLine(record: VideoRecord): string {
  const low = record.frames.filter((frame) => frame.quality < 50).length;
  const summary = `${record.frames.length} frames, ${formatFixed(record.durationSeconds, 3)} s${low > 0 ? `, ${low} under quality 50` : ''}`;
  return [record.md5, summary, record.path].join('\t');
}
