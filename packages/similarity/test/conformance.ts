// The one behaviour every SimilarityIndex implementation must have (after hono's
// src/router/common.case.test.ts): conformance.test.ts runs it against each of them.
import { hammingDistanceBytes } from '@aman/pdq';
import { DuplicateIdError, loadIndex, type SimilarityIndex } from '@aman/similarity';
import { describe, expect, it } from 'vitest';
import { expectedMatches, flipBits, randomHash, rows, seededRandom } from './helpers.ts';

export interface IndexFactory {
  /** An empty index. */
  empty(): SimilarityIndex;
  /** An index built in bulk over 32-byte rows (ids: row numbers when omitted). */
  fromHashes(hashes: Uint8Array, ids?: Uint32Array): SimilarityIndex;
}

export function describeSimilarityIndex(name: string, factory: IndexFactory): void {
  describe(`${name} (SimilarityIndex conformance)`, () => {
    const random = seededRandom(0x5eed);
    const base = randomHash(random);

    it('answers nothing while empty, at every distance', () => {
      const index = factory.empty();
      expect(index.size).toBe(0);
      for (const t of [0, 31, 256]) expect(index.query(base, t)).toEqual([]);
    });

    it('finds a hash at distance k exactly when the threshold is at least k, for k = 0..256', () => {
      const index = factory.empty();
      const planted = Array.from({ length: 257 }, (_, k) => flipBits(base, k, random));
      planted.forEach((hash, k) => index.add(1000 + k, hash));
      expect(index.size).toBe(257);
      for (let t = 0; t <= 256; t++) {
        const found = index.query(base, t);
        expect(found.map((m) => m.id)).toEqual(planted.slice(0, t + 1).map((_, k) => 1000 + k));
        expect(found.every((m) => m.distance === m.id - 1000)).toBe(true);
      }
    });

    it('returns matches nearest first, ties by id', () => {
      const index = factory.empty();
      index.add(9, flipBits(base, 3, random));
      index.add(4, flipBits(base, 3, random));
      index.add(7, base);
      index.add(2, flipBits(base, 10, random));
      expect(index.query(base, 31)).toEqual([
        { id: 7, distance: 0 },
        { id: 4, distance: 3 },
        { id: 9, distance: 3 },
        { id: 2, distance: 10 },
      ]);
    });

    it('keeps every copy of a repeated hash, each under its id', () => {
      const index = factory.empty();
      for (let id = 0; id < 40; id++) index.add(id, base);
      index.add(40, flipBits(base, 1, random));
      const found = index.query(base, 0);
      expect(found.map((m) => m.id)).toEqual(Array.from({ length: 40 }, (_, id) => id));
      expect(index.query(base, 1)).toHaveLength(41);
    });

    it('replaces the hash of an id that is added again', () => {
      const index = factory.empty();
      const other = randomHash(random);
      index.add(5, base);
      index.add(5, base);
      expect(index.size).toBe(1);
      index.add(5, other);
      expect(index.size).toBe(1);
      expect(index.query(base, 0)).toEqual([]);
      expect(index.query(other, 0)).toEqual([{ id: 5, distance: 0 }]);
      expect(index.get(5)).toEqual(other);
    });

    it('removes at once, and an id can come back', () => {
      const index = factory.empty();
      index.add(1, base);
      index.add(2, flipBits(base, 2, random));
      expect(index.remove(1)).toBe(true);
      expect(index.remove(1)).toBe(false);
      expect(index.remove(3)).toBe(false);
      expect(index.size).toBe(1);
      expect(index.query(base, 31).map((m) => m.id)).toEqual([2]);
      expect(index.get(1)).toBeUndefined();
      index.add(1, base);
      expect(index.query(base, 31).map((m) => m.id)).toEqual([1, 2]);
    });

    it('accepts the smallest and largest ids', () => {
      const index = factory.empty();
      index.add(0, base);
      index.add(0xffff_ffff, base);
      expect(index.query(base, 0)).toEqual([
        { id: 0, distance: 0 },
        { id: 0xffff_ffff, distance: 0 },
      ]);
    });

    it('copies hashes in and out, so callers cannot change what it stores', () => {
      const index = factory.empty();
      const hash = base.slice();
      index.add(1, hash);
      hash.fill(0);
      const stored = index.get(1)!;
      expect(stored).toEqual(base);
      stored.fill(0);
      expect(index.get(1)).toEqual(base);
      expect(index.query(base, 0)).toEqual([{ id: 1, distance: 0 }]);
    });

    it('refuses invalid ids, hashes and distances without changing anything', () => {
      const index = factory.empty();
      index.add(1, base);
      for (const id of [-1, 1.5, 2 ** 32, Number.NaN, Infinity]) {
        expect(() => index.add(id, base)).toThrow(RangeError);
        expect(() => index.remove(id)).toThrow(RangeError);
      }
      expect(() => index.add(2, new Uint8Array(31))).toThrow(/32 bytes, got 31/);
      expect(() => index.add(2, 'ab' as unknown as Uint8Array)).toThrow(TypeError);
      expect(() => index.query(new Uint8Array(33), 1)).toThrow(RangeError);
      for (const t of [-1, 257, 2.5, Number.NaN]) {
        expect(() => index.query(base, t)).toThrow(/maxDistance must be an integer from 0 to 256/);
      }
      expect(index.size).toBe(1);
      expect(index.query(base, 256)).toEqual([{ id: 1, distance: 0 }]);
    });

    it('builds in bulk with row numbers or given ids, and refuses a repeated id', () => {
      const hashes = Array.from({ length: 300 }, () => randomHash(random));
      const byRow = factory.fromHashes(rows(hashes));
      expect(byRow.size).toBe(300);
      expect(byRow.query(hashes[123]!, 0)).toEqual([{ id: 123, distance: 0 }]);
      const ids = Uint32Array.from(hashes, (_, i) => 7 * i + 1);
      const byId = factory.fromHashes(rows(hashes), ids);
      expect(byId.query(hashes[123]!, 0)).toEqual([{ id: 862, distance: 0 }]);
      byId.add(5, hashes[0]!);
      expect(byId.query(hashes[0]!, 0).map((m) => m.id)).toEqual([1, 5]);
      const repeated = Uint32Array.from([1, 2, 1]);
      expect(() => factory.fromHashes(rows(hashes.slice(0, 3)), repeated)).toThrow(
        DuplicateIdError,
      );
    });

    for (const order of ['ascending', 'shuffled'] as const) {
      it(`lets ids of a bulk-built bank (${order} ids) be removed, added back and replaced`, () => {
        const hashes = Array.from({ length: 3000 }, () => randomHash(random));
        const ids = Uint32Array.from(hashes, (_, i) =>
          order === 'ascending' ? 10 * i : 10 * ((i * 1237) % 3000),
        );
        const model = new Map(Array.from(ids, (id, i) => [id, hashes[i]!]));
        const index = factory.fromHashes(rows(hashes), ids);
        const remove = (id: number) => {
          expect(index.remove(id)).toBe(model.delete(id));
        };
        const add = (id: number, hash: Uint8Array) => {
          index.add(id, hash);
          model.set(id, hash);
        };
        remove(500);
        remove(500);
        expect(index.get(500)).toBeUndefined();
        add(500, model.get(510)!);
        add(510, base);
        add(7, base);
        for (let id = 1000; id < 3000; id += 10) remove(id);
        for (let id = 1; id < 400; id += 2) add(id, hashes[id]!);
        for (let id = 2000; id < 2500; id += 10) add(id, flipBits(base, id % 7, random));
        expect(index.size).toBe(model.size);
        expect(index.get(29_990)).toEqual(model.get(29_990));
        for (const query of [base, hashes[0]!, hashes[99]!, model.get(500)!]) {
          expect(index.query(query, 6)).toEqual(expectedMatches(model, query, 6));
        }
      });
    }

    it('agrees with the oracle at every threshold on a bank of near-duplicates', () => {
      const bank = new Map<number, Uint8Array>();
      const centres = Array.from({ length: 6 }, () => randomHash(random));
      for (let id = 0; id < 600; id++) {
        const centre = centres[id % centres.length]!;
        bank.set(id * 3, flipBits(centre, Math.floor(random() * 70), random));
      }
      const index = factory.empty();
      for (const [id, hash] of bank) index.add(id, hash);
      const queries = [...centres, ...centres.map((c) => flipBits(c, 20, random)), base];
      for (const query of queries) {
        for (const t of [...Array.from({ length: 81 }, (_, t) => t), 96, 128, 160, 192, 224, 256]) {
          expect(index.query(query, t)).toEqual(expectedMatches(bank, query, t));
        }
      }
    });

    it('grows past 65,536 hashes and keeps answering exactly through removals', () => {
      const index = factory.empty();
      const bank = new Map<number, Uint8Array>();
      for (let id = 0; id < 70_000; id++) {
        const hash = id % 7 === 0 ? flipBits(base, id % 40, random) : randomHash(random);
        bank.set(id, hash);
        index.add(id, hash);
      }
      for (let id = 0; id < 70_000; id += 3) {
        index.remove(id);
        bank.delete(id);
      }
      expect(index.size).toBe(bank.size);
      for (const t of [0, 8, 31, 45]) {
        expect(index.query(base, t)).toEqual(expectedMatches(bank, base, t));
      }
      const sample = bank.get(70_000 - 2)!;
      expect(index.query(sample, 31)).toEqual(expectedMatches(bank, sample, 31));
    });

    it('serialises to bytes that load back into the same index, removals included', () => {
      const index = factory.empty();
      const bank = new Map<number, Uint8Array>();
      for (let id = 0; id < 500; id++) {
        const hash = flipBits(base, id % 50, random);
        index.add(id * 11, hash);
        bank.set(id * 11, hash);
      }
      for (let id = 0; id < 500; id += 4) {
        index.remove(id * 11);
        bank.delete(id * 11);
      }
      const bytes = index.serialise();
      for (const kind of ['multi-index', 'brute-force'] as const) {
        const loaded = loadIndex(bytes.slice(), kind);
        if (!loaded.ok) throw new Error(loaded.error.message);
        expect(loaded.value.size).toBe(bank.size);
        for (const t of [0, 10, 31, 64]) {
          expect(loaded.value.query(base, t)).toEqual(expectedMatches(bank, base, t));
        }
        expect(loaded.value.serialise()).toEqual(bytes);
      }
    });

    it('reports true distances (checked against @aman/pdq)', () => {
      const index = factory.empty();
      const hashes = Array.from({ length: 50 }, () =>
        flipBits(base, Math.floor(random() * 40), random),
      );
      hashes.forEach((hash, id) => index.add(id, hash));
      for (const match of index.query(base, 40)) {
        expect(match.distance).toBe(hammingDistanceBytes(hashes[match.id]!, base));
      }
    });
  });
}
