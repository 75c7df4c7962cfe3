import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistance, type PdqHash } from '../core/hash.ts';
import type { VpdqFeature } from './frame.ts';
import { matchVpdq, prepareVpdq } from './match.ts';
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

const base = 'e42926b9cb58d261383b699f0ff2e1076fe6183dff4986d82ca36da48034fc54' as PdqHash;
const feature = (pdq: PdqHash, quality = 100): VpdqFeature => ({ pdq, quality, timestamp: 0 });
const hashArbitrary = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => Buffer.from(b).toString('hex') as PdqHash);
const featureArbitrary = fc.record({
  pdq: hashArbitrary,
  quality: fc.integer({ min: 0, max: 100 }),
  timestamp: fc.constant(0),
});

describe('matchVpdq on upstream sample outputs', () => {
  // [query, compared, queryPercent, comparedPercent], recorded by running python-threatexchange's
  // match_VPDQ_hash_brute(…, 50, 31) on these files at the vendored commit.
  const recorded: [string, string, number, number][] = [
    ['chair-22-sd-grey-bar', 'chair-orig-22-sd-bar', 100, 100],
    ['chair-22-with-large-logo-bar', 'chair-orig-22-hd-no-bar', 0, 0],
    ['chair-orig-22-fhd-no-bar', 'chair-orig-22-hd-no-bar', 100, 100],
    ['chair-19-sd-bar', 'chair-20-sd-bar', 100, 92.76315789473684],
    ['pattern-hd-no-bar', 'pattern-longer-no-bar', 100, 87.93103448275862],
    ['pattern-longer-no-bar', 'pattern-hd-no-bar', 87.93103448275862, 100],
    ['chair-orig-22-hd-no-bar', 'pattern-hd-no-bar', 0, 0],
    ['doorknob-hd-no-bar', 'doorknob-hd-no-bar-128x128', 98.33333333333333, 95.16129032258064],
    ['pattern-sd-with-small-logo-bar', 'pattern-hd-no-bar', 0, 0],
  ];

  it.each(recorded)(
    '%s against %s: %d%% / %d%%',
    (query, compared, queryPercent, comparedPercent) => {
      const result = matchVpdq(sample(query), sample(compared));
      expect(result.queryPercent).toBe(queryPercent);
      expect(result.comparedPercent).toBe(comparedPercent);
      expect(result.match).toBe(queryPercent >= 80);
    },
  );

  it('gives the same result from prepared lists', () => {
    const query = sample('pattern-longer-no-bar');
    const compared = sample('pattern-hd-no-bar');
    expect(matchVpdq(prepareVpdq(query), prepareVpdq(compared))).toEqual(
      matchVpdq(query, compared),
    );
  });
});

describe('matchVpdq rules', () => {
  it('matches at distance 31 and not at 32', () => {
    expect(hammingDistance(base, flip(base, 31))).toBe(31);
    expect(matchVpdq([feature(base)], [feature(flip(base, 31))]).queryPercent).toBe(100);
    expect(matchVpdq([feature(base)], [feature(flip(base, 32))]).queryPercent).toBe(0);
  });

  it('ignores frames below quality 50, and matches nothing when no frame is left', () => {
    const result = matchVpdq([feature(base, 49)], [feature(base, 100)]);
    expect(result).toEqual({
      queryPercent: 0,
      comparedPercent: 0,
      match: false,
      queryFrames: 0,
      comparedFrames: 1,
    });
    expect(matchVpdq([feature(base, 50)], [feature(base, 100)]).match).toBe(true);
  });

  it('dedupes by exact hash before counting', () => {
    const query = [feature(base), feature(base), feature(base), feature(flip(base, 100))];
    const result = matchVpdq(query, [feature(base)]);
    expect(result.queryFrames).toBe(2);
    expect(result.queryPercent).toBe(50);
  });

  it('dedupes before filtering by quality, as python-threatexchange does', () => {
    // The first occurrence (quality 10) wins the dedupe, then is filtered out.
    const result = matchVpdq([feature(base, 10), feature(base, 100)], [feature(base)]);
    expect(result.queryFrames).toBe(0);
  });

  it('lets a short excerpt match a long video, not the other way round', () => {
    const long = Array.from({ length: 60 }, (_, i) => feature(rotate(base, i)));
    const excerpt = long.slice(20, 30);
    const forward = matchVpdq(excerpt, long);
    expect(forward).toMatchObject({ queryPercent: 100, match: true });
    expect(forward.comparedPercent).toBeCloseTo((10 * 100) / 60);
    expect(matchVpdq(long, excerpt).match).toBe(false);
  });

  it('takes configurable thresholds', () => {
    const query = [feature(base), feature(flip(base, 200))];
    expect(matchVpdq(query, [feature(base)]).match).toBe(false);
    expect(matchVpdq(query, [feature(base)], { queryMatchPercent: 50 }).match).toBe(true);
    expect(
      matchVpdq([feature(flip(base, 20))], [feature(base)], { distanceThreshold: 10 }).match,
    ).toBe(false);
    expect(
      matchVpdq([feature(base, 30)], [feature(base, 30)], { qualityThreshold: 30 }).match,
    ).toBe(true);
    expect(
      matchVpdq([feature(base)], [feature(base), feature(flip(base, 200))], {
        comparedMatchPercent: 60,
      }).match,
    ).toBe(false);
  });

  it('refuses thresholds out of range, and a prepared list filtered differently', () => {
    expect(() => matchVpdq([], [], { distanceThreshold: -1 })).toThrow(RangeError);
    expect(() => matchVpdq([], [], { queryMatchPercent: 101 })).toThrow(RangeError);
    expect(() => matchVpdq(prepareVpdq([], 40), [])).toThrow(/quality 40/);
  });

  it('agrees with a direct transcription of the upstream algorithm', () => {
    fc.assert(
      fc.property(
        fc.array(featureArbitrary, { maxLength: 12 }),
        fc.array(featureArbitrary, { maxLength: 12 }),
        fc.integer({ min: 0, max: 140 }),
        (query, compared, distanceThreshold) => {
          // Near copies so that some frames match at any threshold.
          const near = compared.concat(
            query.slice(0, 3).map((f) => ({ ...f, pdq: flip(f.pdq, 5) })),
          );
          const expected = upstream(query, near, distanceThreshold);
          const actual = matchVpdq(query, near, { distanceThreshold });
          expect([actual.queryPercent, actual.comparedPercent]).toEqual(expected);
        },
      ),
    );
  });
});

function rotate(hash: PdqHash, by: number): PdqHash {
  // Distinct, mutually distant hashes for distinct `by`: a different random-looking hash each.
  let value = BigInt(`0x${hash}`);
  for (let i = 0; i < by; i++)
    value = (value * 6364136223846793005n + 1442695040888963407n) % (1n << 256n);
  return value.toString(16).padStart(64, '0') as PdqHash;
}

/** vpdq_brute_matcher.match_VPDQ_hash_brute, transcribed literally (0 where a side is empty). */
function upstream(
  query: VpdqFeature[],
  compared: VpdqFeature[],
  distance: number,
): [number, number] {
  const dedupe = (list: VpdqFeature[]) =>
    list.filter((f, i) => list.findIndex((g) => g.pdq === f.pdq) === i);
  const q = dedupe(query).filter((f) => f.quality >= 50);
  const c = dedupe(compared).filter((f) => f.quality >= 50);
  if (q.length === 0 || c.length === 0) return [0, 0];
  const count = (a: VpdqFeature[], b: VpdqFeature[]) =>
    a.filter((x) => b.some((y) => hammingDistance(x.pdq, y.pdq) <= distance)).length;
  return [(count(q, c) * 100) / q.length, (count(c, q) * 100) / c.length];
}
