/**
 * Reference mode is the reference vPDQ hasher: same frames, same hashes (0 bits apart), same
 * qualities, same timestamps, on clips whose expected output was recorded by running upstream's
 * `vpdq-hash-video` (see video-fixtures/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashVideoFile } from '../src/node/video.ts';
import { instantOfTimestamp } from '../src/video/sampling.ts';
import { formatVpdqLine, formatVpdqLines, parseVpdqLines } from '../src/video/text-format.ts';
import { ffmpeg, fixturesDir, temporaryFolder } from './video-helpers.ts';

const expectations = readdirSync(fixturesDir)
  .map((name) => /^(.+)\.reference-r([\d.]+)\.txt$/.exec(name))
  .filter((match) => match !== null)
  .map((match) => ({ file: match[0], clip: match[1]!, secondsPerHash: Number(match[2]) }));

async function hashFixture(clip: string, options: Parameters<typeof hashVideoFile>[1]) {
  const result = await hashVideoFile(`${fixturesDir}${clip}`, { digests: false, ...options });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('reference sampling equals the reference vPDQ hasher', () => {
  it('has recorded expectations for 6 clips', () => {
    expect(new Set(expectations.map((e) => e.clip)).size).toBe(6);
  });

  it.each(expectations)('$clip at -r $secondsPerHash', async ({ file, clip, secondsPerHash }) => {
    const video = await hashFixture(clip, { sampling: 'reference', secondsPerHash });
    expect(formatVpdqLines(video.frames)).toBe(readFileSync(`${fixturesDir}${file}`, 'utf8'));
  });
});

describe('time sampling', () => {
  function referenceLines(file: string) {
    const parsed = parseVpdqLines(readFileSync(`${fixturesDir}${file}`, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  }

  it('hashes the same pixels as the reference: at 30 fps and 1 s it picks the same frames', async () => {
    const video = await hashFixture('testsrc2-30fps.mp4', {});
    expect(formatVpdqLines(video.frames)).toBe(
      readFileSync(`${fixturesDir}testsrc2-30fps.mp4.reference-r1.txt`, 'utf8'),
    );
  });

  it('takes the frame on screen at each instant, numbered as the decoder numbers it', async () => {
    // Every frame of the NTSC clip, hashed by the reference: frame n is shown from n·1001/30000 s.
    const everyFrame = referenceLines('testsrc2-ntsc.mp4.reference-r0.5.txt');
    const video = await hashFixture('testsrc2-ntsc.mp4', { secondsPerHash: 0.5 });
    // 0.5 s falls in frame 14 (0.467 s … 0.501 s), 1 s in frame 29 (0.968 s … 1.001 s), …; the
    // last of the 120 frames is on screen from 3.970 s to 4.004 s, so 4 s is sampled too.
    const numbers = [0, 14, 29, 44, 59, 74, 89, 104, 119];
    expect(video.frames.map((f) => f.frameNumber)).toEqual(numbers);
    // Each frame with its own presentation timestamp, n · 1001/30000 s to the microsecond; the
    // instant it stands for is the multiple of 0.5 s nearest it.
    expect(video.frames.map((f) => f.timestamp)).toEqual(
      numbers.map((n) => Math.round((n * 1001 * 1e6) / 30000) / 1e6),
    );
    expect(video.frames.map((f) => instantOfTimestamp(f.timestamp, 0.5))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    // The reference's r0.5 steps by int(0.5 x 29.97) = 14 frames: frames 0, 14, 28, 42…; both hash
    // frames 0 and 14 identically, and write the same lines for them.
    expect(video.frames.slice(0, 2).map(formatVpdqLine)).toEqual(
      everyFrame.slice(0, 2).map(formatVpdqLine),
    );
  });

  it('numbers frames right on a variable-frame-rate video, and holds a frame across a gap', async () => {
    const everyFrame = referenceLines('testsrc2-30fps.mp4.reference-r0.txt');
    const { path, remove } = await temporaryFolder();
    try {
      // Frames 0-59 at 30 fps, then a 1.5 s pause (frame 59 stays on screen), then frames 60-119.
      const vfr = `${path}/vfr.mkv`;
      await ffmpeg([
        '-i',
        `${fixturesDir}testsrc2-30fps.mp4`,
        '-vf',
        "setpts='(N/30 + gte(N,60)*1.5)/TB'",
        '-fps_mode',
        'vfr',
        '-c:v',
        'ffv1',
        vfr,
      ]);
      const result = await hashVideoFile(vfr, { digests: false, secondsPerHash: 0.25 });
      if (!result.ok) throw new Error(result.error.message);
      const frames = result.value.frames;
      // ffv1 is lossless, so each sample must carry the hash of the source frame it names.
      for (const frame of frames) {
        expect(frame.pdq).toBe(everyFrame[frame.frameNumber]!.pdq);
      }
      // The frame on screen every 0.25 s, each frame once with its own timestamp: frame 59
      // (1.967 s) is on screen at 2 s and through the pause until 3.5 s, when frame 60 starts.
      // Frame 119 shows from 5.467 s to the end at 5.5 s: the last instant sampled is 5.25 s.
      const shown = [0, 7, 15, 22, 30, 37, 45, 52, 59, 60, 67, 75, 82, 90, 97, 105, 112];
      expect(frames.map((f) => f.frameNumber)).toEqual(shown);
      // Matroska keeps timestamps in milliseconds: what the file says is what is written.
      const startOf = (n: number) => Math.round((n / 30 + (n >= 60 ? 1.5 : 0)) * 1000) / 1000;
      expect(frames.map((f) => f.timestamp)).toEqual(shown.map(startOf));
      expect(frames.map((f) => instantOfTimestamp(f.timestamp, 0.25) * 0.25)).toEqual([
        0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 3.5, 3.75, 4, 4.25, 4.5, 4.75, 5, 5.25,
      ]);
    } finally {
      await remove();
    }
  });

  it('hashes what a player shows: the rotated picture', async () => {
    const [timeMode, referenceMode] = await Promise.all([
      hashFixture('testsrc2-rotate90.mp4', {}),
      hashFixture('testsrc2-rotate90.mp4', { sampling: 'reference' }),
    ]);
    expect([timeMode.width, timeMode.height]).toEqual([240, 320]);
    expect([referenceMode.width, referenceMode.height]).toEqual([320, 240]);
    expect(timeMode.frames[0]!.pdq).not.toBe(referenceMode.frames[0]!.pdq);
  });
});
