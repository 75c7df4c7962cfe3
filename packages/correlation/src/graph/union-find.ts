/**
 * Disjoint sets over dense integer ids (0, 1, 2, … in insertion order), growable, in typed arrays.
 *
 * - union by size and path halving: every operation is effectively constant time (inverse Ackermann);
 * - each set keeps its smallest member (its "anchor"), so a set's name survives merges with younger sets;
 * - members of a set form a circular linked list (`next`), so one set is enumerated in O(its size)
 *   without scanning every element: two sets merge by swapping two `next` pointers;
 * - a union cannot be undone, but whole sets can be taken apart (`isolate`) and their remaining
 *   links replayed, and an element can leave for good (`retire`): a removal costs the sets it
 *   touches, not every element.
 *
 * Typed arrays rather than a Map of objects: 100,000 reports cost 1.6 MB and no garbage collection.
 *
 * @example
 * const sets = new UnionFind();
 * const a = sets.add(), b = sets.add(), c = sets.add();
 * sets.union(a, c);
 * sets.find(c) === sets.find(a); // true
 * [...sets.members(a)];          // [0, 2] (in some order)
 * sets.anchor(c);                // 0
 */
export class UnionFind {
  private parent: Int32Array;
  private size: Int32Array;
  private anchorOf: Int32Array;
  private nextMember: Int32Array;
  private count = 0;
  private setCount = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.parent = new Int32Array(capacity);
    this.size = new Int32Array(capacity);
    this.anchorOf = new Int32Array(capacity);
    this.nextMember = new Int32Array(capacity);
  }

  /** Number of elements added so far. */
  get length(): number {
    return this.count;
  }

  /** Number of disjoint sets. */
  get sets(): number {
    return this.setCount;
  }

  /** Adds a new singleton set and returns its element id (the previous `length`). */
  add(): number {
    if (this.count === this.parent.length) this.grow();
    const id = this.count++;
    this.parent[id] = id;
    this.size[id] = 1;
    this.anchorOf[id] = id;
    this.nextMember[id] = id;
    this.setCount++;
    return id;
  }

  /** The representative of the set holding `x` (changes when sets merge; use `anchor` for a stable name). */
  find(x: number): number {
    this.check(x);
    const parent = this.parent;
    let node = x;
    while (parent[node] !== node) {
      const grandparent = parent[parent[node]!]!;
      parent[node] = grandparent;
      node = grandparent;
    }
    return node;
  }

  /** Merges the sets of `a` and `b`. Returns true when they were separate. */
  union(a: number, b: number): boolean {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return false;
    if (this.size[rootA]! < this.size[rootB]!) [rootA, rootB] = [rootB, rootA];
    this.parent[rootB] = rootA;
    this.size[rootA]! += this.size[rootB]!;
    this.anchorOf[rootA] = Math.min(this.anchorOf[rootA]!, this.anchorOf[rootB]!);
    const next = this.nextMember;
    const afterA = next[rootA]!;
    next[rootA] = next[rootB]!;
    next[rootB] = afterA;
    this.setCount--;
    return true;
  }

  /** True when `a` and `b` are in the same set. */
  connected(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }

  /** Number of elements in the set holding `x`. */
  sizeOf(x: number): number {
    return this.size[this.find(x)]!;
  }

  /** The smallest (oldest) element of the set holding `x`: a name that outlives merges with younger sets. */
  anchor(x: number): number {
    return this.anchorOf[this.find(x)]!;
  }

  /** Every element of the set holding `x`, starting with `x`. */
  *members(x: number): IterableIterator<number> {
    this.check(x);
    let node = x;
    do {
      yield node;
      node = this.nextMember[node]!;
    } while (node !== x);
  }

  /** The representative of every set, once each (retired elements are in no set). */
  *roots(): IterableIterator<number> {
    for (let id = 0; id < this.count; id++) {
      if (this.parent[id] === id && this.size[id] !== 0) yield id;
    }
  }

  /**
   * Makes every element of `elements` a singleton again. They must be whole sets (every member of
   * each set they touch, once each): nothing outside them may point into them.
   */
  isolate(elements: ArrayLike<number>): void {
    let sets = 0;
    let members = 0;
    for (let i = 0; i < elements.length; i++) {
      const x = elements[i]!;
      this.check(x);
      if (this.parent[x] === x && this.size[x] !== 0) {
        sets++;
        members += this.size[x]!;
      }
    }
    if (members !== elements.length) {
      throw new RangeError(
        `isolate needs whole sets: ${elements.length} elements, ${members} members`,
      );
    }
    for (let i = 0; i < elements.length; i++) {
      const x = elements[i]!;
      this.parent[x] = x;
      this.size[x] = 1;
      this.anchorOf[x] = x;
      this.nextMember[x] = x;
    }
    this.setCount += elements.length - sets;
  }

  /**
   * Takes a singleton out for good: it is in no set, `roots` skips it and `sets` no longer counts
   * it. Its id is not reused; it must not be passed to any other method afterwards.
   */
  retire(x: number): void {
    this.check(x);
    if (this.parent[x] !== x || this.size[x] !== 1) {
      throw new RangeError(`element ${x} is not a singleton: isolate its set first`);
    }
    this.size[x] = 0;
    this.setCount--;
  }

  private check(x: number): void {
    if (!Number.isInteger(x) || x < 0 || x >= this.count) {
      throw new RangeError(`element ${x} is not in this union-find (0 to ${this.count - 1})`);
    }
  }

  private grow(): void {
    const capacity = this.parent.length * 2;
    this.parent = resize(this.parent, capacity);
    this.size = resize(this.size, capacity);
    this.anchorOf = resize(this.anchorOf, capacity);
    this.nextMember = resize(this.nextMember, capacity);
  }
}

function resize(array: Int32Array, capacity: number): Int32Array {
  const bigger = new Int32Array(capacity);
  bigger.set(array);
  return bigger;
}
