import { isExifOrientation, type ExifOrientation } from './orientation.ts';

/** What an image file's header says, read without decoding any pixel. */
export interface ImageHeader {
  /** The stored pixel grid's size. */
  readonly width: number;
  readonly height: number;
  /** The EXIF orientation tag, 1 when there is none. */
  readonly orientation: ExifOrientation;
}

/**
 * Reads the size and EXIF orientation of a JPEG, PNG, GIF, WebP or TIFF from its bytes, so that
 * decoders that cannot tell (a browser's `createImageBitmap`) can refuse oversized images before
 * decoding them and know how the pixels they get are oriented. Returns undefined for other
 * formats and for headers too damaged to read.
 *
 * @example
 * readImageHeader(new Uint8Array(await file.arrayBuffer())); // { width: 4032, height: 3024, orientation: 6 }
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegHeader(bytes, view);
    if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') return pngHeader(bytes, view);
    if (ascii(bytes, 0, 4) === 'GIF8') {
      return { width: view.getUint16(6, true), height: view.getUint16(8, true), orientation: 1 };
    }
    if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
      return webpHeader(bytes, view);
    }
    if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') {
      return tiffHeader(view, 0, view.byteLength);
    }
  } catch (error) {
    // A header that points past the end of the data: unreadable, not a programmer error.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return undefined;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function jpegHeader(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  let orientation: ExifOrientation = 1;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = view.getUint16(i + 2);
    const segment = i + 4;
    if (marker === 0xe1 && ascii(bytes, segment, 6) === 'Exif\0\0') {
      orientation = tiffOrientation(view, segment + 6, segment + length - 2) ?? orientation;
    }
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {
        height: view.getUint16(segment + 1),
        width: view.getUint16(segment + 3),
        orientation,
      };
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    i = segment + length - 2;
  }
  return undefined;
}

function pngHeader(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  if (ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  let orientation: ExifOrientation = 1;
  for (let i = 8; i + 8 <= bytes.length;) {
    const length = view.getUint32(i);
    const type = ascii(bytes, i + 4, 4);
    if (type === 'eXIf') orientation = tiffOrientation(view, i + 8, i + 8 + length) ?? 1;
    if (type === 'IDAT' || type === 'IEND') break;
    i += 12 + length;
  }
  return { width, height, orientation };
}

function webpHeader(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  let size: { width: number; height: number } | undefined;
  let orientation: ExifOrientation = 1;
  for (let i = 12; i + 8 <= bytes.length;) {
    const type = ascii(bytes, i, 4);
    const length = view.getUint32(i + 4, true);
    const data = i + 8;
    if (type === 'VP8X') {
      size = {
        width: 1 + (bytes[data + 4]! | (bytes[data + 5]! << 8) | (bytes[data + 6]! << 16)),
        height: 1 + (bytes[data + 7]! | (bytes[data + 8]! << 8) | (bytes[data + 9]! << 16)),
      };
    } else if (type === 'VP8 ' && size === undefined) {
      size = {
        width: view.getUint16(data + 6, true) & 0x3fff,
        height: view.getUint16(data + 8, true) & 0x3fff,
      };
    } else if (type === 'VP8L' && size === undefined) {
      const bits = view.getUint32(data + 1, true);
      size = { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    } else if (type === 'EXIF') {
      // Some writers keep the JPEG-style "Exif\0\0" prefix.
      const start = ascii(bytes, data, 6) === 'Exif\0\0' ? data + 6 : data;
      orientation = tiffOrientation(view, start, data + length) ?? 1;
    }
    i = data + length + (length & 1);
  }
  return size === undefined ? undefined : { ...size, orientation };
}

function tiffHeader(view: DataView, start: number, end: number): ImageHeader | undefined {
  const tags = tiffTags(view, start, end, [256, 257, 274]);
  const width = tags.get(256);
  const height = tags.get(257);
  if (width === undefined || height === undefined) return undefined;
  const orientation = tags.get(274);
  return { width, height, orientation: isExifOrientation(orientation) ? orientation : 1 };
}

function tiffOrientation(view: DataView, start: number, end: number): ExifOrientation | undefined {
  const value = tiffTags(view, start, end, [274]).get(274);
  return isExifOrientation(value) ? value : undefined;
}

/** Reads SHORT or LONG values of the wanted tags from IFD0 of a TIFF structure. */
function tiffTags(
  view: DataView,
  start: number,
  end: number,
  wanted: readonly number[],
): Map<number, number> {
  const found = new Map<number, number>();
  const order = view.getUint16(start);
  if (order !== 0x4949 && order !== 0x4d4d) return found;
  const little = order === 0x4949;
  const ifd = start + view.getUint32(start + 4, little);
  if (ifd + 2 > end) return found;
  const count = view.getUint16(ifd, little);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + 12 * k;
    if (entry + 12 > end) break;
    const tag = view.getUint16(entry, little);
    if (!wanted.includes(tag)) continue;
    const type = view.getUint16(entry + 2, little);
    if (type === 3) found.set(tag, view.getUint16(entry + 8, little));
    else if (type === 4) found.set(tag, view.getUint32(entry + 8, little));
  }
  return found;
}
