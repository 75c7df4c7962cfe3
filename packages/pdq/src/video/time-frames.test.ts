import { describe, expect, it } from 'vitest';
import type { PdqHash } from '../core/hash.ts';
import { NEIGHBOUR_DEDUPE_BITS } from './neighbourhood.ts';
import { timeFrameList, type SampledFrame } from './time-frames.ts';

/** Flips the lowest `bits` bits of a hash. */
function flip(hash: PdqHash, bits: number): PdqHash {
  let value = BigInt(`0x${hash}`);
  for (let bit = 0; bit < bits; bit++) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(64, '0') as PdqHash;
}

const base = 'e42926b9cb58d261383b699f0ff2e1076fe6183dff4986d82ca36da48034fc54' as PdqHash;

/** A sample of frame n of a video at `fps`, with its real timestamp. */
const sample = (n: number, fps: number, pdq: PdqHash, atInstant = false): SampledFrame => ({
  frameNumber: n,
  timestamp: Math.round((n / fps) * 1e6) / 1e6,
  atInstant,
  pdq,
  quality: 100,
});

describe('timeFrameList', () => {
  it("keeps each frame's own timestamp, so that timestamp = frameNumber / frameRate", () => {
    // 25 fps on the 1/30 s grid around 1 s: ticks 26 … 34 show frames 21 … 28 (25 twice)
    const hashes = [21, 22, 23, 24, 25, 25, 26, 27, 28].map((n) => flip(base, 10 * (n - 20)));
    const ticks = [21, 22, 23, 24, 25, 25, 26, 27, 28];
    const samples = ticks.map((n, i) => sample(n, 25, hashes[i]!, i === 4));
    const frames = timeFrameList(samples, 1, 10);
    expect(frames.map((f) => f.frameNumber)).toEqual([21, 22, 23, 24, 25, 26, 27, 28]);
    for (const frame of frames) expect(frame.timestamp).toBe(frame.frameNumber / 25);
    expect(frames.find((f) => f.frameNumber === 21)!.timestamp).toBe(0.84);
  });

  it('lists a frame on screen at several ticks or instants once (a still, a slow video)', () => {
    // One frame every 2 s, sampled every second: frame 0 is on screen at the instants 0 and 1.
    const still = flip(base, 100);
    const frames = timeFrameList(
      [sample(0, 0.5, base, true), sample(0, 0.5, base, true), sample(1, 0.5, still, true)],
      1,
      4,
    );
    expect(frames).toEqual([
      { frameNumber: 0, timestamp: 0, pdq: base, quality: 100 },
      { frameNumber: 1, timestamp: 2, pdq: still, quality: 100 },
    ]);
  });

  it(`leaves out neighbours within ${NEIGHBOUR_DEDUPE_BITS} bits of a frame kept for the same instant, never a frame at an instant`, () => {
    const samples = [
      sample(26, 30, flip(base, 3)), // 3 bits from the frame at the instant: left out
      sample(27, 30, flip(base, 20)), // kept
      sample(28, 30, flip(base, 20 - NEIGHBOUR_DEDUPE_BITS)), // within reach of 27: left out
      sample(29, 30, flip(base, 21 + NEIGHBOUR_DEDUPE_BITS)), // 9 bits from 27: kept
      sample(30, 30, base, true),
      // instant 2: the same hash as instant 1's frames, but another instant: kept
      sample(60, 30, flip(base, 3), true),
      sample(61, 30, flip(base, 3)),
    ];
    expect(timeFrameList(samples, 1, 10).map((f) => f.frameNumber)).toEqual([27, 29, 30, 60]);
  });

  it('groups by the instant nearest the timestamp, a half-way one with the earlier instant', () => {
    // Every frame (W = half the interval): frame 3 starts half-way between 1 s and 2 s and is still
    // on screen at 2 s. It belongs to instant 1, with frame 2, which is within a few bits of it
    // and is left out; taken for instant 2 (where the sampler saw it at the instant), it would not.
    const at = (frameNumber: number, timestamp: number, pdq: PdqHash, atInstant = false) => ({
      frameNumber,
      timestamp,
      atInstant,
      pdq,
      quality: 100,
    });
    const samples = [
      at(0, 0, base, true),
      at(1, 1, flip(base, 100), true),
      at(2, 1.45, flip(base, 60)),
      at(3, 1.5, flip(base, 64), true),
      at(4, 2.6, flip(base, 150)),
    ];
    const frames = timeFrameList(samples, 1, 10);
    expect(frames.map((f) => [f.frameNumber, f.timestamp])).toEqual([
      [0, 0],
      [1, 1],
      [3, 1.5],
      [4, 2.6],
    ]);
  });

  it('gives the last moments of a video that ends before its next instant to its last instant', () => {
    // A 4 s video at 30 fps: frames 116 … 119 (3.867 … 3.967 s) are nearest 4 s, which is its end.
    // Frame 119 is 2 bits from frame 90, the frame at the instant 3 s.
    const samples = [
      sample(90, 30, flip(base, 10), true),
      ...[116, 117, 118].map((n) => sample(n, 30, flip(base, 20 * (n - 110)))),
      sample(119, 30, flip(base, 12)),
    ];
    // A neighbour of 3 s, then, and left out.
    expect(timeFrameList(samples, 1, 4).map((f) => f.frameNumber)).toEqual([90, 116, 117, 118]);
    // A video that lasts past 4 s has an instant there: frame 119 is its neighbour, and kept.
    expect(timeFrameList(samples, 1, 4.1).map((f) => f.frameNumber)).toEqual([
      90, 116, 117, 118, 119,
    ]);
  });
});
