/**
 * vPDQ in the browser, on the victim's own device, with time sampling: at every multiple of
 * `secondsPerHash`, the frame on screen at that instant (as the Node entry picks it), hashed in a
 * Web Worker when one is given. Only hashes come out. Two decoders:
 *
 * - WebCodecs (`video-webcodecs.ts`): demux and decode in the worker, each frame decoded once;
 * - a `<video>` element that is never shown, seeked to each instant and drawn to a canvas: every
 *   browser has it, but each seek decodes again from the previous keyframe. Used when WebCodecs is
 *   missing or cannot read the file.
 *
 * Pixels come from the browser's own decoder and colour conversion, so hashes differ from ffmpeg's
 * by a few bits (see the package README); they match the same video hashed by the Node entry.
 * Frames carry their presentation timestamps, as in the Node entry. Frame numbers: with WebCodecs,
 * the frame's rank in presentation order, as the Node entry gives them; with the `<video>` element,
 * which does not expose it, the index of the first moment seeked to that showed the frame.
 */
import type { PdqHash } from '../core/hash.ts';
import { createPdqHasher } from '../core/pdq.ts';
import type { VpdqFrame } from '../video/frame.ts';
import { parseNeighbourhoodSeconds } from '../video/neighbourhood.ts';
import {
  DEFAULT_SECONDS_PER_HASH,
  parseSecondsPerHash,
  roundMicroseconds,
} from '../video/sampling.ts';
import { timeFrameList, type SampledFrame } from '../video/time-frames.ts';
import { digestBlob, type BlobDigests } from './video-digest.ts';
import type { VideoWorkerReply, VideoWorkerRequest } from './video-protocol.ts';
import {
  hashWithWebCodecs,
  sampleTargets,
  WebCodecsFailure,
  type WebCodecsVideo,
} from './video-webcodecs.ts';

export type BrowserVideoErrorCode =
  | 'video_unsupported'
  | 'video_corrupt'
  | 'video_too_small'
  | 'video_timeout'
  | 'video_bad_options'
  | 'aborted'
  | 'browser_unsupported'
  | 'internal_error';

export type BrowserVideoResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: { readonly code: BrowserVideoErrorCode; readonly message: string };
    };

export interface BrowserVideoProgress {
  /** Presentation time reached, in seconds. */
  readonly decodedSeconds: number;
  readonly durationSeconds: number;
  readonly framesHashed: number;
  /** 0 to 1. */
  readonly fraction: number;
}

export interface BrowserVideoOptions {
  /** One hash every this many seconds of presentation time (default 1). */
  readonly secondsPerHash?: number;
  /**
   * 0 (default): the frame on screen at each instant. Above 0, up to half the interval: also the
   * frames on screen within ± this many seconds of each instant, on the Node entry's 1/30 s grid.
   * What a victim's bank should hold (`DEFAULT_NEIGHBOURHOOD_SECONDS`): copies shifted or
   * resampled in time still find their frames. Every frame keeps its own timestamp: its instant is
   * the multiple of `secondsPerHash` nearest it (`vpdqInstants(frames, result)`).
   */
  readonly neighbourhoodSeconds?: number;
  /** Also MD5 and SHA-256 of the file (default true), streamed: the file is never held whole. */
  readonly digests?: boolean;
  /** Hash in this worker (`video-worker.ts`) rather than on the page's thread. Recommended. */
  readonly createWorker?: () => Worker;
  readonly onProgress?: (progress: BrowserVideoProgress) => void;
  readonly signal?: AbortSignal;
  /** A seek that takes longer than this fails with `video_timeout` (default 30 000 ms). */
  readonly stallTimeoutMs?: number;
  /** `auto` (default): WebCodecs, else the `<video>` element; or force one of them. */
  readonly decoder?: 'auto' | 'webcodecs' | 'element';
}

export interface BrowserVideoHash {
  readonly kind: 'video';
  readonly md5: string | undefined;
  readonly sha256: string | undefined;
  readonly durationSeconds: number;
  /** Size of the frames as displayed (rotation applied). */
  readonly width: number;
  readonly height: number;
  readonly sampling: 'time';
  readonly secondsPerHash: number;
  /** The neighbourhood hashed around each instant, in seconds (0: one frame per instant). */
  readonly neighbourhoodSeconds: number;
  readonly frames: VpdqFrame[];
  /** Which decoder produced the frames. */
  readonly decoder: 'webcodecs' | 'element';
}

/** Added to each seek target: more than the element's rounding, far less than a frame. */
const SEEK_SLACK_SECONDS = 1e-4;

/** Frames hashed ahead of the one being grabbed: enough to keep the worker busy, little memory. */
const FRAMES_IN_FLIGHT = 2;

class VideoFailure extends Error {
  constructor(
    readonly code: BrowserVideoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Hashes a video file chosen by the user: vPDQ frames (time sampling), MD5 and SHA-256. Needs a
 * page (a `<video>` element); the hashing itself runs in `createWorker`'s worker when given.
 * Expected failures resolve as `{ ok: false, error: { code, message } }`.
 *
 * @example
 * const controller = new AbortController();
 * const result = await hashVideoBlob(input.files[0], {
 *   createWorker: () => new Worker(new URL('@aman/pdq/browser/video-worker', import.meta.url), { type: 'module' }),
 *   onProgress: (p) => (bar.value = p.fraction),
 *   signal: controller.signal,
 * });
 * if (result.ok) await send(result.value.frames); // hashes only, never the video
 */
export async function hashVideoBlob(
  blob: Blob,
  options: BrowserVideoOptions = {},
): Promise<BrowserVideoResult<BrowserVideoHash>> {
  const interval = parseSecondsPerHash(options.secondsPerHash ?? DEFAULT_SECONDS_PER_HASH, 'time');
  if (!interval.ok)
    return { ok: false, error: { code: 'video_bad_options', message: interval.error.message } };
  const neighbourhood = parseNeighbourhoodSeconds(
    options.neighbourhoodSeconds ?? 0,
    interval.value,
  );
  if (!neighbourhood.ok) {
    return {
      ok: false,
      error: { code: 'video_bad_options', message: neighbourhood.error.message },
    };
  }
  const neighbourhoodSeconds = neighbourhood.value;
  if (typeof document === 'undefined') {
    return {
      ok: false,
      error: {
        code: 'browser_unsupported',
        message: 'hashVideoBlob needs a page (a <video> element), not a worker',
      },
    };
  }
  const secondsPerHash = interval.value;
  const stallTimeoutMs = options.stallTimeoutMs ?? 30_000;
  const hasher =
    options.createWorker === undefined ? inlineHasher() : workerHasher(options.createWorker());
  const decoder = options.decoder ?? 'auto';
  try {
    options.signal?.throwIfAborted();
    const digests = options.digests === false ? Promise.resolve(undefined) : hasher.digest(blob);
    digests.catch(() => undefined);
    const report = (framesHashed: number, decodedSeconds: number, durationSeconds: number) =>
      options.onProgress?.({
        decodedSeconds,
        durationSeconds,
        framesHashed,
        fraction: Math.min(1, (decodedSeconds + secondsPerHash) / durationSeconds),
      });
    let video: WebCodecsVideo | undefined;
    let used: BrowserVideoHash['decoder'] = 'webcodecs';
    if (decoder !== 'element') {
      try {
        video = await abortable(
          hasher.video(blob, secondsPerHash, neighbourhoodSeconds, report),
          options.signal,
        );
      } catch (error) {
        if (!(error instanceof WebCodecsFailure)) throw error;
        if (error.reason === 'too_small') throw new VideoFailure('video_too_small', error.message);
        if (error.reason === 'corrupt') throw new VideoFailure('video_corrupt', error.message);
        if (decoder === 'webcodecs') throw new VideoFailure('video_unsupported', error.message);
      }
    }
    if (video === undefined) {
      used = 'element';
      video = await hashWithElement(
        blob,
        secondsPerHash,
        neighbourhoodSeconds,
        hasher,
        report,
        stallTimeoutMs,
        options.signal,
      );
    }
    const fileDigests: BlobDigests | undefined = await abortable(digests, options.signal);
    return {
      ok: true,
      value: {
        kind: 'video',
        md5: fileDigests?.md5,
        sha256: fileDigests?.sha256,
        ...video,
        sampling: 'time',
        secondsPerHash,
        neighbourhoodSeconds,
        decoder: used,
      },
    };
  } catch (error) {
    if (options.signal?.aborted === true) {
      return { ok: false, error: { code: 'aborted', message: 'hashing was cancelled' } };
    }
    if (error instanceof VideoFailure)
      return { ok: false, error: { code: error.code, message: error.message } };
    return { ok: false, error: { code: 'internal_error', message: (error as Error).message } };
  } finally {
    hasher.close();
  }
}

/** Rejects as soon as `signal` aborts, whatever `promise` is still doing. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      const stop = () => reject(new VideoFailure('aborted', 'hashing was cancelled'));
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    }),
  ]);
}

/**
 * The `<video>` decoder: seek to each instant (and each tick of its neighbourhood), draw the frame
 * to a canvas, hash it. The element says which frame it presented (its presentation timestamp,
 * from requestVideoFrameCallback), not its rank: a frame is numbered by the index of the first
 * moment that showed it.
 */
async function hashWithElement(
  blob: Blob,
  secondsPerHash: number,
  neighbourhoodSeconds: number,
  hasher: FrameHasher,
  report: (framesHashed: number, decodedSeconds: number, durationSeconds: number) => void,
  stallTimeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<WebCodecsVideo> {
  const url = URL.createObjectURL(blob);
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.playsInline = true;
  // In the document (invisible) so that its frames are presented: see seek().
  video.style.cssText =
    'position:fixed;left:0;top:0;width:2px;height:2px;opacity:0.01;pointer-events:none';
  document.body.append(video);
  try {
    video.src = url;
    await waitFor(video, 'loadedmetadata', stallTimeoutMs, signal);
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
      await waitFor(video, 'loadeddata', stallTimeoutMs, signal);
    }
    const durationSeconds = await knownDuration(video, stallTimeoutMs, signal);
    const { videoWidth: width, videoHeight: height } = video;
    if (width === 0 || height === 0) {
      throw new VideoFailure('video_unsupported', 'the file has no video track (audio only?)');
    }
    if (width < 5 || height < 5) {
      throw new VideoFailure(
        'video_too_small',
        `frames of ${width}x${height} pixels are too small to hash (5x5 at least)`,
      );
    }
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null)
      throw new VideoFailure('browser_unsupported', 'this browser has no 2D canvas');
    const targets = sampleTargets(secondsPerHash, neighbourhoodSeconds, durationSeconds);
    const drawn: ElementDraw[] = [];
    const inFlight: Promise<void>[] = [];
    let framesHashed = 0;
    for (const [index, { seconds, atInstant }] of targets.entries()) {
      signal?.throwIfAborted();
      // The element keeps time in microseconds: a tick such as 29/30 s, rounded down, would show
      // the frame before the one starting then.
      const presentedAt = await seek(video, seconds + SEEK_SLACK_SECONDS, stallTimeoutMs, signal);
      context.drawImage(video, 0, 0, width, height);
      const rgba = context.getImageData(0, 0, width, height).data;
      inFlight.push(
        hasher.hash(width, height, rgba).then(({ pdq, quality }) => {
          drawn[index] = { seconds, atInstant, presentedAt, pdq, quality };
          report(++framesHashed, seconds, durationSeconds);
        }),
      );
      if (inFlight.length >= FRAMES_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const frames = timeFrameList(identifyFrames(drawn), secondsPerHash, durationSeconds);
    if (frames.length === 0)
      throw new VideoFailure('video_corrupt', 'the video has no frame to hash');
    return { durationSeconds, width, height, frames };
  } finally {
    video.removeAttribute('src');
    video.load();
    video.remove();
    URL.revokeObjectURL(url);
  }
}

/** A moment the `<video>` element was seeked to, and what it drew. */
interface ElementDraw {
  /** The moment, in seconds from the first frame. */
  readonly seconds: number;
  readonly atInstant: boolean;
  /** The presentation timestamp of the frame the seek presented; undefined when none was. */
  readonly presentedAt: number | undefined;
  readonly pdq: PdqHash;
  readonly quality: number;
}

/**
 * Tells the frames apart: a seek that presented a frame names it by its presentation timestamp; one
 * that presented nothing stayed on the frame shown before (a still, a video slower than the grid)
 * when it drew the same hash. Otherwise (a browser without requestVideoFrameCallback, or one that
 * presented too late), the frame's timestamp is taken to be the moment itself, at most a frame late.
 */
function identifyFrames(drawn: readonly ElementDraw[]): SampledFrame[] {
  const frames: SampledFrame[] = [];
  let current: (Omit<SampledFrame, 'atInstant'> & { presentedAt: number | undefined }) | undefined;
  for (const [index, { seconds, atInstant, presentedAt, pdq, quality }] of drawn.entries()) {
    const same =
      current !== undefined &&
      (presentedAt === undefined
        ? current.pdq === pdq
        : current.presentedAt !== undefined &&
          roundMicroseconds(presentedAt) === roundMicroseconds(current.presentedAt));
    if (current === undefined || !same) {
      const timestamp = roundMicroseconds(presentedAt ?? seconds);
      current = { frameNumber: index, timestamp, pdq, quality, presentedAt };
    }
    const { frameNumber, timestamp } = current;
    frames.push({ frameNumber, timestamp, atInstant, pdq: current.pdq, quality: current.quality });
  }
  return frames;
}

/** The duration, even for files whose header does not state it (some WebM): seek past the end. */
async function knownDuration(
  video: HTMLVideoElement,
  stallTimeoutMs: number,
  signal?: AbortSignal,
): Promise<number> {
  if (Number.isFinite(video.duration) && video.duration > 0) return video.duration;
  await seek(video, 1e9, stallTimeoutMs, signal);
  if (!(Number.isFinite(video.duration) && video.duration > 0)) {
    throw new VideoFailure('video_corrupt', 'the video states no duration and none could be found');
  }
  return video.duration;
}

/**
 * Seeks and waits until the frame at `seconds` is the one a canvas draws, and says which frame
 * that is: its presentation timestamp, or undefined when no frame was presented. 'seeked' alone is
 * not enough in Chromium: the element can still hand out the previous frame for a moment, so we
 * also wait for the new frame to be presented (requestVideoFrameCallback), unless it was already on
 * screen (a seek within the same frame presents nothing new).
 */
async function seek(
  video: HTMLVideoElement,
  seconds: number,
  stallTimeoutMs: number,
  signal?: AbortSignal,
): Promise<number | undefined> {
  const presented =
    'requestVideoFrameCallback' in video
      ? new Promise<number>((resolve) =>
          video.requestVideoFrameCallback((_now, frame) => resolve(frame.mediaTime)),
        )
      : undefined;
  const done = waitFor(video, 'seeked', stallTimeoutMs, signal);
  video.currentTime = seconds;
  await done;
  const presentedAt =
    presented === undefined
      ? undefined
      : await Promise.race([
          presented,
          new Promise<undefined>((resolve) => setTimeout(resolve, PRESENTATION_WAIT_MS)),
        ]);
  // 'seeked' implies the frame is there; allow a moment more where a browser is slower.
  for (
    let waited = 0;
    video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA && waited < 1000;
    waited += 10
  ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return presentedAt;
}

/** How long to wait for a seeked frame to be presented when it may be the one already shown. */
const PRESENTATION_WAIT_MS = 100;

/** Resolves on `event`; rejects on the element's error, a stall, or an abort. */
function waitFor(
  video: HTMLVideoElement,
  event: 'loadedmetadata' | 'loadeddata' | 'seeked',
  stallTimeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      video.removeEventListener(event, onEvent);
      video.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onEvent = () => {
      cleanup();
      resolve();
    };
    const onError = () => {
      cleanup();
      reject(mediaFailure(video.error));
    };
    const onAbort = () => {
      cleanup();
      reject(new VideoFailure('aborted', 'hashing was cancelled'));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new VideoFailure(
          'video_timeout',
          `the browser's decoder made no progress for ${stallTimeoutMs / 1000} s`,
        ),
      );
    }, stallTimeoutMs);
    video.addEventListener(event, onEvent);
    video.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort);
  });
}

function mediaFailure(error: MediaError | null): VideoFailure {
  if (error?.code === MediaError.MEDIA_ERR_DECODE) {
    return new VideoFailure(
      'video_corrupt',
      `the video data is damaged (${error.message || 'decode error'})`,
    );
  }
  return new VideoFailure(
    'video_unsupported',
    `this browser cannot play this file: not a video, or a format or codec it does not support${error?.message ? ` (${error.message})` : ''}`,
  );
}

interface FrameHasher {
  hash(
    width: number,
    height: number,
    rgba: Uint8ClampedArray,
  ): Promise<{ pdq: PdqHash; quality: number }>;
  digest(blob: Blob): Promise<BlobDigests>;
  /** Decodes and hashes the whole file with WebCodecs; rejects with a WebCodecsFailure. */
  video(
    blob: Blob,
    secondsPerHash: number,
    neighbourhoodSeconds: number,
    report: (framesHashed: number, decodedSeconds: number, durationSeconds: number) => void,
  ): Promise<WebCodecsVideo>;
  close(): void;
}

/** Hashes on the calling thread (when no worker is given). */
function inlineHasher(): FrameHasher {
  const hasher = createPdqHasher();
  return {
    hash: (width, height, rgba) => {
      const { hash, quality } = hasher.compute({
        width,
        height,
        channels: 4,
        data: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength),
      });
      return Promise.resolve({ pdq: hash, quality });
    },
    digest: (blob) => digestBlob(blob),
    video: (blob, secondsPerHash, neighbourhoodSeconds, report) =>
      hashWithWebCodecs(blob, secondsPerHash, neighbourhoodSeconds, hasher, report),
    close: () => undefined,
  };
}

/** Hashes in a worker running `video-worker.ts`; frames are transferred, not copied. */
function workerHasher(worker: Worker): FrameHasher {
  let nextId = 0;
  interface Waiting {
    resolve: (reply: VideoWorkerReply) => void;
    reject: (error: Error) => void;
    progress?: (reply: Extract<VideoWorkerReply, { type: 'progress' }>) => void;
  }
  const pending = new Map<number, Waiting>();
  worker.onmessage = (event: MessageEvent<VideoWorkerReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    if (reply.type === 'progress') {
      waiting?.progress?.(reply);
      return;
    }
    pending.delete(reply.id);
    if (reply.type !== 'error') waiting?.resolve(reply);
    else if (reply.reason !== undefined)
      waiting?.reject(new WebCodecsFailure(reply.reason, reply.message));
    else waiting?.reject(new Error(reply.message));
  };
  worker.onerror = (event) => {
    for (const { reject } of pending.values())
      reject(new Error(event.message || 'the video worker failed'));
    pending.clear();
  };
  const ask = (
    request: VideoWorkerRequest,
    transfer: Transferable[] = [],
    progress?: Waiting['progress'],
  ) =>
    new Promise<VideoWorkerReply>((resolve, reject) => {
      pending.set(request.id, { resolve, reject, ...(progress ? { progress } : {}) });
      worker.postMessage(request, transfer);
    });
  return {
    async hash(width, height, rgba) {
      const buffer = rgba.buffer as ArrayBuffer;
      const reply = await ask({ type: 'frame', id: nextId++, width, height, rgba: buffer }, [
        buffer,
      ]);
      if (reply.type !== 'frame') throw new Error('unexpected reply from the video worker');
      return { pdq: reply.pdq, quality: reply.quality };
    },
    async digest(blob) {
      const reply = await ask({ type: 'digest', id: nextId++, blob });
      if (reply.type !== 'digest') throw new Error('unexpected reply from the video worker');
      return { md5: reply.md5, sha256: reply.sha256 };
    },
    async video(blob, secondsPerHash, neighbourhoodSeconds, report) {
      const reply = await ask(
        { type: 'video', id: nextId++, blob, secondsPerHash, neighbourhoodSeconds },
        [],
        (p) => report(p.framesHashed, p.decodedSeconds, p.durationSeconds),
      );
      if (reply.type !== 'video') throw new Error('unexpected reply from the video worker');
      const { durationSeconds, width, height, frames } = reply;
      return { durationSeconds, width, height, frames };
    },
    close: () => worker.terminate(),
  };
}
