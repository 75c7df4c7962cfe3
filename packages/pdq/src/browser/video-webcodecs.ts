/**
 * Time-sampled vPDQ with WebCodecs: mediabunny demuxes the file (MP4/MOV, WebM/MKV, …) and feeds
 * the browser's `VideoDecoder`, decoding each packet at most once while it hands over, for every
 * sample instant, the last frame that starts at or before it (the Node entry's choice). Runs in a
 * worker or on a page; far faster than seeking a `<video>` when keyframes are far apart.
 *
 * Colours: each frame is converted to RGB as BT.601, the stream's range kept, whatever its colour
 * tags say, as the Node entry (and the reference) convert. Chromium would otherwise take untagged
 * H.264 as BT.709, which puts hashes of the very same frame 16 to 26 bits away from the Node
 * entry's instead of 0 to 6.
 */
import {
  ALL_FORMATS,
  BlobSource,
  EncodedPacketSink,
  Input,
  VideoSample,
  VideoSampleSink,
} from 'mediabunny';
import type { PdqHash } from '../core/hash.ts';
import type { PdqHasher } from '../core/pdq.ts';
import type { VpdqFrame } from '../video/frame.ts';
import { neighbourhoodGrid, neighbourhoodTicks } from '../video/neighbourhood.ts';
import { roundMicroseconds, timeSampleTimestamp } from '../video/sampling.ts';
import { timeFrameList, type SampledFrame } from '../video/time-frames.ts';

/** Why WebCodecs could not hash the file; `unsupported` means: try the `<video>` element instead. */
export class WebCodecsFailure extends Error {
  constructor(
    readonly reason: 'unsupported' | 'too_small' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

export interface WebCodecsVideo {
  readonly durationSeconds: number;
  readonly width: number;
  readonly height: number;
  readonly frames: VpdqFrame[];
}

/** Frame times are floating-point seconds here: allow for their rounding at exact instants. */
const INSTANT_SLACK_SECONDS = 1e-6;

/**
 * Hashes `blob` at every multiple of `secondsPerHash` (and, with a neighbourhood, at the grid
 * ticks within it, as the Node entry does), calling `onFrame` after each frame.
 *
 * @example
 * const video = await hashWithWebCodecs(file, 1, 0.15, createPdqHasher(), (n, t) => report(n, t), signal);
 */
export async function hashWithWebCodecs(
  blob: Blob,
  secondsPerHash: number,
  neighbourhoodSeconds: number,
  hasher: PdqHasher,
  onFrame: (framesHashed: number, decodedSeconds: number, durationSeconds: number) => void,
  signal?: AbortSignal,
): Promise<WebCodecsVideo> {
  if (typeof VideoDecoder === 'undefined') {
    throw new WebCodecsFailure('unsupported', 'this browser has no WebCodecs VideoDecoder');
  }
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  try {
    let track;
    try {
      track = await input.getPrimaryVideoTrack();
    } catch (error) {
      throw new WebCodecsFailure(
        'unsupported',
        `not a container this reader knows: ${(error as Error).message}`,
      );
    }
    if (track === null) throw new WebCodecsFailure('unsupported', 'no video track found');
    if (!(await track.canDecode())) {
      throw new WebCodecsFailure(
        'unsupported',
        `this browser cannot decode ${track.codec ?? 'this codec'}`,
      );
    }
    const width = track.displayWidth;
    const height = track.displayHeight;
    if (width < 5 || height < 5) {
      throw new WebCodecsFailure(
        'too_small',
        `frames of ${width}x${height} pixels are too small to hash (5x5 at least)`,
      );
    }
    const start = await track.getFirstTimestamp();
    const end = await track.computeDuration();
    const durationSeconds = end - start;
    // Frame numbers as the Node entry gives them: the rank of the frame in presentation order
    // (decoders output frames in that order). Packet metadata only: nothing is decoded for this.
    const presentationTimes: number[] = [];
    for await (const packet of new EncodedPacketSink(track).packets(undefined, undefined, {
      metadataOnly: true,
    })) {
      presentationTimes.push(packet.timestamp);
    }
    presentationTimes.sort((a, b) => a - b);
    const targets = sampleTargets(secondsPerHash, neighbourhoodSeconds, durationSeconds);
    const sink = new VideoSampleSink(track);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null) throw new WebCodecsFailure('unsupported', 'no 2D canvas context');
    const hashed: SampledFrame[] = [];
    let previous: Omit<SampledFrame, 'atInstant'> | undefined;
    let k = 0;
    for await (const sample of sink.samplesAtTimestamps(
      targets.map(({ seconds }) => start + seconds + INSTANT_SLACK_SECONDS),
    )) {
      const { seconds, atInstant } = targets[k]!;
      if (sample === null)
        throw new WebCodecsFailure('corrupt', `no frame could be decoded at ${seconds} s`);
      const frameNumber = rankOf(presentationTimes, sample.timestamp);
      const timestamp = roundMicroseconds(sample.timestamp - start);
      if (previous?.frameNumber === frameNumber) {
        // Neighbouring ticks show the same frame (a video slower than the grid): hashed already.
        sample.close();
      } else {
        const frame = await asBt601(sample);
        try {
          signal?.throwIfAborted();
          context.clearRect(0, 0, width, height);
          frame.drawWithFit(context, { fit: 'fill' });
        } finally {
          frame.close();
          sample.close();
        }
        const { data } = context.getImageData(0, 0, width, height);
        const { hash, quality }: { hash: PdqHash; quality: number } = hasher.compute({
          width,
          height,
          channels: 4,
          data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        });
        previous = { frameNumber, timestamp, pdq: hash, quality };
      }
      hashed.push({ atInstant, ...previous });
      k++;
      onFrame(hashed.length, seconds, durationSeconds);
    }
    const frames = timeFrameList(hashed, secondsPerHash, durationSeconds);
    if (frames.length === 0)
      throw new WebCodecsFailure('corrupt', 'the video has no frame to hash');
    return { durationSeconds, width, height, frames };
  } catch (error) {
    if (error instanceof WebCodecsFailure || signal?.aborted === true) throw error;
    throw new WebCodecsFailure(
      'corrupt',
      `the video could not be decoded: ${(error as Error).message}`,
    );
  } finally {
    input.dispose();
  }
}

/** A moment to hash: an instant, or a tick of its neighbourhood. */
export interface SampleTarget {
  /** Seconds from the first frame. */
  readonly seconds: number;
  /** The instant itself, rather than a neighbouring tick. */
  readonly atInstant: boolean;
}

/**
 * The moments to hash in a video of `durationSeconds`, in time order: each instant before the
 * end, or with a neighbourhood the ticks of the Node entry's grid around each instant that fall
 * before the end (as ffmpeg's `fps` gives them), including, as in the Node entry, those within
 * reach of the next instant when the video ends before it (they belong to the last instant).
 *
 * @example
 * sampleTargets(1, 0, 2); // [{ seconds: 0, atInstant: true }, { seconds: 1, atInstant: true }]
 */
export function sampleTargets(
  secondsPerHash: number,
  neighbourhoodSeconds: number,
  durationSeconds: number,
): SampleTarget[] {
  const instants = Array.from(
    { length: Math.max(0, Math.ceil(durationSeconds / secondsPerHash - INSTANT_SLACK_SECONDS)) },
    (_, instant) => timeSampleTimestamp(instant, secondsPerHash),
  ).filter((seconds) => seconds < durationSeconds).length;
  const grid =
    neighbourhoodSeconds > 0 ? neighbourhoodGrid(secondsPerHash, neighbourhoodSeconds) : undefined;
  if (grid === undefined || grid.after === 0) {
    return Array.from({ length: instants }, (_, instant) => ({
      seconds: timeSampleTimestamp(instant, secondsPerHash),
      atInstant: true,
    }));
  }
  if (instants === 0) return [];
  return neighbourhoodTicks(grid, instants + 1)
    .map(({ tick, instant }) => ({
      seconds: (tick * grid.tick.num) / grid.tick.den,
      atInstant: tick === instant * grid.ticksPerInterval,
    }))
    .filter(({ seconds }) => seconds < durationSeconds - INSTANT_SLACK_SECONDS);
}

/** Planar and semi-planar 8-bit YUV: the layouts whose colour space we can restate. */
const YUV_FORMATS = new Set(['I420', 'I422', 'I444', 'NV12']);

/**
 * The same pixels, declared BT.601 (matrix, primaries and transfer), keeping the stream's range.
 * Other formats (RGB, 10-bit, alpha) are returned as they are.
 */
async function asBt601(sample: VideoSample): Promise<VideoSample> {
  if (sample.format === null || !YUV_FORMATS.has(sample.format)) return sample.clone();
  const { width, height } = sample.visibleRect;
  const buffer = new Uint8Array(sample.allocationSize());
  const layout = await sample.copyTo(buffer);
  return new VideoSample(buffer, {
    format: sample.format,
    codedWidth: width,
    codedHeight: height,
    layout,
    timestamp: sample.timestamp,
    duration: sample.duration,
    rotation: sample.rotation,
    flip: sample.flip,
    colorSpace: {
      matrix: 'smpte170m',
      primaries: 'smpte170m',
      transfer: 'smpte170m',
      fullRange: sample.colorSpace.fullRange ?? false,
    },
  });
}

/** How many of the sorted `times` come before `time` (allowing for float rounding). */
function rankOf(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! < time - INSTANT_SLACK_SECONDS) low = middle + 1;
    else high = middle;
  }
  return low;
}
