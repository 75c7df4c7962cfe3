// npm run bench:similarity:chunking [-- --data DIR --nq 2000 --threshold 31]
//
// How to cut 256 bits for exact multi-index hashing, measured on the same bank and queries:
//
// - "classic m x b": m disjoint chunks of b bits, one table each (a bucket per chunk value, holding
//   slots), every hash in a probed bucket compared in full. m = 16, b = 16 is FAISS's
//   IndexBinaryMultiHash as HMA configures it; m = 12 (21-22 bits, radius 2) and m = 8 (32 bits,
//   radius 3: 5,489 keys a table, too many to probe) are the other usual choices.
// - "block pairs" (what @aman/similarity does): 8 blocks of 32 bits, a table per 16-bit half whose
//   entries carry the other half, so most entries are rejected without touching the hash.
//
// The classic variants here are compact static implementations written for this measurement,
// with the same batched reads as the library, so that the layouts are compared, not the care
// taken. CPU time per query is reported as well as wall time: the machine's 2 cores are shared.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MultiIndexHashIndex } from '@aman/similarity';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '.data', 'n1000000') },
    nq: { type: 'string', default: '2000' },
    threshold: { type: 'string', default: '31' },
  },
});
const threshold = Number(values.threshold);
const bankBytes = readFileSync(join(values.data, 'bank.bin'));
const queryBytes = readFileSync(join(values.data, 'queries.bin'));
const bank = new Uint32Array(bankBytes.buffer, bankBytes.byteOffset, bankBytes.length / 4);
const queries = new Uint32Array(queryBytes.buffer, queryBytes.byteOffset, queryBytes.length / 4);
const n = bank.length / 8;
const nq = Math.min(Number(values.nq), queries.length / 8);

const POPCOUNT16 = new Uint8Array(1 << 16).map((_, v) => {
  let bits = 0;
  for (let x = v; x !== 0; x &= x - 1) bits++;
  return bits;
});
const popcount32 = (x: number) => POPCOUNT16[x & 0xffff]! + POPCOUNT16[x >>> 16]!;

/** Bits [start, start + width) of the hash at word offset `offset`, width <= 32. */
function chunkAt(words: Uint32Array, offset: number, start: number, width: number): number {
  const word = start >>> 5;
  const shift = start & 31;
  let value = words[offset + word]! >>> shift;
  if (shift + width > 32) value |= words[offset + word + 1]! << (32 - shift);
  return width === 32 ? value >>> 0 : value & ((1 << width) - 1);
}

/** All masks of `width` bits with at most `radius` bits set. */
function masksWithin(width: number, radius: number): Uint32Array {
  const masks: number[] = [];
  const visit = (from: number, mask: number, left: number) => {
    masks.push(mask >>> 0);
    if (left === 0) return;
    for (let bit = from; bit < width; bit++) visit(bit + 1, mask | (1 << bit), left - 1);
  };
  visit(0, 0, radius);
  return Uint32Array.from(masks);
}

/** Classic exact multi-index hashing over `widths` (summing to 256), verified on every candidate. */
class ClassicMultiIndex {
  readonly starts: number[] = [];
  readonly radii: number[];
  readonly masks: Uint32Array[];
  readonly offsets: Uint32Array[] = [];
  readonly slots: Uint32Array[] = [];
  private readonly runStart = new Uint32Array(1 << 16);
  private readonly runEnd = new Uint32Array(1 << 16);
  private readonly runChunk = new Uint8Array(1 << 16);
  touched = 0;

  constructor(
    readonly widths: number[],
    maxDistance: number,
  ) {
    let start = 0;
    for (const width of widths) {
      this.starts.push(start);
      start += width;
    }
    // Coverage t + 1 spread over the chunks: sum(r_i + 1) >= t + 1.
    const base = Math.floor((maxDistance + 1) / widths.length) - 1;
    const extra = maxDistance + 1 - widths.length * (base + 1);
    this.radii = widths.map((_, i) => base + (i < extra ? 1 : 0));
    this.masks = widths.map((width, i) => masksWithin(width, this.radii[i]!));
    widths.forEach((width, chunk) => {
      const counts = new Uint32Array(2 ** width + 1);
      for (let slot = 0; slot < n; slot++) {
        counts[chunkAt(bank, slot * 8, this.starts[chunk]!, width) + 1]!++;
      }
      for (let key = 0; key < 2 ** width; key++) counts[key + 1]! += counts[key]!;
      const cursor = counts.slice(0, 2 ** width);
      const slots = new Uint32Array(n);
      for (let slot = 0; slot < n; slot++) {
        slots[cursor[chunkAt(bank, slot * 8, this.starts[chunk]!, width)]!++] = slot;
      }
      this.offsets.push(counts);
      this.slots.push(slots);
    });
  }

  get bytes(): number {
    return this.offsets.reduce((sum, o) => sum + o.byteLength, 0) + this.slots.length * n * 4;
  }

  query(q: Uint32Array, qo: number, maxDistance: number): number {
    let runs = 0;
    for (let chunk = 0; chunk < this.widths.length; chunk++) {
      const key = chunkAt(q, qo, this.starts[chunk]!, this.widths[chunk]!);
      const offsets = this.offsets[chunk]!;
      for (const mask of this.masks[chunk]!) {
        const probed = (key ^ mask) >>> 0;
        this.runStart[runs] = offsets[probed]!;
        this.runEnd[runs] = offsets[probed + 1]!;
        this.runChunk[runs++] = chunk;
      }
    }
    let touched = 0;
    for (let r = 0; r < runs; r++)
      touched ^= this.slots[this.runChunk[r]!]![this.runStart[r]!] ?? 0;
    this.touched ^= touched;
    let found = 0;
    for (let r = 0; r < runs; r++) {
      const chunk = this.runChunk[r]!;
      const slots = this.slots[chunk]!;
      candidates: for (let e = this.runStart[r]!; e < this.runEnd[r]!; e++) {
        const o = slots[e]! * 8;
        let distance = 0;
        for (let w = 0; w < 8; w++) distance += popcount32(bank[o + w]! ^ q[qo + w]!);
        if (distance > maxDistance) continue;
        for (let earlier = 0; earlier < chunk; earlier++) {
          const start = this.starts[earlier]!;
          const width = this.widths[earlier]!;
          const d = popcount32(chunkAt(bank, o, start, width) ^ chunkAt(q, qo, start, width));
          if (d <= this.radii[earlier]!) continue candidates;
        }
        found++;
      }
    }
    return found;
  }
}

interface Measured {
  name: string;
  buildSeconds: number;
  megabytes: number;
  hits: number;
  cpuMicros: number;
  wallMicros: number;
}

function measure(
  name: string,
  build: () => { bytes: number; query: (qo: number) => number },
): Measured {
  const started = performance.now();
  const built = build();
  const buildSeconds = (performance.now() - started) / 1000;
  for (let q = 0; q < Math.min(nq, 200); q++) built.query(q * 8);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  let hits = 0;
  for (let q = 0; q < nq; q++) hits += built.query(q * 8);
  const used = process.cpuUsage(cpu);
  return {
    name,
    buildSeconds,
    megabytes: built.bytes / 2 ** 20,
    hits,
    cpuMicros: (used.user + used.system) / nq,
    wallMicros: ((performance.now() - wall) * 1000) / nq,
  };
}

const results: Measured[] = [];
for (const widths of [Array(16).fill(16), [22, 22, 22, 22, 21, 21, 21, 21, 21, 21, 21, 21]]) {
  results.push(
    measure(`classic ${widths.length} x ${widths[0]}${widths.length === 12 ? '/21' : ''}`, () => {
      const index = new ClassicMultiIndex(widths as number[], threshold);
      return { bytes: index.bytes, query: (qo) => index.query(queries, qo, threshold) };
    }),
  );
}
results.push(
  measure('block pairs (@aman/similarity)', () => {
    const index = MultiIndexHashIndex.fromHashes(
      new Uint8Array(bankBytes.buffer, bankBytes.byteOffset, bankBytes.length),
      undefined,
      { strategy: 'probe' },
    );
    // 8 tables with partner + slot (6 bytes), 8 with partner (2 bytes), run headers, 2 spare entries a run.
    const bytes = n * 64 + 16 * (1 << 16) * (12 + 2 * 4);
    return {
      bytes,
      query: (qo) => index.query(queryBytes.subarray(qo * 4, qo * 4 + 32), threshold).length,
    };
  }),
);

console.log(
  `Chunkings for exact range search, ${n.toLocaleString('en')} hashes, threshold ${threshold}, ` +
    `${nq} queries (half planted near-duplicates); index structures only, not the hashes.`,
);
console.log(
  'layout                           build s   index MB   hits   µs/query CPU   µs/query wall',
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(32)} ${r.buildSeconds.toFixed(2).padStart(7)} ${r.megabytes
      .toFixed(0)
      .padStart(
        10,
      )} ${String(r.hits).padStart(6)} ${r.cpuMicros.toFixed(1).padStart(14)} ${r.wallMicros
      .toFixed(1)
      .padStart(15)}`,
  );
}
