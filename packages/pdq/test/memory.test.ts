// Memory is a correctness bound: hashing a 100-megapixel photo must stay under 1.5 GB of RSS.
// Measured in a child process (its peak RSS, VmHWM), on a real 10000x10000 JPEG tagged with EXIF
// orientation 6, the worst case: the stored grid and the displayed image are both hashed.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectory, testCard } from './fixtures.ts';

const temp = temporaryDirectory();
const photo = join(temp.dir, '100mp.jpg');
const nodeEntry = fileURLToPath(new URL('../src/node/index.ts', import.meta.url));

beforeAll(async () => {
  const card = testCard(join(temp.dir, 'card.png'), 1000, 1000);
  await sharp(card)
    .resize(10_000, 10_000, { kernel: 'cubic' })
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .toFile(photo);
}, 120_000);
afterAll(() => temp.remove());

describe('memory', () => {
  it('hashes a 100 MP image (stored and oriented) in under 1.5 GB of peak RSS', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { hashImage } from ${JSON.stringify(nodeEntry)};
      const result = await hashImage(${JSON.stringify(photo)});
      const peakKiB = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
      process.stdout.write(JSON.stringify({ result, peakKiB }));
    `;
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const { result, peakKiB } = JSON.parse(output) as {
      result: {
        ok: boolean;
        value: { width: number; height: number; orientation: number; oriented?: object };
      };
      peakKiB: number;
    };
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ width: 10_000, height: 10_000, orientation: 6 });
    expect(result.value.oriented).toBeDefined();
    expect(peakKiB / 1024).toBeLessThan(1536);
  }, 180_000);
});
