import { hammingDistance, parsePdqHash, type PdqHash } from '@aman/pdq';
import { describe, expect, it } from 'vitest';
import { Random } from '../synthetic/random.ts';
import { LureIndex } from './lure-index.ts';

function pdq(hex: string): PdqHash {
  const parsed = parsePdqHash(hex);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('LureIndex', () => {
  it('finds exactly the stored hashes within the threshold, nearest first', () => {
    const random = new Random(5);
    const index = new LureIndex();
    const stored: PdqHash[] = [];
    const bases = Array.from({ length: 20 }, () => random.string('0123456789abcdef', 64));
    for (let i = 0; i < 400; i++) {
      // Variants of a few bases (0 to 40 bits apart) and unrelated hashes.
      const base = random.chance(0.7) ? random.pick(bases) : random.string('0123456789abcdef', 64);
      const nibbles = base.split('').map((h) => Number.parseInt(h, 16));
      for (let flips = random.int(0, 40); flips > 0; flips--) {
        const bit = random.int(0, 255);
        nibbles[bit >> 2] = nibbles[bit >> 2]! ^ (1 << (bit & 3));
      }
      const hash = pdq(nibbles.map((n) => n.toString(16)).join(''));
      expect(index.add(hash)).toBe(stored.length);
      stored.push(hash);
    }
    for (const query of stored.slice(0, 60)) {
      for (const threshold of [0, 8, 31]) {
        const expected = stored
          .map((hash, id) => ({ id, distance: hammingDistance(hash, query) }))
          .filter((match) => match.distance <= threshold)
          .sort((a, b) => a.distance - b.distance || a.id - b.id);
        expect(index.near(query, threshold)).toEqual(expected);
      }
    }
    expect(index.near(stored[0]!, -1)).toEqual([]);
    expect(index.hash(3)).toBe(stored[3]);
    expect(() => index.hash(400)).toThrow(RangeError);
  });
});
