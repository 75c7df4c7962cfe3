import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  hammingDistance,
  parsePdqHash,
  PDQ_MATCH_THRESHOLD,
  PDQ_MIN_QUALITY,
  type PdqHash,
} from '@aman/pdq';
import { hashImage } from '@aman/pdq/node';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { compareVideos, isVideoArgument } from '../compare/video.ts';
import { parseVideoFlags, videoFlagsUsage } from '../hash/video.ts';

const usage = `Usage: aman compare [--json] [--sampling time|reference] [--seconds-per-hash N]
                    [--neighbourhood S] A B

Prints the Hamming distance (0 to 256) between the PDQ hashes of A and B, each an image file or
a 64-digit hex hash. Upstream counts distance 31 or less as a match. For images, the hash of
the stored pixel grid is compared (as every PDQ implementation does); a warning on stderr says
when a hash has quality under 50 and cannot be trusted.

Two videos, or saved vPDQ hashes (aman hash --json or --format vpdq output, an HMA JSON list
of "pdqHex,quality,timestamp" strings), are compared as upstream's vPDQ does: it prints the
share of A's frames found in B and of B's found in A, and the verdict (a match when at least 80%
of A, the query, is in B: an excerpt of a longer video matches it). Videos are hashed with
neighbourhoods (--neighbourhood, default 0.15 s), and lists that have them are counted by
instant: an instant is found when any of its frames is, so that a copy re-encoded at another
frame rate matches its original both ways. A saved aman hash --json record says how it was
hashed ("sampling", "secondsPerHash", "neighbourhoodSeconds"): each frame stands for the instant
nearest its timestamp. Lists without those (reference lines, HMA strings, older records) are
counted frame by frame.

Options:
  --json   {"distance", "match", "a": {...}, "b": {...}} where each side has "pdq", and for
           files "path", "quality" and, when EXIF orientation applies, "oriented";
           for videos {"queryPercent", "comparedPercent", "match"}
${videoFlagsUsage('bank')}`;

interface Side {
  readonly label: string;
  readonly pdq: PdqHash;
  readonly path?: string;
  readonly quality?: number;
  readonly oriented?: { readonly pdq: PdqHash; readonly quality: number };
}

const compare: Command = {
  summary: 'Hamming distance between the PDQ hashes of two images or hex hashes',
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          json: { type: 'boolean', default: false },
          sampling: { type: 'string' },
          'seconds-per-hash': { type: 'string' },
          neighbourhood: { type: 'string' },
        },
      });
    } catch (error) {
      throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
    }
    const { positionals, values } = parsed;
    if (positionals.length !== 2) {
      throw new CliError(
        `expected two images or hashes, got ${positionals.length}\n${usage}`,
        EXIT_USAGE,
      );
    }
    const [first, second] = positionals as [string, string];
    if ((await isVideoArgument(first)) || (await isVideoArgument(second))) {
      const video = parseVideoFlags(values, 'bank');
      return compareVideos(first, second, { json: values.json, video }, io);
    }
    const [a, b] = await Promise.all(positionals.map(resolveSide));
    const distance = hammingDistance(a!.pdq, b!.pdq);
    for (const side of [a!, b!]) {
      if (side.quality !== undefined && side.quality < PDQ_MIN_QUALITY) {
        io.stderr.write(
          `aman: warning: ${side.label} has quality ${side.quality} (under ${PDQ_MIN_QUALITY}): its hash is unreliable\n`,
        );
      }
    }
    if (values.json) {
      const describe = ({ label: _label, ...side }: Side): Omit<Side, 'label'> => side;
      io.stdout.write(
        `${JSON.stringify({ distance, match: distance <= PDQ_MATCH_THRESHOLD, a: describe(a!), b: describe(b!) })}\n`,
      );
    } else {
      io.stdout.write(`${distance}\n`);
    }
    return 0;
  },
};

export default compare;

/** A 64-hex-digit argument is a hash, unless a file has that name; anything else is a file. */
async function resolveSide(argument: string): Promise<Side> {
  const asHash = parsePdqHash(argument);
  if (asHash.ok && !(await isFile(argument))) return { label: argument, pdq: asHash.value };
  const result = await hashImage(argument);
  if (!result.ok) {
    const looksLikeHash = /^[0-9a-f]+$/i.test(argument);
    const hint = looksLikeHash && !asHash.ok ? ` (as a hash: ${asHash.error.message})` : '';
    throw new CliError(`${argument}: ${result.error.message}${hint}`, EXIT_FAILURE);
  }
  const { pdq, oriented } = result.value;
  return {
    label: argument,
    path: argument,
    pdq: pdq.hash,
    quality: pdq.quality,
    ...(oriented === undefined
      ? {}
      : { oriented: { pdq: oriented.hash, quality: oriented.quality } }),
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
