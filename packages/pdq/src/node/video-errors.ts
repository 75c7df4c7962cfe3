/**
 * Turns a failed ffmpeg / ffprobe run into an error a person can act on. The codes are stable
 * (callers branch on them); the messages quote ffmpeg's own diagnosis, without the file's path.
 */
import type { WatchedRun } from './video-process.ts';

export type VideoErrorCode =
  | 'ffmpeg_not_found'
  | 'video_not_found'
  | 'video_unreadable'
  | 'video_no_video_stream'
  | 'video_no_frame_rate'
  | 'video_too_small'
  | 'video_truncated'
  | 'video_corrupt'
  | 'video_no_frames'
  | 'video_timeout'
  | 'video_aborted'
  | 'video_bad_options'
  | 'video_decode_failed';

export interface VideoFailure {
  readonly ok: false;
  readonly error: { readonly code: VideoErrorCode; readonly message: string };
}

export function videoFailure(code: VideoErrorCode, message: string): VideoFailure {
  return { ok: false, error: { code, message } };
}

const PATTERNS: readonly [RegExp, VideoErrorCode, string][] = [
  [/No such file or directory/, 'video_not_found', 'the file does not exist'],
  [/Permission denied/, 'video_unreadable', 'the file cannot be read (permission denied)'],
  [
    /moov atom not found/,
    'video_truncated',
    'the file is incomplete: its index (moov atom) is missing, as in an interrupted download or recording',
  ],
  [/partial file|truncated|end of file/i, 'video_truncated', 'the file is cut short'],
  [
    /Invalid data found when processing input/,
    'video_unreadable',
    'this is not a video file ffmpeg can read',
  ],
  [
    /corrupt|error while decoding|Invalid NAL|missing picture|decode_slice|concealing|Invalid data/i,
    'video_corrupt',
    'the video data is damaged or cut short',
  ],
];

/**
 * Undefined when the run succeeded; otherwise the failure to report.
 *
 * @example
 * const failed = classifyFfmpegFailure(run, 'ffmpeg', 30_000, path);
 * if (failed) return failed;
 */
export function classifyFfmpegFailure(
  run: WatchedRun,
  program: 'ffmpeg' | 'ffprobe',
  stallTimeoutMs: number,
  path?: string,
): VideoFailure | undefined {
  if (run.spawnError !== undefined) {
    if (run.spawnError.code === 'ENOENT') {
      return videoFailure(
        'ffmpeg_not_found',
        `${program} is not installed or not on PATH (install ffmpeg, e.g. "apt-get install ffmpeg")`,
      );
    }
    return videoFailure(
      'video_decode_failed',
      `${program} could not be started: ${run.spawnError.message}`,
    );
  }
  if (run.killedFor === 'abort') return videoFailure('video_aborted', 'hashing was cancelled');
  if (run.killedFor === 'stall') {
    return videoFailure(
      'video_timeout',
      `${program} made no progress for ${formatSeconds(stallTimeoutMs)} and was stopped (a stalled input or a decoder hang)`,
    );
  }
  if (run.exitCode === 0) return undefined;
  const diagnosis = lastDiagnosis(run.stderr, path);
  for (const [pattern, code, meaning] of PATTERNS) {
    if (pattern.test(run.stderr))
      return videoFailure(code, `${meaning} (${program}: ${diagnosis})`);
  }
  return videoFailure('video_decode_failed', `${program} failed: ${diagnosis}`);
}

/** The most telling stderr line: the last one, without "[h264 @ 0x…]" prefixes or the file's path. */
function lastDiagnosis(stderr: string, path: string | undefined): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/, '').trim())
    .filter((line) => line !== '' && !/^Conversion failed!?$/.test(line));
  let line = lines.at(-1) ?? 'no diagnostic';
  if (path !== undefined && path !== '') line = line.split(path).join('the file');
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
