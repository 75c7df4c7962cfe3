// Property tests: random banks and random sequences of changes, every query compared with the
// reference (BruteForceIndex) and with an independent oracle over a plain Map.
import { BruteForceIndex, MultiIndexHashIndex, type SimilarityIndex } from '@aman/similarity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedMatches, flipBits, seededRandom } from './helpers.ts';

const hashArbitrary = fc.uint8Array({ minLength: 32, maxLength: 32 });

/**
 * Hashes that collide often, as real banks do: a few centres, each copied exactly or with a few to
 * many bits flipped (near-duplicates at every distance), plus unrelated random hashes.
 */
function clusteredHashes(centres: Uint8Array[]) {
  return fc.oneof(
    { weight: 1, arbitrary: hashArbitrary },
    {
      weight: 4,
      arbitrary: fc
        .record({
          centre: fc.nat({ max: centres.length - 1 }),
          bits: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 80 })),
          seed: fc.integer(),
        })
        .map(({ centre, bits, seed }) => flipBits(centres[centre]!, bits, seededRandom(seed))),
    },
  );
}

type Operation =
  | { kind: 'add'; id: number; hash: Uint8Array }
  | { kind: 'remove'; id: number }
  | { kind: 'query'; hash: Uint8Array; maxDistance: number };

function operations(centres: Uint8Array[]): fc.Arbitrary<Operation[]> {
  const hash = clusteredHashes(centres);
  const id = fc.oneof(fc.nat({ max: 60 }), fc.constantFrom(0, 0xffff_ffff));
  const maxDistance = fc.oneof(
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 0, max: 256 }),
    fc.constantFrom(0, 31, 32, 63, 64, 255, 256),
  );
  return fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), id, hash }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), id }) },
      {
        weight: 3,
        arbitrary: fc.record({ kind: fc.constant('query' as const), hash, maxDistance }),
      },
    ),
    { maxLength: 120 },
  );
}

const implementations: [string, () => SimilarityIndex][] = [
  ['multi-index, probing', () => new MultiIndexHashIndex({ strategy: 'probe' })],
  ['multi-index, automatic', () => new MultiIndexHashIndex()],
  ['brute force', () => new BruteForceIndex()],
];

describe('every implementation equals the oracle on random change sequences', () => {
  const centres = Array.from({ length: 4 }, (_, i) =>
    flipBits(new Uint8Array(32), 128, seededRandom(i)),
  );

  for (const [name, create] of implementations) {
    it(name, () => {
      fc.assert(
        fc.property(operations(centres), (ops) => {
          const index = create();
          const model = new Map<number, Uint8Array>();
          for (const op of ops) {
            switch (op.kind) {
              case 'add':
                index.add(op.id, op.hash);
                model.set(op.id, op.hash);
                break;
              case 'remove':
                expect(index.remove(op.id)).toBe(model.delete(op.id));
                break;
              case 'query':
                expect(index.query(op.hash, op.maxDistance)).toEqual(
                  expectedMatches(model, op.hash, op.maxDistance),
                );
                break;
            }
            expect(index.size).toBe(model.size);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('bulk-built multi-index equals brute force on random banks', () => {
  it('with planted near-duplicates and repeated hashes, at any threshold', () => {
    fc.assert(
      fc.property(
        fc.array(hashArbitrary, { minLength: 1, maxLength: 40 }),
        fc.array(fc.record({ source: fc.nat(), bits: fc.integer({ min: 0, max: 64 }) }), {
          maxLength: 200,
        }),
        fc.integer({ min: 0, max: 256 }),
        fc.integer(),
        (sources, plants, maxDistance, seed) => {
          const random = seededRandom(seed);
          const hashes = [
            ...sources,
            ...plants.map(({ source, bits }) =>
              flipBits(sources[source % sources.length]!, bits, random),
            ),
          ];
          const bytes = new Uint8Array(hashes.length * 32);
          hashes.forEach((hash, i) => bytes.set(hash, 32 * i));
          const probing = MultiIndexHashIndex.fromHashes(bytes.slice(), undefined, {
            strategy: 'probe',
          });
          const reference = BruteForceIndex.fromHashes(bytes.slice());
          for (const query of [sources[0]!, flipBits(sources[0]!, maxDistance, random)]) {
            expect(probing.query(query, maxDistance)).toEqual(reference.query(query, maxDistance));
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});
