import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PdqHash } from '../core/hash.ts';
import type { VpdqFeature } from './frame.ts';
import {
  groupVpdqInstants,
  matchVpdqInstants,
  parseVpdqHashing,
  singleInstants,
  vpdqInstants,
} from './instants.ts';
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
  it('groups frames by the instant nearest their timestamps, instants in time order', () => {
    // Neighbourhoods of ±0.15 s at one hash a second, on a 25 fps video
    const frames = [0, 0.12, 0.84, 0.96, 1, 1.12, 2.88, 3].map((t, i) =>
      at(t, i % 2 === 0 ? base : other),
    );
    expect(groupVpdqInstants(frames, 1)).toEqual([
      frames.slice(0, 2),
      frames.slice(2, 6),
      frames.slice(6, 8),
    ]);
    // Half-way goes to the earlier instant; intervals other than a second.
    const halfway = [at(0.25, base), at(0.2501, other), at(0.75, base)];
    expect(groupVpdqInstants(halfway, 0.5)).toEqual([[halfway[0]], [halfway[1], halfway[2]]]);
    expect(singleInstants(frames)).toEqual(frames.map((frame) => [frame]));
  });
});

describe('vpdqInstants', () => {
  const frames = [at(0, base), at(0.1, other), at(1, base), at(1.1, other)];
  it('groups by instant only lists hashed with neighbourhoods', () => {
    const time = { sampling: 'time', secondsPerHash: 1, durationSeconds: 2 } as const;
    expect(vpdqInstants(frames, { ...time, neighbourhoodSeconds: 0.15 })).toEqual([
      frames.slice(0, 2),
      frames.slice(2),
    ]);
    // One frame per instant: frame by frame, as upstream counts (a slow video can put two
    // consecutive instants' frames nearest one multiple).
    expect(vpdqInstants(frames, { ...time, neighbourhoodSeconds: 0 })).toEqual(
      singleInstants(frames),
    );
    expect(
      vpdqInstants(frames, {
        sampling: 'reference',
        secondsPerHash: 0,
        neighbourhoodSeconds: 0,
        durationSeconds: 2,
      }),
    ).toEqual(singleInstants(frames));
    // No instant at or past the end: a 1.05 s video's frame at 1.1 s belongs to 1 s, and a 1 s
    // video's frames at 1 s and after to 0 s.
    expect(
      vpdqInstants(frames, { ...time, neighbourhoodSeconds: 0.15, durationSeconds: 1.05 }),
    ).toEqual([frames.slice(0, 2), frames.slice(2)]);
    expect(
      vpdqInstants(frames, { ...time, neighbourhoodSeconds: 0.15, durationSeconds: 1 }),
    ).toEqual([frames]);
    // Without parameters (reference lines, compact strings, older records): frame by frame.
    expect(vpdqInstants(frames)).toEqual(singleInstants(frames));
  });
});

describe('parseVpdqHashing', () => {
  it('reads the parameters of a record, or none', () => {
    expect(
      parseVpdqHashing({
        durationSeconds: 4,
        sampling: 'time',
        secondsPerHash: 0.5,
        neighbourhoodSeconds: 0.15,
      }),
    ).toEqual({
      ok: true,
      value: {
        sampling: 'time',
        secondsPerHash: 0.5,
        neighbourhoodSeconds: 0.15,
        durationSeconds: 4,
      },
    });
    expect(
      parseVpdqHashing({
        durationSeconds: 4,
        sampling: 'reference',
        secondsPerHash: 0,
        neighbourhoodSeconds: 0,
      }),
    ).toEqual({
      ok: true,
      value: {
        sampling: 'reference',
        secondsPerHash: 0,
        neighbourhoodSeconds: 0,
        durationSeconds: 4,
      },
    });
    expect(parseVpdqHashing({ path: 'clip.mp4', frames: [] })).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it.each([
    [{ neighbourhoodSeconds: 0.15 }, 'vpdq_bad_parameters', 'incomplete'],
    [
      { sampling: 'time', secondsPerHash: 1, neighbourhoodSeconds: 0 },
      'vpdq_bad_parameters',
      'durationSeconds must be a number of seconds >= 0, got undefined',
    ],
    [
      { sampling: 'fast', secondsPerHash: 1, neighbourhoodSeconds: 0, durationSeconds: 4 },
      'vpdq_bad_parameters',
      'sampling must be "time" or "reference", got "fast"',
    ],
    [
      { sampling: 'time', secondsPerHash: 0, neighbourhoodSeconds: 0, durationSeconds: 4 },
      'vpdq_bad_seconds_per_hash',
      'greater than 0',
    ],
    [
      { sampling: 'time', secondsPerHash: '1', neighbourhoodSeconds: 0, durationSeconds: 4 },
      'vpdq_bad_seconds_per_hash',
      'must be a number',
    ],
    [
      { sampling: 'time', secondsPerHash: 1, neighbourhoodSeconds: 0.6, durationSeconds: 4 },
      'vpdq_bad_neighbourhood',
      'half the sampling interval',
    ],
    [
      { sampling: 'reference', secondsPerHash: 1, neighbourhoodSeconds: 0.15, durationSeconds: 4 },
      'vpdq_bad_neighbourhood',
      'reference sampling hashes single frames',
    ],
  ])('refuses %j', (record, code, message) => {
    const parsed = parseVpdqHashing(record);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe(code);
      expect(parsed.error.message).toContain(message);
    }
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
      const result = matchVpdqInstants(vpdqInstants(sample(query)), vpdqInstants(sample(compared)));
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
