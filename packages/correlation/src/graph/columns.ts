/**
 * Growable typed-array columns: the correlation store keeps one value per report, identifier or
 * mention in these, so that 100,000 reports and 500,000 mentions are a few megabytes of flat memory
 * instead of a million small objects.
 */

type TypedArray = Int32Array | Float64Array | Uint8Array;

abstract class Column<T extends TypedArray> {
  protected data: T;
  private count = 0;

  protected constructor(data: T) {
    this.data = data;
  }

  get length(): number {
    return this.count;
  }

  push(value: number): number {
    if (this.count === this.data.length) {
      const bigger = this.allocate(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.count] = value;
    return this.count++;
  }

  get(index: number): number {
    if (index < 0 || index >= this.count)
      throw new RangeError(`index ${index} out of 0..${this.count - 1}`);
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    if (index < 0 || index >= this.count)
      throw new RangeError(`index ${index} out of 0..${this.count - 1}`);
    this.data[index] = value;
  }

  /** Sets every value to `value`. */
  fill(value: number): void {
    this.data.fill(value, 0, this.count);
  }

  protected abstract allocate(capacity: number): T;
}

export class Int32Column extends Column<Int32Array> {
  constructor(capacity = 1024) {
    super(new Int32Array(Math.max(16, capacity)));
  }
  protected allocate(capacity: number): Int32Array {
    return new Int32Array(capacity);
  }
}

export class Float64Column extends Column<Float64Array> {
  constructor(capacity = 1024) {
    super(new Float64Array(Math.max(16, capacity)));
  }
  protected allocate(capacity: number): Float64Array {
    return new Float64Array(capacity);
  }
}

export class Uint8Column extends Column<Uint8Array> {
  constructor(capacity = 1024) {
    super(new Uint8Array(Math.max(16, capacity)));
  }
  protected allocate(capacity: number): Uint8Array {
    return new Uint8Array(capacity);
  }
}
