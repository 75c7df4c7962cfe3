// npm run bench:server [-- --n 1000000 --connections 8 --duration 10 --rounds 3]
//
// Single-hash POST /api/v1/match over loopback with autocannon, against `aman serve` holding an
// N-hash bank (SQLite), side by side with a bare Fastify route that answers a constant (the
// framework's ceiling), in the same run and with the same load. Half the queries are planted
// near-duplicates of banked hashes (0 to 40 bits flipped), half are random.
//
// Two more figures say what the 50 % goal asks of a request on this machine: the same bare route
// doing `--budget-us` (15) µs of busy work per request (how much of the ceiling such a server
// keeps), and the CPU time of the index query alone, for the same queries against the same bank.
//
// The bank is built once from a seeded generator and kept in bench/.data/ (git-ignored). Run it
// alone (`flock /tmp/aman-bench.lock npm run bench:server`): the load generator and the server
// share the machine's cores, so anything else running skews both columns.
//
// The load, the same for both servers: `--connections` (8) connections, one request in flight on
// each (no pipelining: a platform's HTTP/1.1 client waits for each answer, and pipelined requests
// would let the bare row measure batched parsing rather than a request's round trip). Eight keep
// a single-threaded server busy without queueing (p99 stays near p50) while autocannon, in this
// process, needs about a third of a core at the match route's rate. Processes are not pinned to
// cores: on a shared machine a pinned server cannot move off a core another job is using, which
// skewed the rows more than it helped (tried with taskset). Beside req/s, each row gives the CPU
// time the server process and autocannon spent per request (utime + stime, all threads), steadier
// than req/s when other work shares the cores.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openStore } from '../../server/src/repositories/open-store.ts';
import { nodeSecrets } from '../../server/src/repositories/secrets.ts';
import { systemClock } from '../../server/src/repositories/clock.ts';
import { PlatformService } from '../../server/src/services/platform.service.ts';
import { MultiIndexHashIndex } from '../../packages/similarity/src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '8' },
    duration: { type: 'string', default: '10' },
    queries: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    'budget-us': { type: 'string', default: '15' },
  },
});
const n = Number(values.n);
const connections = Number(values.connections);
const duration = Number(values.duration);
const queryCount = Number(values.queries);
const rounds = Number(values.rounds);
const budgetMicros = Number(values['budget-us']);
for (const [name, value] of Object.entries({
  'budget-us': budgetMicros,
  n,
  connections,
  duration,
  queries: queryCount,
  rounds,
})) {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
}

/** A seeded generator (mulberry32): the same bank on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bankHash(next: () => number): Buffer {
  const bytes = Buffer.alloc(32);
  for (let i = 0; i < 32; i += 4) bytes.writeUInt32BE(Math.floor(next() * 4294967296), i);
  return bytes;
}

/** Builds the bank's SQLite file once; later runs reuse it. */
async function ensureBank(): Promise<{ path: string; sample: Buffer[] }> {
  const dir = join(root, 'bench', '.data', 'server');
  const path = join(dir, `bank-${n}.sqlite`);
  const next = random(1);
  const sample: Buffer[] = [];
  if (existsSync(path)) {
    for (let i = 0; i < Math.min(n, queryCount); i++) sample.push(bankHash(next));
    return { path, sample };
  }
  mkdirSync(dir, { recursive: true });
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const started = performance.now();
  const store = openStore(building);
  await store.migrate();
  const protect = (await store.listBanks()).find((bank) => bank.name === 'protect')!;
  const batch = 20_000;
  for (let done = 0; done < n; done += batch) {
    const signals = [];
    for (let i = done; i < Math.min(n, done + batch); i++) {
      const hash = bankHash(next);
      if (sample.length < queryCount) sample.push(hash);
      signals.push({ type: 'pdq' as const, value: hash.toString('hex'), quality: 100 });
    }
    await store.addBankSignals({ bankId: protect.id, signals, at: new Date() });
    process.stderr.write(`\rbuilding the bank: ${Math.min(n, done + batch)} / ${n}`);
  }
  await store.close();
  renameSync(building, path);
  for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  process.stderr.write(` (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  return { path, sample };
}

/** Match bodies: even ones near-duplicates of banked hashes, odd ones random. */
function queryBodies(sample: Buffer[]): string[] {
  const next = random(2);
  return Array.from({ length: queryCount }, (_, i) => {
    let hash: Buffer;
    if (i % 2 === 0) {
      hash = Buffer.from(sample[(i / 2) % sample.length]!);
      const flips = Math.floor(next() * 41);
      for (let f = 0; f < flips; f++) {
        const bit = Math.floor(next() * 256);
        hash[bit >> 3]! ^= 1 << (bit & 7);
      }
    } else {
      hash = bankHash(next);
    }
    return JSON.stringify({ signals: [{ type: 'pdq', value: hash.toString('hex') }] });
  });
}

async function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ url: string; child: ChildProcess; startS: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined)
        resolvePromise({ url, child, startS: (performance.now() - started) / 1000 });
    });
    child.on('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)),
    );
  });
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** CPU time a process has used, all threads, in microseconds (Linux). */
function cpuMicros(pid: number): number {
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 Hz).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** Server CPU time per answered request, µs. */
  readonly serverCpu: number;
  /** autocannon's (this process's) CPU time per answered request, µs. */
  readonly loadCpu: number;
}

/** One autocannon run of `seconds` against `url`, cycling through `bodies`. */
async function load(
  server: { url: string; child: ChildProcess },
  apiKey: string,
  bodies: string[],
  seconds: number,
): Promise<LoadResult> {
  let i = 0;
  const serverBefore = cpuMicros(server.child.pid!);
  const loadBefore = process.cpuUsage();
  const result = await autocannon({
    url: `${server.url}/api/v1/match`,
    connections,
    pipelining: 1,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    requests: [
      {
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          body: bodies[i++ % bodies.length]!,
        }),
      },
    ],
  });
  const loadUsed = process.cpuUsage(loadBefore);
  const answered = Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    serverCpu: (cpuMicros(server.child.pid!) - serverBefore) / answered,
    loadCpu: (loadUsed.user + loadUsed.system) / answered,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const { path, sample } = await ensureBank();
const bodies = queryBodies(sample);
const store = openStore(path);
await store.migrate();
const apiKey = await new PlatformService({
  store,
  secrets: nodeSecrets,
  clock: systemClock,
}).issueKey('Benchmark platform', ['match']);
await store.close();

/**
 * The index alone, in this process: CPU µs per query for the same query hashes against the same
 * bank (regenerated from the seed), searched at the bank's threshold (31).
 */
function indexMicrosPerQuery(): number {
  const next = random(1);
  const hashes = Buffer.alloc(n * 32);
  for (let i = 0; i < n; i++) bankHash(next).copy(hashes, i * 32);
  const index = MultiIndexHashIndex.fromHashes(hashes);
  const queries = bodies.map((body) => {
    const { signals } = JSON.parse(body) as { signals: [{ value: string }] };
    return Buffer.from(signals[0].value, 'hex');
  });
  let answered = 0;
  let found = 0;
  const started = process.cpuUsage();
  do {
    for (const query of queries) found += index.query(query, 31).length;
    answered += queries.length;
  } while (process.cpuUsage(started).user < 2_000_000);
  const used = process.cpuUsage(started);
  if (found === 0) throw new Error('the index found none of the planted near-duplicates');
  return (used.user + used.system) / answered;
}
const indexMicros = indexMicrosPerQuery();

const ceiling = await start([join(here, 'bare-server.ts')]);
// The same bare route with `budgetMicros` of busy work per request: how much a request may cost on
// this machine for a server to keep half of the ceiling.
const budget = await start([join(here, 'bare-server.ts')], {
  AMAN_BENCH_HANDLER_US: String(budgetMicros),
});
const aman = await start(
  [join(root, 'cli', 'bin', 'aman.js'), 'serve', '--port', '0', '--db', path, '--no-demo'],
  // One key at full speed is the point of this bench: its per-key budget is raised out of reach,
  // not turned off, so that every request still pays for its limiter check.
  { AMAN_MATCHER_POLL_MS: '250', AMAN_PLATFORM_RATE_LIMIT_PER_MINUTE: '1000000000' },
);
// Warm-up (JIT, caches), then alternate the two servers so that a change in the machine's load
// (the cores are shared) falls on both columns alike; the medians are reported.
await load(ceiling, apiKey, bodies, 2);
await load(budget, apiKey, bodies, 2);
await load(aman, apiKey, bodies, 2);
const runs: { ceiling: LoadResult; budget: LoadResult; aman: LoadResult }[] = [];
for (let round = 0; round < rounds; round++) {
  runs.push({
    ceiling: await load(ceiling, apiKey, bodies, duration),
    budget: await load(budget, apiKey, bodies, duration),
    aman: await load(aman, apiKey, bodies, duration),
  });
}
const rss = rssMiB(aman.child.pid!);
for (const server of [ceiling, budget, aman]) server.child.kill('SIGTERM');

const summary = (pick: (run: (typeof runs)[number]) => LoadResult): LoadResult => ({
  rps: median(runs.map((run) => pick(run).rps)),
  p50: median(runs.map((run) => pick(run).p50)),
  p99: median(runs.map((run) => pick(run).p99)),
  errors: runs.reduce((sum, run) => sum + pick(run).errors, 0),
  serverCpu: median(runs.map((run) => pick(run).serverCpu)),
  loadCpu: median(runs.map((run) => pick(run).loadCpu)),
});
const ceilingResult = summary((run) => run.ceiling);
const budgetResult = summary((run) => run.budget);
const amanResult = summary((run) => run.aman);
const ratio = amanResult.rps / ceilingResult.rps;
const row = (name: string, r: LoadResult) =>
  `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(7)} ${r.serverCpu.toFixed(1).padStart(13)} ${r.loadCpu.toFixed(1).padStart(15)}`;
// What the server alone costs, whatever else shares the cores: requests per CPU second of each.
const cpuRatio = ceilingResult.serverCpu / amanResult.serverCpu;
console.log(
  [
    '',
    `bench:server: ${n.toLocaleString('en')} PDQ hashes in the bank, single-hash POST /api/v1/match, ` +
      `${connections} connections, ${rounds} alternating rounds of ${duration} s per server, ` +
      `${cpus().length} cores shared by autocannon, both servers and anything else running`,
    '',
    `${'server'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'server µs/req'.padStart(13)} ${'autocannon µs/req'.padStart(15)}`,
    ...runs.flatMap((run, round) => [
      row(`  round ${round + 1}: bare Fastify`, run.ceiling),
      row(`  round ${round + 1}: bare + ${budgetMicros} µs of work`, run.budget),
      row(`  round ${round + 1}: aman serve`, run.aman),
    ]),
    row('bare Fastify, constant (median)', ceilingResult),
    row(`bare + ${budgetMicros} µs of work (median)`, budgetResult),
    row(`aman serve, ${n.toLocaleString('en')} hashes (median)`, amanResult),
    '',
    `aman / ceiling: ${(ratio * 100).toFixed(0)} % (goal >= 50 %): ${ratio >= 0.5 ? 'met' : 'NOT met'}`,
    `aman p99: ${amanResult.p99.toFixed(1)} ms (goal < 20 ms): ${amanResult.p99 < 20 ? 'met' : 'NOT met'}`,
    `the budget: the bare route doing ${budgetMicros} µs of work per request keeps ` +
      `${((budgetResult.rps / ceilingResult.rps) * 100).toFixed(0)} % of the ceiling; ` +
      `the index query alone (same queries, same bank, threshold 31, in this process) costs ` +
      `${indexMicros.toFixed(1)} µs of CPU per query`,
    `server CPU per request: aman ${amanResult.serverCpu.toFixed(1)} µs, bare ${ceilingResult.serverCpu.toFixed(1)} µs ` +
      `(aman answers ${(cpuRatio * 100).toFixed(0)} % as many requests per CPU second)`,
    `aman start with the bank loaded: ${aman.startS.toFixed(1)} s; resident memory after the run: ${rss.toFixed(0)} MiB`,
    `load average at the end: ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
  ].join('\n'),
);
