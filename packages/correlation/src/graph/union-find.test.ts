import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnionFind } from './union-find.ts';

/** The obvious implementation: a label per element, relabel a whole set on union. */
class NaiveSets {
  readonly label: number[] = [];
  add(): number {
    this.label.push(this.label.length);
    return this.label.length - 1;
  }
  union(a: number, b: number): void {
    const [from, to] = [this.label[b]!, this.label[a]!];
    for (let i = 0; i < this.label.length; i++) if (this.label[i] === from) this.label[i] = to;
  }
  members(x: number): number[] {
    return this.label.flatMap((label, i) => (label === this.label[x] ? [i] : []));
  }
}

describe('UnionFind', () => {
  it('agrees with a naive implementation on any sequence of adds and unions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 120 }),
        (count, pairs) => {
          const sets = new UnionFind(2);
          const naive = new NaiveSets();
          for (let i = 0; i < count; i++) expect(sets.add()).toBe(naive.add());
          for (const [x, y] of pairs) {
            const [a, b] = [x % count, y % count];
            const wasSeparate = !sets.connected(a, b);
            expect(sets.union(a, b)).toBe(wasSeparate);
            naive.union(a, b);
          }
          const labels = new Set(naive.label);
          expect(sets.sets).toBe(labels.size);
          expect([...sets.roots()]).toHaveLength(labels.size);
          for (let i = 0; i < count; i++) {
            const expected = naive.members(i);
            expect([...sets.members(i)].sort((p, q) => p - q)).toEqual(expected);
            expect(sets.sizeOf(i)).toBe(expected.length);
            expect(sets.anchor(i)).toBe(expected[0]);
          }
        },
      ),
    );
  });

  it('takes sets apart and retires elements: the same sets as never having had them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 80 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        (count, rawPairs, rawRetired) => {
          const pairs = rawPairs.map(([x, y]) => [x % count, y % count] as const);
          const retired = new Set(rawRetired.map((x) => x % count));
          const sets = new UnionFind(2);
          for (let i = 0; i < count; i++) sets.add();
          for (const [a, b] of pairs) sets.union(a, b);
          // The sets holding the retired elements, whole, then their other links again.
          const affected = new Set<number>();
          for (const x of retired) for (const m of sets.members(x)) affected.add(m);
          sets.isolate([...affected]);
          for (const x of retired) sets.retire(x);
          const kept = pairs.filter(([a, b]) => !retired.has(a) && !retired.has(b));
          for (const [a, b] of kept) if (affected.has(a)) sets.union(a, b);

          const naive = new NaiveSets();
          for (let i = 0; i < count; i++) naive.add();
          for (const [a, b] of kept) naive.union(a, b);
          const live = (ids: number[]): number[] => ids.filter((i) => !retired.has(i));
          const labels = new Set(live(naive.label.map((_, i) => i)).map((i) => naive.label[i]));
          expect(sets.sets).toBe(labels.size);
          expect([...sets.roots()]).toHaveLength(labels.size);
          for (const root of sets.roots()) expect(retired.has(root)).toBe(false);
          for (let i = 0; i < count; i++) {
            if (retired.has(i)) continue;
            const expected = live(naive.members(i));
            expect([...sets.members(i)].sort((p, q) => p - q)).toEqual(expected);
            expect(sets.anchor(i)).toBe(expected[0]);
          }
        },
      ),
    );
  });

  it('refuses to isolate part of a set, or to retire an element that is not alone', () => {
    const sets = new UnionFind();
    for (let i = 0; i < 3; i++) sets.add();
    sets.union(0, 1);
    expect(() => sets.isolate([0])).toThrow(RangeError);
    expect(() => sets.retire(1)).toThrow(RangeError);
    sets.isolate([0, 1]);
    sets.retire(1);
    expect(sets.sets).toBe(2);
    expect([...sets.roots()]).toEqual([0, 2]);
  });

  it('grows past its initial capacity', () => {
    const sets = new UnionFind(16);
    for (let i = 0; i < 10_000; i++) sets.add();
    for (let i = 1; i < 10_000; i += 2) sets.union(i, i - 1);
    expect(sets.sets).toBe(5_000);
    expect(sets.anchor(9_999)).toBe(9_998);
  });

  it('refuses elements it does not hold', () => {
    const sets = new UnionFind();
    sets.add();
    expect(() => sets.find(1)).toThrow(RangeError);
    expect(() => sets.find(-1)).toThrow(RangeError);
    expect(() => sets.find(0.5)).toThrow(RangeError);
  });
});
