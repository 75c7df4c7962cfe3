// npm run bench:load [-- --duration 60 --connections 8 --db sqlite|postgres]
//
// A mixed workload over loopback for DURATION seconds against `aman serve`: victims opening cases
// (argon2id of the PIN, fsync of the commit) and following them (argon2id verify), platforms
// matching single hashes (half near copies of banked ones) and reading the change feed, and
// message triage. Then the same load against a bare Fastify app with the same routes and constant
// answers (the framework's ceiling), in the same run. Prints throughput, p50/p99 per operation and
// errors, then checks that no acknowledged write was lost: every case answered 201 is read back
// with its PIN and its signals, and every one of its signals has its `add` in the change feed.
//
// Rate limits are lifted for the run (one address, one key would otherwise be refused by design).
// The load generator, the server and everyone else's work share the machine's cores: run it alone
// (`flock /tmp/aman-bench.lock npm run bench:load`) and read the figures as this machine's.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Agent, request } from 'node:http';
import { AmanClient } from '../../packages/api/src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '8' },
    db: { type: 'string', default: 'sqlite' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!(duration >= 1) || !(connections >= 1))
  throw new Error('--duration and --connections are positive');
if (values.db !== 'sqlite' && values.db !== 'postgres')
  throw new Error('--db is sqlite or postgres');

// Written for this benchmark: made-up messages in the portal's languages.
const MESSAGES = [
  "J'ai ta video. Envoie 500 euros par Western Union a Karim Exemple avant ce soir ou je la publie.",
  'I have recorded you. Pay 300 USD in bitcoin to bc1qexampleexampleexampleexample or your family sees it.',
  'عندي الفيديو ديالك، صيفط 3000 درهم ولا غادي نرسلو لعائلتك',
  'Salut, on se voit demain pour le match ?',
];

type Op = 'createCase' | 'getCase' | 'match' | 'changes' | 'triage';
const MIX: readonly [Op, number][] = [
  ['createCase', 5],
  ['getCase', 10],
  ['match', 55],
  ['changes', 15],
  ['triage', 15],
];

interface Opened {
  caseNumber: string;
  pin: string;
  values: string[];
}

interface RunResult {
  requests: number;
  errors: number;
  errorKinds: Map<string, number>;
  latencies: Map<Op, number[]>;
  opened: Opened[];
  seconds: number;
}

function pick(): Op {
  const total = MIX.reduce((sum, [, weight]) => sum + weight, 0);
  let at = Math.random() * total;
  for (const [op, weight] of MIX) {
    at -= weight;
    if (at < 0) return op;
  }
  return 'match';
}

function flip(hex: string, bits: number): string {
  const bytes = Buffer.from(hex, 'hex');
  for (let i = 0; i < bits; i++) {
    const bit = Math.floor(Math.random() * 256);
    bytes[bit >> 3]! ^= 1 << (bit & 7);
  }
  return bytes.toString('hex');
}

async function drive(url: string, apiKey: string, seconds: number): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const result: RunResult = {
    requests: 0,
    errors: 0,
    errorKinds: new Map(),
    latencies: new Map(MIX.map(([op]) => [op, []])),
    opened: [],
    seconds,
  };
  let cursor = '0';
  const banked: string[] = [];
  const target = new URL(url);
  const call = (
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<{ status: number; json: unknown }> =>
    new Promise((resolvePromise, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const outgoing = request(
        {
          host: target.hostname,
          port: target.port,
          method,
          path,
          agent,
          headers:
            payload === undefined
              ? headers
              : {
                  ...headers,
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            try {
              resolvePromise({
                status: response.statusCode ?? 0,
                json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
              });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  const platform = { authorization: `Bearer ${apiKey}` };
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      let op = pick();
      if (op === 'getCase' && result.opened.length === 0) op = 'createCase';
      const started = performance.now();
      let status = 0;
      let failure = '';
      try {
        switch (op) {
          case 'createCase': {
            const values = [randomBytes(32).toString('hex'), randomBytes(32).toString('hex')];
            const answer = await call(
              'POST',
              '/api/v1/cases',
              {
                signals: [
                  { type: 'pdq', value: values[0], quality: 90 },
                  { type: 'sha256', value: values[1] },
                ],
              },
              {},
            );
            status = answer.status;
            if (status === 201) {
              const { caseNumber, pin } = answer.json as { caseNumber: string; pin: string };
              result.opened.push({ caseNumber, pin, values });
              banked.push(values[0]!);
            }
            break;
          }
          case 'getCase': {
            const target = result.opened[Math.floor(Math.random() * result.opened.length)]!;
            status = (
              await call('GET', `/api/v1/cases/${target.caseNumber}`, undefined, {
                'x-case-pin': target.pin,
              })
            ).status;
            break;
          }
          case 'match': {
            const known = banked.length > 0 && Math.random() < 0.5;
            const value = known
              ? flip(
                  banked[Math.floor(Math.random() * banked.length)]!,
                  Math.floor(Math.random() * 30),
                )
              : randomBytes(32).toString('hex');
            status = (
              await call('POST', '/api/v1/match', { signals: [{ type: 'pdq', value }] }, platform)
            ).status;
            break;
          }
          case 'changes': {
            const answer = await call(
              'GET',
              `/api/v1/changes?cursor=${cursor}&limit=1000`,
              undefined,
              platform,
            );
            status = answer.status;
            if (status === 200) cursor = (answer.json as { cursor: string }).cursor;
            break;
          }
          case 'triage':
            status = (
              await call(
                'POST',
                '/api/v1/triage',
                { text: MESSAGES[Math.floor(Math.random() * MESSAGES.length)] },
                {},
              )
            ).status;
            break;
        }
      } catch (error) {
        failure = (error as Error).message;
      }
      result.requests++;
      if (failure !== '' || status < 200 || status >= 300) {
        result.errors++;
        const kind = failure !== '' ? `${op}: ${failure}` : `${op}: HTTP ${status}`;
        result.errorKinds.set(kind, (result.errorKinds.get(kind) ?? 0) + 1);
      } else {
        result.latencies.get(op)!.push(performance.now() - started);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return result;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(result: RunResult, op?: Op): { rps: number; p50: number; p99: number; n: number } {
  const latencies = (
    op === undefined ? [...result.latencies.values()].flat() : result.latencies.get(op)!
  ).sort((a, b) => a - b);
  return {
    rps: latencies.length / result.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    n: latencies.length,
  };
}

async function start(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; child: ChildProcess }> {
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
      if (url !== undefined && (output.includes('Press Ctrl+C') || !args[0]!.endsWith('aman.js'))) {
        resolvePromise({ url, child });
      }
    });
    child.on('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)),
    );
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
  });
}

/** Every acknowledged case, read back with its PIN; every signal's `add` found in the feed. */
async function verify(
  url: string,
  apiKey: string,
  opened: Opened[],
): Promise<{ lost: string[]; missingInFeed: number }> {
  const victim = new AmanClient({ baseUrl: url });
  const platform = new AmanClient({ baseUrl: url, apiKey });
  const lost: string[] = [];
  for (let i = 0; i < opened.length; i += 8) {
    await Promise.all(
      opened.slice(i, i + 8).map(async (entry) => {
        const view = await victim.getCase(entry.caseNumber, entry.pin);
        const stored = view.ok ? view.value.signals.map((signal) => signal.value) : [];
        if (!entry.values.every((value) => stored.includes(value))) lost.push(entry.caseNumber);
      }),
    );
  }
  const added = new Set<string>();
  for (let cursor = '0'; ;) {
    const page = await platform.changes({ cursor, limit: 10_000 });
    if (!page.ok) throw new Error(page.error.message);
    for (const change of page.value.changes)
      if (change.op === 'add') added.add(String(change.value));
    if (page.value.changes.length === 0) break;
    cursor = page.value.cursor;
  }
  const missingInFeed = opened
    .flatMap((entry) => entry.values)
    .filter((value) => !added.has(value)).length;
  return { lost, missingInFeed };
}

const dir = mkdtempSync(join(tmpdir(), 'aman-bench-load-'));
let database: { url: string; drop(): Promise<void> } | undefined;
try {
  let db = join(dir, 'aman.sqlite');
  if (values.db === 'postgres') {
    const { createTestDatabase } = await import('../../server/test/helpers/postgres.ts');
    database = await createTestDatabase();
    db = database.url;
  }
  const env = {
    AMAN_DATA_DIR: dir,
    AMAN_RATE_LIMIT_PER_MINUTE: '0',
    AMAN_PLATFORM_RATE_LIMIT_PER_MINUTE: '0',
    AMAN_CASE_RATE_LIMIT_PER_MINUTE: '0',
  };
  const amanBin = join(root, 'cli/bin/aman.js');
  const aman = await start([amanBin, 'serve', '--port', '0', '--db', db, '--no-demo'], env);
  const { execFileSync } = await import('node:child_process');
  const apiKey = (
    JSON.parse(
      execFileSync(
        process.execPath,
        [amanBin, 'platform', 'add', 'Bench Platform', '--db', db, '--json'],
        {
          env: { ...process.env, ...env },
        },
      ).toString(),
    ) as { apiKey: string }
  ).apiKey;

  process.stdout.write(
    `bench:load — ${duration} s, ${connections} connections, ${values.db}, ${cpus().length} cores (shared), load average ${loadavg()[0]!.toFixed(1)}\n\n`,
  );
  const ours = await drive(aman.url, apiKey, duration);
  const check = await verify(aman.url, apiKey, ours.opened);
  await stop(aman.child);

  const bare = await start([join(here, 'bare-server.ts')], {});
  const peer = await drive(bare.url, apiKey, duration);
  await stop(bare.child);

  const row = (name: string, result: RunResult) => {
    const all = summary(result);
    return `| ${name} | ${all.rps.toFixed(0)} | ${all.p50.toFixed(1)} | ${all.p99.toFixed(1)} | ${result.errors} |`;
  };
  const lines = [
    '| server | req/s | p50 ms | p99 ms | errors |',
    '| --- | --- | --- | --- | --- |',
    row('`aman serve`, mixed workload', ours),
    row('bare Fastify, same routes, constant answers', peer),
    '',
    '| operation (aman serve) | share | req/s | p50 ms | p99 ms |',
    '| --- | --- | --- | --- | --- |',
    ...MIX.map(([op, weight]) => {
      const part = summary(ours, op);
      return `| ${op} | ${weight} % | ${part.rps.toFixed(0)} | ${part.p50.toFixed(1)} | ${part.p99.toFixed(1)} |`;
    }),
    '',
    `errors: ${ours.errors}${[...ours.errorKinds].map(([kind, n]) => `\n  ${n} × ${kind}`).join('')}`,
    `acknowledged cases: ${ours.opened.length}; lost: ${check.lost.length}; signals missing from the change feed: ${check.missingInFeed}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (ours.errors > 0 || check.lost.length > 0 || check.missingInFeed > 0) process.exitCode = 1;
} finally {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
}
