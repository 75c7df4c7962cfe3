/**
 * vPDQ of a video file, with ffmpeg (Debian's `ffmpeg` package) doing the decoding in a child
 * process. Only hashes leave this function; the pixels stay in memory one frame at a time.
 */
import { createPdqHasher } from '../core/pdq.ts';
import type { VpdqFrame } from '../video/frame.ts';
import { keptTick, neighbourhoodGrid, parseNeighbourhoodSeconds } from '../video/neighbourhood.ts';
import {
  DEFAULT_SECONDS_PER_HASH,
  framesShownAtTicks,
  parseSecondsPerHash,
  presentationSeconds,
  referenceFrameStep,
  referenceTimestamp,
  roundMicroseconds,
  secondsPerHashRational,
  type Rational,
  type VpdqSampling,
} from '../video/sampling.ts';
import { timeFrameList, type SampledFrame } from '../video/time-frames.ts';
import { decodeFrames, type DecodePlan } from './video-decoder.ts';
import { digestFile, type FileDigests } from './video-digest.ts';
import { classifyFfmpegFailure, videoFailure, type VideoFailure } from './video-errors.ts';
import { probeVideo } from './video-probe.ts';

export type { VideoErrorCode, VideoFailure } from './video-errors.ts';

export interface HashVideoOptions {
  /** `time` (default): the frame on screen every `secondsPerHash`; `reference`: as upstream's tool. */
  readonly sampling?: VpdqSampling;
  /** Default 1. `reference` also accepts 0 (every frame). */
  readonly secondsPerHash?: number;
  /**
   * `time` only. 0 (default): the frame on screen at each instant, one per instant (what a
   * platform hashes its uploads with). Above 0, up to half the interval: also every frame on screen
   * within ± this many seconds of each instant, on a 1/30 s grid (what a bank should hold: copies
   * shifted or resampled in time still find their frames; see `DEFAULT_NEIGHBOURHOOD_SECONDS`).
   * Every frame keeps its own timestamp: its instant is the multiple of `secondsPerHash` nearest
   * it (`vpdqInstants(frames, result)`).
   */
  readonly neighbourhoodSeconds?: number;
  /** ffmpeg is killed after this long without any output (default 30 000 ms). */
  readonly stallTimeoutMs?: number;
  /** Aborting kills ffmpeg and resolves with the `video_aborted` error. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: VideoHashProgress) => void;
  /** Also compute the file's MD5 and SHA-256 (default true). */
  readonly digests?: boolean;
  /** Decoder threads (default: ffmpeg's choice, one per core). */
  readonly threads?: number;
  /**
   * Default "ffmpeg" and "ffprobe", found on PATH. ffprobe only describes the files that
   * `probeMp4` leaves to it (anything but an ordinary MP4 with H.264 video).
   */
  readonly ffmpegPath?: string;
  readonly ffprobePath?: string;
}

export interface VideoHashProgress {
  /** Presentation time decoded so far, in seconds. */
  readonly decodedSeconds: number;
  /** The video's duration when the container states it. */
  readonly durationSeconds: number | undefined;
  readonly framesHashed: number;
}

export interface VideoHash {
  readonly kind: 'video';
  /** Hex digests of the file's bytes (undefined when `digests: false`). */
  readonly md5: string | undefined;
  readonly sha256: string | undefined;
  readonly durationSeconds: number;
  /** The stream's average frame rate (as the reference reads it); 0 when the file does not say. */
  readonly frameRate: number;
  /** Size of the hashed frames (after rotation in `time` mode). */
  readonly width: number;
  readonly height: number;
  readonly sampling: VpdqSampling;
  readonly secondsPerHash: number;
  /** The neighbourhood hashed around each instant, in seconds (0: one frame per instant). */
  readonly neighbourhoodSeconds: number;
  readonly frames: VpdqFrame[];
}

/** The video's hashes, or why it could not be hashed (`error.code` is stable). */
export type VideoHashResult = { readonly ok: true; readonly value: VideoHash } | VideoFailure;

const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/**
 * Hashes a video file: vPDQ frames, plus MD5 and SHA-256 of the bytes. Expected failures (not a
 * video, corrupt, truncated, ffmpeg missing, stalled, cancelled) resolve as `{ ok: false, error }`
 * with a stable `code`; the promise rejects only on programmer errors.
 *
 * @example
 * const result = await hashVideoFile('clip.mp4', { onProgress: (p) => draw(p.decodedSeconds) });
 * if (result.ok) console.log(result.value.frames.length, 'frames', result.value.md5);
 * else console.error(result.error.code, result.error.message);
 */
export async function hashVideoFile(
  path: string,
  options: HashVideoOptions = {},
): Promise<VideoHashResult> {
  const sampling = options.sampling ?? 'time';
  if (sampling !== 'time' && sampling !== 'reference') {
    return videoFailure(
      'video_bad_options',
      `sampling must be "time" or "reference", got ${String(sampling)}`,
    );
  }
  const interval = parseSecondsPerHash(
    options.secondsPerHash ?? DEFAULT_SECONDS_PER_HASH,
    sampling,
  );
  if (!interval.ok) return videoFailure('video_bad_options', interval.error.message);
  const secondsPerHash = interval.value;
  const neighbourhoodSeconds = options.neighbourhoodSeconds ?? 0;
  if (sampling === 'reference' && neighbourhoodSeconds !== 0) {
    return videoFailure(
      'video_bad_options',
      'neighbourhoods are for time sampling; reference sampling hashes single frames',
    );
  }
  const validNeighbourhood = parseNeighbourhoodSeconds(neighbourhoodSeconds, secondsPerHash);
  if (!validNeighbourhood.ok) {
    return videoFailure('video_bad_options', validNeighbourhood.error.message);
  }
  const grid =
    neighbourhoodSeconds > 0 ? neighbourhoodGrid(secondsPerHash, neighbourhoodSeconds) : undefined;
  const neighbourhood = grid !== undefined && grid.after > 0 ? grid : undefined;
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const watch = { stallTimeoutMs, signal: options.signal };

  const probed = await probeVideo(path, {
    ffprobePath: options.ffprobePath ?? 'ffprobe',
    ...watch,
  });
  if (!probed.ok) return probed;
  const probe = probed.value;
  if (sampling === 'reference' && !(probe.frameRate > 0)) {
    return videoFailure(
      'video_no_frame_rate',
      'the video states no frame rate, which reference sampling needs (time sampling does not)',
    );
  }

  const digests: Promise<FileDigests | undefined> =
    options.digests === false ? Promise.resolve(undefined) : digestFile(path, options.signal);
  // Keep a digest failure from surfacing as an unhandled rejection while ffmpeg runs.
  digests.catch(() => undefined);

  const plan: DecodePlan = {
    sampling,
    secondsPerHash,
    frameStep: sampling === 'reference' ? referenceFrameStep(secondsPerHash, probe.frameRate) : 1,
    neighbourhood,
    threads: options.threads,
  };
  // Time sampling delivers the frames on screen at ticks: the instants, or the grid's kept ticks.
  const ticks: TickGrid | undefined =
    sampling !== 'time'
      ? undefined
      : neighbourhood === undefined
        ? {
            tick: secondsPerHashRational(secondsPerHash),
            ticksPerInstant: 1,
            at: (index) => index,
          }
        : {
            tick: neighbourhood.tick,
            ticksPerInstant: neighbourhood.ticksPerInterval,
            at: (index) => keptTick(neighbourhood, index),
          };
  const hasher = createPdqHasher();
  const hashed: { pdq: VpdqFrame['pdq']; quality: number }[] = [];
  // Neighbouring ticks often show the same frame (a video slower than the grid): hash it once.
  const repeats = neighbourhood === undefined ? undefined : new RepeatedFrames();
  let width = probe.width;
  let height = probe.height;
  let decodedSeconds = 0;
  const report = () =>
    options.onProgress?.({
      decodedSeconds,
      durationSeconds: probe.durationSeconds,
      framesHashed: hashed.length,
    });

  let run;
  try {
    run = await decodeFrames(
      options.ffmpegPath ?? 'ffmpeg',
      path,
      probe,
      plan,
      {
        // ffmpeg's pixels are read straight into the hasher's memory, where it hashes them.
        frameBuffer: (frameWidth, frameHeight) => hasher.pixelBuffer(frameWidth, frameHeight, 3),
        onFrame: (frame) => {
          const repeated = repeats?.check(frame.width, frame.height, frame.rgb);
          if (repeated !== undefined) {
            hashed.push(repeated);
          } else {
            const { hash, quality } = hasher.compute({
              width: frame.width,
              height: frame.height,
              channels: 3,
              data: frame.rgb,
            });
            hashed.push({ pdq: hash, quality });
            repeats?.remember(frame.width, frame.height, frame.rgb, hashed.at(-1)!);
          }
          width = frame.width;
          height = frame.height;
          if (ticks !== undefined) {
            const at = ticks.at(hashed.length - 1);
            decodedSeconds = Math.max(decodedSeconds, (at * ticks.tick.num) / ticks.tick.den);
          }
          report();
        },
        onDecoded: (seconds) => {
          decodedSeconds = Math.max(decodedSeconds, seconds);
          report();
        },
      },
      watch,
    );
  } catch (error) {
    // ffmpeg wrote something other than the frames asked for: not a state a file should reach.
    return videoFailure(
      'video_decode_failed',
      `ffmpeg's output could not be read: ${(error as Error).message}`,
    );
  }
  const failed = classifyFfmpegFailure(run, 'ffmpeg', stallTimeoutMs, path);
  if (failed !== undefined) return failed;
  if (hashed.length === 0)
    return videoFailure('video_no_frames', 'ffmpeg decoded no frame from the video stream');

  let fileDigests: FileDigests | undefined;
  try {
    fileDigests = await digests;
  } catch (error) {
    if (options.signal?.aborted === true)
      return videoFailure('video_aborted', 'hashing was cancelled');
    return videoFailure(
      'video_unreadable',
      `the file could not be read: ${(error as Error).message}`,
    );
  }

  const lastPts = run.pts.at(-1);
  const measured =
    lastPts === undefined
      ? 0
      : ((lastPts - run.pts[0]!) * probe.timeBase.num) / probe.timeBase.den +
        (probe.frameRate > 0 ? 1 / probe.frameRate : 0);
  const durationSeconds = probe.durationSeconds ?? measured;
  const frames =
    ticks === undefined
      ? hashed.map((h, k) => {
          const frameNumber = k * plan.frameStep;
          return { frameNumber, timestamp: referenceTimestamp(frameNumber, probe.frameRate), ...h };
        })
      : timeFrameList(
          sampledFrames(hashed, run.pts, probe, ticks),
          secondsPerHash,
          durationSeconds,
        );
  return {
    ok: true,
    value: {
      kind: 'video',
      md5: fileDigests?.md5,
      sha256: fileDigests?.sha256,
      durationSeconds,
      frameRate: probe.frameRate,
      width,
      height,
      sampling,
      secondsPerHash,
      neighbourhoodSeconds: neighbourhood === undefined ? 0 : neighbourhoodSeconds,
      frames,
    },
  };
}

/** The ticks time sampling delivers frames at: the instants, or a neighbourhood grid's kept ticks. */
interface TickGrid {
  /** The length of a tick, in seconds. */
  readonly tick: Rational;
  /** Instant k is tick `k · ticksPerInstant`. */
  readonly ticksPerInstant: number;
  /** The tick of the `index`-th frame delivered. */
  readonly at: (index: number) => number;
}

/**
 * The frames ffmpeg delivered in time sampling, one per tick, each with the number and the
 * presentation timestamp of the source frame on screen at its tick. The ticks after the last
 * instant that the next instant's neighbourhood would reach, had the video not ended first, come
 * too: those last moments belong to the last instant (`instantOfTimestamp` given the duration), so
 * that a copy one frame longer, which samples that next instant, still finds them.
 */
function sampledFrames(
  hashed: readonly { pdq: VpdqFrame['pdq']; quality: number }[],
  pts: readonly number[],
  probe: { readonly timeBase: Rational; readonly frameRate: number },
  grid: TickGrid,
): SampledFrame[] {
  const ticks = hashed.map((_, index) => grid.at(index));
  const shown = framesShownAtTicks(pts, probe.timeBase, grid.tick, ticks);
  return hashed.map((h, index) => {
    const at = ticks[index]!;
    const frame = shown[index];
    const atInstant = at % grid.ticksPerInstant === 0;
    if (frame !== undefined) {
      const timestamp = presentationSeconds(pts[frame]!, pts[0]!, probe.timeBase);
      return { frameNumber: frame, timestamp, atInstant, ...h };
    }
    // Without ffmpeg's frame log (it never happens with a sane file): the tick's time, and the
    // frame number the stated rate gives it.
    const seconds = roundMicroseconds((at * grid.tick.num) / grid.tick.den);
    return {
      frameNumber: Math.round(seconds * probe.frameRate),
      timestamp: seconds,
      atInstant,
      ...h,
    };
  });
}

/**
 * Remembers the last frame hashed, to recognise the same pixels at the next tick. Comparing
 * 2.7 MB of a 720p frame costs a tenth of hashing it.
 */
class RepeatedFrames {
  private pixels = new Uint8Array(0);
  private width = 0;
  private height = 0;
  private hash: { pdq: VpdqFrame['pdq']; quality: number } | undefined;

  /** The hash of the previous frame when `rgb` holds the same pixels. */
  check(
    width: number,
    height: number,
    rgb: Uint8Array,
  ): { pdq: VpdqFrame['pdq']; quality: number } | undefined {
    if (this.hash === undefined || width !== this.width || height !== this.height) return undefined;
    return Buffer.compare(this.pixels, rgb) === 0 ? this.hash : undefined;
  }

  remember(
    width: number,
    height: number,
    rgb: Uint8Array,
    hash: { pdq: VpdqFrame['pdq']; quality: number },
  ): void {
    if (this.pixels.length !== rgb.length) this.pixels = new Uint8Array(rgb.length);
    this.pixels.set(rgb);
    this.width = width;
    this.height = height;
    this.hash = hash;
  }
}
