/**
 * What vPDQ is for: a copy of a video, re-encoded by a platform, still matches it; an unrelated
 * video does not; an excerpt of a longer recording matches it. Real videos made with ffmpeg from
 * the vendored test photos, hashed through the real ffmpeg pipeline.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashVideoFile, type HashVideoOptions, type VideoHash } from '../src/node/video.ts';
import { matchVpdqInstants, vpdqInstants } from '../src/video/instants.ts';
import { matchVpdq } from '../src/video/match.ts';
import { distinctPhotos, ffmpeg, makeSlideshow, temporaryFolder } from './video-helpers.ts';

let folder: { path: string; remove: () => Promise<void> };
const file = (name: string) => join(folder.path, name);

async function hash(name: string, options: HashVideoOptions = {}): Promise<VideoHash> {
  const result = await hashVideoFile(file(name), { digests: false, ...options });
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  folder = await temporaryFolder();
  // The "recording": 60 s, 20 photos x 3 s, 480x270 at NTSC 29.97 fps, good quality.
  await makeSlideshow(file('original.mp4'), distinctPhotos, {
    secondsEach: 3,
    width: 480,
    height: 270,
    fps: '30000/1001',
    crf: 20,
  });
  await Promise.all([
    // A platform's copy: smaller, at 25 fps, much lower bitrate.
    ffmpeg([
      '-i',
      file('original.mp4'),
      '-vf',
      'scale=320:180',
      '-r',
      '25',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '34',
      file('reencoded.mp4'),
    ]),
    // A 10 s excerpt from 20 s in, re-encoded.
    ffmpeg([
      '-ss',
      '20',
      '-i',
      file('original.mp4'),
      '-t',
      '10',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '26',
      file('excerpt.mp4'),
    ]),
    // Unrelated videos: a synthetic test pattern and a fractal zoom.
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=30:duration=20',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      file('unrelated-testsrc2.mp4'),
    ]),
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'mandelbrot=size=320x180:rate=25',
      '-t',
      '10',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      file('unrelated-mandelbrot.mp4'),
    ]),
  ]);
}, 120_000);

afterAll(async () => {
  await folder.remove();
});

describe('time sampling survives re-encoding', () => {
  it('matches a copy at another size, bitrate and frame rate at >= 80 % both ways', async () => {
    const [original, copy] = await Promise.all([hash('original.mp4'), hash('reencoded.mp4')]);
    // 20 x 90 frames at 29.97 fps last 60.06 s: samples at 0, 1, …, 60 s.
    expect(original.frames).toHaveLength(61);
    expect(copy.frames.length).toBeGreaterThanOrEqual(60);
    expect([copy.width, copy.height, copy.frameRate]).toEqual([320, 180, 25]);
    const result = matchVpdq(copy.frames, original.frames);
    expect(result.match).toBe(true);
    expect(result.queryPercent).toBeGreaterThanOrEqual(80);
    expect(result.comparedPercent).toBeGreaterThanOrEqual(80);
  });

  it('keeps the samples aligned where reference sampling drifts', async () => {
    const [original, copy] = await Promise.all([
      hash('original.mp4', { sampling: 'reference' }),
      hash('reencoded.mp4', { sampling: 'reference' }),
    ]);
    // int(1 x 29.97) = 29 frames: the reference samples the original every 0.9676 s, and the
    // 25 fps copy every 1 s, so the two sample lists drift apart by 2 s over the minute.
    expect(original.frames[1]).toMatchObject({ frameNumber: 29 });
    expect(original.frames.at(-1)!.timestamp).toBeCloseTo((62 * 29 * 1001) / 30000, 2);
    const timeResult = matchVpdq(
      (await hash('reencoded.mp4')).frames,
      (await hash('original.mp4')).frames,
    );
    const referenceResult = matchVpdq(copy.frames, original.frames);
    // Measured here: time 90 %, reference 21 % (the misses are samples that land on a photo change).
    expect(timeResult.queryPercent).toBeGreaterThanOrEqual(80);
    expect(referenceResult.queryPercent).toBeLessThan(50);
  });

  it('matches a 10-second excerpt of the 60-second recording', async () => {
    const [original, excerpt] = await Promise.all([hash('original.mp4'), hash('excerpt.mp4')]);
    expect(excerpt.frames).toHaveLength(10);
    const result = matchVpdq(excerpt.frames, original.frames);
    expect(result.match).toBe(true);
    expect(result.queryPercent).toBeGreaterThanOrEqual(80);
    // The excerpt covers a sixth of the recording.
    expect(result.comparedPercent).toBeLessThan(30);
    // The other way round, the recording is not "made of" the excerpt.
    expect(matchVpdq(original.frames, excerpt.frames).match).toBe(false);
  });

  it('matches unrelated videos at 0 %', async () => {
    const original = await hash('original.mp4');
    for (const name of ['unrelated-testsrc2.mp4', 'unrelated-mandelbrot.mp4']) {
      const other = await hash(name);
      const result = matchVpdq(other.frames, original.frames);
      expect(result.queryFrames).toBeGreaterThan(0);
      expect([result.queryPercent, result.comparedPercent, result.match]).toEqual([0, 0, false]);
    }
  });

  it('keeps all of this with neighbourhoods (bank side), counted by instant', async () => {
    const bank = { neighbourhoodSeconds: 0.15 };
    const [original, copy, excerpt, unrelated] = await Promise.all(
      ['original.mp4', 'reencoded.mp4', 'excerpt.mp4', 'unrelated-testsrc2.mp4'].map(
        async (name) => {
          const video = await hash(name, bank);
          return vpdqInstants(video.frames, video);
        },
      ),
    );
    expect(matchVpdqInstants(copy!, original!).queryPercent).toBeGreaterThanOrEqual(90);
    expect(matchVpdqInstants(original!, copy!).queryPercent).toBeGreaterThanOrEqual(90);
    const excerptResult = matchVpdqInstants(excerpt!, original!);
    expect(excerptResult.match).toBe(true);
    expect(excerptResult.comparedPercent).toBeLessThan(30);
    expect(matchVpdqInstants(original!, excerpt!).match).toBe(false);
    expect(matchVpdqInstants(unrelated!, original!).queryPercent).toBe(0);
    // A platform's upload, one frame per instant, against the bank.
    const upload = await hash('reencoded.mp4');
    expect(matchVpdq(upload.frames, original!.flat()).queryPercent).toBeGreaterThanOrEqual(90);
  });
});
