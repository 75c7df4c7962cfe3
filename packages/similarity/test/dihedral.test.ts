// A rotated or mirrored copy of a banked image must still match: the bank holds the hashes of the
// bridge photo in its 8 orientations (real files, testdata/pdq-reference/reg-test-input/dih), the
// query is the 8 dihedral hashes the reference CLI derives from the original photo alone.
import { BruteForceIndex, MultiIndexHashIndex, queryDihedral } from '@aman/similarity';
import { describe, expect, it } from 'vitest';
import { dihedralReference, realHashes, referenceHashes } from './helpers.ts';

const orientations = [
  'bridge-1-original.jpg',
  'bridge-2-rotate-90.jpg',
  'bridge-3-rotate-180.jpg',
  'bridge-4-rotate-270.jpg',
  'bridge-5-flipx.jpg',
  'bridge-6-flipy.jpg',
  'bridge-7-flip-plus-1.jpg',
  'bridge-8-flip-minus-1.jpg',
];

describe('queryDihedral', () => {
  const photos = referenceHashes();
  const dihedral = dihedralReference().get('reg-test-input/dih/bridge-1-original.jpg')!;

  for (const create of [
    () => new MultiIndexHashIndex({ strategy: 'probe' }),
    () => new BruteForceIndex(),
  ]) {
    const index = create();
    orientations.forEach((file, i) => index.add(i + 1, photos.get(`reg-test-input/dih/${file}`)!));
    realHashes('upstream/haystack.txt').forEach((hash, i) => index.add(1000 + i, hash));

    it('finds every orientation of the photo through the matching variant', () => {
      const matches = queryDihedral(index, dihedral, 31);
      expect(
        matches.map(({ id, variant }) => ({ id, variant })).sort((a, b) => a.id - b.id),
      ).toEqual(orientations.map((_, i) => ({ id: i + 1, variant: i })));
      expect(matches.map((m) => m.distance)).toEqual([6, 6, 8, 8, 8, 8, 12, 12]);
    });

    it('is needed: the original hash alone matches only the unrotated photo', () => {
      expect(index.query(dihedral[0]!, 31).map((m) => m.id)).toEqual([1]);
    });

    it('reports each id once, at its smallest distance over the variants', () => {
      const matches = queryDihedral(index, dihedral, 128);
      expect(new Set(matches.map((m) => m.id)).size).toBe(matches.length);
      const original = matches.find((m) => m.id === 1)!;
      expect(original).toEqual({ id: 1, distance: 6, variant: 0 });
    });

    it('refuses anything but 1 to 8 hashes of 32 bytes', () => {
      expect(() => queryDihedral(index, [], 31)).toThrow(/1 to 8/);
      expect(() => queryDihedral(index, [...dihedral, dihedral[0]!], 31)).toThrow(/1 to 8/);
      expect(() => queryDihedral(index, [new Uint8Array(8)], 31)).toThrow(/hashes\[0\]/);
      expect(() => queryDihedral(index, dihedral, 300)).toThrow(RangeError);
    });
  }
});
