import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  buildIndex,
  HASH_BYTES,
  INDEX_KINDS,
  MAX_DISTANCE,
  type IndexKind,
} from '@aman/similarity';
import { readHashRows } from '@aman/similarity/node';
import { CliError, EXIT_USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';

const usage = `Usage: aman bench-index BANK QUERIES THRESHOLD NQ OUT [--index KIND]

Measures the similarity index on files of raw hashes (32 bytes a row, no header), following the
matcher contract of the benchmark harness (bench_external.py): builds an index over BANK (the ids
are row numbers), finds every bank row within THRESHOLD (0 to 256) of each of the first NQ rows of
QUERIES, writes the hits to OUT as little-endian uint32 triples (query, bank row, distance), and
prints its timings as a JSON object, the last line of its output.

Options:
  --index KIND   ${INDEX_KINDS.join(' or ')} (default ${INDEX_KINDS[0]})`;

const WARM_UP_QUERIES = 256;

const benchIndex: Command = {
  summary: 'benchmark the similarity index on raw hash files (bench_external.py contract)',
  usage,
  async run(args, io) {
    const { bank, queries, threshold, nq, out, kind } = parseBenchArgs(args);

    const loadStarted = performance.now();
    const bankRows = await readRows(bank, 'BANK');
    const queryRows = await readRows(queries, 'QUERIES');
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    if (nq > queryRows.length / HASH_BYTES) {
      throw new CliError(
        `NQ is ${nq} but ${queries} holds only ${queryRows.length / HASH_BYTES} hashes`,
        EXIT_USAGE,
      );
    }

    const buildStarted = performance.now();
    const index = buildIndex(bankRows, undefined, kind);
    const buildSeconds = (performance.now() - buildStarted) / 1000;

    // Warm-up, as faiss_bench.py does: queries from the end of the file, not measured, so that
    // the measured ones run optimised code rather than the JIT's first tiers.
    const total = queryRows.length / HASH_BYTES;
    for (let q = Math.max(0, total - WARM_UP_QUERIES); q < total; q++) {
      index.query(queryRows.subarray(q * HASH_BYTES, (q + 1) * HASH_BYTES), threshold);
    }

    const hits = new TripleBuffer();
    const queryStarted = performance.now();
    const cpuStarted = process.cpuUsage();
    for (let q = 0; q < nq; q++) {
      const query = queryRows.subarray(q * HASH_BYTES, (q + 1) * HASH_BYTES);
      for (const match of index.query(query, threshold)) hits.push(q, match.id, match.distance);
    }
    const querySeconds = (performance.now() - queryStarted) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const queryCpuSeconds = (cpu.user + cpu.system) / 1e6;

    try {
      await writeFile(out, hits.bytes());
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${(error as Error).message}`);
    }
    const report = {
      index: kind,
      n: index.size,
      nq,
      threshold,
      hits: hits.length,
      load_s: round(loadSeconds),
      build_s: round(buildSeconds),
      query_s: round(querySeconds),
      // CPU time of the queries: on a shared machine, the figure other processes disturb least.
      query_cpu_s: round(queryCpuSeconds),
      qps: nq > 0 ? Math.round(nq / querySeconds) : 0,
      rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
      threads: 1,
    };
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  },
};

export default benchIndex;

interface BenchArgs {
  bank: string;
  queries: string;
  threshold: number;
  nq: number;
  out: string;
  kind: IndexKind;
}

function parseBenchArgs(args: string[]): BenchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { index: { type: 'string', default: INDEX_KINDS[0] } },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${usage}`, EXIT_USAGE);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 5) {
    throw new CliError(`expected 5 arguments, got ${positionals.length}\n\n${usage}`, EXIT_USAGE);
  }
  const [bank, queries, thresholdText, nqText, out] = positionals as [
    string,
    string,
    string,
    string,
    string,
  ];
  const kind = values.index;
  if (!isIndexKind(kind)) {
    throw new CliError(`--index must be ${INDEX_KINDS.join(' or ')}, got "${kind}"`, EXIT_USAGE);
  }
  return {
    bank,
    queries,
    threshold: parseCount(thresholdText, 'THRESHOLD', MAX_DISTANCE),
    nq: parseCount(nqText, 'NQ', 0xffff_ffff),
    out,
    kind,
  };
}

function parseCount(text: string, name: string, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value <= max)) {
    throw new CliError(`${name} must be an integer from 0 to ${max}, got "${text}"`, EXIT_USAGE);
  }
  return value;
}

function isIndexKind(value: string): value is IndexKind {
  return (INDEX_KINDS as readonly string[]).includes(value);
}

async function readRows(path: string, name: string): Promise<Uint8Array> {
  const rows = await readHashRows(path);
  if (!rows.ok) throw new CliError(`${name}: ${rows.error.message}`);
  return rows.value;
}

function round(seconds: number): number {
  return Math.round(seconds * 1e4) / 1e4;
}

/** Hits as uint32 triples in a growing array (a match list of millions stays compact). */
class TripleBuffer {
  private values = new Uint32Array(3 * 1024);
  length = 0;

  push(query: number, id: number, distance: number): void {
    if (3 * (this.length + 1) > this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const at = 3 * this.length++;
    this.values[at] = query;
    this.values[at + 1] = id;
    this.values[at + 2] = distance;
  }

  /** The triples as little-endian bytes (every platform Node runs on is little-endian). */
  bytes(): Uint8Array {
    return new Uint8Array(this.values.buffer, 0, 12 * this.length);
  }
}
