import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PdqHash } from '../core/hash.ts';
import type { VpdqFeature } from './frame.ts';
import { groupVpdqInstants, matchVpdqInstants, singleInstants } from './instants.ts';
import { matchVpdq } from './match.ts';
import { parseVpdqLines } from './text-format.ts';

const samplesDir = fileURLToPath(
  new URL('../../../../testdata/pdq-reference/upstream/vpdq-sample-hashes/', import.meta.url),
);

function sample(name: string): VpdqFeature[] {
  const parsed = parseVpdqLines(readFileSync(`${samplesDir}${name}.txt`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** Flips the lowest `bits` bits of a hash. */
function flip(hash: PdqHash, bits: number): PdqHash {
  let value = BigInt(`0x${hash}`);
  for (let bit = 0; bit < bits; bit++) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(64, '0') as PdqHash;
}

/** Flips the highest `bits` bits: far from `flip`'s results of the same hash. */
function flipHigh(hash: PdqHash, bits: number): PdqHash {
  let value = BigInt(`0x${hash}`);
  for (let bit = 0; bit < bits; bit++) value ^= 1n << BigInt(255 - bit);
  return value.toString(16).padStart(64, '0') as PdqHash;
}

const base = 'e42926b9cb58d261383b699f0ff2e1076fe6183dff4986d82ca36da48034fc54' as PdqHash;
const other = '1b56d9463ca72d9ec7c49660f00d1ef8901917c200b679270352925b7fcb03ab' as PdqHash;
const at = (timestamp: number, pdq: PdqHash, quality = 100): VpdqFeature => ({
  pdq,
  quality,
  timestamp,
});

describe('groupVpdqInstants', () => {
  it('groups frames that share a timestamp, in order of first appearance', () => {
    const frames = [at(0, base), at(0, other), at(1, base), at(2, other), at(1, other)];
    expect(groupVpdqInstants(frames)).toEqual([
      [frames[0], frames[1]],
      [frames[2], frames[4]],
      [frames[3]],
    ]);
    expect(singleInstants(frames)).toEqual(frames.map((frame) => [frame]));
  });
});

describe('matchVpdqInstants', () => {
  it("gives upstream's results on upstream's every-frame sample outputs", () => {
    // The percentages python-threatexchange's match_VPDQ_hash_brute records on these files (the
    // same table as match.test.ts): every frame there has a timestamp of its own.
    const recorded: [string, string, number, number][] = [
      ['chair-22-sd-grey-bar', 'chair-orig-22-sd-bar', 100, 100],
      ['chair-19-sd-bar', 'chair-20-sd-bar', 100, 92.76315789473684],
      ['pattern-longer-no-bar', 'pattern-hd-no-bar', 87.93103448275862, 100],
      ['doorknob-hd-no-bar', 'doorknob-hd-no-bar-128x128', 98.33333333333333, 95.16129032258064],
      ['chair-orig-22-hd-no-bar', 'pattern-hd-no-bar', 0, 0],
    ];
    for (const [query, compared, queryPercent, comparedPercent] of recorded) {
      const result = matchVpdqInstants(
        groupVpdqInstants(sample(query)),
        groupVpdqInstants(sample(compared)),
      );
      expect([result.queryPercent, result.comparedPercent]).toEqual([
        queryPercent,
        comparedPercent,
      ]);
    }
  });

  it('equals matchVpdq when every instant is one frame (random lists, random thresholds)', () => {
    // Hashes drawn near a few seeds, so that lists share near and exact duplicates.
    const seeds = [base, other, flipHigh(base, 40)];
    const frame = fc
      .record({
        seed: fc.integer({ min: 0, max: 2 }),
        bits: fc.integer({ min: 0, max: 45 }),
        quality: fc.integer({ min: 0, max: 100 }),
      })
      .map(({ seed, bits, quality }) => at(0, flip(seeds[seed]!, bits), quality));
    fc.assert(
      fc.property(
        fc.array(frame, { maxLength: 12 }),
        fc.array(frame, { maxLength: 12 }),
        fc.integer({ min: 0, max: 64 }),
        fc.integer({ min: 0, max: 101 }),
        (query, compared, distanceThreshold, qualityThreshold) => {
          const options = { distanceThreshold, qualityThreshold };
          const byFrame = matchVpdq(query, compared, options);
          const byInstant = matchVpdqInstants(
            singleInstants(query),
            singleInstants(compared),
            options,
          );
          expect(byInstant).toEqual({
            ...byFrame,
            queryInstants: byFrame.queryFrames,
            comparedInstants: byFrame.comparedFrames,
          });
        },
      ),
    );
  });

  it('finds an instant when any of its frames matches', () => {
    // The query's instant 0 shows, at its centre, a frame the compared video lacks; a neighbour
    // (10 bits away) is there. Instant 1 has nothing in common with the compared video.
    const query = [
      [at(0, base), at(0, flip(other, 10))],
      [at(1, flipHigh(base, 60)), at(1, flipHigh(other, 60))],
    ];
    const compared = [[at(0, other), at(0, flipHigh(other, 100))]];
    const result = matchVpdqInstants(query, compared);
    expect(result).toEqual({
      queryPercent: 50,
      comparedPercent: 100,
      match: false,
      queryFrames: 4,
      comparedFrames: 2,
      queryInstants: 2,
      comparedInstants: 1,
    });
    // Counted frame by frame, the same lists look worse: 1 of 4 query frames.
    expect(matchVpdq(query.flat(), compared.flat()).queryPercent).toBe(25);
  });

  it('counts an instant whose frames repeat an earlier instant once, and drops poor frames', () => {
    const still = [at(0, base), at(0, other)];
    const query = [still, [at(1, other), at(1, base)], [at(2, flipHigh(base, 90), 30)]];
    const result = matchVpdqInstants(query, [[at(0, base)]]);
    // Instant 1 shows the same frames as instant 0; instant 2 has no frame of quality >= 50.
    expect(result).toMatchObject({ queryInstants: 1, queryFrames: 2, queryPercent: 100 });
    expect(matchVpdqInstants(query, [[at(0, base)]], { qualityThreshold: 0 })).toMatchObject({
      queryInstants: 2,
      queryPercent: 50,
    });
  });

  it('gives 0 % and no match when a side has nothing left, and refuses bad thresholds', () => {
    expect(matchVpdqInstants([], [[at(0, base)]])).toMatchObject({
      queryPercent: 0,
      comparedPercent: 0,
      match: false,
    });
    expect(matchVpdqInstants([[at(0, base, 10)]], [[at(0, base)]]).match).toBe(false);
    expect(() => matchVpdqInstants([], [], { distanceThreshold: 300 })).toThrow(RangeError);
    expect(() => matchVpdqInstants([], [], { queryMatchPercent: Number.NaN })).toThrow(RangeError);
  });
});
