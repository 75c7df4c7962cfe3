// Hashes of real images and video frames (testdata/pdq-reference, the repository's copy) are not
// uniformly random: video frames form tight clusters and photos share structure, so some table
// keys hold far more entries than others. Every implementation must stay exact on them.
import { readdirSync } from 'node:fs';
import { hammingDistanceBytes } from '@aman/pdq';
import { BruteForceIndex, MultiIndexHashIndex, type Match } from '@aman/similarity';
import { describe, expect, it } from 'vitest';
import { flipBits, realHashes, rows, seededRandom } from './helpers.ts';

const vpdqFolder = new URL(
  '../../../testdata/pdq-reference/upstream/vpdq-sample-hashes/',
  import.meta.url,
);
const bank: Uint8Array[] = [
  ...['haystack.txt', 'long256.dat', 'short256.dat', 'order256.dat'].flatMap((file) =>
    realHashes(`upstream/${file}`),
  ),
  ...realHashes('expected.tsv'),
  ...realHashes('published-hashes.tsv'),
  ...realHashes('dihedral-cli.txt'),
  ...readdirSync(vpdqFolder)
    .filter((file) => file.endsWith('.txt'))
    .flatMap((file) => realHashes(`upstream/vpdq-sample-hashes/${file}`)),
];
const needles = realHashes('upstream/needles.txt');

/** Matches of `query` among `bank` by @aman/pdq's distance, for every threshold at once. */
function oracle(query: Uint8Array): (maxDistance: number) => Match[] {
  const all = bank
    .map((hash, id) => ({ id, distance: hammingDistanceBytes(hash, query) }))
    .sort((a, b) => a.distance - b.distance || a.id - b.id);
  return (maxDistance) => all.filter((match) => match.distance <= maxDistance);
}

describe('real PDQ hashes (ThreatExchange test images, vPDQ frames of the sample videos)', () => {
  it('are a skewed bank: thousands of hashes, many near-duplicates', () => {
    expect(bank.length).toBeGreaterThan(15_000);
    // Among uniformly random hashes a neighbour within 31 would essentially never occur.
    const sample = bank.filter((_, i) => i % 97 === 0);
    const withNeighbours = sample.filter((hash) => oracle(hash)(31).length >= 2).length;
    expect(withNeighbours / sample.length).toBeGreaterThan(0.5);
  });

  const random = seededRandom(8);
  const queries = [
    ...needles.filter((_, i) => i % 2 === 0),
    ...bank.filter((_, i) => i % 233 === 0),
    ...bank.filter((_, i) => i % 389 === 5).map((hash) => flipBits(hash, 24, random)),
  ];
  const indexes = [
    ['multi-index (automatic)', MultiIndexHashIndex.fromHashes(rows(bank))],
    [
      'multi-index (probing)',
      MultiIndexHashIndex.fromHashes(rows(bank), undefined, { strategy: 'probe' }),
    ],
    ['brute force', BruteForceIndex.fromHashes(rows(bank))],
  ] as const;

  const oracles = new Map<Uint8Array, ReturnType<typeof oracle>>();
  const expected = (query: Uint8Array, t: number) => {
    if (!oracles.has(query)) oracles.set(query, oracle(query));
    return oracles.get(query)!(t);
  };

  for (const [name, index] of indexes) {
    it(`${name} returns exactly the oracle's matches at thresholds 0 to 64 and beyond`, () => {
      for (const query of queries) {
        for (const t of [0, 1, 8, 15, 16, 17, 30, 31, 32, 33, 47, 48, 63, 64]) {
          expect(index.query(query, t)).toEqual(expected(query, t));
        }
      }
      for (const query of queries.slice(0, 10)) {
        for (const t of [80, 128, 256]) {
          expect(index.query(query, t)).toEqual(expected(query, t));
        }
      }
    });
  }
});
