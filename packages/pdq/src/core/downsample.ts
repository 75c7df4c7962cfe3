import type { LumaRowReader } from './luma.ts';

/**
 * PDQ's "Jarosz filter" downsampling to 64x64 (PDQ-SPEC 1.3): two passes of (box along every row,
 * then box along every column), then nearest-sample decimation at the centres of a 64x64 grid.
 *
 * The reference filters whole float images four times, column passes included (cache-hostile,
 * and two full float copies of the image). This implementation streams the image one row at a
 * time and performs, per column, exactly the same float32 operations in the same order, so the
 * result is bit-identical:
 *
 * 1. pass 1 along the row (all columns), into a ring of the last `windowAlongCols + 1` rows;
 * 2. pass 1 along the columns, run over whole rows at once: one running sum per column, updated
 *    with the incoming row then the leaving row, which is the reference's per-column order;
 * 3. pass 2 along the row: the running sum still crosses every column, but only the 64 sampled
 *    columns are divided and kept;
 * 4. pass 2 along the columns, on those 64 columns only, emitting only the 64 sampled rows.
 *
 * Memory is O(windowAlongCols · width + width), about width·height/32 bytes, instead of
 * 8·width·height bytes.
 */

/** The reference's `computeJaroszFilterWindowSize(n, 64)`: ceil(n / 128) in integers. */
export function jaroszWindowSize(dimension: number): number {
  return Math.floor((dimension + 127) / 128);
}

/** Index of the input row/column sampled for output index `i` of 64 (exact integer floor). */
export function decimationIndex(i: number, dimension: number): number {
  return Math.floor(((2 * i + 1) * dimension) / 128);
}

/**
 * The reference's 1-D running-sum box filter over `n` values (PDQ-SPEC 1.3), on strided views.
 * Kept in the straightforward form as the executable statement of the algorithm; the streaming
 * downsampler below is tested against it.
 *
 * @example
 * const out = new Float32Array(5);
 * boxFilter1D(Float32Array.of(1, 2, 3, 4, 5), 0, out, 0, 5, 1, 3); // out: 1.5, 2, 3, 4, 4.5
 */
export function boxFilter1D(
  input: Float32Array,
  inputOffset: number,
  output: Float32Array,
  outputOffset: number,
  n: number,
  stride: number,
  window: number,
): void {
  const half = (window + 2) >> 1;
  let sum = 0;
  let count = 0;
  let ri = inputOffset;
  let li = inputOffset;
  let oi = outputOffset;
  for (let i = 0; i < half - 1; i++, ri += stride) {
    sum = Math.fround(sum + input[ri]!);
    count++;
  }
  for (let i = 0; i < window - half + 1; i++, ri += stride, oi += stride) {
    sum = Math.fround(sum + input[ri]!);
    count++;
    output[oi] = sum / count;
  }
  for (let i = 0; i < n - window; i++, ri += stride, li += stride, oi += stride) {
    sum = Math.fround(sum + input[ri]!);
    sum = Math.fround(sum - input[li]!);
    output[oi] = sum / count;
  }
  for (let i = 0; i < half - 1; i++, li += stride, oi += stride) {
    sum = Math.fround(sum - input[li]!);
    count--;
    output[oi] = sum / count;
  }
}

/**
 * The reference algorithm, whole-image form: four full box passes over a float luma plane (which
 * it overwrites) then decimation. Slow and memory-hungry; it exists to check the streaming
 * downsampler against the literal reference order on arbitrary shapes.
 *
 * @example
 * const out = referenceDownsample(luma.slice(), rows, cols); // 4096 floats
 */
export function referenceDownsample(luma: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(64 * 64);
  if (rows === 64 && cols === 64) {
    out.set(luma.subarray(0, 4096));
    return out;
  }
  const other = new Float32Array(rows * cols);
  const windowAlongRows = jaroszWindowSize(cols);
  const windowAlongCols = jaroszWindowSize(rows);
  for (let pass = 0; pass < 2; pass++) {
    for (let y = 0; y < rows; y++)
      boxFilter1D(luma, y * cols, other, y * cols, cols, 1, windowAlongRows);
    for (let x = 0; x < cols; x++) boxFilter1D(other, x, luma, x, rows, cols, windowAlongCols);
  }
  for (let r = 0; r < 64; r++) {
    const y = decimationIndex(r, rows);
    for (let c = 0; c < 64; c++) out[r * 64 + c] = luma[y * cols + decimationIndex(c, cols)]!;
  }
  return out;
}

/**
 * Streams an image of `rows` x `cols` luma through the Jarosz filter into a 64x64 buffer.
 * Scratch buffers are kept between calls and regrown only when an image needs more, so hashing
 * video frames of one size allocates nothing after the first frame.
 *
 * @example
 * const downsampler = new StreamingDownsampler();
 * const out = new Float32Array(4096);
 * downsampler.run(image.height, image.width, lumaRowReader(image), out);
 */
export class StreamingDownsampler {
  private lumaRow = new Float32Array(0);
  private ring = new Float32Array(0);
  private columnSums = new Float32Array(0);
  private verticalRow = new Float32Array(0);
  private sampledRing = new Float32Array(0);
  private readonly sampledSums = new Float32Array(64);
  private readonly sampledRow = new Float32Array(64);
  private readonly sampledCols = new Int32Array(64);
  private readonly sampledRows = new Int32Array(64);

  /** Fills `out` (4096 floats, row-major 64x64) with the downsampled luma. */
  run(rows: number, cols: number, readRow: LumaRowReader, out: Float32Array): void {
    if (this.lumaRow.length < cols) this.lumaRow = new Float32Array(cols);
    if (rows === 64 && cols === 64) {
      // The reference skips filtering for exactly 64x64 (PDQ-SPEC 1.3).
      for (let y = 0; y < 64; y++) readRow(y, out.subarray(y * 64, y * 64 + 64));
      return;
    }
    const windowAlongRows = jaroszWindowSize(cols);
    const windowAlongCols = jaroszWindowSize(rows);
    const halfAlongCols = (windowAlongCols + 2) >> 1;
    const ringRows = windowAlongCols + 1;
    this.ensureCapacity(ringRows, cols);
    for (let i = 0; i < 64; i++) {
      this.sampledCols[i] = decimationIndex(i, cols);
      this.sampledRows[i] = decimationIndex(i, rows);
    }

    const { lumaRow, ring, columnSums, verticalRow } = this;
    columnSums.fill(0, 0, cols);
    const vertical = new SampledColumnFilter(
      rows,
      windowAlongCols,
      this.sampledRing,
      this.sampledSums,
      this.sampledRows,
      out,
    );

    // Pass 1, columns: rows enter the running sums in order; output row o is complete once row
    // o + (window - half) has entered. Same phases as boxFilter1D, over all columns at once.
    let count = 0;
    let emitted = 0;
    for (let y = 0; y < rows; y++) {
      readRow(y, lumaRow);
      const slot = (y % ringRows) * cols;
      filterRowFull(lumaRow, ring, slot, cols, windowAlongRows);
      if (y < windowAlongCols) {
        addRow(columnSums, ring, slot, cols);
        count++;
        if (y >= halfAlongCols - 1) {
          divideRow(columnSums, verticalRow, cols, count);
          this.emit(verticalRow, cols, windowAlongRows, vertical, emitted++);
        }
      } else {
        const leaving = ((y - windowAlongCols) % ringRows) * cols;
        addThenSubtractRow(columnSums, ring, slot, leaving, cols);
        divideRow(columnSums, verticalRow, cols, count);
        this.emit(verticalRow, cols, windowAlongRows, vertical, emitted++);
      }
    }
    for (let i = 0; i < halfAlongCols - 1; i++) {
      const leaving = ((rows - windowAlongCols + i) % ringRows) * cols;
      subtractRow(columnSums, ring, leaving, cols);
      count--;
      divideRow(columnSums, verticalRow, cols, count);
      this.emit(verticalRow, cols, windowAlongRows, vertical, emitted++);
    }
    vertical.finish();
  }

  private emit(
    row: Float32Array,
    cols: number,
    window: number,
    vertical: SampledColumnFilter,
    index: number,
  ): void {
    filterRowSampled(row, cols, window, this.sampledCols, this.sampledRow);
    vertical.push(this.sampledRow, index);
  }

  private ensureCapacity(ringRows: number, cols: number): void {
    if (this.ring.length < ringRows * cols) this.ring = new Float32Array(ringRows * cols);
    if (this.columnSums.length < cols) {
      this.columnSums = new Float32Array(cols);
      this.verticalRow = new Float32Array(cols);
    }
    if (this.sampledRing.length < ringRows * 64) this.sampledRing = new Float32Array(ringRows * 64);
  }
}

/**
 * Pass 2 along the columns, restricted to the 64 sampled columns: a running sum per column over
 * the rows pushed in order, emitting only the 64 sampled output rows into `out`.
 */
class SampledColumnFilter {
  private readonly half: number;
  private readonly ringRows: number;
  private count = 0;
  private nextSample = 0;

  constructor(
    private readonly rows: number,
    private readonly window: number,
    private readonly ring: Float32Array,
    private readonly sums: Float32Array,
    private readonly sampledRows: Int32Array,
    private readonly out: Float32Array,
  ) {
    this.half = (window + 2) >> 1;
    this.ringRows = window + 1;
    sums.fill(0);
  }

  /** `row` is the input row of index `y` (its 64 sampled columns). */
  push(row: Float32Array, y: number): void {
    const { sums, ring, window } = this;
    const slot = (y % this.ringRows) * 64;
    ring.set(row, slot);
    if (y < window) {
      for (let c = 0; c < 64; c++) sums[c] = sums[c]! + row[c]!;
      this.count++;
      if (y >= this.half - 1) this.emit(y - (this.half - 1));
    } else {
      const leaving = ((y - window) % this.ringRows) * 64;
      for (let c = 0; c < 64; c++) {
        sums[c] = Math.fround(sums[c]! + row[c]!) - ring[leaving + c]!;
      }
      this.emit(y - this.half + 1);
    }
  }

  finish(): void {
    const { sums, ring, rows, window } = this;
    for (let i = 0; i < this.half - 1; i++) {
      const leaving = ((rows - window + i) % this.ringRows) * 64;
      for (let c = 0; c < 64; c++) sums[c] = sums[c]! - ring[leaving + c]!;
      this.count--;
      this.emit(rows - this.half + 1 + i);
    }
  }

  private emit(outputRow: number): void {
    // Several of the 64 sampled rows can be the same input row when the image has < 64 rows.
    while (this.nextSample < 64 && this.sampledRows[this.nextSample] === outputRow) {
      const base = this.nextSample * 64;
      for (let c = 0; c < 64; c++) this.out[base + c] = this.sums[c]! / this.count;
      this.nextSample++;
    }
  }
}

/** Box filter along one row, all outputs: `boxFilter1D` with stride 1, written to `out[offset…]`. */
function filterRowFull(
  input: Float32Array,
  out: Float32Array,
  offset: number,
  n: number,
  window: number,
): void {
  const half = (window + 2) >> 1;
  let sum = 0;
  let ri = 0;
  for (; ri < half - 1; ri++) sum = Math.fround(sum + input[ri]!);
  let o = offset;
  for (let count = half; count <= window; count++, ri++, o++) {
    sum = Math.fround(sum + input[ri]!);
    out[o] = sum / count;
  }
  for (let li = 0; ri < n; ri++, li++, o++) {
    sum = Math.fround(Math.fround(sum + input[ri]!) - input[li]!);
    out[o] = sum / window;
  }
  for (let li = n - window, count = window - 1; count >= window - half + 1; li++, count--, o++) {
    sum = Math.fround(sum - input[li]!);
    out[o] = sum / count;
  }
}

/**
 * Box filter along one row, keeping only the outputs at the 64 `sampled` indices (ascending,
 * possibly repeated) in `out`. The running sum still visits every input, in the reference order.
 */
function filterRowSampled(
  input: Float32Array,
  n: number,
  window: number,
  sampled: Int32Array,
  out: Float32Array,
): void {
  const half = (window + 2) >> 1;
  let sum = 0;
  let ri = 0;
  let s = 0;
  let next = sampled[0]!;
  for (; ri < half - 1; ri++) sum = Math.fround(sum + input[ri]!);
  let o = 0;
  for (let count = half; count <= window; count++, ri++, o++) {
    sum = Math.fround(sum + input[ri]!);
    while (o === next) {
      out[s++] = sum / count;
      next = s < 64 ? sampled[s]! : -1;
    }
  }
  for (let li = 0; ri < n; ri++, li++, o++) {
    sum = Math.fround(Math.fround(sum + input[ri]!) - input[li]!);
    while (o === next) {
      out[s++] = sum / window;
      next = s < 64 ? sampled[s]! : -1;
    }
  }
  for (let li = n - window, count = window - 1; count >= window - half + 1; li++, count--, o++) {
    sum = Math.fround(sum - input[li]!);
    while (o === next) {
      out[s++] = sum / count;
      next = s < 64 ? sampled[s]! : -1;
    }
  }
}

function addRow(sums: Float32Array, ring: Float32Array, slot: number, n: number): void {
  for (let x = 0; x < n; x++) sums[x] = sums[x]! + ring[slot + x]!;
}

function subtractRow(sums: Float32Array, ring: Float32Array, slot: number, n: number): void {
  for (let x = 0; x < n; x++) sums[x] = sums[x]! - ring[slot + x]!;
}

function addThenSubtractRow(
  sums: Float32Array,
  ring: Float32Array,
  entering: number,
  leaving: number,
  n: number,
): void {
  for (let x = 0; x < n; x++) {
    sums[x] = Math.fround(sums[x]! + ring[entering + x]!) - ring[leaving + x]!;
  }
}

function divideRow(sums: Float32Array, out: Float32Array, n: number, count: number): void {
  for (let x = 0; x < n; x++) out[x] = sums[x]! / count;
}
