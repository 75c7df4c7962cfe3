// The ./browser video hasher in real Chromium (Debian's /usr/bin/chromium): a hidden <video>
// element seeked to every sample instant, frames drawn to a canvas and hashed in a Web Worker.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hammingDistance } from '../src/core/hash.ts';
import { hashVideoFile, type VideoHash } from '../src/node/video.ts';
import { matchVpdq } from '../src/video/match.ts';
import {
  startVideoBrowserHarness,
  type PageVideoRun,
  type VideoBrowserHarness,
} from './video-browser-harness.ts';
import { fixturesDir, temporaryFolder } from './video-helpers.ts';

let harness: VideoBrowserHarness;
let folder: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  folder = await temporaryFolder();
  writeFileSync(join(folder.path, 'notes.mp4'), 'A note written for this test, not a video.\n');
  harness = await startVideoBrowserHarness(folder.path);
}, 120_000);
afterAll(async () => {
  await harness.close();
  await folder.remove();
});

async function inNode(name: string): Promise<VideoHash> {
  const result = await hashVideoFile(join(fixturesDir, name), { digests: false });
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

  it.each([
    'testsrc2-30fps.mp4',
    'testsrc2-321x241-vp9-bt709-pc.webm',
    'slideshow-photos-640x360.mp4',
    'testsrc2-rotate90.mp4',
  ])(
    'samples %s at the instants the Node entry does, within a few bits of its hashes',
    async (name) => {
      const [browser, node] = await Promise.all([harness.hash(`/fixtures/${name}`), inNode(name)]);
      const video = value(browser);
      expect([video.width, video.height]).toEqual([node.width, node.height]);
      expect(video.frames.map((f) => f.timestamp)).toEqual(node.frames.map((f) => f.timestamp));
      // The browser converts colours its own way (and follows the BT.709 tag of the VP9 clip),
      // so hashes are near, not equal; a frame off by one instant would be 30-60 bits away here.
      const distances = video.frames.map((f, i) => hammingDistance(f.pdq, node.frames[i]!.pdq));
      expect(Math.max(...distances)).toBeLessThanOrEqual(name.includes('bt709') ? 31 : 16);
      expect(matchVpdq(video.frames, node.frames)).toMatchObject({
        queryPercent: 100,
        comparedPercent: 100,
        match: true,
      });
    },
  );

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
    expect(run.progress.map((p) => p.framesHashed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.progress.at(-1)!.fraction).toBe(1);
    const inline = value(
      await harness.hash('/fixtures/testsrc2-ntsc.mp4', { secondsPerHash: 0.5, worker: false }),
    );
    expect(inline.frames).toEqual(video.frames);
  });

  it('cancels on abort', async () => {
    const run = await harness.hash('/fixtures/slideshow-photos-640x360.mp4', {
      abortAfterFirst: true,
      secondsPerHash: 0.1,
    });
    expect(run.result).toEqual({
      ok: false,
      error: { code: 'aborted', message: 'hashing was cancelled' },
    });
    expect(run.progress.length).toBeLessThan(30);
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
