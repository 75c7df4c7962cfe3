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

/**
 * The reference's `computeJaroszFilterWindowSize(n, 64)`: ceil(n / 128) in integers.
 *
 * @example
 * jaroszWindowSize(1600); // 13
 */
export function jaroszWindowSize(dimension: number): number {
  return Math.floor((dimension + 127) / 128);
}

/**
 * Index of the input row/column sampled for output index `i` of 64 (exact integer floor).
 *
 * @example
 * decimationIndex(0, 1004); // 7
 */
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
 * Rows filtered together along the row axis. A running sum is a serial chain of float32 adds;
 * interleaving four independent rows lets the CPU overlap their latencies.
 */
const BATCH = 4;

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
  private lumaBlock = new Float32Array(0);
  private ring = new Float32Array(0);
  private columnSums = new Float32Array(0);
  private verticalBlock = new Float32Array(0);
  private sampledRing = new Float32Array(0);
  private readonly sampledBlock = new Float32Array(BATCH * 64);
  private readonly sampledSums = new Float32Array(64);
  private readonly sampledCols = new Int32Array(64);
  private readonly sampledRows = new Int32Array(64);

  /** Fills `out` (4096 floats, row-major 64x64) with the downsampled luma. */
  run(rows: number, cols: number, readRow: LumaRowReader, out: Float32Array): void {
    if (rows === 64 && cols === 64) {
      // The reference skips filtering for exactly 64x64 (PDQ-SPEC 1.3).
      for (let y = 0; y < 64; y++) readRow(y, out.subarray(y * 64, y * 64 + 64));
      return;
    }
    const windowAlongRows = jaroszWindowSize(cols);
    const windowAlongCols = jaroszWindowSize(rows);
    const halfAlongCols = (windowAlongCols + 2) >> 1;
    // Row y and the row leaving its window (y - window) must both be in the ring while the
    // BATCH rows after y are filtered ahead of it.
    const ringRows = windowAlongCols + BATCH;
    this.ensureCapacity(ringRows, cols);
    for (let i = 0; i < 64; i++) {
      this.sampledCols[i] = decimationIndex(i, cols);
      this.sampledRows[i] = decimationIndex(i, rows);
    }
    const rowReciprocals = reciprocals(windowAlongRows);
    const colReciprocals = reciprocals(windowAlongCols);
    const { lumaBlock, ring, columnSums, verticalBlock, sampledBlock, sampledCols } = this;
    columnSums.fill(0, 0, cols);
    const secondVertical = new SampledColumnFilter(
      rows,
      windowAlongCols,
      this.sampledRing,
      this.sampledSums,
      this.sampledRows,
      out,
    );

    // Pass 2 along the rows, on BATCH rows of pass-1 output at a time, then pass 2 along the
    // columns (64 columns only) as those rows arrive.
    let pending = 0;
    let emitted = 0;
    const rowOfPassOne = (): void => {
      pending++;
      if (pending < BATCH) return;
      filterRowsSampled4(
        verticalBlock,
        cols,
        windowAlongRows,
        sampledCols,
        sampledBlock,
        rowReciprocals,
      );
      for (let i = 0; i < BATCH; i++) {
        secondVertical.push(sampledBlock.subarray(i * 64, i * 64 + 64), emitted++);
      }
      pending = 0;
    };

    // Pass 1: luma rows are filtered along the row into the ring, BATCH at a time; then each
    // ring row enters the column running sums (all columns at once, same per-column order as
    // boxFilter1D), and each completed output row goes on to pass 2.
    let count = 0;
    for (let y0 = 0; y0 < rows; y0 += BATCH) {
      const batch = Math.min(BATCH, rows - y0);
      for (let i = 0; i < batch; i++) {
        readRow(y0 + i, lumaBlock.subarray(i * cols, (i + 1) * cols));
      }
      if (batch === BATCH) {
        filterRowsFull4(
          lumaBlock,
          cols,
          ring,
          (y0 % ringRows) * cols,
          ((y0 + 1) % ringRows) * cols,
          ((y0 + 2) % ringRows) * cols,
          ((y0 + 3) % ringRows) * cols,
          windowAlongRows,
          rowReciprocals,
        );
      } else {
        for (let i = 0; i < batch; i++) {
          const slot = ((y0 + i) % ringRows) * cols;
          filterRowFull(lumaBlock, i * cols, ring, slot, cols, windowAlongRows, rowReciprocals);
        }
      }
      for (let y = y0; y < y0 + batch; y++) {
        const entering = (y % ringRows) * cols;
        const target = pending * cols;
        if (y < windowAlongCols) {
          count++;
          if (y < halfAlongCols - 1) {
            addRow(columnSums, ring, entering, cols);
          } else {
            addRowAndScale(
              columnSums,
              ring,
              entering,
              verticalBlock,
              target,
              cols,
              colReciprocals[count]!,
            );
            rowOfPassOne();
          }
        } else {
          const leaving = ((y - windowAlongCols) % ringRows) * cols;
          slideRowAndScale(
            columnSums,
            ring,
            entering,
            leaving,
            verticalBlock,
            target,
            cols,
            colReciprocals[count]!,
          );
          rowOfPassOne();
        }
      }
    }
    for (let i = 0; i < halfAlongCols - 1; i++) {
      const leaving = ((rows - windowAlongCols + i) % ringRows) * cols;
      count--;
      subtractRowAndScale(
        columnSums,
        ring,
        leaving,
        verticalBlock,
        pending * cols,
        cols,
        colReciprocals[count]!,
      );
      rowOfPassOne();
    }
    for (let i = 0; i < pending; i++) {
      filterRowSampled(
        verticalBlock,
        i * cols,
        cols,
        windowAlongRows,
        sampledCols,
        sampledBlock,
        rowReciprocals,
      );
      secondVertical.push(sampledBlock.subarray(0, 64), emitted++);
    }
    secondVertical.finish();
  }

  private ensureCapacity(ringRows: number, cols: number): void {
    if (this.ring.length < ringRows * cols) this.ring = new Float32Array(ringRows * cols);
    if (this.columnSums.length < cols) {
      this.columnSums = new Float32Array(cols);
      this.lumaBlock = new Float32Array(BATCH * cols);
      this.verticalBlock = new Float32Array(BATCH * cols);
    }
    if (this.sampledRing.length < ringRows * 64) this.sampledRing = new Float32Array(ringRows * 64);
  }
}

/**
 * `1 / k` in double for k = 0..window. Hot loops multiply by these instead of dividing:
 * `fround(s * (1/k))` equals the float32 quotient `fround(s / k)` for every float32 s and every
 * k < 2^20, because a quotient s/k that is not exactly a float32 midpoint stays at least
 * |s/k|·2^-25/k away from one, far more than the ~2^-52 relative error of the double product.
 * (Tested exhaustively over windows and random floats in downsample.test.ts.)
 */
function reciprocals(window: number): Float64Array {
  return Float64Array.from({ length: window + 1 }, (_, k) => (k === 0 ? 0 : 1 / k));
}

/**
 * Pass 2 along the columns, restricted to the 64 sampled columns: a running sum per column over
 * the rows pushed in order, emitting only the 64 sampled output rows into `out` (it touches 64
 * values per row, not every pixel). jarosz.wat's `$pushSampledRow` does the same in WebAssembly.
 *
 * @example
 * const filter = new SampledColumnFilter(rows, window, ring, sums, sampledRows, out64x64);
 * for (let y = 0; y < rows; y++) filter.push(rowOf64SampledColumns(y), y);
 * filter.finish();
 */
export class SampledColumnFilter {
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

/** Box filter along one row (input at `inOffset`), all outputs, to `out[outOffset…]`. */
function filterRowFull(
  input: Float32Array,
  inOffset: number,
  out: Float32Array,
  outOffset: number,
  n: number,
  window: number,
  recip: Float64Array,
): void {
  const half = (window + 2) >> 1;
  const end = inOffset + n;
  let sum = 0;
  let ri = inOffset;
  for (; ri < inOffset + half - 1; ri++) sum = Math.fround(sum + input[ri]!);
  let o = outOffset;
  for (let count = half; count <= window; count++, ri++, o++) {
    sum = Math.fround(sum + input[ri]!);
    out[o] = sum * recip[count]!;
  }
  const full = recip[window]!;
  for (let li = inOffset; ri < end; ri++, li++, o++) {
    sum = Math.fround(Math.fround(sum + input[ri]!) - input[li]!);
    out[o] = sum * full;
  }
  for (let li = end - window, count = window - 1; count > window - half; li++, count--, o++) {
    sum = Math.fround(sum - input[li]!);
    out[o] = sum * recip[count]!;
  }
}

/**
 * `filterRowFull` on four consecutive rows of `input` (row length n) at once, the outputs going
 * to four arbitrary offsets of `out`. Each row keeps its own sum and its own order of operations.
 */
function filterRowsFull4(
  input: Float32Array,
  n: number,
  out: Float32Array,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  window: number,
  recip: Float64Array,
): void {
  const i1 = n;
  const i2 = 2 * n;
  const i3 = 3 * n;
  const half = (window + 2) >> 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let ri = 0;
  for (; ri < half - 1; ri++) {
    s0 = Math.fround(s0 + input[ri]!);
    s1 = Math.fround(s1 + input[i1 + ri]!);
    s2 = Math.fround(s2 + input[i2 + ri]!);
    s3 = Math.fround(s3 + input[i3 + ri]!);
  }
  let o = 0;
  for (let count = half; count <= window; count++, ri++, o++) {
    const r = recip[count]!;
    s0 = Math.fround(s0 + input[ri]!);
    s1 = Math.fround(s1 + input[i1 + ri]!);
    s2 = Math.fround(s2 + input[i2 + ri]!);
    s3 = Math.fround(s3 + input[i3 + ri]!);
    out[o0 + o] = s0 * r;
    out[o1 + o] = s1 * r;
    out[o2 + o] = s2 * r;
    out[o3 + o] = s3 * r;
  }
  const full = recip[window]!;
  for (let li = 0; ri < n; ri++, li++, o++) {
    s0 = Math.fround(Math.fround(s0 + input[ri]!) - input[li]!);
    s1 = Math.fround(Math.fround(s1 + input[i1 + ri]!) - input[i1 + li]!);
    s2 = Math.fround(Math.fround(s2 + input[i2 + ri]!) - input[i2 + li]!);
    s3 = Math.fround(Math.fround(s3 + input[i3 + ri]!) - input[i3 + li]!);
    out[o0 + o] = s0 * full;
    out[o1 + o] = s1 * full;
    out[o2 + o] = s2 * full;
    out[o3 + o] = s3 * full;
  }
  for (let li = n - window, count = window - 1; count > window - half; li++, count--, o++) {
    const r = recip[count]!;
    s0 = Math.fround(s0 - input[li]!);
    s1 = Math.fround(s1 - input[i1 + li]!);
    s2 = Math.fround(s2 - input[i2 + li]!);
    s3 = Math.fround(s3 - input[i3 + li]!);
    out[o0 + o] = s0 * r;
    out[o1 + o] = s1 * r;
    out[o2 + o] = s2 * r;
    out[o3 + o] = s3 * r;
  }
}

/**
 * Box filter along one row (input at `inOffset`), keeping only the outputs at the 64 `sampled`
 * indices (ascending, possibly repeated) in `out[0..63]`. The running sum still visits every
 * input, in the reference order: only the divisions of unsampled outputs are skipped.
 */
function filterRowSampled(
  input: Float32Array,
  inOffset: number,
  n: number,
  window: number,
  sampled: Int32Array,
  out: Float32Array,
  recip: Float64Array,
): void {
  const half = (window + 2) >> 1;
  let sum = 0;
  let s = 0;
  let next = sampled[0]!;
  let ri = inOffset;
  for (; ri < inOffset + half - 1; ri++) sum = Math.fround(sum + input[ri]!);
  let o = 0;
  for (let count = half; count <= window; count++, ri++, o++) {
    sum = Math.fround(sum + input[ri]!);
    for (; o === next; next = ++s < 64 ? sampled[s]! : -1) out[s] = sum * recip[count]!;
  }
  const full = recip[window]!;
  for (let li = inOffset; o <= n - half; ri++, li++, o++) {
    sum = Math.fround(Math.fround(sum + input[ri]!) - input[li]!);
    for (; o === next; next = ++s < 64 ? sampled[s]! : -1) out[s] = sum * full;
  }
  for (
    let li = inOffset + n - window, count = window - 1;
    count > window - half;
    li++, count--, o++
  ) {
    sum = Math.fround(sum - input[li]!);
    for (; o === next; next = ++s < 64 ? sampled[s]! : -1) out[s] = sum * recip[count]!;
  }
}

/** `filterRowSampled` on four consecutive rows of `input` at once; row r's outputs go to out[64r…]. */
function filterRowsSampled4(
  input: Float32Array,
  n: number,
  window: number,
  sampled: Int32Array,
  out: Float32Array,
  recip: Float64Array,
): void {
  const i1 = n;
  const i2 = 2 * n;
  const i3 = 3 * n;
  const half = (window + 2) >> 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s = 0;
  let next = sampled[0]!;
  let ri = 0;
  for (; ri < half - 1; ri++) {
    s0 = Math.fround(s0 + input[ri]!);
    s1 = Math.fround(s1 + input[i1 + ri]!);
    s2 = Math.fround(s2 + input[i2 + ri]!);
    s3 = Math.fround(s3 + input[i3 + ri]!);
  }
  let o = 0;
  for (let count = half; count <= window; count++, ri++, o++) {
    s0 = Math.fround(s0 + input[ri]!);
    s1 = Math.fround(s1 + input[i1 + ri]!);
    s2 = Math.fround(s2 + input[i2 + ri]!);
    s3 = Math.fround(s3 + input[i3 + ri]!);
    for (; o === next; next = ++s < 64 ? sampled[s]! : -1) {
      const r = recip[count]!;
      out[s] = s0 * r;
      out[64 + s] = s1 * r;
      out[128 + s] = s2 * r;
      out[192 + s] = s3 * r;
    }
  }
  const full = recip[window]!;
  for (let li = 0; ri < n; ri++, li++, o++) {
    s0 = Math.fround(Math.fround(s0 + input[ri]!) - input[li]!);
    s1 = Math.fround(Math.fround(s1 + input[i1 + ri]!) - input[i1 + li]!);
    s2 = Math.fround(Math.fround(s2 + input[i2 + ri]!) - input[i2 + li]!);
    s3 = Math.fround(Math.fround(s3 + input[i3 + ri]!) - input[i3 + li]!);
    for (; o === next; next = ++s < 64 ? sampled[s]! : -1) {
      out[s] = s0 * full;
      out[64 + s] = s1 * full;
      out[128 + s] = s2 * full;
      out[192 + s] = s3 * full;
    }
  }
  for (let li = n - window, count = window - 1; count > window - half; li++, count--, o++) {
    s0 = Math.fround(s0 - input[li]!);
    s1 = Math.fround(s1 - input[i1 + li]!);
    s2 = Math.fround(s2 - input[i2 + li]!);
    s3 = Math.fround(s3 - input[i3 + li]!);
    for (; o === next; next = ++s < 64 ? sampled[s]! : -1) {
      const r = recip[count]!;
      out[s] = s0 * r;
      out[64 + s] = s1 * r;
      out[128 + s] = s2 * r;
      out[192 + s] = s3 * r;
    }
  }
}

function addRow(sums: Float32Array, ring: Float32Array, entering: number, n: number): void {
  for (let x = 0; x < n; x++) sums[x] = sums[x]! + ring[entering + x]!;
}

/** Column sums += entering row; out = sums / count (count = 1 / scale). */
function addRowAndScale(
  sums: Float32Array,
  ring: Float32Array,
  entering: number,
  out: Float32Array,
  target: number,
  n: number,
  scale: number,
): void {
  for (let x = 0; x < n; x++) {
    const sum = Math.fround(sums[x]! + ring[entering + x]!);
    sums[x] = sum;
    out[target + x] = sum * scale;
  }
}

/** Column sums += entering row, then −= leaving row (the reference's order); out = sums / count. */
function slideRowAndScale(
  sums: Float32Array,
  ring: Float32Array,
  entering: number,
  leaving: number,
  out: Float32Array,
  target: number,
  n: number,
  scale: number,
): void {
  for (let x = 0; x < n; x++) {
    const sum = Math.fround(Math.fround(sums[x]! + ring[entering + x]!) - ring[leaving + x]!);
    sums[x] = sum;
    out[target + x] = sum * scale;
  }
}

/** Column sums −= leaving row; out = sums / count. */
function subtractRowAndScale(
  sums: Float32Array,
  ring: Float32Array,
  leaving: number,
  out: Float32Array,
  target: number,
  n: number,
  scale: number,
): void {
  for (let x = 0; x < n; x++) {
    const sum = Math.fround(sums[x]! - ring[leaving + x]!);
    sums[x] = sum;
    out[target + x] = sum * scale;
  }
}
