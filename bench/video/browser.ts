/**
 * The browser half of `npm run bench:video` (run alone: `npx tsx bench/video/browser.ts`): vPDQ of a video in headless Chromium (Debian's /usr/bin/chromium),
 * as a victim's browser hashes it, in a Web Worker: WebCodecs (the default) and the <video> fallback.
 * Prints the time against the video's duration (goal: at least 4x faster than real time), for one
 * frame per instant and for the bank side's neighbourhoods (±0.15 s, what the portal sends).
 *
 * Two 60 s 1280x720 H.264 clips (testsrc2, crf 23): x264's default keyframe interval (250 frames,
 * so each seek decodes up to 8 s of video) and a 1 s one (what phones record). Made once under
 * bench/.data/video/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVideoBrowserHarness } from '../../packages/pdq/test/video-browser-harness.ts';

const dataDir = fileURLToPath(new URL('../.data/video/', import.meta.url));
const durationSeconds = 60;
const clips: { name: string; label: string; keyint?: number }[] = [
  { name: 'testsrc2-1280x720-60s-crf23.mp4', label: '720p H.264, keyframe every 250 frames' },
  {
    name: 'testsrc2-1280x720-60s-crf23-gop30.mp4',
    label: '720p H.264, keyframe every second',
    keyint: 30,
  },
];

mkdirSync(dataDir, { recursive: true });
for (const clip of clips) {
  const path = join(dataDir, clip.name);
  if (existsSync(path)) continue;
  process.stdout.write(`generating ${path} (once; about a minute)…\n`);
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
    ...(clip.keyint === undefined ? [] : ['-g', String(clip.keyint)]),
    path,
  ]);
  if (made.status !== 0)
    throw new Error(`ffmpeg could not make ${clip.name}: ${String(made.stderr)}`);
}

const harness = await startVideoBrowserHarness(dataDir);
try {
  const lines = [
    'vPDQ in headless Chromium, one instant per second, 60 s clips, hashing in a Web Worker',
    '',
  ];
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;
  const realTime = (ms: number) => `${((durationSeconds * 1000) / ms).toFixed(1).padStart(5)}x`;
  for (const clip of clips) {
    for (const decoder of ['webcodecs', 'element'] as const) {
      // One warm-up run, then the measured one (the file is fetched before the clock starts).
      await harness.hash(`/extra/${clip.name}`, { digests: false, decoder });
      const run = await harness.hash(`/extra/${clip.name}`, { digests: false, decoder });
      if (!run.result.ok) throw new Error(`${clip.name}: ${run.result.error.message}`);
      const withDigests = await harness.hash(`/extra/${clip.name}`, { digests: true, decoder });
      const bank = await harness.hash(`/extra/${clip.name}`, {
        digests: false,
        decoder,
        neighbourhoodSeconds: 0.15,
      });
      if (!bank.result.ok) throw new Error(`${clip.name}: ${bank.result.error.message}`);
      const label = `${clip.label}, ${decoder === 'webcodecs' ? 'WebCodecs' : '<video> seeks'}`;
      lines.push(
        `${label.padEnd(58)} ${seconds(run.ms)} ${realTime(run.ms)} real time` +
          `   with MD5+SHA-256: ${(withDigests.ms / 1000).toFixed(2)} s (${run.result.value.frames.length} frames)`,
        `${'  with neighbourhoods ±0.15 s (bank, as the portal)'.padEnd(58)} ${seconds(bank.ms)} ${realTime(bank.ms)} real time` +
          `   (${bank.result.value.frames.length} frames)`,
      );
    }
  }
  lines.push('', 'goal: at least 4x faster than real time');
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await harness.close();
}
