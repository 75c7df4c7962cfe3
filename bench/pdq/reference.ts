// Runs the C++ reference's benchmark-photo-hasher (built outside this repository, with its
// 512x512 pre-resize turned off) on decoded pixels written as PPM/PGM, and parses its timings.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PdqImage } from '../../packages/pdq/src/core/index.ts';

export interface ReferenceRun {
  /** Hash per file name, from the first pass. */
  readonly hashes: Map<string, string>;
  /** Pixels hashed per file name, as the binary reports them. */
  readonly pixels: Map<string, number>;
  /**
   * Sum over files of each file's fastest "hash seconds" (luma + PDQ, no file reading) over the
   * passes: the same best-of-passes rule as Aman's side of the benchmark.
   */
  readonly seconds: number;
  /** Megapixels of one pass over the files. */
  readonly megapixels: number;
}

/** Writes an image the way CImg reads it natively (no ImageMagick involved): binary PPM or PGM. */
export function writeNetpbm(dir: string, name: string, image: PdqImage): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.${image.channels === 1 ? 'pgm' : 'ppm'}`);
  const magic = image.channels === 1 ? 'P5' : 'P6';
  writeFileSync(
    path,
    Buffer.concat([Buffer.from(`${magic}\n${image.width} ${image.height}\n255\n`), image.data]),
  );
  return path;
}

/**
 * Hashes every file of `dir` `passes` times with the reference (`command`: the binary, possibly
 * behind `taskset -c 0`) and returns what it reports.
 */
export function runReference(
  binary: string,
  dir: string,
  files: number,
  passes: number,
): ReferenceRun {
  const args = ['-v', '-n', String(files * passes), dir];
  const output = execFileSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const hashes = new Map<string, string>();
  const pixels = new Map<string, number>();
  const best = new Map<string, number>();
  for (const block of output.split('\n\n')) {
    const file = /File: (.*)/.exec(block)?.[1];
    const hash = /Hash: ([0-9a-f]{64})/.exec(block)?.[1];
    const area = Number(/Image height \* width: (\d+)/.exec(block)?.[1]);
    const hashSeconds = Number(/Hash seconds: ([\d.]+)/.exec(block)?.[1]);
    if (file === undefined || hash === undefined) continue;
    const name = file.split('/').pop()!;
    if (!hashes.has(name)) hashes.set(name, hash);
    pixels.set(name, area);
    best.set(name, Math.min(best.get(name) ?? Infinity, hashSeconds));
  }
  const seconds = [...best.values()].reduce((sum, s) => sum + s, 0);
  const megapixels = [...pixels.values()].reduce((sum, area) => sum + area / 1e6, 0);
  return { hashes, pixels, seconds, megapixels };
}
