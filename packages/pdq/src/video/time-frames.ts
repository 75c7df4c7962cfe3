/**
 * The frame list of a time-sampled hashing, from what a decoder delivered: the frame on screen at
 * each instant, and with neighbourhoods at each tick around it (`./neighbourhood.ts`).
 *
 * Every frame keeps its real presentation timestamp, so `timestamp` means what it means in the
 * reference's lines and in HMA's strings. The instant a frame stands for is not written down: it
 * is the multiple of `secondsPerHash` nearest that timestamp (`instantOfTimestamp`), which a
 * reader recovers from the hashing parameters (`vpdqInstants`). A frame on screen at several
 * instants or ticks (a still, a video slower than the grid) is listed once.
 */
import { hammingDistance, type PdqHash } from '../core/hash.ts';
import type { VpdqFrame } from './frame.ts';
import { NEIGHBOUR_DEDUPE_BITS } from './neighbourhood.ts';
import { instantOfTimestamp } from './sampling.ts';

/** A frame a decoder delivered for an instant or a tick of its neighbourhood, hashed. */
export interface SampledFrame {
  /** The frame's rank in presentation order: the same number for the same frame seen twice. */
  readonly frameNumber: number;
  /** Its presentation time, in seconds from the first frame, to the microsecond. */
  readonly timestamp: number;
  /** On screen at an instant itself, not only at a neighbouring tick: always kept. */
  readonly atInstant: boolean;
  readonly pdq: PdqHash;
  readonly quality: number;
}

/**
 * The frame list from the samples of a time-sampled hashing of a video of `durationSeconds`, in
 * time order:
 *
 * - each frame once (the samples of one frame, which share its number, merge);
 * - a neighbour within `NEIGHBOUR_DEDUPE_BITS` of a frame kept for the same instant (the instant
 *   nearest its timestamp, `instantOfTimestamp`) left out: it adds nothing a copy could match;
 * - the frames on screen at the instants themselves always kept, so that a neighbourhood list holds
 *   the one-frame-per-instant list of the same video.
 *
 * @example
 * timeFrameList(samples, 1, 60); // [{ frameNumber: 0, timestamp: 0, … }, { frameNumber: 26, timestamp: 0.866667, … }, …]
 */
export function timeFrameList(
  samples: readonly SampledFrame[],
  secondsPerHash: number,
  durationSeconds: number,
): VpdqFrame[] {
  const frames = new Map<number, SampledFrame>();
  for (const sample of samples) {
    const seen = frames.get(sample.frameNumber);
    if (seen === undefined) frames.set(sample.frameNumber, sample);
    else if (sample.atInstant && !seen.atInstant) frames.set(sample.frameNumber, sample);
  }
  const instants = new Map<number, SampledFrame[]>();
  for (const frame of [...frames.values()].sort((a, b) => a.frameNumber - b.frameNumber)) {
    const instant = instantOfTimestamp(frame.timestamp, secondsPerHash, durationSeconds);
    const group = instants.get(instant);
    if (group === undefined) instants.set(instant, [frame]);
    else group.push(frame);
  }
  const kept: SampledFrame[] = [];
  for (const group of instants.values()) {
    // The frames at the instant first, so that the neighbours are measured against them.
    const instantKept = group.filter((frame) => frame.atInstant);
    for (const frame of group) {
      if (frame.atInstant) continue;
      const redundant = instantKept.some(
        (other) => hammingDistance(other.pdq, frame.pdq) <= NEIGHBOUR_DEDUPE_BITS,
      );
      if (!redundant) instantKept.push(frame);
    }
    kept.push(...instantKept);
  }
  return kept
    .sort((a, b) => a.frameNumber - b.frameNumber)
    .map(({ frameNumber, timestamp, pdq, quality }) => ({ frameNumber, timestamp, pdq, quality }));
}
