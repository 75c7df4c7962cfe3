// Every conformance image, decoded by the ./node entry, hashes exactly as the C++ reference does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computePdq, hammingDistance, type PdqImage } from '../src/core/index.ts';
import { decodeImage, hashImage } from '../src/node/index.ts';
import { expectedRows, referencePath } from './reference-data.ts';

const rows = expectedRows();

async function decoded(file: string): Promise<PdqImage> {
  const result = await decodeImage(referencePath(file));
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
  return result.value.image;
}

/**
 * The reference CLI's pre-resize: images over 512 px on a side become exactly 512x512 by CImg's
 * nearest neighbour, source index floor(x·W/512) (PDQ-SPEC section 2). Only used to check the
 * CLI-mode columns; Aman itself hashes at full resolution.
 */
function cliResize(image: PdqImage): PdqImage {
  if (image.width <= 512 && image.height <= 512) return image;
  const { width, height, channels, data } = image;
  const out = new Uint8Array(512 * 512 * channels);
  for (let y = 0; y < 512; y++) {
    const sy = Math.floor((y * height) / 512);
    for (let x = 0; x < 512; x++) {
      const sx = Math.floor((x * width) / 512);
      const s = (sy * width + sx) * channels;
      out.set(data.subarray(s, s + channels), (y * 512 + x) * channels);
    }
  }
  return { width: 512, height: 512, channels, data: out };
}

describe('conformance with the C++ reference (testdata/pdq-reference/expected.tsv)', () => {
  it('covers every image of the conformance set', () => {
    expect(rows).toHaveLength(49);
  });

  it.each(rows)('$file: full-resolution hash and quality', async (row) => {
    const result = await hashImage(referencePath(row.file));
    if (!result.ok) throw new Error(result.error.message);
    const { pdq, width, height, channels } = result.value;
    expect({ hash: pdq.hash, quality: pdq.quality }).toEqual({
      hash: row.hashFullres,
      quality: row.qualityFullres,
    });
    expect([width, height, channels]).toEqual([row.width, row.height, row.decodedChannels]);
  });

  it.each(rows)('$file: CLI-mode hash (512x512 pre-resize) from the same pixels', async (row) => {
    const result = computePdq(cliResize(await decoded(row.file)));
    expect({ hash: result.hash, quality: result.quality }).toEqual({
      hash: row.hashCli,
      quality: row.qualityCli,
    });
  });

  describe('hashes published upstream (published-hashes.tsv)', () => {
    const published = readFileSync(referencePath('published-hashes.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .filter(([source, file]) => !source!.startsWith('pdq/wasm') && file !== undefined);

    it('lists the python-threatexchange and Java hashes', () => {
      expect(published.length).toBe(16);
    });

    // python-threatexchange's PdqSignal examples (what HMA uses) and the Java unit test hash at
    // full resolution: Aman must give exactly their hashes from the files.
    it.each(published)('%s: %s', async (_source, file, hash) => {
      const result = await hashImage(referencePath(file));
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.pdq.hash).toBe(hash);
    });
  });
});

describe('dihedral hashes (dihedral-cli.txt)', () => {
  const lines = readFileSync(referencePath('dihedral-cli.txt'), 'utf8').trim().split('\n');
  const parsed = lines.map(
    (line) =>
      Object.fromEntries(line.split(',').map((kv) => kv.split('=') as [string, string])) as Record<
        string,
        string
      >,
  );

  it.each(parsed)('$filename: the 8 hashes of the CLI, in its order', async (fields) => {
    const image = cliResize(await decoded(fields.filename!));
    const result = computePdq(image, { dihedral: true });
    expect(result.hash).toBe(fields.hash);
    expect(result.quality).toBe(Number(fields.quality));
    expect(result.dihedral).toEqual(
      ['orig', 'rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipp', 'flipm'].map(
        (name) => fields[name],
      ),
    );
  });

  it('approximates the hashes of the actually transformed files (bridge-1 against bridge-2..8)', async () => {
    const files = [
      'bridge-1-original',
      'bridge-2-rotate-90',
      'bridge-3-rotate-180',
      'bridge-4-rotate-270',
      'bridge-5-flipx',
      'bridge-6-flipy',
      'bridge-7-flip-plus-1',
      'bridge-8-flip-minus-1',
    ];
    const original = await hashImage(referencePath(`reg-test-input/dih/${files[0]}.jpg`), {
      dihedral: true,
    });
    if (!original.ok) throw new Error(original.error.message);
    const dihedral = original.value.pdq.dihedral!;
    for (const [i, file] of files.entries()) {
      const actual = await hashImage(referencePath(`reg-test-input/dih/${file}.jpg`));
      if (!actual.ok) throw new Error(actual.error.message);
      // Close (upstream measures 0 to 8 bits), far below the match threshold of 31.
      expect(hammingDistance(dihedral[i]!, actual.value.pdq.hash)).toBeLessThanOrEqual(12);
    }
  });
});
