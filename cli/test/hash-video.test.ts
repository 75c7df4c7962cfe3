// `aman hash` and `aman compare` on videos, run as a user runs them: the real binary, real clips,
// real ffmpeg. The clips and their reference vPDQ output are packages/pdq/test/video-fixtures.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatVpdqCompactJson,
  parseVpdqLines,
  vpdqInstants,
  type VpdqFrame,
  type VpdqHashing,
} from '@aman/pdq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const fixtures = fileURLToPath(new URL('../../packages/pdq/test/video-fixtures/', import.meta.url));
const clip = join(fixtures, 'testsrc2-30fps.mp4');
const photo = fileURLToPath(
  new URL('../../testdata/pdq-reference/misc-images/c.png', import.meta.url),
);
const referenceLines = (file: string) => readFileSync(join(fixtures, file), 'utf8');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aman-cli-video-'));
  // A 2 s excerpt from 1 s in, smaller: a copy that should match the clip.
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    '-ss',
    '1',
    '-i',
    clip,
    '-t',
    '2',
    '-vf',
    'scale=240:180',
    '-c:v',
    'libx264',
    '-crf',
    '30',
    join(dir, 'excerpt.mp4'),
  ]);
  // 6 s of fast-moving testsrc2 at 30 fps, and copies made with ffmpeg's -r output option, which
  // repeats frames at the start: at each instant a copy shows the original's frame from ~67 ms
  // earlier, and the 25 fps one lacks the original's frame at every whole second.
  const ffmpeg = (...args: string[]) =>
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args]);
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30', '-t', '6', join(dir, 'fast.mp4'));
  for (const [name, rate, size] of [
    ['fast-r25.mp4', '25', '240:136'],
    ['fast-r23.976.mp4', '24000/1001', '256:144'],
  ]) {
    ffmpeg(
      '-i',
      join(dir, 'fast.mp4'),
      '-r',
      rate!,
      '-vf',
      `scale=${size}`,
      '-crf',
      '28',
      join(dir, name!),
    );
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An `aman hash --json` video record, as the tests read it. */
type VideoJson = VpdqHashing & { frames: VpdqFrame[]; [key: string]: unknown };

describe('aman hash on a video', () => {
  it('prints the JSON record issue 9 defines, with how it was hashed, one frame per instant', async () => {
    const result = await runCli(['hash', '--json', clip]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const record = JSON.parse(result.stdout) as VideoJson;
    const bytes = readFileSync(clip);
    const reference = parseVpdqLines(referenceLines('testsrc2-30fps.mp4.reference-r1.txt'));
    expect(reference.ok).toBe(true);
    expect(Object.keys(record)).toEqual([
      'path',
      'kind',
      'md5',
      'sha256',
      'durationSeconds',
      'frameRate',
      'sampling',
      'secondsPerHash',
      'neighbourhoodSeconds',
      'frames',
    ]);
    expect(record).toEqual({
      path: clip,
      kind: 'video',
      md5: createHash('md5').update(bytes).digest('hex'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      durationSeconds: 4,
      frameRate: 30,
      sampling: 'time',
      secondsPerHash: 1,
      neighbourhoodSeconds: 0,
      // At 30 fps and one hash a second, time sampling picks the reference's frames.
      frames: reference.ok ? reference.value : [],
    });
    // The same as asking for it.
    const explicit = await runCli(['hash', '--json', '--neighbourhood', '0', clip]);
    expect(explicit.stdout).toBe(result.stdout);
  });

  it('hashes the neighbourhood of each instant with --neighbourhood, each frame at its own time', async () => {
    const [plain, neighbourhoods] = await Promise.all([
      runCli(['hash', '--json', clip]),
      runCli(['hash', '--json', '--neighbourhood', '0.15', clip]),
    ]);
    expect(neighbourhoods).toMatchObject({ code: 0, stderr: '' });
    const record = JSON.parse(neighbourhoods.stdout) as VideoJson;
    expect(Object.keys(record)).toEqual(Object.keys(JSON.parse(plain.stdout) as object));
    expect(record).toMatchObject({
      sampling: 'time',
      secondsPerHash: 1,
      neighbourhoodSeconds: 0.15,
    });
    // Every frame keeps its presentation timestamp: frame n of this 30 fps clip at n / 30 s.
    for (const frame of record.frames) {
      expect(frame.timestamp).toBe(Math.round((frame.frameNumber / 30) * 1e6) / 1e6);
    }
    // Grouped by the instant nearest each timestamp: instant k holds frames 30k - 4 … 30k + 4; the
    // clip ends at 4 s, before its next instant, and its last frames belong to the last, 3 s.
    const instants = vpdqInstants(record.frames, record);
    expect(instants.map((frames) => frames.map((frame) => frame.frameNumber))).toEqual([
      [0, 1, 2, 3, 4],
      [26, 27, 28, 29, 30, 31, 32, 33, 34],
      [56, 57, 58, 59, 60, 61, 62, 63, 64],
      [86, 87, 88, 89, 90, 91, 92, 93, 94, 116, 117, 118, 119],
    ]);
    for (const frame of (JSON.parse(plain.stdout) as VideoJson).frames) {
      expect(record.frames).toContainEqual(frame);
    }
  });

  it('says in its usage that one frame per instant is the default, and when to add neighbourhoods', async () => {
    const hashHelp = await runCli(['hash', '--help']);
    expect(hashHelp.code).toBe(0);
    expect(hashHelp.stdout).toContain('For a video you want to PROTECT');
    expect(hashHelp.stdout).toContain('add --neighbourhood 0.15');
    expect(hashHelp.stdout).toContain('(at most N/2; default 0, one frame per instant)');
    expect(hashHelp.stdout).toContain('"sampling", "secondsPerHash", "neighbourhoodSeconds"');
    const compareHelp = await runCli(['compare', '--help']);
    expect(compareHelp.stdout).toContain('(default 0.15, at most N/2; 0 = one frame per');
  });

  it("writes the reference tool's lines with --format vpdq --sampling reference", async () => {
    for (const [file, seconds] of [
      ['testsrc2-ntsc.mp4', '0.5'],
      ['slideshow-photos-640x360.mp4', '1'],
    ] as const) {
      const result = await runCli([
        'hash',
        '--format',
        'vpdq',
        '--sampling',
        'reference',
        '--seconds-per-hash',
        seconds,
        join(fixtures, file),
      ]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe(referenceLines(`${file}.reference-r${seconds}.txt`));
    }
  });

  it('prints one summary line per video in text mode', async () => {
    const md5 = createHash('md5').update(readFileSync(clip)).digest('hex');
    expect(await runCli(['hash', clip])).toEqual({
      code: 0,
      stdout: `${md5}\t4 frames, 4.000 s\t${clip}\n`,
      stderr: '',
    });
    expect(await runCli(['hash', '--neighbourhood', '0.15', clip])).toEqual({
      code: 0,
      stdout: `${md5}\t36 frames, ±0.15 s around every 1 s, 4.000 s\t${clip}\n`,
      stderr: '',
    });
  });

  it('samples every N seconds', async () => {
    const result = await runCli(['hash', '--json', '--seconds-per-hash', '0.5', clip]);
    const record = JSON.parse(result.stdout) as VideoJson;
    expect(record.secondsPerHash).toBe(0.5);
    expect(record.frames.map((f) => [f.frameNumber, f.timestamp])).toEqual(
      Array.from({ length: 8 }, (_, k) => [15 * k, k / 2]),
    );
    // Half a second apart, instants keep their neighbourhoods apart: 9 frames each but the first;
    // the last, 3.5 s, also has the clip's last 4 frames, within reach of 4 s, the end.
    const banked = await runCli([
      'hash',
      '--json',
      '--seconds-per-hash',
      '0.5',
      '--neighbourhood',
      '0.15',
      clip,
    ]);
    const bank = JSON.parse(banked.stdout) as VideoJson;
    expect(bank.frames).toHaveLength(5 + 7 * 9 + 4);
    expect(vpdqInstants(bank.frames, bank).map((frames) => frames.length)).toEqual([
      5, 9, 9, 9, 9, 9, 9, 13,
    ]);
  });

  it.each([
    [['--sampling', 'fast'], '--sampling must be "time" or "reference", got "fast"'],
    [['--seconds-per-hash', 'one'], '--seconds-per-hash: seconds per hash must be a number'],
    [['--seconds-per-hash', '0'], 'greater than 0'],
    [['--format', 'csv'], '--format must be "vpdq", got "csv"'],
    [['--format', 'vpdq', '--json'], '--json and --format vpdq cannot be combined'],
    [['--neighbourhood', '0.6'], '--neighbourhood: the neighbourhood must be a number of seconds'],
    [['--neighbourhood=-1'], '--neighbourhood must be a number of seconds such as 0.15, got "-1"'],
    [
      ['--seconds-per-hash', '0.2', '--neighbourhood', '0.15'],
      'from 0 to half the sampling interval (0.1)',
    ],
    [
      ['--sampling', 'reference', '--neighbourhood', '0.1'],
      '--neighbourhood is for --sampling time: reference sampling hashes single frames',
    ],
  ])('refuses %j as a usage error', async (flags, message) => {
    const result = await runCli(['hash', ...flags, clip]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('gives --format vpdq one video only', async () => {
    const two = await runCli(['hash', '--format', 'vpdq', clip, clip]);
    expect(two).toMatchObject({
      code: 2,
      stderr: 'aman: --format vpdq writes the lines of one video: give one file\n',
    });
    const image = await runCli(['hash', '--format', 'vpdq', photo]);
    expect(image).toMatchObject({ code: 1, stdout: '' });
    expect(image.stderr).toContain('--format vpdq is for videos; this is an image');
  });

  it('reports a damaged video on stderr with its code, and hashes the other files', async () => {
    const damaged = join(dir, 'damaged.mp4');
    writeFileSync(damaged, readFileSync(clip).subarray(0, 40_000));
    const result = await runCli(['hash', '--json', damaged, clip]);
    expect(result.code).toBe(1);
    const [bad, good] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(bad).toEqual({
      path: damaged,
      error: {
        code: 'video_truncated',
        message: expect.stringMatching(/incomplete: its index \(moov atom\) is missing/) as unknown,
      },
    });
    expect(good).toMatchObject({ kind: 'video', path: clip });
  });
});

describe('aman compare on videos', () => {
  it('finds an excerpt in its original and prints both percentages and the verdict', async () => {
    const result = await runCli(['compare', join(dir, 'excerpt.mp4'), clip]);
    // Both hashed with neighbourhoods, counted by instant. The clip's instant at 3 s reaches
    // back to 2.867 s, inside the excerpt (1 s to 2.967 s): 3 of the clip's 4 instants are in it.
    expect(result).toEqual({
      code: 0,
      stdout:
        'query (A):    100.00% of 2 instants (18 frames) found in B\n' +
        'compared (B):  75.00% of 4 instants (36 frames) found in A\n' +
        'match: at least 80% of A is in B\n',
      stderr: '',
    });
    const json = await runCli(['compare', '--json', join(dir, 'excerpt.mp4'), clip]);
    expect(JSON.parse(json.stdout)).toEqual({
      queryPercent: 100,
      comparedPercent: 75,
      match: true,
    });
    // One frame per instant: counted as upstream counts frames.
    const plain = await runCli(['compare', '--neighbourhood', '0', join(dir, 'excerpt.mp4'), clip]);
    expect(plain.stdout).toBe(
      'query (A):    100.00% of 2 frames found in B\n' +
        'compared (B):  50.00% of 4 frames found in A\n' +
        'match: at least 80% of A is in B\n',
    );
  });

  it('the other way round, the longer video is not made of the excerpt', async () => {
    const json = await runCli(['compare', '--json', clip, join(dir, 'excerpt.mp4')]);
    expect(JSON.parse(json.stdout)).toEqual({
      queryPercent: 75,
      comparedPercent: 100,
      match: false,
    });
  });

  it('compares saved hashes: reference lines, aman hash --json output, HMA compact strings', async () => {
    const lines = join(dir, 'clip.vpdq.txt');
    writeFileSync(lines, referenceLines('testsrc2-30fps.mp4.reference-r1.txt'));
    const record = join(dir, 'clip.json');
    writeFileSync(record, (await runCli(['hash', '--json', clip])).stdout);
    const compact = join(dir, 'clip.hma.json');
    const parsed = parseVpdqLines(referenceLines('testsrc2-30fps.mp4.reference-r1.txt'));
    writeFileSync(compact, parsed.ok ? formatVpdqCompactJson(parsed.value) : '');
    // The saved lists have one frame per instant: half of the clip's 4 is in the excerpt.
    for (const saved of [lines, compact, record]) {
      const result = await runCli(['compare', '--json', join(dir, 'excerpt.mp4'), saved]);
      expect({ saved, ...(JSON.parse(result.stdout) as object) }).toEqual({
        saved,
        queryPercent: 100,
        comparedPercent: 50,
        match: true,
      });
    }
    // Saved with --neighbourhood 0.15, the record says so: counted by instant, as the clip itself.
    const banked = join(dir, 'clip.bank.json');
    writeFileSync(
      banked,
      (await runCli(['hash', '--json', '--neighbourhood', '0.15', clip])).stdout,
    );
    const fromVideo = await runCli(['compare', '--json', join(dir, 'excerpt.mp4'), clip]);
    const fromRecord = await runCli(['compare', '--json', join(dir, 'excerpt.mp4'), banked]);
    expect(fromRecord).toMatchObject({ code: 0, stderr: '' });
    expect(fromRecord.stdout).toBe(fromVideo.stdout);
  });

  it('counts a record by instant as its parameters say, and one without them frame by frame', async () => {
    const full = JSON.parse(
      (await runCli(['hash', '--json', '--neighbourhood', '0.15', clip])).stdout,
    ) as VideoJson;
    const banked = join(dir, 'clip.bank-again.json');
    writeFileSync(banked, JSON.stringify(full));
    expect((await runCli(['compare', banked, banked])).stdout).toBe(
      'query (A):    100.00% of 4 instants (36 frames) found in B\n' +
        'compared (B): 100.00% of 4 instants (36 frames) found in A\n' +
        'match: at least 80% of A is in B\n',
    );
    // Written before the parameters were: its frames cannot say their instants.
    const { sampling: _s, secondsPerHash: _n, neighbourhoodSeconds: _w, ...older } = full;
    const saved = join(dir, 'clip.older.json');
    writeFileSync(saved, JSON.stringify(older));
    expect(await runCli(['compare', saved, saved])).toEqual({
      code: 0,
      stdout:
        'query (A):    100.00% of 36 frames found in B\n' +
        'compared (B): 100.00% of 36 frames found in A\n' +
        'match: at least 80% of A is in B\n',
      stderr: '',
    });
    // Half of them is an error, not a guess.
    const partial = join(dir, 'clip.partial.json');
    writeFileSync(partial, JSON.stringify({ ...older, neighbourhoodSeconds: 0.15 }));
    const refused = await runCli(['compare', clip, partial]);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      `aman: ${partial}: not a vPDQ hash: the hashing parameters are incomplete: neighbourhoodSeconds without sampling, secondsPerHash\n`,
    );
  });

  it('refuses to compare a video with an image, and a malformed hash file', async () => {
    const withImage = await runCli(['compare', clip, photo]);
    expect(withImage).toMatchObject({ code: 1, stdout: '' });
    expect(withImage.stderr).toContain('not a video or a vPDQ hash file');
    const broken = join(dir, 'broken.vpdq.txt');
    writeFileSync(broken, '0,100,notahash,0.000\n');
    const result = await runCli(['compare', clip, broken]);
    expect(result).toMatchObject({ code: 1 });
    expect(result.stderr).toContain(`${broken}: not a vPDQ hash: line 1:`);
  });
});

describe('aman compare on copies re-encoded at another frame rate (ffmpeg -r)', () => {
  const fast = () => join(dir, 'fast.mp4');
  const copies = ['fast-r25.mp4', 'fast-r23.976.mp4'];
  const compare = async (...args: string[]) => {
    const result = await runCli(['compare', '--json', ...args]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout) as { queryPercent: number; match: boolean };
  };

  it.each(copies)(
    'matches %s and its original at 80 percent or more, in both orders',
    async (name) => {
      const copy = join(dir, name);
      const [copyFirst, originalFirst] = await Promise.all([
        compare(copy, fast()),
        compare(fast(), copy),
      ]);
      // Measured here: 100 % both ways.
      expect(copyFirst).toMatchObject({ match: true });
      expect(copyFirst.queryPercent).toBeGreaterThanOrEqual(80);
      expect(originalFirst).toMatchObject({ match: true });
      expect(originalFirst.queryPercent).toBeGreaterThanOrEqual(80);
    },
  );

  it('matches them on outputs saved with aman hash --json --neighbourhood 0.15, in both orders', async () => {
    const saved = new Map<string, string>();
    for (const name of ['fast.mp4', ...copies]) {
      for (const neighbourhood of ['0', '0.15']) {
        const result = await runCli([
          'hash',
          '--json',
          '--neighbourhood',
          neighbourhood,
          join(dir, name),
        ]);
        expect(result.code).toBe(0);
        const path = join(dir, `${name}.${neighbourhood}.json`);
        writeFileSync(path, result.stdout);
        saved.set(`${name} ${neighbourhood}`, path);
      }
    }
    const original = saved.get('fast.mp4 0.15')!;
    for (const name of copies) {
      const copy = saved.get(`${name} 0.15`)!;
      const orders: [string, string][] = [
        [copy, original],
        [original, copy],
        // A platform's upload (one frame per instant) against the bank
        [saved.get(`${name} 0`)!, original],
      ];
      for (const [a, b] of orders) {
        const result = await compare(a, b);
        expect({ a, b, match: result.match }).toEqual({ a, b, match: true });
        expect(result.queryPercent).toBeGreaterThanOrEqual(80);
      }
    }
  });

  it('misses them with one frame per instant (--neighbourhood 0)', async () => {
    const copy = join(dir, 'fast-r25.mp4');
    const orders: [string, string][] = [
      [copy, fast()],
      [fast(), copy],
    ];
    for (const [a, b] of orders) {
      const result = await compare('--neighbourhood', '0', a, b);
      expect(result.match).toBe(false);
      expect(result.queryPercent).toBeLessThan(50);
    }
  });
});
