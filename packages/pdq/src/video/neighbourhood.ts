/**
 * Neighbourhoods: how the side that plays the bank (what a victim protects) survives copies that
 * are shifted or resampled in time.
 *
 * Time sampling hashes, at every instant k·s, the frame on screen then. A copy re-encoded with
 * ffmpeg's `-r 25` output option shows at each instant the original's frame from about 67 ms
 * earlier, and a 25 fps copy of a 30 fps video lacks one frame in six. Where consecutive frames
 * differ by more than the 31-bit threshold (fast motion), single samples then miss. So the bank
 * side also hashes the frames on screen around each instant: on a grid of about 30 ticks a second
 * (`NEIGHBOURHOOD_TICKS_PER_SECOND`), every tick within ±W seconds of the instant. The tick on the
 * instant itself is the frame one-per-instant sampling hashes, so a neighbourhood list always
 * contains the plain list.
 *
 * Each frame keeps its real frame number and presentation timestamp (`./time-frames.ts`); the
 * instant it stands for is the multiple of s nearest that timestamp (`instantOfTimestamp`), which
 * `vpdqInstants` recovers from the hashing parameters when a neighbourhood list is matched.
 * W is at most s/2. Below s/2, every tick is nearer its own instant than any other. At s/2 exactly
 * (the every-frame case) the neighbourhoods tile the video and the tick half-way between two
 * instants goes to the earlier one, as `instantOfTimestamp` gives a half-way timestamp.
 *
 * Decoders (../node, ../browser) turn a grid into decoder work; this module only does arithmetic.
 */
import type { ParseResult } from '../core/hash.ts';
import { failure } from './result.ts';
import { secondsPerHashRational, type Rational } from './sampling.ts';

/** Default reach of a neighbourhood: ±0.15 s, 9 frames of a 30 fps video per instant. */
export const DEFAULT_NEIGHBOURHOOD_SECONDS = 0.15;

/** The grid neighbourhood frames are picked on: about 30 ticks a second. */
export const NEIGHBOURHOOD_TICKS_PER_SECOND = 30;

/** Where the frames of each instant's neighbourhood are picked. */
export interface NeighbourhoodGrid {
  /** Grid ticks per sampling interval: instant k is tick `k · ticksPerInterval`. */
  readonly ticksPerInterval: number;
  /** Ticks kept before each instant (0: the instant alone, one frame per instant). */
  readonly before: number;
  /**
   * Ticks kept after each instant: as many as before, or one more where the neighbourhoods tile
   * the whole video (half an interval on a grid with an even number of ticks).
   */
  readonly after: number;
  /** The length of a tick in seconds, as an exact fraction. */
  readonly tick: Rational;
}

/** One tick a neighbourhood keeps: its index on the grid and the instant it belongs to. */
export interface NeighbourhoodTick {
  readonly tick: number;
  readonly instant: number;
}

/**
 * Validates a neighbourhood: from 0 (one frame per instant) up to half the sampling interval
 * (neighbourhoods then tile the whole video). Time sampling only.
 *
 * @example
 * parseNeighbourhoodSeconds(0.15, 1); // { ok: true, value: 0.15 }
 * parseNeighbourhoodSeconds(0.6, 1).ok; // false: at most 0.5 s at one hash a second
 */
export function parseNeighbourhoodSeconds(
  value: unknown,
  secondsPerHash: number,
): ParseResult<number> {
  const max = secondsPerHash / 2;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    return failure(
      'vpdq_bad_neighbourhood',
      `the neighbourhood must be a number of seconds from 0 to half the sampling interval (${max}), got ${String(value)}`,
    );
  }
  return { ok: true, value };
}

/**
 * The default neighbourhood for a sampling interval: ±0.15 s, or half the interval when that is
 * shorter.
 *
 * @example
 * defaultNeighbourhoodSeconds(1); // 0.15
 * defaultNeighbourhoodSeconds(0.2); // 0.1
 */
export function defaultNeighbourhoodSeconds(secondsPerHash: number): number {
  return Math.min(DEFAULT_NEIGHBOURHOOD_SECONDS, secondsPerHash / 2);
}

/**
 * The grid for a sampling interval and a neighbourhood. The interval is cut into a whole number of
 * ticks close to 1/30 s, so that every instant is a tick; a neighbourhood keeps the whole ticks
 * within reach on each side, and never so many that two instants share a tick.
 *
 * @example
 * neighbourhoodGrid(1, 0.15); // { ticksPerInterval: 30, before: 4, after: 4, tick: { num: 1, den: 30 } }
 */
export function neighbourhoodGrid(
  secondsPerHash: number,
  neighbourhoodSeconds: number,
): NeighbourhoodGrid {
  const interval = secondsPerHashRational(secondsPerHash);
  const ticksPerInterval = Math.max(1, Math.round(secondsPerHash * NEIGHBOURHOOD_TICKS_PER_SECOND));
  // ticks within the neighbourhood: neighbourhoodSeconds / (secondsPerHash / ticksPerInterval)
  const within = Math.floor((neighbourhoodSeconds * ticksPerInterval) / secondsPerHash + 1e-9);
  const before = Math.max(0, Math.min(within, Math.floor((ticksPerInterval - 1) / 2)));
  const after = Math.max(0, Math.min(within, ticksPerInterval - 1 - before));
  const divisor = gcd(interval.num, interval.den * ticksPerInterval);
  return {
    ticksPerInterval,
    before,
    after,
    tick: { num: interval.num / divisor, den: (interval.den * ticksPerInterval) / divisor },
  };
}

/**
 * How many ticks each full neighbourhood keeps.
 *
 * @example
 * ticksPerNeighbourhood(neighbourhoodGrid(1, 0.15)); // 9
 */
export function ticksPerNeighbourhood(grid: NeighbourhoodGrid): number {
  return grid.before + 1 + grid.after;
}

/**
 * The `index`-th tick kept, counting from tick 0: the ticks of instant 0 that are not before the
 * video (0 … after), then those of instant 1, and so on. A decoder that drops the other ticks
 * delivers its frames in this order.
 *
 * @example
 * const grid = neighbourhoodGrid(1, 0.15); // 30 ticks an interval, 4 before and after
 * [0, 4, 5, 13].map((i) => keptTick(grid, i)); // [0, 4, 26, 34]
 */
export function keptTick(grid: NeighbourhoodGrid, index: number): number {
  const kept = ticksPerNeighbourhood(grid);
  const cycle = Math.floor(index / kept);
  const rank = index % kept;
  const base = cycle * grid.ticksPerInterval;
  return rank <= grid.after ? base + rank : base + grid.ticksPerInterval - kept + rank;
}

/**
 * The ticks that the neighbourhoods of instants `0 … instantCount - 1` keep, in time order, each
 * with its instant (ticks before the video are left out).
 *
 * @example
 * neighbourhoodTicks(neighbourhoodGrid(1, 0.1), 2);
 * // [{ tick: 0, instant: 0 }, …, { tick: 3, instant: 0 }, { tick: 27, instant: 1 }, …, { tick: 33, instant: 1 }]
 */
export function neighbourhoodTicks(
  grid: NeighbourhoodGrid,
  instantCount: number,
): NeighbourhoodTick[] {
  const ticks: NeighbourhoodTick[] = [];
  for (let instant = 0; instant < instantCount; instant++) {
    const centre = instant * grid.ticksPerInterval;
    for (let tick = Math.max(0, centre - grid.before); tick <= centre + grid.after; tick++) {
      ticks.push({ tick, instant });
    }
  }
  return ticks;
}

/**
 * A neighbour within this many bits of a frame already kept for its instant is left out: as close
 * as a re-encode of one frame is to the frame itself, it adds nothing a copy could match, and on
 * slow footage it is most of them (a third fewer frames on a slow zoom over photos, none fewer on
 * fast-moving `testsrc2`, the same match percentages on both).
 */
export const NEIGHBOUR_DEDUPE_BITS = 8;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
