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
