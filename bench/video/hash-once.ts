/**
 * One measured run of Aman's video hashing, for bench.ts (which starts it pinned to one core).
 * Prints {"wallMs","cpuMs","frames","lines"} as JSON; cpuMs counts ffmpeg's time too.
 *
 * Usage: node --import tsx bench/video/hash-once.ts FILE time|reference digests|no-digests [NEIGHBOURHOOD_SECONDS]
 */
import { readFileSync } from 'node:fs';
import { hashVideoFile } from '../../packages/pdq/src/node/video.ts';
import { formatVpdqLines } from '../../packages/pdq/src/video/text-format.ts';

const [path, sampling, digests, neighbourhood = '0'] = process.argv.slice(2);
if (path === undefined || (sampling !== 'time' && sampling !== 'reference')) {
  throw new Error(
    'usage: hash-once.ts FILE time|reference digests|no-digests [NEIGHBOURHOOD_SECONDS]',
  );
}

/** CPU seconds of this process and of its waited-for children (ffmpeg, ffprobe), from /proc. */
function cpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After the command name: utime, stime, cutime, cstime are fields 14-17 (1-based) of the line.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks * 10; // USER_HZ is 100 on Linux
}

const cpuBefore = cpuMs();
const started = performance.now();
const result = await hashVideoFile(path, {
  sampling,
  threads: 1,
  digests: digests === 'digests',
  neighbourhoodSeconds: Number(neighbourhood),
});
const wallMs = performance.now() - started;
if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
process.stdout.write(
  JSON.stringify({
    wallMs,
    cpuMs: cpuMs() - cpuBefore,
    frames: result.value.frames.length,
    lines: formatVpdqLines(result.value.frames),
  }),
);
