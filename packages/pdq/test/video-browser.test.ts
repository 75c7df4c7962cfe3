// The ./browser video hasher in real Chromium (Debian's /usr/bin/chromium): a hidden <video>
// element seeked to every sample instant, frames drawn to a canvas and hashed in a Web Worker.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hammingDistance } from '../src/core/hash.ts';
import { hashVideoFile, type VideoHash } from '../src/node/video.ts';
import type { VpdqFrame } from '../src/video/frame.ts';
import { vpdqInstants, type VpdqHashing } from '../src/video/instants.ts';
import { matchVpdq } from '../src/video/match.ts';
import { parseVpdqLines } from '../src/video/text-format.ts';
import {
  startVideoBrowserHarness,
  type PageVideoRun,
  type VideoBrowserHarness,
} from './video-browser-harness.ts';
import { ffmpeg, fixturesDir, temporaryFolder } from './video-helpers.ts';

let harness: VideoBrowserHarness;
let folder: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  folder = await temporaryFolder();
  writeFileSync(join(folder.path, 'notes.mp4'), 'A note written for this test, not a video.\n');
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'sine=duration=1',
    '-c:a',
    'aac',
    join(folder.path, 'sound.m4a'),
  ]);
  // A video slower than the neighbourhoods' grid: 2 frames a second.
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x180:rate=2',
    '-t',
    '4',
    '-c:v',
    'libx264',
    join(folder.path, 'two-fps.mp4'),
  ]);
  harness = await startVideoBrowserHarness(folder.path);
}, 120_000);
afterAll(async () => {
  await harness.close();
  await folder.remove();
});

async function inNode(name: string, neighbourhoodSeconds = 0): Promise<VideoHash> {
  const result = await hashVideoFile(join(fixturesDir, name), {
    digests: false,
    neighbourhoodSeconds,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function value(run: PageVideoRun) {
  if (!run.result.ok) throw new Error(`${run.result.error.code}: ${run.result.error.message}`);
  return run.result.value;
}

describe('hashVideoBlob in Chromium', () => {
  it('plays H.264, VP9 and AV1 (Debian builds Chromium with them; not HEVC)', async () => {
    expect(await harness.codecs()).toEqual({
      'H.264 (MP4)': 'probably',
      'HEVC (MP4)': 'no',
      'VP9 (WebM)': 'probably',
      'VP8 (WebM)': 'probably',
      'AV1 (MP4)': 'probably',
    });
  });

  const clips = [
    'testsrc2-30fps.mp4',
    'testsrc2-321x241-vp9-bt709-pc.webm',
    'slideshow-photos-640x360.mp4',
    'testsrc2-rotate90.mp4',
  ];
  const cases = clips.flatMap((name) =>
    (['webcodecs', 'element'] as const).map((decoder) => [name, decoder] as const),
  );

  it.each(cases)('hashes %s with %s at the instants the Node entry does', async (name, decoder) => {
    const [browser, node] = await Promise.all([
      harness.hash(`/fixtures/${name}`, { decoder }),
      inNode(name),
    ]);
    const video = value(browser);
    expect(video.decoder).toBe(decoder);
    expect([video.width, video.height]).toEqual([node.width, node.height]);
    expect(video.frames.map((f) => f.timestamp)).toEqual(node.frames.map((f) => f.timestamp));
    // WebCodecs numbers frames as the decoder does; <video> cannot, and numbers the samples.
    expect(video.frames.map((f) => f.frameNumber)).toEqual(
      decoder === 'webcodecs'
        ? node.frames.map((f) => f.frameNumber)
        : node.frames.map((_, k) => k),
    );
    // Both convert BT.601 as ffmpeg does, not bit for bit; the <video> element alone follows the
    // VP9 clip's BT.709 tag. Measured: at most 4 bits, and 30 for that one case.
    const distances = video.frames.map((f, i) => hammingDistance(f.pdq, node.frames[i]!.pdq));
    const followsTags = decoder === 'element' && name.includes('bt709');
    expect(Math.max(...distances)).toBeLessThanOrEqual(followsTags ? 31 : 8);
    expect(matchVpdq(video.frames, node.frames)).toMatchObject({
      queryPercent: 100,
      comparedPercent: 100,
      match: true,
    });
  });

  it.each(['webcodecs', 'element'] as const)(
    'takes the very frame on screen at each instant (%s)',
    async (decoder) => {
      // testsrc2 moves fast: neighbouring frames are 22 to 44 bits apart, so the closest of the
      // 120 frames (hashed by the reference) identifies the frame the browser drew.
      const everyFrame = parseVpdqLines(
        readFileSync(join(fixturesDir, 'testsrc2-30fps.mp4.reference-r0.txt'), 'utf8'),
      );
      if (!everyFrame.ok) throw new Error(everyFrame.error.message);
      const video = value(
        await harness.hash('/fixtures/testsrc2-30fps.mp4', { decoder, secondsPerHash: 0.5 }),
      );
      const closest = video.frames.map((f) => {
        const distances = everyFrame.value.map((g): number => hammingDistance(f.pdq, g.pdq));
        return distances.indexOf(Math.min(...distances));
      });
      expect(closest).toEqual([0, 15, 30, 45, 60, 75, 90, 105]);
    },
  );

  it.each(['testsrc2-30fps.mp4', 'testsrc2-321x241-vp9-bt709-pc.webm'])(
    'hashes the neighbourhood of each instant on the Node entry grid (%s, WebCodecs)',
    async (name) => {
      // testsrc2 at 30 fps and 24 fps (VP9): every 1/30 s tick a new frame, or a repeated one.
      const [browser, node] = await Promise.all([
        harness.hash(`/fixtures/${name}`, { neighbourhoodSeconds: 0.15 }),
        inNode(name, 0.15),
      ]);
      const video = value(browser);
      expect(video.neighbourhoodSeconds).toBe(0.15);
      const place = (f: { frameNumber: number; timestamp: number }) => [f.timestamp, f.frameNumber];
      expect(video.frames.map(place)).toEqual(node.frames.map(place));
      const distances = video.frames.map((f, i) => hammingDistance(f.pdq, node.frames[i]!.pdq));
      expect(Math.max(...distances)).toBeLessThanOrEqual(8);
    },
  );

  it.each(['webcodecs', 'element'] as const)(
    'hashes the neighbourhoods of a video slower than the grid as the Node entry does (%s)',
    async (decoder) => {
      // Frames every 0.5 s: several ticks show the same frame, listed once at its own time.
      const [browser, node] = await Promise.all([
        harness.hash('/extra/two-fps.mp4', { neighbourhoodSeconds: 0.15, decoder }),
        hashVideoFile(join(folder.path, 'two-fps.mp4'), {
          digests: false,
          neighbourhoodSeconds: 0.15,
        }),
      ]);
      if (!node.ok) throw new Error(node.error.message);
      const video = value(browser);
      expect(video.frames.map((f) => f.timestamp)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
      expect(video.frames.map((f) => f.timestamp)).toEqual(
        node.value.frames.map((f) => f.timestamp),
      );
      // The <video> element does not say a frame's rank: the first moment that showed it.
      if (decoder === 'webcodecs') {
        expect(video.frames.map((f) => f.frameNumber)).toEqual(
          node.value.frames.map((f) => f.frameNumber),
        );
      }
      const distances = video.frames.map((f, i) =>
        hammingDistance(f.pdq, node.value.frames[i]!.pdq),
      );
      expect(Math.max(...distances)).toBeLessThanOrEqual(8);
    },
  );

  it('hashes neighbourhoods with the <video> element too, at the same instants', async () => {
    const name = 'testsrc2-30fps.mp4';
    const [browser, node] = await Promise.all([
      harness.hash(`/fixtures/${name}`, { neighbourhoodSeconds: 0.1, decoder: 'element' }),
      inNode(name, 0.1),
    ]);
    const video = value(browser);
    const perInstant = (hashed: VpdqHashing & { frames: readonly VpdqFrame[] }) =>
      vpdqInstants(hashed.frames, hashed).map((group) => [group[0]!.timestamp, group.length]);
    expect(perInstant(video)).toEqual(perInstant(node));
    // Frame for frame, in time order (the element numbers the ticks it seeked to).
    const distances = video.frames.map((f, i) => hammingDistance(f.pdq, node.frames[i]!.pdq));
    expect(Math.max(...distances)).toBeLessThanOrEqual(8);
    expect(matchVpdq(node.frames, video.frames)).toMatchObject({
      queryPercent: 100,
      comparedPercent: 100,
    });
  });

  it('uses WebCodecs by default, and reports a file neither decoder can read', async () => {
    expect(value(await harness.hash('/fixtures/testsrc2-30fps.mp4')).decoder).toBe('webcodecs');
    const forced = await harness.hash('/extra/notes.mp4', { decoder: 'webcodecs' });
    expect(forced.result).toMatchObject({ ok: false, error: { code: 'video_unsupported' } });
  });

  it('streams the MD5 and SHA-256 of the file', async () => {
    const name = 'testsrc2-30fps.mp4';
    const bytes = readFileSync(join(fixturesDir, name));
    const video = value(await harness.hash(`/fixtures/${name}`));
    expect([video.md5, video.sha256]).toEqual([
      createHash('md5').update(bytes).digest('hex'),
      createHash('sha256').update(bytes).digest('hex'),
    ]);
  });

  it('reports progress up to 1, and hashes the same on the page thread as in the worker', async () => {
    const run = await harness.hash('/fixtures/testsrc2-ntsc.mp4', { secondsPerHash: 0.5 });
    const video = value(run);
    expect(video.frames).toHaveLength(9);
    expect(video.frames.map((f) => f.frameNumber)).toEqual([0, 14, 29, 44, 59, 74, 89, 104, 119]);
    expect(run.progress.map((p) => p.framesHashed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.progress.at(-1)!.fraction).toBe(1);
    const inline = value(
      await harness.hash('/fixtures/testsrc2-ntsc.mp4', { secondsPerHash: 0.5, worker: false }),
    );
    expect(inline.frames).toEqual(video.frames);
    const element = value(
      await harness.hash('/fixtures/testsrc2-ntsc.mp4', {
        secondsPerHash: 0.5,
        decoder: 'element',
      }),
    );
    expect(element.frames.map((f) => f.timestamp)).toEqual(video.frames.map((f) => f.timestamp));
  });

  it.each(['webcodecs', 'element'] as const)('cancels on abort (%s)', async (decoder) => {
    const run = await harness.hash('/fixtures/slideshow-photos-640x360.mp4', {
      abortAfterFirst: true,
      secondsPerHash: 0.1,
      decoder,
    });
    expect(run.result).toEqual({
      ok: false,
      error: { code: 'aborted', message: 'hashing was cancelled' },
    });
    expect(run.progress.length).toBeLessThan(30);
  });

  it('says when a file has sound but no picture', async () => {
    const run = await harness.hash('/extra/sound.m4a');
    expect(run.result).toEqual({
      ok: false,
      error: { code: 'video_unsupported', message: 'the file has no video track (audio only?)' },
    });
  });

  it('says clearly when a file is not a video it can play', async () => {
    const run = await harness.hash('/extra/notes.mp4');
    expect(run.result.ok).toBe(false);
    if (!run.result.ok) {
      expect(run.result.error.code).toBe('video_unsupported');
      expect(run.result.error.message).toMatch(/^this browser cannot play this file/);
    }
  });
});
