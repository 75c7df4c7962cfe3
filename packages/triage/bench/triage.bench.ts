/**
 * `npm run bench:triage`: how many 1 KB messages `analyze` triages per second on one core, next
 * to two peers measured on the same messages in the same run:
 * - libphonenumber-js `findPhoneNumbersInText`, a well-known library doing one of our sub-tasks;
 * - a floor: NFKC + lower case + one keyword regex, the least any triage must do.
 * Also the time for one megabyte of random Unicode (the worst input a victim could paste).
 *
 * Options: --messages N (default 5000), --seconds S per measurement (default 5).
 */
import { parseArgs } from 'node:util';
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { analyze } from '../src/index.ts';
import {
  BENCH_LANGUAGES,
  MESSAGE_BYTES,
  loadTexts,
  mixedMessages,
  oneLanguageMessages,
  randomUnicode,
} from './corpus.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '5' },
  },
});
const MESSAGE_COUNT = Number(values.messages);
const SECONDS = Number(values.seconds);
const GOAL_PER_SECOND = 5000;

interface Measure {
  readonly perSecond: number;
  readonly perCpuSecond: number;
  readonly p50Micros: number;
  readonly p99Micros: number;
}

/** Warm-up before each row: V8 compiles the hot code in the background for about this long. */
const WARM_UP_SECONDS = 2;

/**
 * Runs `work` over the messages, round after round, for `SECONDS`; one core, no workers. First a
 * warm-up of WARM_UP_SECONDS over the same messages: the figure is the sustained rate of a server or
 * a batch run, not that of code V8 is still compiling (after a 500-message warm-up the optimising
 * compiler was measured still at work 2 to 3 s into the row, its CPU time counted against it).
 */
function measure(messages: readonly string[], work: (message: string) => unknown): Measure {
  const warmUpStart = performance.now();
  for (let i = 0; performance.now() - warmUpStart < WARM_UP_SECONDS * 1000; i++) {
    work(messages[i % messages.length] as string);
  }
  const samples: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let done = 0;
  while (performance.now() - start < SECONDS * 1000 || done < messages.length) {
    const message = messages[done % messages.length] as string;
    const t = performance.now();
    work(message);
    samples.push(performance.now() - t);
    done++;
  }
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  samples.sort((a, b) => a - b);
  return {
    perSecond: done / wall,
    perCpuSecond: done / ((cpu.user + cpu.system) / 1e6),
    p50Micros: (samples[Math.floor(samples.length * 0.5)] ?? 0) * 1000,
    p99Micros: (samples[Math.floor(samples.length * 0.99)] ?? 0) * 1000,
  };
}

const floorPattern = /video|vidéo|فيديو|bitcoin|western union|famille|family|عائلتك|flous|فلوس/;

const all = loadTexts();
const messages = mixedMessages(all, MESSAGE_COUNT);
const distinct = new Set(messages).size;
const rows: Array<[string, Measure]> = [
  ['@aman/triage analyze, mixed languages', measure(messages, (m) => analyze(m))],
  [
    'libphonenumber-js findPhoneNumbersInText',
    measure(messages, (m) => findPhoneNumbersInText(m, 'MA')),
  ],
  [
    'floor: NFKC + lower case + 1 regex',
    measure(messages, (m) => floorPattern.test(m.normalize('NFKC').toLowerCase())),
  ],
];
for (const lang of BENCH_LANGUAGES) {
  rows.push([
    `@aman/triage analyze, ${lang} only`,
    measure(oneLanguageMessages(all, lang), (m) => analyze(m)),
  ]);
}

const randomText = randomUnicode(1_000_000, 7);
const megabyteStart = performance.now();
analyze(randomText);
const megabyteMs = performance.now() - megabyteStart;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);
const lines = [
  `triage benchmark: ${messages.length} messages of ${MESSAGE_BYTES} bytes (${distinct} distinct), ${SECONDS} s per row, one core, Node ${process.version}`,
  `(on a shared machine, messages per CPU-second is the steadier figure; wall figures drop when other work runs)`,
  '',
  `${'what'.padEnd(44)} ${'msg/s'.padStart(9)} ${'msg/cpu-s'.padStart(9)} ${'MB/s'.padStart(6)} ${'p50 µs'.padStart(7)} ${'p99 µs'.padStart(7)}`,
  ...rows.map(
    ([name, m]) =>
      `${name.padEnd(44)} ${fmt(m.perSecond)} ${fmt(m.perCpuSecond)} ${((m.perSecond * MESSAGE_BYTES) / 1e6).toFixed(1).padStart(6)} ${m.p50Micros.toFixed(0).padStart(7)} ${m.p99Micros.toFixed(0).padStart(7)}`,
  ),
  '',
  `1 MB of random Unicode: ${megabyteMs.toFixed(0)} ms`,
  `goal: ${GOAL_PER_SECOND} messages of 1 KB per second on one core, mixed corpus: ${
    (rows[0]?.[1].perCpuSecond ?? 0) >= GOAL_PER_SECOND ? 'met' : 'NOT met'
  } (${fmt(rows[0]?.[1].perCpuSecond ?? 0).trim()} per CPU-second, ${fmt(rows[0]?.[1].perSecond ?? 0).trim()} per wall second)`,
];
process.stdout.write(`${lines.join('\n')}\n`);
