// "100k adds and removals interleaved with queries: every query still exact" (issue 8), on a bank
// clustered around real PDQ hashes, with the reference index kept in step as the oracle.
import { BruteForceIndex, loadIndex, MultiIndexHashIndex } from '@aman/similarity';
import { describe, expect, it } from 'vitest';
import { flipBits, realHashes, rows, seededRandom } from './helpers.ts';

describe('multi-index under 100,000 interleaved adds, replacements and removals', () => {
  it('answers every query exactly, from a bulk-built start to a reload', () => {
    const random = seededRandom(100_000);
    const seeds = realHashes('upstream/haystack.txt');
    const clustered = () =>
      flipBits(seeds[Math.floor(random() * seeds.length)]!, Math.floor(random() * 40), random);
    const start = Array.from({ length: 50_000 }, clustered);
    const index = MultiIndexHashIndex.fromHashes(rows(start));
    const reference = BruteForceIndex.fromHashes(rows(start));
    const live: number[] = start.map((_, id) => id);
    let nextId = start.length;
    let queries = 0;

    for (let step = 1; step <= 100_000; step++) {
      const roll = random();
      if (roll < 0.45 || live.length === 0) {
        const hash = clustered();
        index.add(nextId, hash);
        reference.add(nextId, hash);
        live.push(nextId++);
      } else if (roll < 0.55) {
        const id = live[Math.floor(random() * live.length)]!;
        const hash = clustered();
        index.add(id, hash);
        reference.add(id, hash);
      } else {
        const at = Math.floor(random() * live.length);
        const id = live[at]!;
        live[at] = live[live.length - 1]!;
        live.pop();
        expect(index.remove(id)).toBe(true);
        reference.remove(id);
      }
      if (step % 400 === 0) {
        const near = reference.get(live[Math.floor(random() * live.length)]!)!;
        const query =
          random() < 0.5 ? flipBits(near, Math.floor(random() * 35), random) : clustered();
        const t = step % 2000 === 0 ? Math.floor(random() * 64) : 31;
        expect(index.query(query, t)).toEqual(reference.query(query, t));
        queries++;
      }
    }
    expect(queries).toBe(250);
    expect(index.size).toBe(reference.size);

    const reloaded = loadIndex(index.serialise());
    if (!reloaded.ok) throw new Error(reloaded.error.message);
    for (let i = 0; i < 50; i++) {
      const query = clustered();
      expect(reloaded.value.query(query, 31)).toEqual(reference.query(query, 31));
    }
  });
});
