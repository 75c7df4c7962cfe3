// npm run bench:correlate [-- --reports 100000 --identifiers 500000 --runs 3 --seed 1]
//
// Clusters 100,000 reports holding 500,000 identifiers into networks with @aman/correlation, and
// the same data with two peers measured in the same run, on one core (Node runs this JavaScript on
// one thread; SQLite runs in-process on the same thread):
//   - naive: a textbook union-find over a Map<string, string> of report ids and identifier strings;
//   - sqlite: an in-memory SQLite table of (report, identifier), GROUP BY identifier, and a
//     union-find over the groups.
// All three must find the same networks; the bench says so or fails. It then measures what
// "incremental" buys: adding one report to the 100,000 versus clustering everything again.
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { Correlator, type IndicatorInput, type ReportInput } from '@aman/correlation';
import { Random } from '@aman/correlation/synthetic';

function noGarbageCollector(): void {}
/** `gc` exists when node runs with --expose-gc (the npm script does). */
const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? noGarbageCollector;

const usage = `Usage: npm run bench:correlate -- [options]

  --reports N        reports (default 100000)
  --identifiers N    identifier indicators in all (default 500000), plus one amount per report
  --runs N           timed runs of each implementation, the median is reported (default 3)
  --seed N           data seed (default 1)`;

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '100000' },
    identifiers: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const reportCount = positiveInteger(values.reports, '--reports');
const identifierCount = positiveInteger(values.identifiers, '--identifiers');
const runs = positiveInteger(values.runs, '--runs');
const seed = positiveInteger(values.seed, '--seed');

const data = generate(reportCount, identifierCount, seed);
console.log(
  `data: ${data.reports.length.toLocaleString('en')} reports, ${data.identifiers.toLocaleString('en')} identifiers ` +
    `(${data.distinct.toLocaleString('en')} distinct) from ${data.rings.toLocaleString('en')} groups and rings and ` +
    `${data.loners.toLocaleString('en')} one-off blackmailers, seed ${seed}; Node ${process.version}, one thread`,
);

interface Outcome {
  readonly seconds: number;
  /** CPU time of the process (user + system): less sensitive than wall time to a busy machine. */
  readonly cpuSeconds: number;
  readonly networks: number;
  readonly signature: string;
  readonly heapMb: number;
}

// Runs alternate between the three, so that each meets the same heap and the same neighbours.
const implementations: Array<[string, () => string[][]]> = [
  [
    'aman',
    () => {
      const correlator = new Correlator();
      const { added, refused } = correlator.addAll(data.reports);
      if (refused.length > 0 || added !== data.reports.length) throw new Error('reports refused');
      return correlator.clusters();
    },
  ],
  ['naive', () => naiveClusters(data.reports)],
  ['sqlite', () => sqliteClusters(data.reports)],
];
const samples = new Map<
  string,
  Array<{ seconds: number; cpuSeconds: number; heapMb: number; clusters: string[][] }>
>();
for (let run = 0; run < runs; run++) {
  for (const [name, cluster] of implementations) {
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const clusters = cluster();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    samples.set(name, [...(samples.get(name) ?? []), { seconds, cpuSeconds, heapMb, clusters }]);
  }
}
for (const [name] of implementations) {
  const runsOf = samples.get(name)!;
  process.stdout.write(`  ${name}: ${runsOf.map((s) => s.seconds.toFixed(2)).join(' s, ')} s\n`);
}
const outcome = (name: string): Outcome => {
  const runsOf = [...samples.get(name)!].sort((a, b) => a.seconds - b.seconds);
  const median = runsOf[runsOf.length >> 1]!;
  return {
    seconds: median.seconds,
    cpuSeconds: median.cpuSeconds,
    networks: median.clusters.length,
    signature: signature(median.clusters),
    heapMb: Math.max(...runsOf.map((s) => s.heapMb)),
  };
};
const aman = outcome('aman');
const naive = outcome('naive');
const sqlite = outcome('sqlite');
samples.clear();

console.log('');
console.log('clustering (median of runs)                wall s    CPU s   networks   JS heap MB');
for (const [name, outcome] of [
  ['@aman/correlation Correlator.addAll', aman],
  ['naive Map<string,string> union-find', naive],
  ['SQLite :memory: GROUP BY + union-find', sqlite],
] as const) {
  console.log(
    `${name.padEnd(42)} ${outcome.seconds.toFixed(2).padStart(6)}   ${outcome.cpuSeconds.toFixed(2).padStart(6)}   ${String(outcome.networks).padStart(8)}   ${outcome.heapMb.toFixed(0).padStart(10)}`,
  );
}
if (collectGarbage === noGarbageCollector) {
  console.log(
    '(run with node --expose-gc for comparable heap figures: npm run bench:correlate does)',
  );
}
const same = aman.signature === naive.signature && aman.signature === sqlite.signature;
console.log(`same networks from all three: ${same ? 'yes' : 'NO'}`);
console.log(
  `target: under 5 s for ${reportCount.toLocaleString('en')} reports / ${identifierCount.toLocaleString('en')} identifiers: ${aman.seconds < 5 ? 'met' : 'NOT MET'} (${aman.seconds.toFixed(2)} s)`,
);

// Incremental: one more report into the loaded correlator, versus clustering everything again.
const correlator = new Correlator();
correlator.addAll(data.reports);
const extra = generate(1000, 5000, seed + 1).reports.map((report, i) => ({
  ...report,
  id: `extra-${i}`,
  caseId: `extra-case-${i}`,
  // Half of them reuse identifiers of the loaded rings, so they merge into existing networks.
  indicators:
    i % 2 === 0
      ? [...report.indicators, data.reports[(i * 97) % data.reports.length]!.indicators[0]!]
      : report.indicators,
}));
const times: number[] = [];
for (const report of extra) {
  const started = process.hrtime.bigint();
  const result = correlator.add(report);
  times.push(Number(process.hrtime.bigint() - started) / 1000);
  if (!result.ok) throw new Error(result.error.message);
}
times.sort((a, b) => a - b);
console.log(
  `incremental: adding 1 report to ${reportCount.toLocaleString('en')}: median ${times[times.length >> 1]!.toFixed(1)} µs, p99 ${times[Math.floor(times.length * 0.99)]!.toFixed(1)} µs, versus ${aman.seconds.toFixed(2)} s to cluster all again`,
);
const summaryStart = performance.now();
const networks = correlator.networks({ minVictims: 2 });
console.log(
  `summaries: ${networks.length.toLocaleString('en')} networks with 2+ victims summarised in ${((performance.now() - summaryStart) / 1000).toFixed(2)} s (victims, amounts, channels, countries, identifiers)`,
);
correlator.add({ ...extra[0]!, id: 'one-more', caseId: 'one-more-case' });
const againStart = performance.now();
correlator.networks({ minVictims: 2 });
console.log(
  `summaries again after one more report: ${((performance.now() - againStart) / 1000).toFixed(2)} s (unchanged networks come from the cache)`,
);
for (const [what, read] of [
  ['trends over every report (ISO weeks x families x channels)', () => correlator.trends()],
  ['whole graph (networks of 2+ victims, at most 5,000 nodes)', () => correlator.wholeGraph()],
  ['hub candidates over every identifier', () => correlator.hubs()],
  ['lookup of 10,000 identifiers', () => lookups(correlator, data.reports)],
] as const) {
  const started = performance.now();
  read();
  console.log(`${what}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
}
// Removal (a victim takes messages back): 1, 10 and 100 reports at a time out of the loaded
// correlator, five rounds each: CPU time of the removal, then of the network summaries read after
// it. No forced garbage collection before: its background threads would be counted.
const removedIds = new Set<string>();
/** `count` loaded reports not removed yet, spread over the data (rings and one-offs alike). */
const pickForRemoval = (count: number, round: number): string[] => {
  const picked: string[] = [];
  for (let i = 0; picked.length < count; i++) {
    const id = data.reports[(round * 7_919 + i * 977) % data.reports.length]!.id;
    if (!removedIds.has(id)) {
      removedIds.add(id);
      picked.push(id);
    }
  }
  return picked;
};
const cpuSecondsOf = (work: () => void): number => {
  const cpuStart = process.cpuUsage();
  work();
  const cpu = process.cpuUsage(cpuStart);
  return (cpu.user + cpu.system) / 1e6;
};
const milliseconds = (seconds: number): string => (seconds * 1000).toFixed(1);
correlator.networks({ minVictims: 2 });
let round = 0;
for (const count of [1, 10, 100]) {
  const held = correlator.reportCount;
  const removalSeconds: number[] = [];
  const summarySeconds: number[] = [];
  const regrouped: number[] = [];
  for (let i = 0; i < 5; i++, round++) {
    const ids = pickForRemoval(count, round);
    // What a removal works on: the reports of the networks it takes apart.
    const networks = new Set(ids.map((id) => correlator.networkOf(id)!));
    regrouped.push([...networks].reduce((sum, id) => sum + correlator.network(id)!.reports, 0));
    removalSeconds.push(
      cpuSecondsOf(() => {
        if (correlator.removeAll(ids) !== count) throw new Error('report to remove not found');
      }),
    );
    summarySeconds.push(cpuSecondsOf(() => correlator.networks({ minVictims: 2 })));
  }
  const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[2]!;
  console.log(
    `removal: ${count} report(s) out of ${held.toLocaleString('en')}: median ${milliseconds(median(removalSeconds))} CPU ms ` +
      `(${removalSeconds.map(milliseconds).join(', ')}) for networks of ${regrouped.map((n) => n.toLocaleString('en')).join(', ')} reports; ` +
      `summaries read after it: median ${milliseconds(median(summarySeconds))} CPU ms`,
  );
}
console.log(
  'The 2 CPU cores of this machine are shared with other work: rerun to compare figures.',
);
if (!same) process.exitCode = 1;

/** Looks up the first identifier of 10,000 reports, as platforms would through the API. */
function lookups(correlator: Correlator, reports: readonly ReportInput[]): number {
  let found = 0;
  for (let i = 0; i < 10_000; i++) {
    const indicator = reports[(i * 7919) % reports.length]!.indicators[0]!;
    const type = indicator.type === 'social' ? indicator.service! : indicator.type;
    const value =
      indicator.type === 'social' ? indicator.normalized.split(':')[1]! : indicator.normalized;
    const result = correlator.lookup(type, value);
    if (result.ok && result.value.reports > 0) found++;
  }
  return found;
}

/** Order-free fingerprint of a partition: each cluster's sorted ids, the clusters sorted. */
function signature(clusters: string[][]): string {
  const lines = clusters.map((cluster) => [...cluster].sort().join(',')).sort();
  let hash = 0x811c9dc5;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) hash = Math.imul(hash ^ line.charCodeAt(i), 16777619);
    hash = Math.imul(hash ^ 10, 16777619);
  }
  return `${lines.length}:${(hash >>> 0).toString(16)}`;
}

/**
 * The textbook peer: string-keyed union-find over report ids and `type:normalized` identifiers
 * (no canonical forms, no safelist, no summaries: strictly less work than the engine does).
 */
function naiveClusters(reports: readonly ReportInput[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const firstOfCase = new Map<string, string>();
  for (const report of reports) {
    const node = `r\u0000${report.id}`;
    parent.set(node, node);
    const first = firstOfCase.get(report.caseId);
    if (first === undefined) firstOfCase.set(report.caseId, node);
    else union(first, node);
    for (const indicator of report.indicators) {
      if (indicator.type === 'amount') continue;
      const key = `k\u0000${indicator.type}:${indicator.normalized}`;
      if (!parent.has(key)) parent.set(key, key);
      union(key, node);
    }
  }
  return groups(reports, (report) => find(`r\u0000${report.id}`));
}

/** The SQL peer: (report, identifier) rows, GROUP BY identifier, union-find over the groups. */
function sqliteClusters(reports: readonly ReportInput[]): string[][] {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE mention (report INTEGER NOT NULL, key TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO mention (report, key) VALUES (?, ?)');
  const caseOf = new Map<string, number>();
  db.transaction(() => {
    reports.forEach((report, index) => {
      const first = caseOf.get(report.caseId);
      if (first === undefined) caseOf.set(report.caseId, index);
      insert.run(index, `case:${report.caseId}`);
      for (const indicator of report.indicators) {
        if (indicator.type !== 'amount')
          insert.run(index, `${indicator.type}:${indicator.normalized}`);
      }
    });
  })();
  const parent = Int32Array.from({ length: reports.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const rows = db
    .prepare(
      'SELECT min(report) AS first, group_concat(report) AS members FROM mention GROUP BY key HAVING count(*) > 1',
    )
    .all() as Array<{ first: number; members: string }>;
  for (const row of rows) {
    for (const member of row.members.split(',')) {
      const a = find(row.first);
      const b = find(Number(member));
      if (a !== b) parent[b] = a;
    }
  }
  db.close();
  return groups(reports, (_, index) => find(index));
}

function groups<K>(
  reports: readonly ReportInput[],
  rootOf: (report: ReportInput, index: number) => K,
): string[][] {
  const byRoot = new Map<K, string[]>();
  reports.forEach((report, index) => {
    const root = rootOf(report, index);
    const members = byRoot.get(root);
    if (members === undefined) byRoot.set(root, [report.id]);
    else members.push(report.id);
  });
  return [...byRoot.values()];
}

/**
 * Rings of 5 to 200 victims that reuse a few identifiers each (phones, receivers, IBANs, wallets,
 * profiles, e-mails), one-off blackmailers with identifiers of their own, and per-report noise
 * (MTCNs, one per transfer). Values are what triage's `normalized` holds; nothing is safelisted.
 */
function generate(
  count: number,
  identifiers: number,
  dataSeed: number,
): {
  reports: ReportInput[];
  identifiers: number;
  distinct: number;
  rings: number;
  loners: number;
} {
  const random = new Random(dataSeed);
  const digits = '0123456789';
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const base32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
  const makers: Array<() => IndicatorInput> = [
    () => indicator('phone', `+2126${random.string(digits, 8)}`),
    () => indicator('phone', `+22507${random.string(digits, 8)}`),
    () => indicator('iban', `MA64${random.string(digits, 24)}`),
    () => indicator('bitcoin', `bc1q${random.string(base32, 38)}`),
    () => indicator('email', `${random.string(letters, 8)}.${random.string(letters, 6)}@gmail.com`),
    () => ({
      ...indicator('social', `facebook:${random.string(letters, 7)}.${random.int(1, 99)}`),
      service: 'facebook',
    }),
    () => ({
      ...indicator('social', `instagram:${random.string(letters, 8)}_${random.int(1, 99)}`),
      service: 'instagram',
    }),
    () => ({
      ...indicator(
        'receiver',
        `${random.string(letters, 6)} ${random.string(letters, 7)}@oued zem`,
      ),
      service: 'western-union',
    }),
  ];
  const perReport = identifiers / count;
  const reports: ReportInput[] = [];
  let total = 0;
  let rings = 0;
  let loners = 0;
  let victim = 0;
  const start = Date.parse('2024-01-01T00:00:00Z');
  while (reports.length < count) {
    // Most blackmailers are seen once; some groups a few times; rings dozens to hundreds of times.
    const kind = random.next();
    const victims = kind < 0.6 ? 1 : kind < 0.85 ? random.int(2, 10) : random.int(10, 300);
    const pool = Array.from({ length: victims === 1 ? 6 : random.int(3, 12) }, () =>
      random.pick(makers)(),
    );
    if (victims === 1) loners++;
    else rings++;
    for (let v = 0; v < victims && reports.length < count; v++, victim++) {
      const messages = random.int(1, 2);
      for (let m = 0; m < messages && reports.length < count; m++) {
        const wanted = Math.max(1, Math.round(perReport + (random.next() - 0.5) * 2));
        const chosen: IndicatorInput[] = [];
        for (let k = 0; k < wanted; k++) {
          // One identifier in three is the victim's own transfer reference, seen once.
          chosen.push(
            random.chance(0.33) ? indicator('mtcn', random.string(digits, 10)) : random.pick(pool),
          );
        }
        total += chosen.length;
        chosen.push({
          ...indicator('amount', `${random.int(2, 30) * 100} EUR`),
          amount: 0,
          currency: 'EUR',
        });
        reports.push({
          id: `b${reports.length}`,
          caseId: `v${victim}`,
          receivedAt: start + random.int(0, 365 * 86_400) * 1000,
          family: 'webcam-blackmail',
          indicators: chosen,
        });
      }
    }
  }
  // Top up or trim to exactly the requested number of identifiers.
  for (let r = 0; total !== identifiers; r = (r + 1) % reports.length) {
    const report = reports[r]!;
    const list = report.indicators as IndicatorInput[];
    if (total < identifiers) {
      list.unshift(indicator('mtcn', random.string(digits, 10)));
      total++;
    } else if (list.length > 2) {
      list.shift();
      total--;
    }
  }
  const distinct = new Set(
    reports.flatMap((report) =>
      report.indicators.filter((i) => i.type !== 'amount').map((i) => `${i.type}:${i.normalized}`),
    ),
  ).size;
  return { reports, identifiers: total, distinct, rings, loners };
}

function indicator(type: string, normalized: string): IndicatorInput {
  return { type, value: normalized, normalized, valid: true };
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${flag} must be a positive integer, got "${text}"\n\n${usage}`);
    process.exit(2);
  }
  return value;
}
