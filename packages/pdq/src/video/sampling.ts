/**
 * Which frames of a video get hashed.
 *
 * - `time` (Aman's default): the frame on screen at every multiple of `secondsPerHash` of
 *   presentation time, counted from the first frame. A copy re-encoded at another frame rate is
 *   sampled at the same instants, so its hashes stay aligned with the original's.
 * - `reference`: what the reference `vpdq-hash-video` does: the frames whose 0-based number is a
 *   multiple of `int(secondsPerHash · frameRate)`, stamped `float(frameNumber) / float(frameRate)`.
 *   Bit-compatible with hashes made by upstream's tools, but a 30 fps copy of a 25 fps video is
 *   sampled at other instants (a frame every 1.2 s of the original instead of every 1 s), which is
 *   why it matches re-encodes poorly.
 *
 * Decoders (../node, ../browser) turn a plan into decoder work; this module only does arithmetic.
 */
import type { ParseResult } from '../core/hash.ts';
import { failure } from './result.ts';

export type VpdqSampling = 'time' | 'reference';

export const VPDQ_SAMPLINGS: readonly VpdqSampling[] = ['time', 'reference'];

/** One hash per second, as python-threatexchange and HMA hash videos. */
export const DEFAULT_SECONDS_PER_HASH = 1;

/** Longest sampling interval accepted: one hash an hour. */
export const MAX_SECONDS_PER_HASH = 3600;

/** An exact fraction of two positive safe integers. */
export interface Rational {
  readonly num: number;
  readonly den: number;
}

/**
 * Validates a sampling interval. `reference` accepts 0 (every frame, the reference CLI's default);
 * `time` needs a positive interval. At most 6 decimals, so that the interval is an exact fraction
 * the decoder can use without drift.
 *
 * @example
 * parseSecondsPerHash(0.5, 'time'); // { ok: true, value: 0.5 }
 */
export function parseSecondsPerHash(value: unknown, sampling: VpdqSampling): ParseResult<number> {
  const min = sampling === 'reference' ? 0 : Number.MIN_VALUE;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > MAX_SECONDS_PER_HASH
  ) {
    const range = sampling === 'reference' ? 'from 0' : 'greater than 0 and';
    return failure(
      'vpdq_bad_seconds_per_hash',
      `seconds per hash must be a number ${range} up to ${MAX_SECONDS_PER_HASH} (${sampling} sampling), got ${String(value)}`,
    );
  }
  const micro = Math.round(value * 1e6);
  if (Math.abs(micro / 1e6 - value) > 1e-12 || (sampling === 'time' && micro === 0)) {
    return failure(
      'vpdq_bad_seconds_per_hash',
      `seconds per hash may have at most 6 decimals, got ${String(value)}`,
    );
  }
  return { ok: true, value };
}

/**
 * `secondsPerHash` as an exact fraction (it has at most 6 decimals, see `parseSecondsPerHash`).
 *
 * @example
 * secondsPerHashRational(0.25); // { num: 1, den: 4 }
 */
export function secondsPerHashRational(secondsPerHash: number): Rational {
  const num = Math.round(secondsPerHash * 1e6);
  if (num <= 0) throw new RangeError(`secondsPerHash must be > 0, got ${secondsPerHash}`);
  const divisor = gcd(num, 1e6);
  return { num: num / divisor, den: 1e6 / divisor };
}

/**
 * The reference's sampling step: `(int)(secondsPerHash * frameRate)`, or 1 where that is 0.
 *
 * @example
 * referenceFrameStep(1, 30); // 30
 * referenceFrameStep(1, 30000 / 1001); // 29: the reference drifts on NTSC rates
 */
export function referenceFrameStep(secondsPerHash: number, frameRate: number): number {
  const step = Math.trunc(secondsPerHash * frameRate);
  if (!Number.isFinite(step) || step > 2 ** 31 - 1) {
    throw new RangeError(
      `secondsPerHash * frameRate is out of range: ${secondsPerHash} * ${frameRate}`,
    );
  }
  return step >= 1 ? step : 1;
}

/**
 * The reference's timestamp for a frame: `(float)frameNumber / (float)frameRate`, in float32.
 *
 * @example
 * referenceTimestamp(1, 30); // 0.03333333507180214
 */
export function referenceTimestamp(frameNumber: number, frameRate: number): number {
  return Math.fround(Math.fround(frameNumber) / Math.fround(frameRate));
}

/**
 * The presentation time of time-mode sample `index`: `index · secondsPerHash`, computed exactly
 * (0.3, not 0.30000000000000004, for the 4th sample at 0.1 s).
 *
 * @example
 * timeSampleTimestamp(3, 0.1); // 0.3
 */
export function timeSampleTimestamp(index: number, secondsPerHash: number): number {
  const { num, den } = secondsPerHashRational(secondsPerHash);
  return (index * num) / den;
}

/**
 * The instant a time-sampled frame belongs to, from its presentation timestamp: the nearest
 * multiple of `secondsPerHash`, a timestamp exactly half-way going to the earlier instant (as the
 * sampler gives the half-way tick of a neighbourhood of half the interval to the earlier instant).
 * Given the video's duration, never an instant at or past the end: the frames of the video's last
 * moments, within reach of an instant the video ends before, belong to its last instant.
 * Exact on microseconds: the numbers are read to the microsecond (timestamps are written so, and
 * `secondsPerHash` has at most 6 decimals), so 0.15 s at 0.1 s per hash is a tie, not 0.1500…01.
 *
 * @example
 * instantOfTimestamp(0.967633, 1); // 1: frame 29 of a 29.97 fps video stands for the instant 1 s
 * instantOfTimestamp(0.5, 1); // 0: half-way goes to the earlier instant
 * instantOfTimestamp(3.9, 1, 4); // 3: a 4-second video has no instant at 4 s
 */
export function instantOfTimestamp(
  timestamp: number,
  secondsPerHash: number,
  durationSeconds?: number,
): number {
  const t = Math.round(timestamp * 1e6);
  const s = Math.round(secondsPerHash * 1e6);
  if (!(t >= 0) || !(s > 0)) {
    throw new RangeError(
      `instantOfTimestamp needs a timestamp >= 0 and an interval > 0, got ${timestamp} and ${secondsPerHash}`,
    );
  }
  // The smallest k with t <= (k + 1/2)·s, i.e. ceil((2t - s) / 2s), in integers.
  const nearest = Math.floor((2 * t + s - 1) / (2 * s));
  if (durationSeconds === undefined) return nearest;
  // The last k with k·s < duration (0 for an empty video).
  const d = Math.round(durationSeconds * 1e6);
  return Math.min(nearest, Math.max(0, Math.floor((d - 1) / s)));
}

/**
 * A frame's presentation time in seconds from the video's first frame, rounded to the microsecond
 * (exact integer arithmetic, half up): `(pts - start) · timeBase`. What a time-sampled frame is
 * stamped with, in Node; the browser's decoders give microseconds already.
 *
 * @example
 * presentationSeconds(1024, 0, { num: 1, den: 15360 }); // 0.066667 (frame 2 at 30 fps)
 */
export function presentationSeconds(pts: number, start: number, timeBase: Rational): number {
  if (pts < start) throw new RangeError(`pts ${pts} is before the first frame's (${start})`);
  // round(x / d) = floor((2x + d) / 2d), with x = (pts - start) · num · 10^6 and d = den.
  const x = (BigInt(pts) - BigInt(start)) * BigInt(timeBase.num) * 1_000_000n;
  const d = BigInt(timeBase.den);
  return Number((2n * x + d) / (2n * d)) / 1e6;
}

/**
 * Seconds rounded to the microsecond, as time-sampled frames are stamped (the browser's decoders
 * count in microseconds; `presentationSeconds` rounds ffmpeg's time bases the same way).
 *
 * @example
 * roundMicroseconds(0.46713333333333334); // 0.467133
 */
export function roundMicroseconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

/**
 * For each time-mode sample, the index of the frame on screen at that instant: the last frame
 * whose presentation time, counted from the first frame, is at or before `index · secondsPerHash`.
 * `pts` are the frames' presentation timestamps in decoding output order, in units of `timeBase`
 * seconds; the comparison is exact (integer arithmetic), as the decoder's own selection is.
 * A sample before any frame (impossible when pts are ascending) maps to frame 0.
 *
 * @example
 * // 25 fps in a 1/12800 time base: frame n has pts 512·n
 * framesShownAt([0, 512, 1024, …], { num: 1, den: 12800 }, 1, 3); // [0, 25, 50]
 */
export function framesShownAt(
  pts: readonly number[],
  timeBase: Rational,
  secondsPerHash: number,
  sampleCount: number,
): number[] {
  const samples = Array.from({ length: sampleCount }, (_, sample) => sample);
  return framesShownAtTicks(pts, timeBase, secondsPerHashRational(secondsPerHash), samples);
}

/**
 * The index of the frame on screen at each of the instants `tick · ticks[i]` seconds (ascending
 * tick numbers), as `framesShownAt` picks it: exact, counted from the first frame.
 *
 * @example
 * // 30 fps in a 1/15360 time base, a 1/30 s grid: ticks 26 and 34 show frames 26 and 34
 * framesShownAtTicks(pts, { num: 1, den: 15360 }, { num: 1, den: 30 }, [26, 34]); // [26, 34]
 */
export function framesShownAtTicks(
  pts: readonly number[],
  timeBase: Rational,
  tick: Rational,
  ticks: readonly number[],
): number[] {
  const result: number[] = [];
  if (pts.length === 0) return result;
  const start = BigInt(pts[0]!);
  const tbNum = BigInt(timeBase.num);
  const tbDen = BigInt(timeBase.den);
  const tickNum = BigInt(tick.num);
  const tickDen = BigInt(tick.den);
  let frame = 0;
  for (const at of ticks) {
    // frame n is on screen at T when (pts[n] - start) · tb <= T = at · tick, i.e.
    // (pts[n] - start) · tbNum · tickDen <= at · tickNum · tbDen
    const limit = BigInt(at) * tickNum * tbDen;
    while (frame + 1 < pts.length && (BigInt(pts[frame + 1]!) - start) * tbNum * tickDen <= limit) {
      frame++;
    }
    result.push(frame);
  }
  return result;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
