// `aman compare`, through the real binary.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const reference = fileURLToPath(new URL('../../testdata/pdq-reference/', import.meta.url));
const ref = (file: string): string => join(reference, file);
// From expected.tsv (hash_hex_fullres).
const ORIGINAL = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const BLUR_A_LOT = 'f8f8f0cee0f4a84f0637022a038f67f0b36e26d596621e1d33e6b39c4e9c9b22';
const ROTATED_90 = '30a10efd71cc3d429013d48d0ffffc52e34e0e17ada952a9d29685211ea9e5af';

describe('aman compare', () => {
  it('prints the distance between two image files', async () => {
    const result = await runCli([
      'compare',
      ref('bridge-mods/aaa-orig.jpg'),
      ref('bridge-mods/blur-a-lot.jpg'),
    ]);
    expect(result).toEqual({ code: 0, stdout: '4\n', stderr: '' });
  });

  it('accepts hex hashes, in any case, and mixes them with files', async () => {
    const hexes = await runCli(['compare', ORIGINAL.toUpperCase(), BLUR_A_LOT]);
    expect(hexes).toEqual({ code: 0, stdout: '4\n', stderr: '' });
    const mixed = await runCli([
      'compare',
      ROTATED_90,
      ref('reg-test-input/dih/bridge-1-original.jpg'),
    ]);
    expect(mixed.stdout).toBe('120\n');
  });

  it('--json says whether the distance is a match and describes each side', async () => {
    const result = await runCli(['compare', '--json', ORIGINAL, ref('bridge-mods/blur-a-lot.jpg')]);
    expect(JSON.parse(result.stdout)).toEqual({
      distance: 4,
      match: true,
      a: { pdq: ORIGINAL },
      b: { path: ref('bridge-mods/blur-a-lot.jpg'), pdq: BLUR_A_LOT, quality: 100 },
    });
  });

  it('warns when a hash has low quality', async () => {
    const result = await runCli([
      'compare',
      ref('reg-test-input/labelme-subset/q0003.jpg'),
      ORIGINAL,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `aman: warning: ${ref('reg-test-input/labelme-subset/q0003.jpg')} has quality 3 (under 50): its hash is unreliable\n`,
    );
  });

  it('fails clearly on a file that is not an image, or a malformed hash', async () => {
    const notImage = await runCli(['compare', ref('README.md'), ORIGINAL]);
    expect(notImage.code).toBe(1);
    expect(notImage.stderr).toBe(
      `aman: ${ref('README.md')}: not an image: the content matches no known image format\n`,
    );
    const shortHash = await runCli(['compare', ORIGINAL.slice(2), ORIGINAL]);
    expect(shortHash.code).toBe(1);
    expect(shortHash.stderr).toContain('a PDQ hash must have exactly 64 hex digits, got 62');
  });

  it('needs exactly two arguments', async () => {
    const result = await runCli(['compare', ORIGINAL]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected two images or hashes, got 1');
  });
});
