/**
 * Reference mode is the reference vPDQ hasher: same frames, same hashes (0 bits apart), same
 * qualities, same timestamps, on clips whose expected output was recorded by running upstream's
 * `vpdq-hash-video` (see video-fixtures/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashVideoFile } from '../src/node/video.ts';
import { formatVpdqLines, parseVpdqLines } from '../src/video/text-format.ts';
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
    // 120 frames: the last is on screen from 3.970 s to 4.004 s, so 4 s is sampled too.
    expect(video.frames.map((f) => f.timestamp)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);
    // 0.5 s falls in frame 14 (0.467 s … 0.501 s), 1 s in frame 29 (0.968 s … 1.001 s), …
    expect(video.frames.map((f) => f.frameNumber)).toEqual([0, 14, 29, 44, 59, 74, 89, 104, 119]);
    // The reference's r0.5 steps by int(0.5 x 29.97) = 14 frames: frames 0, 14, 28, 42…; both hash
    // frames 0 and 14 identically.
    expect(video.frames.slice(0, 2)).toEqual(
      everyFrame.slice(0, 2).map((f, k) => ({ ...f, timestamp: k * 0.5 })),
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
      const numberAt = (t: number) => frames.find((f) => f.timestamp === t)!.frameNumber;
      expect(numberAt(1.75)).toBe(52);
      expect([numberAt(2), numberAt(2.5), numberAt(3), numberAt(3.25)]).toEqual([59, 59, 59, 59]);
      expect(numberAt(3.5)).toBe(60);
      // Frame 119 shows from 5.467 s to the end at 5.5 s: the last instant sampled is 5.25 s.
      expect(frames.at(-1)).toMatchObject({ timestamp: 5.25, frameNumber: 112 });
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
