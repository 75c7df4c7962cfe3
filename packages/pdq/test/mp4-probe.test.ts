/**
 * The MP4 box reader must say exactly what ffprobe says, or step aside: every clip below is made by
 * ffmpeg, read both ways, and compared field by field. The clips cover what the reader takes on
 * (frame rates, time scales, full range from the SPS or from the container, 4:2:2, cropping,
 * interlacing, an audio track first, QuickTime, variable frame rate, the index at either end) and
 * what it must leave to ffprobe (other codecs, high bit depth, 4:4:4, several video tracks, cover
 * art, fragments, FIFOs).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseH264Sps } from '../src/node/h264-sps.ts';
import { probeMp4 } from '../src/node/mp4-probe.ts';
import { hashVideoFile } from '../src/node/video.ts';
import { ffmpegArguments } from '../src/node/video-decoder.ts';
import { probeVideo, probeWithFfprobe } from '../src/node/video-probe.ts';
import { ffmpeg, fixturesDir, photosDir, temporaryFolder } from './video-helpers.ts';

let folder: { path: string; remove: () => Promise<void> };
const file = (name: string) => join(folder.path, name);

/** A short testsrc2 clip: lavfi source options, then ffmpeg output options. */
const source = (size: string, rate: string, seconds = 1) =>
  ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`] as const;
const x264 = (pixelFormat: string) => ['-c:v', 'libx264', '-crf', '30', '-pix_fmt', pixelFormat];

/** Clips the reader must describe itself, exactly as ffprobe does. */
const readHere: Record<string, readonly string[]> = {
  'yuv420p-30fps.mp4': [...source('160x90', '30'), ...x264('yuv420p')],
  'ntsc-faststart.mp4': [
    ...source('160x90', '30000/1001', 2),
    ...x264('yuv420p'),
    '-movflags',
    '+faststart',
  ],
  'yuvj420p-25fps.mp4': [...source('160x90', '25'), ...x264('yuvj420p')],
  'sps-full-range.mp4': [...source('160x90', '24'), ...x264('yuv420p'), '-color_range', 'pc'],
  'sps-limited-bt709.mp4': [
    ...source('160x90', '24'),
    ...x264('yuv420p'),
    '-color_range',
    'tv',
    '-colorspace',
    'bt709',
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
  ],
  'yuv422p.mp4': [...source('160x90', '30'), ...x264('yuv422p')],
  'cropped-100x58.mp4': [...source('100x58', '30'), ...x264('yuv420p')],
  'interlaced.mp4': [
    ...source('160x96', '25'),
    ...x264('yuv420p'),
    '-flags',
    '+ildct+ilme',
    '-x264-params',
    'interlaced=1',
  ],
  'timescale-90000.mp4': [
    ...source('160x90', '30'),
    ...x264('yuv420p'),
    '-video_track_timescale',
    '90000',
  ],
  'variable-rate.mp4': [
    ...source('160x90', '30', 2),
    '-vf',
    "select='lt(n\\,10)+not(mod(n\\,4))'",
    '-fps_mode',
    'vfr',
    ...x264('yuv420p'),
  ],
  'no-b-frames.mp4': [...source('160x90', '15'), ...x264('yuv420p'), '-bf', '0'],
  'audio-first.mp4': [
    '-f',
    'lavfi',
    '-i',
    'sine=duration=1',
    ...source('160x90', '30'),
    '-map',
    '0:a',
    '-map',
    '1:v',
    '-c:a',
    'aac',
    ...x264('yuv420p'),
  ],
  'quicktime.mov': [...source('160x90', '30'), ...x264('yuv420p')],
};

/** Clips the reader must leave to ffprobe. */
const leftToFfprobe: Record<string, readonly string[]> = {
  'high10.mp4': [...source('160x90', '30'), ...x264('yuv420p10le')],
  'yuv444p.mp4': [...source('160x90', '30'), ...x264('yuv444p')],
  'mpeg4.mp4': [...source('160x90', '30'), '-c:v', 'mpeg4'],
  'two-videos.mp4': [
    ...source('160x90', '30'),
    ...source('96x64', '25'),
    '-map',
    '0:v',
    '-map',
    '1:v',
    ...x264('yuv420p'),
  ],
  'fragmented.mp4': [
    ...source('160x90', '30'),
    ...x264('yuv420p'),
    '-movflags',
    'frag_keyframe+empty_moov',
  ],
  'webm.webm': [...source('160x90', '30'), '-c:v', 'libvpx-vp9', '-deadline', 'realtime'],
};

beforeAll(async () => {
  folder = await temporaryFolder();
  await Promise.all(
    Object.entries({ ...readHere, ...leftToFfprobe }).map(([name, args]) =>
      ffmpeg([...args, file(name)]),
    ),
  );
  // Full range stated only by the container: an SPS without a video signal type, remuxed with
  // an `nclx` colour box.
  await ffmpeg([
    '-i',
    file('yuv420p-30fps.mp4'),
    '-c',
    'copy',
    '-color_range',
    'pc',
    '-movflags',
    '+write_colr',
    file('container-full-range.mp4'),
  ]);
  // Edit lists: a copy cut from 0.5 s (it keeps the frames before, to decode from the keyframe)
  // and a copy that starts 0.7 s late.
  await ffmpeg(['-ss', '0.5', '-i', file('yuv420p-30fps.mp4'), '-c', 'copy', file('cut.mp4')]);
  await ffmpeg([
    '-itsoffset',
    '0.7',
    '-i',
    file('yuv420p-30fps.mp4'),
    '-c',
    'copy',
    file('offset.mp4'),
  ]);
  // Cover art: a picture stream beside the video.
  await ffmpeg([
    '-i',
    file('yuv420p-30fps.mp4'),
    '-i',
    join(photosDir, 'misc-images/c.png'),
    '-map',
    '0:v',
    '-map',
    '1',
    '-c:v:0',
    'copy',
    '-c:v:1',
    'png',
    '-disposition:v:1',
    'attached_pic',
    file('cover-art.mp4'),
  ]);
}, 120_000);

afterAll(async () => {
  await folder.remove();
});

const ffprobeOptions = { ffprobePath: 'ffprobe', stallTimeoutMs: 30_000 };

async function viaFfprobe(path: string) {
  const result = await probeWithFfprobe(path, ffprobeOptions);
  if (!result.ok) throw new Error(`ffprobe failed on ${path}: ${result.error.message}`);
  return result.value;
}

describe('probeMp4', () => {
  it.each([...Object.keys(readHere), 'container-full-range.mp4', 'cut.mp4', 'offset.mp4'])(
    '%s: read from the boxes, equal to ffprobe',
    async (name) => {
      const mine = await probeMp4(file(name));
      expect(mine).toBeDefined();
      expect(mine).toEqual(await viaFfprobe(file(name)));
    },
  );

  it('covers what it claims: full range from the SPS and from the container, 4:2:2, cropping', async () => {
    const formats = await Promise.all(
      ['sps-full-range.mp4', 'container-full-range.mp4', 'yuv422p.mp4', 'yuvj420p-25fps.mp4'].map(
        async (name) => (await probeMp4(file(name)))?.pixelFormat,
      ),
    );
    expect(formats).toEqual(['yuvj420p', 'yuvj420p', 'yuv422p', 'yuvj420p']);
    expect(await probeMp4(file('cropped-100x58.mp4'))).toMatchObject({ width: 100, height: 58 });
    expect(await probeMp4(file('audio-first.mp4'))).toMatchObject({ streamIndex: 1 });
    expect((await probeMp4(file('ntsc-faststart.mp4')))?.frameRate).toBe(30000 / 1001);
    // The movie's duration, edits included: ffprobe's, not the samples'.
    expect((await probeMp4(file('offset.mp4')))?.durationSeconds).toBeCloseTo(1.7, 2);
  });

  it.each(['cover-art.mp4', ...Object.keys(leftToFfprobe)])('%s: left to ffprobe', async (name) => {
    expect(await probeMp4(file(name))).toBeUndefined();
    // and probeVideo still describes it, through ffprobe
    const result = await probeVideo(file(name), ffprobeOptions);
    expect(result.ok).toBe(true);
  });

  it('equals ffprobe on every committed MP4 fixture', async () => {
    const names = (await readdir(fixturesDir)).filter((name) => name.endsWith('.mp4'));
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      const path = `${fixturesDir}${name}`;
      expect({ name, probe: await probeMp4(path) }).toEqual({
        name,
        probe: await viaFfprobe(path),
      });
    }
  });

  it('never reads a FIFO, a folder or a missing file', async () => {
    await promisify(execFile)('mkfifo', [file('fifo.mp4')]);
    expect(await probeMp4(file('fifo.mp4'))).toBeUndefined();
    expect(await probeMp4(folder.path)).toBeUndefined();
    expect(await probeMp4(file('missing.mp4'))).toBeUndefined();
  });

  it('on damaged headers, answers as ffprobe does, or leaves ffmpeg to refuse the file', async () => {
    const good = await readFile(file('ntsc-faststart.mp4'));
    const moov = good.indexOf('moov') - 4;
    const stts = good.indexOf('stts') + 24;
    // Single-byte changes through the index, up to the frame durations (mvhd, tkhd, edts, mdhd,
    // hdlr, dref, the sample entry with its SPS, stts).
    const damagedCopies: { at: number; path: string }[] = [];
    for (let at = moov; at < stts; at += 3) {
      const damaged = Buffer.from(good);
      damaged[at] = damaged[at]! ^ 0x5a;
      const path = file(`damaged-${at}.mp4`);
      await writeFile(path, damaged);
      damagedCopies.push({ at, path });
    }
    let readHereCount = 0;
    for (const { at, path } of damagedCopies) {
      const probe = await probeMp4(path);
      if (probe === undefined) continue;
      readHereCount++;
      const theirs = await probeWithFfprobe(path, ffprobeOptions);
      if (theirs.ok && theirs.value.pixelFormat === 'unknown') {
        // ffprobe decoded no frame (a damaged PPS, say) so names no pixel format: the rest must
        // agree, and ffmpeg gets the same command line either way.
        expect({ at, probe: { ...probe, pixelFormat: 'unknown' } }).toEqual({
          at,
          probe: theirs.value,
        });
        const plan = { sampling: 'time', secondsPerHash: 1, frameStep: 1 } as const;
        expect(ffmpegArguments(path, probe, plan)).toEqual(
          ffmpegArguments(path, theirs.value, plan),
        );
      } else if (theirs.ok) {
        expect({ at, probe }).toEqual({ at, probe: theirs.value });
      } else {
        // ffprobe is stricter about boxes the reader skips (dref, say): ffmpeg, just as strict,
        // then refuses the file with the error ffprobe would have given.
        const hashed = await hashVideoFile(path, { digests: false });
        expect({ at, error: hashed.ok ? 'hashed' : hashed.error.code }).toEqual({
          at,
          error: theirs.error.code,
        });
      }
    }
    expect(readHereCount).toBeGreaterThan(damagedCopies.length / 2);
  }, 120_000);
});

describe('parseH264Sps', () => {
  it('refuses what is not an SPS', () => {
    expect(parseH264Sps(new Uint8Array([0x68, 0xee, 0x3c, 0x80]))).toBeUndefined(); // a PPS
    expect(parseH264Sps(new Uint8Array([0x67, 0x64]))).toBeUndefined(); // cut short
    expect(parseH264Sps(new Uint8Array([0x67, 0x64, 0x00, 0x1f, 0x00, 0x00]))).toBeUndefined();
  });
});
