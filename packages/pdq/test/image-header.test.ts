// readImageHeader (used where no decoder reports the size: the browser) against sharp's metadata.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readImageHeader, sniffMediaType } from '../src/core/index.ts';
import { temporaryDirectory, testCard } from './fixtures.ts';
import { referenceDir } from './reference-data.ts';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

const temp = temporaryDirectory();
afterAll(() => temp.remove());

describe('readImageHeader', () => {
  it('reads the size and orientation sharp reads, for every conformance image', async () => {
    const images = walk(referenceDir).filter((path) => /\.(jpg|png|webp)$/.test(path));
    expect(images.length).toBeGreaterThanOrEqual(49);
    for (const path of images) {
      const metadata = await sharp(path).metadata();
      expect(readImageHeader(readFileSync(path)), path).toEqual({
        width: metadata.width,
        height: metadata.height,
        orientation: metadata.orientation ?? 1,
      });
    }
  });

  it('reads GIF, lossy and lossless WebP, TIFF and tagged JPEG/PNG/WebP', async () => {
    const card = testCard(join(temp.dir, 'card.png'), 334, 222);
    const outputs: Array<[string, Buffer]> = [
      ['gif', await sharp(card).gif().toBuffer()],
      ['webp', await sharp(card).webp({ quality: 80 }).toBuffer()],
      ['webp', await sharp(card).webp({ lossless: true }).toBuffer()],
      ['tiff', await sharp(card).tiff().toBuffer()],
      ['jpeg', await sharp(card).jpeg().withMetadata({ orientation: 6 }).toBuffer()],
      ['png', await sharp(card).png().withMetadata({ orientation: 3 }).toBuffer()],
      ['webp', await sharp(card).webp().withMetadata({ orientation: 8 }).toBuffer()],
    ];
    for (const [format, bytes] of outputs) {
      const metadata = await sharp(bytes).metadata();
      expect(sniffMediaType(bytes)).toMatchObject({ kind: 'image', format });
      expect(readImageHeader(bytes), format).toEqual({
        width: 334,
        height: 222,
        orientation: metadata.orientation ?? 1,
      });
    }
  });

  it('gives undefined, never an exception, for truncated or foreign bytes', () => {
    const jpeg = readFileSync(join(referenceDir, 'misc-images/wee.jpg'));
    for (let cut = 0; cut < 300; cut += 7) {
      const header = readImageHeader(jpeg.subarray(0, cut));
      if (header !== undefined) expect(header.width).toBe(34);
    }
    expect(readImageHeader(new TextEncoder().encode('hello'))).toBeUndefined();
  });
});
