/** Shared by the video tests: fixture paths, ffmpeg, and generated slideshows of the test photos. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const fixturesDir = fileURLToPath(new URL('./video-fixtures/', import.meta.url));
export const photosDir = fileURLToPath(
  new URL('../../../testdata/pdq-reference/', import.meta.url),
);

/** Distinct photos from the vendored PDQ test data (all of quality 100 at full size). */
export const distinctPhotos = [
  'reg-test-input/dih/bridge-1-original.jpg',
  'reg-test-input/labelme-subset/q0122.jpg',
  'reg-test-input/dih/bridge-2-rotate-90.jpg',
  'reg-test-input/labelme-subset/q0291.jpg',
  'reg-test-input/pen-and-coaster.png',
  'reg-test-input/dih/bridge-3-rotate-180.jpg',
  'reg-test-input/labelme-subset/q0746.jpg',
  'misc-images/c.png',
  'reg-test-input/dih/bridge-4-rotate-270.jpg',
  'reg-test-input/labelme-subset/q1050.jpg',
  'reg-test-input/exif-rotn/exif-rotn-1.jpg',
  'reg-test-input/dih/bridge-5-flipx.jpg',
  'reg-test-input/labelme-subset/q2821.jpg',
  'misc-images/modes/original.jpg',
  'reg-test-input/dih/bridge-6-flipy.jpg',
  'reg-test-input/exif-rotn/exif-rotn-3.jpg',
  'reg-test-input/dih/bridge-7-flip-plus-1.jpg',
  'reg-test-input/exif-rotn/exif-rotn-6.jpg',
  'reg-test-input/dih/bridge-8-flip-minus-1.jpg',
  'reg-test-input/exif-rotn/exif-rotn-8.jpg',
].map((name) => join(photosDir, name));

const execFileAsync = promisify(execFile);

/** Runs ffmpeg quietly, overwriting outputs; rejects with its stderr on failure. */
export async function ffmpeg(args: readonly string[]): Promise<void> {
  await execFileAsync('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], {
    maxBuffer: 16 << 20,
  });
}

/** A fresh temporary folder and a function that removes it. */
export async function temporaryFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'aman-video-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface SlideshowOptions {
  readonly secondsEach: number;
  readonly width: number;
  readonly height: number;
  /** A number or a rational such as "30000/1001". */
  readonly fps: number | string;
  readonly crf: number;
}

/**
 * An H.264 slideshow of `photos`, each shown `secondsEach` seconds with a slow zoom (so that
 * consecutive frames differ, as in a real video).
 */
export async function makeSlideshow(
  output: string,
  photos: readonly string[],
  options: SlideshowOptions,
): Promise<void> {
  const { secondsEach, width, height, fps, crf } = options;
  const framesEach = Math.round(secondsEach * (typeof fps === 'number' ? fps : evalRate(fps)));
  const graph = photos
    .map(
      (_, i) =>
        `[${i}:v]scale=${2 * width}:${2 * height}:force_original_aspect_ratio=decrease,` +
        `pad=${2 * width}:${2 * height}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p,` +
        `zoompan=z='1+0.004*on':d=${framesEach}:s=${width}x${height}:fps=${fps},setsar=1[v${i}]`,
    )
    .join(';');
  const inputs = photos.flatMap((photo) => ['-i', photo]);
  const concat = `${photos.map((_, i) => `[v${i}]`).join('')}concat=n=${photos.length}:v=1:a=0[out]`;
  await ffmpeg([
    ...inputs,
    '-filter_complex',
    `${graph};${concat}`,
    '-map',
    '[out]',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    String(crf),
    '-pix_fmt',
    'yuv420p',
    output,
  ]);
}

function evalRate(rate: string): number {
  const [num, den] = rate.split('/').map(Number);
  return num! / (den ?? 1);
}
