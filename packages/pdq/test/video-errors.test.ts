/**
 * Bad input gives a clear error with a stable code, never a crash or a hang: real files (text,
 * noise, audio, truncated and damaged videos), a FIFO that never delivers, a decoder that hangs.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashVideoFile, type VideoHashProgress } from '../src/node/video.ts';
import { ffmpeg, fixturesDir, temporaryFolder } from './video-helpers.ts';

let folder: { path: string; remove: () => Promise<void> };
const file = (name: string) => join(folder.path, name);
const clip = `${fixturesDir}testsrc2-30fps.mp4`;

beforeAll(async () => {
  folder = await temporaryFolder();
  const video = await readFile(clip);
  // The encoder writes the index (moov) last: a cut leaves no index at all.
  const moovAtEnd = video.indexOf('moov') > video.indexOf('mdat');
  expect(moovAtEnd).toBe(true);
  await writeFile(file('cut-before-index.mp4'), video.subarray(0, video.length >> 1));
  await ffmpeg(['-i', clip, '-c', 'copy', '-movflags', '+faststart', file('faststart.mp4')]);
  const faststart = await readFile(file('faststart.mp4'));
  await writeFile(file('cut-in-data.mp4'), faststart.subarray(0, faststart.length >> 1));
  const damaged = Buffer.from(faststart);
  for (let i = damaged.length >> 2; i < (damaged.length * 3) >> 2; i += 997) damaged[i]! ^= 0xff;
  await writeFile(file('damaged.mp4'), damaged);
  await writeFile(file('notes.txt'), 'this is not a video\n');
  await writeFile(
    file('noise.bin'),
    Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 251)),
  );
  await ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=1', file('audio.mp3')]);
  await promisify(execFile)('mkfifo', [file('never.mp4')]);
  // A stand-in for a decoder that hangs: it starts, then never writes or exits.
  await writeFile(file('hanging-ffmpeg'), '#!/bin/sh\nexec sleep 600\n');
  await chmod(file('hanging-ffmpeg'), 0o755);
});

afterAll(async () => {
  await folder.remove();
});

async function failure(path: string, options: Parameters<typeof hashVideoFile>[1] = {}) {
  const result = await hashVideoFile(path, options);
  if (result.ok) throw new Error(`expected ${path} to fail`);
  return result.error;
}

describe('hashVideoFile errors', () => {
  it.each([
    ['missing.mp4', 'video_not_found', /does not exist/],
    ['notes.txt', 'video_unreadable', /not a video file/],
    ['noise.bin', 'video_unreadable', /not a video file/],
    ['audio.mp3', 'video_no_video_stream', /no video stream/],
    ['cut-before-index.mp4', 'video_truncated', /incomplete.*moov/],
    ['cut-in-data.mp4', 'video_corrupt', /damaged or cut short/],
    ['damaged.mp4', 'video_corrupt', /damaged or cut short/],
  ])('%s: %s', async (name, code, message) => {
    const error = await failure(file(name));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    // The message quotes ffmpeg without naming the file (its name can be intimate).
    expect(error.message).not.toContain(folder.path);
  });

  it('stops a probe stuck on a FIFO that never delivers', async () => {
    const error = await failure(file('never.mp4'), { stallTimeoutMs: 500 });
    expect(error).toEqual({
      code: 'video_timeout',
      message:
        'ffprobe made no progress for 0.5 s and was stopped (a stalled input or a decoder hang)',
    });
  });

  it('kills a decoder that hangs', async () => {
    // Long enough for ffmpeg's own start on a loaded machine.
    const error = await failure(clip, { stallTimeoutMs: 3000, ffmpegPath: file('hanging-ffmpeg') });
    expect(error.code).toBe('video_timeout');
    expect(error.message).toMatch(/^ffmpeg made no progress for 3 s/);
  });

  it('says when ffmpeg is not installed', async () => {
    const error = await failure(clip, { ffmpegPath: file('no-such-ffmpeg') });
    expect(error.code).toBe('ffmpeg_not_found');
    expect(error.message).toMatch(/install ffmpeg/);
    // An MP4 is described without ffprobe; a WebM needs it.
    expect(await hashVideoFile(clip, { ffprobePath: file('no-such-ffprobe') })).toMatchObject({
      ok: true,
    });
    const webm = `${fixturesDir}testsrc2-321x241-vp9-bt709-pc.webm`;
    const withoutProbe = await failure(webm, { ffprobePath: file('no-such-ffprobe') });
    expect(withoutProbe.code).toBe('ffmpeg_not_found');
    expect(withoutProbe.message).toMatch(/install ffmpeg/);
  });

  it('refuses bad options', async () => {
    expect((await failure(clip, { secondsPerHash: 0 })).code).toBe('video_bad_options');
    expect((await failure(clip, { secondsPerHash: -1, sampling: 'reference' })).code).toBe(
      'video_bad_options',
    );
    expect((await failure(clip, { sampling: 'fast' as 'time' })).code).toBe('video_bad_options');
    for (const neighbourhoodSeconds of [-0.1, 0.6, Number.NaN]) {
      const error = await failure(clip, { neighbourhoodSeconds });
      expect(error).toMatchObject({ code: 'video_bad_options' });
      expect(error.message).toMatch(/neighbourhood must be a number of seconds from 0 to half/);
    }
    const withReference = await failure(clip, { sampling: 'reference', neighbourhoodSeconds: 0.1 });
    expect(withReference).toEqual({
      code: 'video_bad_options',
      message: 'neighbourhoods are for time sampling; reference sampling hashes single frames',
    });
  });

  it('cancels on abort, from the first progress report', async () => {
    const controller = new AbortController();
    const error = await failure(`${fixturesDir}slideshow-photos-640x360.mp4`, {
      sampling: 'reference',
      secondsPerHash: 0,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(error).toEqual({ code: 'video_aborted', message: 'hashing was cancelled' });
  });
});

describe('hashVideoFile results', () => {
  it('streams the MD5 and SHA-256 of the file', async () => {
    const bytes = await readFile(clip);
    const result = await hashVideoFile(clip);
    expect(result.ok && [result.value.md5, result.value.sha256]).toEqual([
      createHash('md5').update(bytes).digest('hex'),
      createHash('sha256').update(bytes).digest('hex'),
    ]);
    const without = await hashVideoFile(clip, { digests: false });
    expect(without.ok && without.value.md5).toBeUndefined();
  });

  it('describes the video', async () => {
    const result = await hashVideoFile(`${fixturesDir}testsrc2-ntsc.mp4`, { digests: false });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { frames, ...video } = result.value;
    expect(video).toEqual({
      kind: 'video',
      md5: undefined,
      sha256: undefined,
      durationSeconds: 4.004,
      frameRate: 30000 / 1001,
      width: 320,
      height: 240,
      sampling: 'time',
      secondsPerHash: 1,
      neighbourhoodSeconds: 0,
    });
    expect(frames.every((f) => f.quality === 100)).toBe(true);
  });

  it('reports progress as it goes', async () => {
    const reports: VideoHashProgress[] = [];
    const result = await hashVideoFile(`${fixturesDir}slideshow-photos-640x360.mp4`, {
      sampling: 'reference',
      secondsPerHash: 0,
      digests: false,
      onProgress: (p) => reports.push(p),
    });
    expect(result.ok && result.value.frames.length).toBe(90);
    expect(reports.length).toBeGreaterThanOrEqual(90);
    expect(reports.at(-1)).toMatchObject({ framesHashed: 90, durationSeconds: 3 });
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]!.framesHashed).toBeGreaterThanOrEqual(reports[i - 1]!.framesHashed);
      expect(reports[i]!.decodedSeconds).toBeGreaterThanOrEqual(reports[i - 1]!.decodedSeconds);
    }
  });
});
