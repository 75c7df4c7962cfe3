/**
 * Neighbourhoods make time sampling survive frame-rate re-encodes of fast-moving video. ffmpeg's
 * `-r` output option repeats frames at the start, so a `-r 25` copy of a 30 fps clip shows at each
 * instant the original's frame from about 67 ms earlier, and lacks one original frame in six;
 * `testsrc2` changes 22 to 44 bits a frame, so one sample per instant misses. Real clips made with
 * ffmpeg, hashed through the real ffmpeg pipeline; small and short to keep the run quick.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashVideoFile, type HashVideoOptions, type VideoHash } from '../src/node/video.ts';
import { matchVpdqInstants, vpdqInstants } from '../src/video/instants.ts';
import { matchVpdq } from '../src/video/match.ts';
import { DEFAULT_NEIGHBOURHOOD_SECONDS } from '../src/video/neighbourhood.ts';
import { distinctPhotos, ffmpeg, makeSlideshow, temporaryFolder } from './video-helpers.ts';

let folder: { path: string; remove: () => Promise<void> };
const file = (name: string) => join(folder.path, name);
const bank = { neighbourhoodSeconds: DEFAULT_NEIGHBOURHOOD_SECONDS };

/** The instants of a hashing, as its parameters say. */
const byInstant = (video: VideoHash) => vpdqInstants(video.frames, video);

async function hash(name: string, options: HashVideoOptions = {}): Promise<VideoHash> {
  const result = await hashVideoFile(file(name), { digests: false, ...options });
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const reencode = (output: string, ...options: string[]) =>
  ffmpeg([
    '-i',
    file('original.mp4'),
    ...options,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '28',
    file(output),
  ]);

beforeAll(async () => {
  folder = await temporaryFolder();
  // 8 s of testsrc2 at 30 fps: every frame 22 to 44 bits from the next.
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x180:rate=30',
    '-t',
    '8',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    file('original.mp4'),
  ]);
  await Promise.all([
    // Smaller, lower bitrate, another frame rate: the cases the issue names.
    reencode('r25.mp4', '-r', '25', '-vf', 'scale=240:136'),
    reencode('r23.976.mp4', '-r', '24000/1001', '-vf', 'scale=256:144'),
    // The fps filter keeps timing: no shift, only resampling.
    reencode('fps25.mp4', '-vf', 'fps=25,scale=240:136'),
    // A video slower than the grid: 2 frames a second, each on screen for 15 ticks.
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x180:rate=2',
      '-t',
      '4',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      file('two-fps.mp4'),
    ]),
    // An excerpt cut half-way between two instants of the original.
    ffmpeg([
      '-ss',
      '2.5',
      '-i',
      file('original.mp4'),
      '-t',
      '4',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '26',
      file('excerpt-mid-second.mp4'),
    ]),
    // A slideshow of the test photos: unrelated.
    makeSlideshow(file('photos.mp4'), distinctPhotos.slice(0, 3), {
      secondsEach: 3,
      width: 320,
      height: 180,
      fps: 30,
      crf: 23,
    }),
  ]);
}, 120_000);

afterAll(async () => {
  await folder.remove();
});

describe('one frame per instant', () => {
  it('misses a -r 25 copy of fast-moving video, both ways (what neighbourhoods fix)', async () => {
    const [original, copy] = await Promise.all([hash('original.mp4'), hash('r25.mp4')]);
    expect(original.neighbourhoodSeconds).toBe(0);
    expect(original.frames).toHaveLength(8);
    expect(matchVpdq(copy.frames, original.frames).queryPercent).toBeLessThan(50);
    expect(matchVpdq(original.frames, copy.frames).queryPercent).toBeLessThan(50);
  });
});

describe('neighbourhoods', () => {
  it('hash the frames on screen within ±0.15 s of each instant, with their own timestamps', async () => {
    const [plain, neighbourhoods] = await Promise.all([
      hash('original.mp4'),
      hash('original.mp4', bank),
    ]);
    expect(neighbourhoods.neighbourhoodSeconds).toBe(0.15);
    // At 30 fps the 1/30 s grid picks every frame: instant k shows frames 30k - 4 … 30k + 4. The
    // video ends at 8 s, before its next instant: its last frames (7.867 … 7.967 s), within reach
    // of 8 s, belong to the last instant, 7 s (a copy one frame longer samples 8 s).
    const instants = byInstant(neighbourhoods);
    const around = (k: number) =>
      Array.from({ length: 9 }, (_, j) => 30 * k - 4 + j).filter((n) => n >= 0);
    expect(instants.map((frames) => frames.map((f) => f.frameNumber))).toEqual([
      ...Array.from({ length: 7 }, (_, k) => around(k)),
      [...around(7), 236, 237, 238, 239],
    ]);
    // Every frame keeps its presentation timestamp: frame n of this 30 fps video at n / 30 s.
    for (const frame of neighbourhoods.frames) {
      expect(frame.timestamp).toBe(Math.round((frame.frameNumber / 30) * 1e6) / 1e6);
    }
    expect(neighbourhoods.frames.find((f) => f.frameNumber === 26)!.timestamp).toBe(0.866667);
    // The plain list is inside: same frames, same hashes, same timestamps.
    for (const frame of plain.frames) expect(neighbourhoods.frames).toContainEqual(frame);
  });

  it('let a platform hashing one frame per instant find re-encoded copies in the bank', async () => {
    const original = await hash('original.mp4', bank);
    for (const name of ['r25.mp4', 'r23.976.mp4', 'fps25.mp4']) {
      const upload = await hash(name);
      const result = matchVpdq(upload.frames, original.frames);
      expect({ name, queryPercent: result.queryPercent }).toEqual({ name, queryPercent: 100 });
    }
  });

  it('match a copy at another frame rate with its original at >= 80 %, in both orders', async () => {
    const original = byInstant(await hash('original.mp4', bank));
    for (const name of ['r25.mp4', 'r23.976.mp4', 'fps25.mp4']) {
      const copy = byInstant(await hash(name, bank));
      const copyFirst = matchVpdqInstants(copy, original);
      const originalFirst = matchVpdqInstants(original, copy);
      // Measured here: 100 % each way for the three copies.
      expect({ name, copyFirst: copyFirst.match, originalFirst: originalFirst.match }).toEqual({
        name,
        copyFirst: true,
        originalFirst: true,
      });
      expect(copyFirst.queryPercent).toBeGreaterThanOrEqual(80);
      expect(originalFirst.queryPercent).toBeGreaterThanOrEqual(80);
    }
  });

  it('need instants, not frames, counted when the query has them too', async () => {
    // The -r 25 copy lacks the original's frame at every whole second (one frame in six is
    // dropped, in step with the seconds): counted frame by frame, the original's plain samples,
    // or the edges of its neighbourhoods, miss.
    const [original, plain, copy] = await Promise.all([
      hash('original.mp4', bank),
      hash('original.mp4'),
      hash('r25.mp4', bank),
    ]);
    expect(matchVpdq(plain.frames, copy.frames).queryPercent).toBeLessThan(80);
    const byInstant = matchVpdqInstants(
      vpdqInstants(original.frames, original),
      vpdqInstants(copy.frames, copy),
    );
    expect(byInstant.queryPercent).toBe(100);
  });

  it('still match an unrelated video at 0 %', async () => {
    const [pattern, photos] = await Promise.all([
      hash('original.mp4', bank),
      hash('photos.mp4', bank),
    ]);
    for (const [query, compared] of [
      [pattern, photos],
      [photos, pattern],
    ] as const) {
      const result = matchVpdqInstants(
        vpdqInstants(query.frames, query),
        vpdqInstants(compared.frames, compared),
      );
      expect(result.queryFrames).toBeGreaterThan(0);
      expect([result.queryPercent, result.comparedPercent, result.match]).toEqual([0, 0, false]);
    }
  });

  it('cost a bounded number of frames: at most 9 an instant at 30 fps, fewer on slow footage', async () => {
    const [pattern, photos] = await Promise.all([
      hash('original.mp4', bank),
      hash('photos.mp4', bank),
    ]);
    const perInstant = (video: VideoHash) =>
      video.frames.length / vpdqInstants(video.frames, video).length;
    expect(perInstant(pattern)).toBeLessThanOrEqual(9);
    expect(perInstant(pattern)).toBeGreaterThan(7);
    // A slow zoom over photos: neighbours a few bits apart are left out.
    expect(perInstant(photos)).toBeLessThan(perInstant(pattern));
  });

  it('hold every frame at half the interval, for excerpts cut between instants', async () => {
    // Instants of the excerpt fall half-way between the original's: ±0.15 s around those does
    // not reach them on video this fast; ±0.5 s is every frame of the original.
    const [excerpt, near, everyFrame] = await Promise.all([
      hash('excerpt-mid-second.mp4'),
      hash('original.mp4', bank),
      hash('original.mp4', { neighbourhoodSeconds: 0.5 }),
    ]);
    expect(matchVpdq(excerpt.frames, near.frames).queryPercent).toBeLessThan(50);
    expect(everyFrame.frames.map((f) => f.frameNumber)).toEqual(
      Array.from({ length: 240 }, (_, n) => n),
    );
    // Each frame belongs to the instant nearest its timestamp; frame 30k + 15, exactly half-way,
    // to the earlier one (as the grid gives the half-way tick): instant k holds 30k - 14 … 30k + 15,
    // and the last one, 7 s, the video's last frames too.
    const everyInstant = (k: number) =>
      Array.from({ length: k === 7 ? 44 : 30 }, (_, j) => 30 * k - 14 + j).filter((n) => n >= 0);
    expect(byInstant(everyFrame).map((frames) => frames.map((f) => f.frameNumber))).toEqual(
      Array.from({ length: 8 }, (_, k) => everyInstant(k)),
    );
    expect(matchVpdq(excerpt.frames, everyFrame.frames).queryPercent).toBe(100);
  });

  it('list a frame shown at several ticks once, and follow a slow video', async () => {
    const progress: number[] = [];
    const video = await hash('two-fps.mp4', {
      ...bank,
      onProgress: ({ decodedSeconds }) => progress.push(decodedSeconds),
    });
    // Frames every 0.5 s: around 1 s (0.867 … 1.133 s) frames 1 (from 0.5 s) and 2 (from 1 s),
    // each listed once with its own timestamp. Frame 1 starts half-way between 0 s and 1 s, so it
    // stands for the earlier instant, 0 s; frame 7 (from 3.5 s, on screen until the end) for 3 s.
    expect(video.frames.map((f) => [f.frameNumber, f.timestamp])).toEqual(
      Array.from({ length: 8 }, (_, n) => [n, n / 2]),
    );
    expect(byInstant(video).map((frames) => frames.map((f) => f.frameNumber))).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
    ]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Up to the last tick hashed, 3.967 s of the 4 s.
    expect(progress.at(-1)).toBeCloseTo(119 / 30, 6);
  });
});
