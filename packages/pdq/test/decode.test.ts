// The ./node entry on real files of every supported kind, and on every kind of bad file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePdq, hammingDistance, type PdqImage } from '../src/core/index.ts';
import { decodeImage, hashImage, type ImageErrorCode } from '../src/node/index.ts';
import { referencePath } from './reference-data.ts';
import { ffmpeg, rawRgb, temporaryDirectory, testCard } from './fixtures.ts';

const temp = temporaryDirectory();
const at = (name: string): string => join(temp.dir, name);
let card: PdqImage;

beforeAll(async () => {
  testCard(at('card.png'), 640, 480);
  card = await rawRgb(at('card.png'));
}, 60_000);
afterAll(() => temp.remove());

async function hashOf(path: string | Uint8Array): Promise<{ hash: string; quality: number }> {
  const result = await hashImage(path);
  if (!result.ok) throw new Error(`${String(path)}: ${result.error.code}: ${result.error.message}`);
  return result.value.pdq;
}

async function errorOf(path: string | Uint8Array, maxPixels?: number): Promise<ImageErrorCode> {
  const result = await decodeImage(path, maxPixels === undefined ? {} : { maxPixels });
  if (result.ok) throw new Error(`${String(path)} decoded, but should have failed`);
  expect(result.error.message.length).toBeGreaterThan(10);
  return result.error.code;
}

describe('formats', () => {
  it('hashes lossless PNG, TIFF and WebP exactly like the raw pixels', async () => {
    const expected = computePdq(card);
    await sharp(at('card.png')).tiff({ compression: 'lzw' }).toFile(at('card.tiff'));
    await sharp(at('card.png')).webp({ lossless: true }).toFile(at('card.webp'));
    for (const [file, format] of [
      ['card.png', 'png'],
      ['card.tiff', 'tiff'],
      ['card.webp', 'webp'],
    ] as const) {
      const result = await hashImage(at(file));
      expect(result.ok && result.value.format).toBe(format);
      expect(result.ok && result.value.pdq.hash).toBe(expected.hash);
    }
  });

  it('hashes lossy JPEG, AVIF and GIF close to the original', async () => {
    const original = computePdq(card).hash;
    await sharp(at('card.png')).jpeg({ quality: 90 }).toFile(at('card.jpg'));
    await sharp(at('card.png')).avif({ quality: 70 }).toFile(at('card.avif'));
    await sharp(at('card.png')).gif().toFile(at('card.gif'));
    for (const [file, format] of [
      ['card.jpg', 'jpeg'],
      ['card.avif', 'avif'],
      ['card.gif', 'gif'],
    ] as const) {
      const result = await hashImage(at(file));
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.format).toBe(format);
      expect(result.value.pdq.quality).toBe(100);
      expect(hammingDistance(result.value.pdq.hash, original)).toBeLessThanOrEqual(20);
    }
  });

  it('hashes the first frame of an animated GIF', async () => {
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=2', '-frames:v', '3', at('anim.gif'));
    ffmpeg('-i', at('anim.gif'), '-vf', 'select=eq(n\\,0)', '-frames:v', '1', at('first.png'));
    ffmpeg('-i', at('anim.gif'), '-vf', 'select=eq(n\\,2)', '-frames:v', '1', at('third.png'));
    const animated = await hashOf(at('anim.gif'));
    expect(animated).toEqual(await hashOf(at('first.png')));
    expect(animated.hash).not.toBe((await hashOf(at('third.png'))).hash);
  });

  it('hashes bytes exactly like the file they came from', async () => {
    const bytes = new Uint8Array(
      readFileSync(referencePath('reg-test-input/dih/bridge-1-original.jpg')),
    );
    expect(await hashOf(bytes)).toEqual(
      await hashOf(referencePath('reg-test-input/dih/bridge-1-original.jpg')),
    );
  });
});

describe('pixel decoding, as the reference sees pixels', () => {
  it('keeps grey images 1-channel, including RGB files whose pixels are all grey', async () => {
    await sharp(at('card.png')).toColourspace('b-w').png().toFile(at('grey.png'));
    const grey = await decodeImage(at('grey.png'));
    const rgbGrey = await sharp(at('grey.png')).toColourspace('srgb').png().toBuffer();
    expect((await sharp(rgbGrey).metadata()).channels).toBe(3);
    const fromRgb = await decodeImage(rgbGrey);
    if (!grey.ok || !fromRgb.ok) throw new Error('decode failed');
    expect(grey.value.image.channels).toBe(1);
    expect(fromRgb.value.image).toEqual(grey.value.image);
  });

  it('drops alpha without compositing it', async () => {
    const rgba = new Uint8Array(card.width * card.height * 4);
    for (let i = 0; i < card.width * card.height; i++) {
      rgba.set(card.data.subarray(3 * i, 3 * i + 3), 4 * i);
      rgba[4 * i + 3] = (i * 13) & 255;
    }
    const png = await sharp(rgba, { raw: { width: card.width, height: card.height, channels: 4 } })
      .png()
      .toBuffer();
    expect(await hashOf(png)).toEqual(computePdq(card));
  });

  it('rounds 16-bit samples to 8 bits as ImageMagick does', async () => {
    const samples = [0, 128, 129, 385, 386, 32767, 32896, 65407, 65535];
    const raw = new Uint16Array(samples.length * 5);
    for (let i = 0; i < raw.length; i++) raw[i] = samples[i % samples.length]!;
    const png16 = await sharp(raw, {
      raw: { width: samples.length, height: 5, channels: 1 },
    })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    expect((await sharp(png16).metadata()).depth).toBe('ushort');
    const decoded = await decodeImage(png16);
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(Array.from(decoded.value.image.data.subarray(0, samples.length))).toEqual(
      samples.map((v) => Math.round(v / 257)),
    );
  });

  it('hashes a 16-bit PNG made from 8-bit pixels exactly like the 8-bit image', async () => {
    const wide = new Uint16Array(card.data.length);
    for (let i = 0; i < wide.length; i++) wide[i] = card.data[i]! * 257;
    const png16 = await sharp(wide, {
      raw: { width: card.width, height: card.height, channels: 3 },
    })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(png16).metadata()).depth).toBe('ushort');
    expect(await hashOf(png16)).toEqual(computePdq(card));
  });

  it('ignores an embedded ICC profile (the reference never applies it)', async () => {
    const plain = await sharp(at('card.png')).jpeg({ quality: 92 }).toBuffer();
    // A Display P3 profile, spliced in as an APP2 segment: the pixels stay the same bytes.
    const p3 = await sharp(at('card.png')).withIccProfile('p3').jpeg().toBuffer();
    const icc = (await sharp(p3).metadata()).icc!;
    const header = Buffer.from('ICC_PROFILE\0\x01\x01', 'latin1');
    const length = 2 + header.length + icc.length;
    const app2 = Buffer.concat([Buffer.from([0xff, 0xe2, length >> 8, length & 255]), header, icc]);
    const tagged = Buffer.concat([plain.subarray(0, 2), app2, plain.subarray(2)]);
    expect((await sharp(tagged).metadata()).icc).toBeDefined();
    // Applying the profile would change the pixels, and with them the hash.
    const managed = await sharp(tagged).raw().toBuffer({ resolveWithObject: true });
    const unmanaged = await rawRgb(tagged);
    expect(Buffer.compare(managed.data, Buffer.from(unmanaged.data))).not.toBe(0);
    expect(await hashOf(tagged)).toEqual(await hashOf(plain));
  });
});

describe('EXIF orientation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'orientation %i: hashes the stored grid, and the displayed image as "oriented"',
    async (orientation) => {
      const file = at(`oriented-${orientation}.jpg`);
      await sharp(at('card.png'))
        .resize(400, 240)
        .jpeg({ quality: 95 })
        .withMetadata({ orientation })
        .toFile(file);
      const result = await hashImage(file);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.orientation).toBe(orientation);
      expect(result.value.pdq).toEqual(computePdq(await rawRgb(file)));
      if (orientation === 1) {
        expect(result.value).not.toHaveProperty('oriented');
      } else {
        // sharp's own auto-orientation is the independent oracle for the displayed image.
        expect(result.value.oriented).toEqual(computePdq(await rawRgb(file, true)));
      }
    },
  );

  it.each([
    ['exif-rotn-1.jpg', 1],
    ['exif-rotn-3.jpg', 3],
    ['exif-rotn-6.jpg', 6],
    ['exif-rotn-8.jpg', 8],
  ])('%s carries orientation %i', async (name, orientation) => {
    const file = referencePath(`reg-test-input/exif-rotn/${name}`);
    const result = await hashImage(file);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.orientation).toBe(orientation);
    if (orientation !== 1) {
      expect(result.value.oriented).toEqual(computePdq(await rawRgb(file, true)));
      expect(result.value.oriented!.hash).not.toBe(result.value.pdq.hash);
    }
  });
});

describe('bad files give a clear error, never an exception', () => {
  const bridge = readFileSync(referencePath('reg-test-input/dih/bridge-1-original.jpg'));
  const png = readFileSync(referencePath('misc-images/c.png'));

  it('empty file', async () => {
    writeFileSync(at('empty.jpg'), '');
    expect(await errorOf(at('empty.jpg'))).toBe('file_empty');
    expect(await errorOf(new Uint8Array(0))).toBe('file_empty');
  });

  it('missing file, directory, FIFO', async () => {
    expect(await errorOf(at('no-such-file.jpg'))).toBe('file_not_found');
    mkdirSync(at('a-directory.jpg'));
    expect(await errorOf(at('a-directory.jpg'))).toBe('file_unreadable');
    execFileSync('mkfifo', [at('a-fifo.jpg')]);
    expect(await errorOf(at('a-fifo.jpg'))).toBe('file_unreadable');
  });

  it('text, whatever its name', async () => {
    writeFileSync(at('notes.jpg'), 'Not a photo: a note written for this test.\n');
    expect(await errorOf(at('notes.jpg'))).toBe('not_an_image');
  });

  it('a video is not an image', async () => {
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10', '-t', '1', at('clip.mp4'));
    expect(await errorOf(at('clip.mp4'))).toBe('not_an_image');
  });

  it('formats recognised but not decodable here', async () => {
    ffmpeg('-i', at('card.png'), at('card.bmp'));
    expect(await errorOf(at('card.bmp'))).toBe('image_unsupported');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    expect(await errorOf(Buffer.from(svg))).toBe('image_unsupported');
    const heicHeader = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
      Buffer.alloc(200),
    ]);
    expect(await errorOf(heicHeader)).toBe('image_unsupported');
  });

  it('truncated JPEG, PNG, GIF and WebP', async () => {
    expect(await errorOf(bridge.subarray(0, bridge.length >> 1))).toBe('image_truncated');
    expect(await errorOf(bridge.subarray(0, 300))).toBe('image_truncated');
    expect(await errorOf(png.subarray(0, png.length >> 1))).toBe('image_truncated');
    const gif = readFileSync(at('card.gif'));
    expect(await errorOf(gif.subarray(0, gif.length >> 1))).toBe('image_truncated');
    const webp = readFileSync(at('card.webp'));
    expect(await errorOf(webp.subarray(0, webp.length >> 1))).toBe('image_truncated');
  });

  it('corrupt JPEG and PNG data', async () => {
    const damaged = Buffer.from(bridge);
    for (let i = 20_000; i < damaged.length - 20_000; i += 997)
      damaged[i] = (damaged[i]! * 7 + 13) & 255;
    expect(await errorOf(damaged)).toBe('image_corrupt');
    const badPng = Buffer.from(png);
    for (let i = 500; i < badPng.length - 500; i += 4001) badPng[i]! ^= 0x5a;
    expect(await errorOf(badPng)).toBe('image_corrupt');
    // A valid SOI and APP0 segment, then bytes where the next marker should be.
    const noise = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
      Buffer.alloc(3000, 0x5c),
    ]);
    expect(await errorOf(noise)).toBe('image_corrupt');
  });

  it('accepts the harmless "extraneous bytes" JPEG defect', async () => {
    const wee = readFileSync(referencePath('misc-images/wee.jpg'));
    const afterApp0 = 4 + ((wee[4]! << 8) | wee[5]!);
    const padded = Buffer.concat([
      wee.subarray(0, afterApp0),
      Buffer.from([0, 0]),
      wee.subarray(afterApp0),
    ]);
    expect(await hashOf(padded)).toEqual(await hashOf(referencePath('misc-images/wee.jpg')));
  });

  it('refuses images over the pixel limit from their header, before decoding', async () => {
    expect(await errorOf(at('card.png'), 640 * 480 - 1)).toBe('image_too_large');
    expect((await decodeImage(at('card.png'), { maxPixels: 640 * 480 })).ok).toBe(true);
    // A PNG header claiming 20000x20000 (400 MP) with no pixel data behind it: only a header
    // check can say "too large" (decoding it would report corrupt or truncated data).
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20_000, 0);
    ihdr.writeUInt32BE(20_000, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const chunk = (type: string, data: Buffer): Buffer => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
      return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
    };
    const huge = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const result = await decodeImage(huge);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'image_too_large',
        message: '20000x20000 is 400 MP, over the limit of 100 MP',
      },
    });
  });
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
