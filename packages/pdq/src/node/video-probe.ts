/**
 * What a video file says about itself before we decode it: which stream, its size, frame rate,
 * time base and duration. Only headers are read, so this is fast even for long files: an ordinary
 * MP4 with H.264 video is read here (`./mp4-probe.ts`), anything else by ffprobe.
 */
import type { Rational } from '../video/sampling.ts';
import { probeMp4 } from './mp4-probe.ts';
import { classifyFfmpegFailure, videoFailure, type VideoFailure } from './video-errors.ts';
import { runWatched } from './video-process.ts';

export interface VideoProbe {
  /** Index of the stream we hash: the first video stream that is not cover art. */
  readonly streamIndex: number;
  readonly codec: string;
  /** Coded size, before any rotation metadata is applied. */
  readonly width: number;
  readonly height: number;
  readonly pixelFormat: string;
  /** `avg_frame_rate`, falling back to `r_frame_rate` (as the reference does); 0 when unknown. */
  readonly frameRate: number;
  /** Time base of the stream's timestamps, in seconds. */
  readonly timeBase: Rational;
  /** From the container, or the stream; undefined when neither says. */
  readonly durationSeconds: number | undefined;
}

/** The probe, or why the file cannot be hashed. */
export type ProbeResult = { readonly ok: true; readonly value: VideoProbe } | VideoFailure;

export interface ProbeOptions {
  readonly ffprobePath: string;
  readonly stallTimeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Reads a video file's headers: its boxes when it is an ordinary MP4 with H.264 video (what
 * ffprobe would say, without ffprobe's tenth of a second to start), else with ffprobe.
 *
 * @example
 * const probe = await probeVideo('clip.mp4', { ffprobePath: 'ffprobe', stallTimeoutMs: 30_000 });
 * if (probe.ok) console.log(probe.value.width, probe.value.frameRate);
 */
export async function probeVideo(path: string, options: ProbeOptions): Promise<ProbeResult> {
  const mp4 = await probeMp4(path);
  if (mp4 !== undefined) return checkSize(mp4);
  return probeWithFfprobe(path, options);
}

/** Reads a video file's headers with ffprobe (exported to check `probeMp4` against it). */
export async function probeWithFfprobe(path: string, options: ProbeOptions): Promise<ProbeResult> {
  const chunks: Buffer[] = [];
  const run = await runWatched(
    options.ffprobePath,
    ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', '--', path],
    {
      stallTimeoutMs: options.stallTimeoutMs,
      signal: options.signal,
      onStdout: (chunk) => chunks.push(chunk),
    },
  );
  const failed = classifyFfmpegFailure(run, 'ffprobe', options.stallTimeoutMs, path);
  if (failed !== undefined) return failed;
  let report: unknown;
  try {
    report = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return notVideo('ffprobe gave no readable description of the file');
  }
  return describe(report);
}

function describe(report: unknown): ProbeResult {
  const streams = field(report, 'streams');
  if (!Array.isArray(streams)) return notVideo('the file holds no stream ffmpeg can read');
  const stream = (streams as unknown[]).find(
    (s) =>
      field(s, 'codec_type') === 'video' && field(field(s, 'disposition'), 'attached_pic') !== 1,
  );
  if (stream === undefined) {
    return videoFailure(
      'video_no_video_stream',
      'the file holds no video stream (audio only, or a still image?)',
    );
  }
  let frameRate = rational(field(stream, 'avg_frame_rate'));
  if (frameRate === undefined || frameRate.num === 0)
    frameRate = rational(field(stream, 'r_frame_rate'));
  const timeBase = rational(field(stream, 'time_base'));
  if (timeBase === undefined || timeBase.num === 0)
    return notVideo('the video stream has no usable time base');
  const duration = Number(field(field(report, 'format'), 'duration') ?? field(stream, 'duration'));
  return checkSize({
    streamIndex: Number(field(stream, 'index')),
    codec: text(field(stream, 'codec_name')),
    width: Number(field(stream, 'width')),
    height: Number(field(stream, 'height')),
    pixelFormat: text(field(stream, 'pix_fmt')),
    frameRate: frameRate === undefined ? 0 : frameRate.num / frameRate.den,
    timeBase,
    durationSeconds: Number.isFinite(duration) && duration > 0 ? duration : undefined,
  });
}

function checkSize(probe: VideoProbe): ProbeResult {
  const { width, height } = probe;
  if (!(width >= 5 && height >= 5)) {
    return videoFailure(
      'video_too_small',
      `frames of ${width}x${height} pixels are too small to hash (5x5 at least)`,
    );
  }
  return { ok: true, value: probe };
}

function notVideo(message: string): VideoFailure {
  return { ok: false, error: { code: 'video_unreadable', message } };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : 'unknown';
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** "30000/1001" → { num: 30000, den: 1001 }; undefined for "0/0" or junk. */
function rational(value: unknown): Rational | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (match === null) return undefined;
  const num = Number(match[1]);
  const den = Number(match[2]);
  return den > 0 && Number.isSafeInteger(num) && Number.isSafeInteger(den)
    ? { num, den }
    : undefined;
}
