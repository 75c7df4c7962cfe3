import { open, readFile, stat } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp } from 'sharp';
import {
  collapseGreyRgb,
  DEFAULT_MAX_PIXELS,
  containerStructure,
  isExifOrientation,
  MEDIA_SNIFF_BYTES,
  sniffMediaType,
  type DecodableImageFormat,
  type ExifOrientation,
  type PdqImage,
} from '../core/index.ts';
import { imageError, type ImageResult } from './errors.ts';

export interface DecodeOptions {
  /** Refuse images with more pixels than this, from their header, before decoding them. */
  readonly maxPixels?: number;
}

/** A decoded image: the stored pixel grid, as the reference hasher sees it. */
export interface DecodedImage {
  readonly format: DecodableImageFormat;
  /** 8-bit, grey (1 channel) or RGB (3 channels); alpha dropped, ICC profile ignored. */
  readonly image: PdqImage;
  /** The EXIF orientation tag (1 when absent). The pixels are NOT rotated. */
  readonly orientation: ExifOrientation;
}

/** A file path, or the file's bytes. */
export type ImageSource = string | Uint8Array;

/**
 * Decodes an image file or buffer into the pixels the PDQ reference hashes. The decoding
 * reproduces what the reference CLI gets from ImageMagick, which makes sharp-decoded hashes
 * bit-identical to the published ones (PDQ-SPEC 3.10):
 *
 * - the embedded ICC profile is ignored, and EXIF orientation is not applied;
 * - alpha is dropped, not composited;
 * - grey images stay 1-channel, including RGB files whose pixels are all grey (ImageMagick writes
 *   those as PGM, and PDQ's grey path differs from its RGB path by a float32 ulp);
 * - CMYK is converted to RGB with ImageMagick's profile-less formula;
 * - 16-bit samples are rounded to 8 bits as ImageMagick's `-depth 8` does;
 * - animated GIF / WebP: the first frame.
 *
 * Expected failures come back as `{ ok: false, error: { code, message } }` (see errors.ts), never
 * as exceptions: a bad file is ordinary input here.
 *
 * @example
 * const decoded = await decodeImage('photo.jpg');
 * if (decoded.ok) computePdq(decoded.value.image);
 */
export async function decodeImage(
  source: ImageSource,
  options: DecodeOptions = {},
): Promise<ImageResult<DecodedImage>> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!(Number.isSafeInteger(maxPixels) && maxPixels > 0)) {
    throw new RangeError(`maxPixels must be a positive integer, got ${maxPixels}`);
  }
  const head = await readHead(source);
  if (!head.ok) return head;
  const type = sniffMediaType(head.value);
  if (type.kind === 'video') {
    return imageError('not_an_image', `this is a video (${type.format}), not an image`);
  }
  if (type.kind === 'unknown') {
    return imageError('not_an_image', 'not an image: the content matches no known image format');
  }
  if (!type.decodable) {
    return imageError(
      'image_unsupported',
      type.format === 'svg'
        ? 'SVG is a vector format; PDQ hashes raster images (export it as PNG first)'
        : `${FORMAT_NAMES[type.format]} images cannot be decoded here; convert to JPEG or PNG first`,
    );
  }
  const format = type.format;
  const input =
    typeof source === 'string'
      ? source
      : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  // Reading the header needs no pixel limit (no pixels are decoded); the limit is checked below
  // with a message that gives the size, and sharp enforces it again while decoding.
  const open = (limitInputPixels: number | false): Sharp =>
    sharp(input, { failOn: 'truncated', limitInputPixels, ignoreIcc: true });

  let metadata: Metadata;
  try {
    metadata = await open(false).metadata();
  } catch (error) {
    return await decodeFailure(source, format, error);
  }
  const { width, height } = metadata;
  if (width === undefined || height === undefined || width < 1 || height < 1) {
    return imageError('image_corrupt', `the ${format} header gives no usable dimensions`);
  }
  if (width * height > maxPixels) {
    return imageError(
      'image_too_large',
      `${width}x${height} is ${formatMegapixels(width * height)}, over the limit of ${formatMegapixels(maxPixels)}`,
    );
  }

  let image: PdqImage;
  const warnings: string[] = [];
  try {
    const pipeline = open(maxPixels);
    pipeline.on('warning', (warning: string) => warnings.push(warning));
    image = await decodePixels(pipeline, metadata);
  } catch (error) {
    return await decodeFailure(source, format, error);
  }
  const damage = damageWarning(warnings);
  if (damage !== undefined) {
    return imageError('image_corrupt', `the ${format} data is damaged (${firstLine(damage)})`);
  }
  const orientation = isExifOrientation(metadata.orientation) ? metadata.orientation : 1;
  return { ok: true, value: { format, image, orientation } };
}

async function decodePixels(pipeline: Sharp, metadata: Metadata): Promise<PdqImage> {
  const sixteenBit = metadata.depth === 'ushort';
  const grey = metadata.space === 'b-w' || metadata.space === 'grey16';
  if (metadata.space === 'cmyk') {
    const { data, info } = await pipeline
      .pipelineColourspace('cmyk')
      .toColourspace('cmyk')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return collapseGreyRgb(cmykToRgb(data, info.width, info.height, info.channels));
  }
  const { data, info } = await pipeline
    .removeAlpha()
    .toColourspace(grey ? (sixteenBit ? 'grey16' : 'b-w') : sixteenBit ? 'rgb16' : 'srgb')
    .raw({ depth: sixteenBit ? 'ushort' : 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  if (channels !== 1 && channels !== 3) {
    throw new Error(`unexpected ${channels}-channel output from sharp`);
  }
  const bytes = sixteenBit
    ? narrow16To8(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.length);
  const image: PdqImage = { width: info.width, height: info.height, channels, data: bytes };
  return channels === 3 ? collapseGreyRgb(image) : image;
}

/**
 * 16-bit little-endian samples to 8 bits, rounding like ImageMagick's ScaleQuantumToChar
 * (≈ round(v / 257)); sharp's own conversion truncates (v >> 8). Done in place.
 */
function narrow16To8(data: Buffer): Uint8Array {
  const samples = data.length >> 1;
  const out = new Uint8Array(data.buffer, data.byteOffset, samples);
  for (let i = 0; i < samples; i++) {
    const v = data[2 * i]! | (data[2 * i + 1]! << 8);
    out[i] = (v + 128 - ((v + 128) >> 8)) >> 8;
  }
  return out;
}

/**
 * CMYK to RGB as ImageMagick does without a colour profile, in its 16-bit quantum:
 * R = Q − (C·(Q − K)/Q + K), rounded to the quantum, then to 8 bits.
 */
function cmykToRgb(cmyk: Buffer, width: number, height: number, channels: number): PdqImage {
  const rgb = new Uint8Array(width * height * 3);
  const table = cmykTable();
  for (let i = 0, p = 0; p < rgb.length; i += channels, p += 3) {
    const k = cmyk[i + 3]! << 8;
    rgb[p] = table[k | cmyk[i]!]!;
    rgb[p + 1] = table[k | cmyk[i + 1]!]!;
    rgb[p + 2] = table[k | cmyk[i + 2]!]!;
  }
  return { width, height, channels: 3, data: rgb };
}

let cmykLookup: Uint8Array | undefined;
function cmykTable(): Uint8Array {
  if (cmykLookup === undefined) {
    cmykLookup = new Uint8Array(65536);
    const Q = 65535;
    for (let k = 0; k < 256; k++) {
      for (let c = 0; c < 256; c++) {
        const value = Q - (((c * 257) / Q) * (Q - k * 257) + k * 257);
        const quantum = value <= 0 ? 0 : value >= Q ? Q : Math.floor(value + 0.5);
        cmykLookup[(k << 8) | c] = (quantum + 128 - ((quantum + 128) >> 8)) >> 8;
      }
    }
  }
  return cmykLookup;
}

async function readHead(source: ImageSource): Promise<ImageResult<Uint8Array>> {
  if (typeof source !== 'string') {
    if (source.length === 0) return imageError('file_empty', 'the file is empty');
    return { ok: true, value: source.subarray(0, MEDIA_SNIFF_BYTES) };
  }
  try {
    const info = await stat(source);
    if (info.isDirectory()) return imageError('file_unreadable', 'this is a directory');
    // A FIFO or a device would block or never end.
    if (!info.isFile()) return imageError('file_unreadable', 'not a regular file');
    if (info.size === 0) return imageError('file_empty', 'the file is empty');
    const handle = await open(source, 'r');
    try {
      const head = new Uint8Array(Math.min(MEDIA_SNIFF_BYTES, info.size));
      await handle.read(head, 0, head.length, 0);
      return { ok: true, value: head };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fileError(error);
  }
}

async function readAll(source: ImageSource): Promise<Uint8Array> {
  return typeof source === 'string' ? await readFile(source) : source;
}

/**
 * Libjpeg reports damaged entropy data as warnings and fills the damaged blocks in; those
 * pictures are not what was photographed, so they are refused as corrupt. Extraneous bytes
 * between segments are a common, harmless writer bug and are accepted.
 */
function damageWarning(warnings: readonly string[]): string | undefined {
  return warnings.find(
    (warning) => /corrupt jpeg data/i.test(warning) && !/extraneous bytes/i.test(warning),
  );
}

async function decodeFailure(
  source: ImageSource,
  format: DecodableImageFormat,
  error: unknown,
): Promise<ImageResult<never>> {
  const message = error instanceof Error ? error.message : String(error);
  if (/exceeds pixel limit/i.test(message)) {
    return imageError('image_too_large', 'the image is over the pixel limit');
  }
  const detail = firstLine(message);
  let bytes: Uint8Array;
  try {
    bytes = await readAll(source);
  } catch (readError) {
    return fileError(readError);
  }
  const structure = containerStructure(format, bytes);
  const truncated =
    structure === 'truncated' ||
    (structure === 'unknown' &&
      /premature end|truncat|unexpected end|not enough data/i.test(message));
  return truncated
    ? imageError(
        'image_truncated',
        `the ${format} file is truncated: it ends before the image does (${detail})`,
      )
    : imageError(
        'image_corrupt',
        `the ${format} data is corrupt and cannot be decoded (${detail})`,
      );
}

function firstLine(text: string): string {
  return text
    .replace(/^Input (file|buffer) has corrupt header: /, '')
    .split('\n')[0]!
    .trim();
}

function fileError(error: unknown): ImageResult<never> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return imageError('file_not_found', 'no such file');
  if (code === 'EACCES' || code === 'EPERM') {
    return imageError('file_unreadable', 'permission denied');
  }
  if (code === 'EISDIR') return imageError('file_unreadable', 'this is a directory');
  return imageError(
    'file_unreadable',
    `cannot read the file (${error instanceof Error ? error.message : String(error)})`,
  );
}

function formatMegapixels(pixels: number): string {
  return `${Number((pixels / 1e6).toFixed(1))} MP`;
}

const FORMAT_NAMES: Record<'heic' | 'bmp' | 'jpeg2000' | 'jpegxl' | 'psd' | 'ico', string> = {
  heic: 'HEIC/HEIF (HEVC)',
  bmp: 'BMP',
  jpeg2000: 'JPEG 2000',
  jpegxl: 'JPEG XL',
  psd: 'Photoshop (PSD)',
  ico: 'ICO',
};
