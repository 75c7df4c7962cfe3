// Test media made on the fly: ffmpeg's testsrc2 pattern and sharp, in a temporary directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { PdqImage } from '../src/core/index.ts';

/** A fresh temporary directory and a function that removes it. */
export function temporaryDirectory(prefix = 'aman-pdq-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs ffmpeg quietly (it is a test dependency installed by scripts/test). */
export function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args], { stdio: 'pipe' });
}

/**
 * Writes frame `frame` of ffmpeg's testsrc2 (a colourful, detailed test card) as a PNG.
 *
 * @example
 * testCard(join(dir, 'card.png'), 640, 480);
 */
export function testCard(path: string, width: number, height: number, frame = 0): string {
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=10`,
    '-vf',
    `select=eq(n\\,${frame})`,
    '-frames:v',
    '1',
    path,
  );
  return path;
}

/** The raw 8-bit RGB pixels of a file, as sharp decodes them (ICC ignored, no rotation). */
export async function rawRgb(path: string | Buffer, rotate = false): Promise<PdqImage> {
  let pipeline = sharp(path, { ignoreIcc: true }).removeAlpha().toColourspace('srgb');
  if (rotate) pipeline = pipeline.rotate();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}
