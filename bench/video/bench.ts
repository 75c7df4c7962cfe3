/**
 * `npm run bench:video`: how much slower than decoding alone is hashing a video with Aman?
 *
 * A 60 s 1280x720 H.264 clip (testsrc2, crf 23) is hashed at one frame per second (what
 * `aman hash` does by default, and what the goal is for), with every process pinned to one
 * CPU core and the decoder single-threaded. The floor is ffmpeg decoding the same file and
 * discarding the frames: every frame must be decoded whatever we hash. Beside it, the bank side's
 * form (`aman hash --neighbourhood 0.15`, the portal's protect flow): the frames within ±0.15 s of
 * each instant too (up to 9 an instant at 30 fps).
 * Also measured when present: the reference `vpdq-hash-video` (set AMAN_BENCH_VPDQ_REFERENCE).
 *
 * Then bench/video/browser.ts measures the browser hasher in headless Chromium (skip it with
 * AMAN_BENCH_BROWSER=0).
 *
 * The runs are interleaved, and each form is measured between two floor runs: a round runs the
 * floor, a form, the floor, the next form, the floor, and so on. A form's ratio in a round is its
 * time against the mean of the floor runs just before and just after it, and the ratio printed is
 * the median over rounds. A shared or virtual machine's speed drifts by 20 % or more over tens of
 * seconds; a floor on both sides of each form keeps that drift out of the ratio.
 *
 * Environment: AMAN_BENCH_VIDEO (another clip), AMAN_BENCH_CORE (default 0), AMAN_BENCH_RUNS
 * (rounds, default 5; medians are printed). Timings on a shared machine are noisy: compare the CPU
 * column, and run under `flock /tmp/aman-bench.lock` when several people share the machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const clip =
  process.env.AMAN_BENCH_VIDEO ?? join(root, 'bench/.data/video/testsrc2-1280x720-60s-crf23.mp4');
const core = process.env.AMAN_BENCH_CORE ?? '0';
const runs = Number(process.env.AMAN_BENCH_RUNS ?? 5);
const referenceHasher = process.env.AMAN_BENCH_VPDQ_REFERENCE;
const durationSeconds = 60;

interface Measure {
  wallMs: number;
  cpuMs: number;
  /** Frames in the output, where it has frames. */
  frames?: number;
}

function run(command: string, args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync('taskset', ['-c', core, command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

if (!existsSync(clip)) {
  process.stdout.write(`generating ${clip} (once; about a minute)…\n`);
  mkdirSync(dirname(clip), { recursive: true });
  const made = spawnSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=1280x720:rate=30:duration=${durationSeconds}`,
    '-c:v',
    'libx264',
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    clip,
  ]);
  if (made.status !== 0) throw new Error(`ffmpeg could not make the clip: ${String(made.stderr)}`);
}

const decodeOnce = (): Measure => {
  // -benchmark prints "bench: utime=2.811s stime=0.020s rtime=2.850s" for the whole run.
  const { stderr } = run('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-benchmark',
    '-threads',
    '1',
    '-i',
    clip,
    '-map',
    '0:v:0',
    '-f',
    'null',
    '-',
  ]);
  const match = /utime=([\d.]+)s stime=([\d.]+)s rtime=([\d.]+)s/.exec(stderr);
  if (match === null) throw new Error(`no -benchmark line in ffmpeg's output:\n${stderr}`);
  return { wallMs: Number(match[3]) * 1000, cpuMs: (Number(match[1]) + Number(match[2])) * 1000 };
};

const referenceOutput = join(mkdtempSync(join(tmpdir(), 'aman-bench-')), 'reference.txt');
/** One run of upstream's hasher, whose CPU time the shell reports once it has exited. */
const referenceOnce = (): Measure => {
  // The shell reports its children's CPU time (fields 16-17 of /proc/<pid>/stat) once they exit.
  const started = performance.now();
  const { stdout } = run('sh', [
    '-c',
    '"$0" "$@" >/dev/null && cat /proc/$$/stat',
    referenceHasher!,
    '-i',
    clip,
    '-o',
    referenceOutput,
    '-r',
    '1',
  ]);
  const wallMs = performance.now() - started;
  const fields = stdout.split(') ')[1]!.split(' ');
  return { wallMs, cpuMs: (Number(fields[13]) + Number(fields[14])) * 10 };
};

const hashOnce = join(root, 'bench/video/hash-once.ts');
/** One run of hash-once.ts: its measure, the frame count and the reference-style lines. */
const amanOnce = (
  sampling: 'time' | 'reference',
  digests: boolean,
  neighbourhoodSeconds = 0,
): Measure & { lines: string; frames: number } => {
  const { stdout } = run(process.execPath, [
    '--import',
    'tsx',
    hashOnce,
    clip,
    sampling,
    digests ? 'digests' : 'no-digests',
    String(neighbourhoodSeconds),
  ]);
  return JSON.parse(stdout) as Measure & { lines: string; frames: number };
};

interface Row {
  label: string;
  once: () => Measure & { lines?: string };
}
const forms: Row[] = [
  { label: 'ffmpeg decode only (the floor)', once: decodeOnce },
  { label: 'Aman, one frame per instant (aman hash)', once: () => amanOnce('time', false) },
  { label: 'Aman, reference sampling', once: () => amanOnce('reference', false) },
  { label: 'Aman, one frame per instant + MD5 + SHA-256', once: () => amanOnce('time', true) },
  {
    label: 'Aman, neighbourhoods ±0.15 s (bank, protect)',
    once: () => amanOnce('time', false, 0.15),
  },
];
if (referenceHasher !== undefined) {
  forms.push({ label: 'reference vpdq-hash-video -r 1', once: referenceOnce });
}

interface Round {
  /** Index f: the run of form f (form 0, the floor, is the first floor run). */
  readonly measures: (Measure & { lines?: string })[];
  /** Index f: the floor measured just before and just after form f (the same run for form 0). */
  readonly floors: [Measure, Measure][];
}

/** A round runs the floor, then each other form followed by the floor again. */
function runRound(): Round {
  const [floor, ...others] = forms;
  let before = floor!.once();
  const measures: Round['measures'] = [before];
  const floors: Round['floors'] = [[before, before]];
  for (const form of others) {
    measures.push(form.once());
    const after = floor!.once();
    floors.push([before, after]);
    before = after;
  }
  return { measures, floors };
}

const rounds: Round[] = [];
for (let round = 0; round < runs; round++) rounds.push(runRound());

/** A form's median times, and its medians of the per-round ratios to the floor around it. */
const summary = forms.map((form, f) => {
  const of = (pick: (m: Measure) => number, ratio: boolean) =>
    median(
      rounds.map((r) => {
        const [before, after] = r.floors[f]!;
        return pick(r.measures[f]!) / (ratio ? (pick(before) + pick(after)) / 2 : 1);
      }),
    );
  return {
    label: form.label,
    wallMs: of((m) => m.wallMs, false),
    cpuMs: of((m) => m.cpuMs, false),
    wallRatio: of((m) => m.wallMs, true),
    cpuRatio: of((m) => m.cpuMs, true),
    frames: rounds[0]!.measures[f]!.frames,
  };
});
const referenceModeLines = rounds[0]!.measures[2]!.lines ?? '';

let conformance = '';
if (referenceHasher !== undefined) {
  const same = readFileSync(referenceOutput, 'utf8') === referenceModeLines;
  conformance = `reference sampling output ${same ? 'identical to' : 'DIFFERS from'} vpdq-hash-video's (${referenceModeLines.split('\n').length - 1} lines)\n`;
}
rmSync(dirname(referenceOutput), { recursive: true, force: true });

const seconds = (ms: number) =>
  Number.isNaN(ms) ? '     -' : `${(ms / 1000).toFixed(2)} s`.padStart(7);
const lines = [
  `vPDQ: ${clip.replace(root, '')}`,
  `one hash per second, pinned to CPU ${core}, decoder single-threaded, ${runs} interleaved round(s): median times, and medians of each round's ratio to the floor runs just before and after`,
  '',
  `${'what'.padEnd(46)} ${'wall'.padStart(7)} ${'cpu'.padStart(7)}  ${'vs decode (wall)'.padStart(16)}  ${'vs decode (cpu)'.padStart(15)}  ${'real time'.padStart(9)}  ${'frames'.padStart(6)}`,
  ...summary.map((m) => {
    const wallRatio = `${m.wallRatio.toFixed(2)}x`;
    const cpuRatio = Number.isNaN(m.cpuMs) ? '-' : `${m.cpuRatio.toFixed(2)}x`;
    const realTime = `${((durationSeconds * 1000) / m.wallMs).toFixed(1)}x`;
    const frames = m.frames === undefined ? '-' : String(m.frames);
    return `${m.label.padEnd(46)} ${seconds(m.wallMs)} ${seconds(m.cpuMs)}  ${wallRatio.padStart(16)}  ${cpuRatio.padStart(15)}  ${realTime.padStart(9)}  ${frames.padStart(6)}`;
  }),
  '',
  'goal: Aman (one frame per instant) at most 1.15x the decode-only time.',
  conformance,
];
process.stdout.write(`${lines.join('\n')}\n`);

if (process.env.AMAN_BENCH_BROWSER !== '0') {
  const browser = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/video/browser.ts')],
    {
      stdio: 'inherit',
    },
  );
  if (browser.status !== 0) throw new Error('the browser benchmark failed');
}
