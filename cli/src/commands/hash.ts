import { parseArgs } from 'node:util';
import { DEFAULT_MAX_PIXELS } from '@aman/pdq/node';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { createProgress } from '../hash/progress.ts';
import { isError, type FileRecord } from '../hash/records.ts';
import { defaultJobs, hashEntries } from '../hash/run.ts';
import {
  parseVideoFlags,
  videoFlagsUsage,
  videoTextLine,
  type VideoHashOptions,
} from '../hash/video.ts';
import { expandPaths } from '../hash/walk.ts';
import { formatVpdqLines } from '@aman/pdq';

const usage = `Usage: aman hash [--json | --format vpdq] [--dihedral] [--jobs N] [--max-pixels N]
                 [--sampling time|reference] [--seconds-per-hash N] [--neighbourhood S] PATH...

Computes the PDQ hash of images (JPEG, PNG, WebP, GIF, TIFF, AVIF), the perceptual hash that
StopNCII, Meta's HMA and ThreatExchange exchange. Directories are hashed recursively (hidden
entries skipped). Only hashes are printed: the pictures never leave this computer.

Output, one line per image: <pdq hex>TAB<quality>TAB<path>. Quality runs from 0 to 100;
hashes under 50 are unreliable. A file that cannot be hashed is reported on stderr, the other
files are still hashed, and the exit status is 1.

Videos (MP4, MOV, WebM, MKV, AVI…; needs ffmpeg) get vPDQ: the PDQ hash of the frame on
screen at every instant (one a second), each with its frame number and presentation timestamp:
what a platform hashes its uploads with. For a video you want to PROTECT (what you put in a
bank), add --neighbourhood 0.15: the frames within 0.15 s of each instant too, so that a copy
shifted or resampled in time (re-encoded at another frame rate) still matches it. In text mode
a video's line is <md5>TAB<frames, duration>TAB<path>; the frames need --json or --format vpdq.

Options:
  --json          one JSON object per line: {"path", "kind", "pdq", "quality", "md5", "sha256"},
                  plus "oriented": {"pdq", "quality"} when the EXIF orientation is not 1 (the
                  hash of the picture as displayed; "pdq" is the stored pixel grid, as the
                  reference hashes it) and "dihedral" with --dihedral. A file that fails gives
                  {"path", "error": {"code", "message"}}.
                  A video gives {"path", "kind": "video", "md5", "sha256", "durationSeconds",
                  "frameRate", "sampling", "secondsPerHash", "neighbourhoodSeconds",
                  "frames": [{"frameNumber", "timestamp", "pdq", "quality"}]}; each frame
                  stands for the multiple of secondsPerHash nearest its timestamp.
  --format vpdq   one video's frames as upstream's vpdq-hash-video writes them:
                  frameNumber,quality,pdqHex,timestamp (one PATH, a video)
  --dihedral      also the 8 hashes of the picture's rotations and mirror images (orig, rot90,
                  rot180, rot270, flipx, flipy, flipp, flipm); in text mode a 4th column
                  before the path, comma-separated
  --jobs N        files hashed in parallel on worker threads (default: one per core, up to 8)
  --max-pixels N  refuse larger images before decoding them (default 100M; accepts 100M, 2.5M)
${videoFlagsUsage('upload')}`;

const hash: Command = {
  summary: 'PDQ-hash images (files or directories); only hashes are printed',
  usage,
  async run(args, io) {
    const options = parseHashArgs(args);
    const entries = await expandPaths(options.paths);
    if (entries.length === 0) {
      throw new CliError('no files to hash in the given directories', EXIT_FAILURE);
    }
    if (options.vpdq && entries.length !== 1) {
      throw new CliError('--format vpdq writes the lines of one video: give one file', EXIT_USAGE);
    }
    const progress = createProgress(io.stderr, entries.length);
    let failures = 0;
    let hashed = 0;
    // A reader that stops early (`aman hash photos/ | head`) closes the pipe: stop quietly.
    const outputClosed = new AbortController();
    const onOutputError = (error: NodeJS.ErrnoException): void => {
      if (error.code !== 'EPIPE') throw error;
      outputClosed.abort();
    };
    io.stdout.on('error', onOutputError);
    const print = (record: FileRecord): void => {
      if (outputClosed.signal.aborted) return;
      // The bar shares the terminal with lines on stderr, and with stdout when that is one too.
      if (io.stdout.isTTY === true || isError(record) || options.vpdq) progress.clear();
      if (isError(record)) failures++;
      else hashed++;
      if (options.vpdq && !isError(record) && record.kind === 'image') {
        failures++;
        hashed--;
        io.stderr.write(`aman: ${record.path}: --format vpdq is for videos; this is an image\n`);
      } else if (options.vpdq && !isError(record) && record.kind === 'video') {
        io.stdout.write(formatVpdqLines(record.frames));
      } else if (options.json) {
        io.stdout.write(`${JSON.stringify(record)}\n`);
      } else if (isError(record)) {
        io.stderr.write(`aman: ${record.path}: ${record.error.message} (${record.error.code})\n`);
      } else if (record.kind === 'video') {
        io.stdout.write(`${videoTextLine(record)}\n`);
      } else {
        const columns = [record.pdq, String(record.quality)];
        if (record.dihedral !== undefined) columns.push(record.dihedral.join(','));
        columns.push(record.path);
        io.stdout.write(`${columns.join('\t')}\n`);
      }
      progress.advance();
    };
    try {
      await hashEntries(entries, options, print, outputClosed.signal);
    } finally {
      io.stdout.removeListener('error', onOutputError);
      progress.finish();
    }
    if (outputClosed.signal.aborted) return failures > 0 ? EXIT_FAILURE : 0;
    if (failures > 0 && entries.length > 1) {
      io.stderr.write(
        `aman: ${failures} of ${entries.length} files could not be hashed (${hashed} hashed)\n`,
      );
    }
    return failures > 0 ? EXIT_FAILURE : 0;
  },
};

export default hash;

interface HashArgs {
  readonly paths: string[];
  readonly json: boolean;
  readonly dihedral: boolean;
  readonly jobs: number;
  readonly maxPixels: number;
  readonly vpdq: boolean;
  readonly video: VideoHashOptions;
}

function parseHashArgs(args: string[]): HashArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        dihedral: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        'max-pixels': { type: 'string' },
        format: { type: 'string' },
        sampling: { type: 'string' },
        'seconds-per-hash': { type: 'string' },
        neighbourhood: { type: 'string' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new CliError(`no PATH given\n${usage}`, EXIT_USAGE);
  if (values.format !== undefined && values.format !== 'vpdq') {
    throw new CliError(`--format must be "vpdq", got "${values.format}"`, EXIT_USAGE);
  }
  if (values.format !== undefined && values.json) {
    throw new CliError('--json and --format vpdq cannot be combined', EXIT_USAGE);
  }
  return {
    paths: positionals,
    json: values.json,
    dihedral: values.dihedral,
    jobs: values.jobs === undefined ? defaultJobs() : parseJobs(values.jobs),
    maxPixels:
      values['max-pixels'] === undefined ? DEFAULT_MAX_PIXELS : parsePixels(values['max-pixels']),
    vpdq: values.format === 'vpdq',
    video: parseVideoFlags(values, 'upload'),
  };
}

function parseJobs(text: string): number {
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    throw new CliError(`--jobs must be a whole number from 1 to 64, got "${text}"`, EXIT_USAGE);
  }
  return jobs;
}

/** "100000000", "100M", "2.5M" or "40MP" → a pixel count. */
export function parsePixels(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(M|MP)?$/i.exec(text.trim());
  const pixels = match === null ? NaN : Number(match[1]) * (match[2] === undefined ? 1 : 1e6);
  if (!Number.isSafeInteger(Math.round(pixels)) || Math.round(pixels) < 1) {
    throw new CliError(
      `--max-pixels must be a pixel count such as 100000000 or 100M, got "${text}"`,
      EXIT_USAGE,
    );
  }
  return Math.round(pixels);
}
