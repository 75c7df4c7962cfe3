// npm run bench:similarity [-- --n 10000000]
//
// Aman's similarity index next to FAISS (Meta's choice in HMA) on the same seeded data, in the same
// run, scored by the same harness. Uses the shared benchmark scripts (../shared/bench: gen_hashes.py,
// faiss_bench.py, bench_external.py), generates the data set if it is missing (kept out of git in
// bench/similarity/.data/), and installs Debian's python3-numpy, python3-faiss and
// libopenblas0-pthread with apt-get when they are missing.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const python = '/usr/bin/python3';
const debianPackages = ['python3-numpy', 'python3-faiss', 'libopenblas0-pthread'];

const usage = `Usage: npm run bench:similarity -- [options]

  --n N              bank size (default 1000000; 10000000 for the 10M run, ~10 min to generate)
  --nq N             queries Aman answers (default 10000)
  --threshold T      Hamming threshold (default 31)
  --faiss LIST       FAISS methods of faiss_bench.py (default flat,mih16; mih8 needs ~7 GB at 10M)
  --brute-force-nq N queries for Aman's brute-force reference (default 300; 0 skips it)
  --scripts DIR      the shared benchmark scripts (default $AMAN_BENCH_SCRIPTS or ../shared/bench)`;

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    nq: { type: 'string', default: '10000' },
    threshold: { type: 'string', default: '31' },
    faiss: { type: 'string', default: 'flat,mih16' },
    'brute-force-nq': { type: 'string', default: '300' },
    scripts: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const n = positiveInteger(values.n, '--n');
const nq = positiveInteger(values.nq, '--nq');
const threshold = positiveInteger(values.threshold, '--threshold');
const bruteForceNq = positiveInteger(values['brute-force-nq'], '--brute-force-nq', true);
const scripts = resolve(
  values.scripts ?? process.env.AMAN_BENCH_SCRIPTS ?? join(root, '..', 'shared', 'bench'),
);
for (const script of ['gen_hashes.py', 'faiss_bench.py', 'bench_external.py']) {
  if (!existsSync(join(scripts, script))) {
    fail(
      `${join(scripts, script)} not found: give the shared benchmark scripts with --scripts DIR`,
    );
  }
}

ensurePythonPackages();
const data = join(here, '.data', `n${n}`);
ensureData();
const results = join(here, '.data', `results-n${n}.jsonl`);
const cores = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();

console.error(`\n== FAISS (${values.faiss}) ==`);
const faiss = jsonLines(
  run(python, [
    join(scripts, 'faiss_bench.py'),
    '--data',
    data,
    '--out',
    results,
    '--methods',
    values.faiss,
    '--thresholds',
    String(threshold),
    '--threads',
    '1',
    '--timeout',
    String(Math.max(600, n / 5000)),
  ]),
);

const aman: Record<string, unknown>[] = [];
for (const [index, queries] of [
  ['multi-index', nq],
  ['brute-force', bruteForceNq],
] as const) {
  if (queries === 0) continue;
  console.error(`\n== Aman ${index} (${queries} queries) ==`);
  const output = run(
    python,
    [
      join(scripts, 'bench_external.py'),
      '--data',
      data,
      '-t',
      String(threshold),
      '--nq',
      String(queries),
      '--name',
      `aman-${index}`,
      '--out',
      results,
      '--',
      process.execPath,
      join(root, 'cli', 'bin', 'aman.js'),
      'bench-index',
      '{bank}',
      '{queries}',
      '{threshold}',
      '{nq}',
      '{out}',
      '--index',
      index,
    ],
    true,
  );
  aman.push(...jsonLines(output));
}

printTable();

function printTable(): void {
  const rows: string[][] = [
    [
      'matcher',
      'queries',
      'build s',
      'memory MB',
      'queries/s',
      'q/s per CPU s',
      'recall',
      'precision',
      'exact',
    ],
  ];
  for (const record of aman) {
    const self = (record.self_report ?? {}) as Record<string, number>;
    rows.push([
      String(record.name),
      String(record.nq),
      fixed((self.load_s ?? 0) + (self.build_s ?? 0), 2),
      `${fixed(record.peak_rss_mb, 0)} (process peak)`,
      fixed(record.qps, 0),
      self.query_cpu_s ? fixed(Number(record.nq) / self.query_cpu_s, 0) : '-',
      fixed(record.recall, 4),
      fixed(record.precision, 4),
      record.exact === true ? 'yes' : 'NO',
    ]);
  }
  const builds = new Map(faiss.filter((r) => r.kind === 'build').map((r) => [r.method, r]));
  for (const search of faiss.filter((r) => r.kind === 'search' && r.threads === 1)) {
    const build = builds.get(search.method) ?? {};
    rows.push([
      `faiss-${String(search.method)}`,
      String(search.nq),
      fixed(build.build_s, 2),
      `${fixed(build.rss_delta_mb, 0)} (index only)`,
      fixed(search.qps, 0),
      '-',
      fixed(search.recall, 4),
      search.false_pos_in_radius === 0 ? '1.0000' : `${String(search.false_pos_in_radius)} extra`,
      search.recall === 1 && search.false_pos_in_radius === 0 ? 'yes' : 'NO',
    ]);
  }
  for (const status of faiss.filter((r) => r.kind === 'status' || r.kind === 'skipped')) {
    rows.push([
      `faiss-${String(status.method)}`,
      '-',
      '-',
      '-',
      String(status.status ?? status.why),
    ]);
  }
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  const faissBuild = faiss.find((r) => typeof r.faiss === 'string') ?? {};
  const faissVersion = typeof faissBuild.faiss === 'string' ? faissBuild.faiss : '?';
  const faissOptions = typeof faissBuild.faiss_opt === 'string' ? faissBuild.faiss_opt.trim() : '';
  console.log(
    [
      '',
      `PDQ range search: ${n.toLocaleString('en')} hashes, threshold ${threshold}, one thread; ` +
        `${cores} CPU cores shared with other work (figures can be disturbed: re-run to confirm)`,
      `FAISS ${faissVersion} is Debian's generic build (compile options: "${faissOptions}"; no hardware popcount).`,
      "Aman's memory is the whole process's peak RSS (Node, bank, index); FAISS's is the index's RSS growth.",
      'queries/s is wall time (the figure to compare); q/s per CPU s divides by the CPU time the',
      "queries used, which other processes on the shared cores disturb less (FAISS's script has no such figure).",
      '',
      ...rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')),
      '',
      `Results appended to ${results}`,
    ].join('\n'),
  );
}

function ensurePythonPackages(): void {
  const check = () =>
    spawnSync(python, ['-c', 'import numpy, faiss'], { stdio: 'ignore' }).status === 0;
  if (check()) return;
  console.error(`Installing Debian packages: ${debianPackages.join(' ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args: string[]) => {
    const command = [...sudo, 'apt-get', ...args];
    return spawnSync(command[0]!, command.slice(1), { stdio: 'inherit' }).status === 0;
  };
  if (!apt('install', '-y', ...debianPackages)) {
    apt('update');
    apt('install', '-y', ...debianPackages);
  }
  if (!check()) fail(`could not install ${debianPackages.join(', ')}: install them with apt-get`);
}

function ensureData(): void {
  const manifestPath = join(data, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { n: number; q: number };
    if (manifest.n === n && manifest.q >= nq) return;
  }
  console.error(`Generating ${n} hashes and exact ground truth into ${data} (this takes a while)`);
  mkdirSync(data, { recursive: true });
  run(python, [
    join(scripts, 'gen_hashes.py'),
    data,
    '--n',
    String(n),
    '--q',
    String(Math.max(nq, 10_000)),
  ]);
}

/** Runs a command, its stderr shown as it goes; returns its stdout (exits if it fails). */
function run(command: string, args: string[], allowFailure = false): string {
  const options: SpawnSyncOptions = {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  };
  const result = spawnSync(command, args, options);
  const stdout = String(result.stdout ?? '');
  if (result.status !== 0 && !allowFailure) {
    process.stderr.write(stdout);
    fail(`${command} ${args.join(' ')} exited with ${String(result.status ?? result.signal)}`);
  }
  return stdout;
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function fixed(value: unknown, digits: number): string {
  return typeof value === 'number' ? value.toFixed(digits) : '-';
}

function positiveInteger(text: string, name: string, zero = false): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 || (zero && value === 0)))
    fail(`${name} must be a positive integer, got "${text}"`);
  return value;
}

function fail(message: string): never {
  console.error(`bench:similarity: ${message}`);
  process.exit(1);
}
