import type { DecodableImageFormat } from './media-type.ts';

/**
 * Whether a file that failed to decode is cut short or damaged: walks the container structure
 * (JPEG segments, PNG chunks, the GIF trailer, the RIFF size) without decoding any pixels.
 *
 * - `complete`: the structure reaches its end marker, so the damage is inside the data;
 * - `truncated`: the structure is consistent until the file ends early;
 * - `invalid`: the structure itself is broken;
 * - `unknown`: the format is not walked here (TIFF, AVIF).
 */
export type StructureVerdict = 'complete' | 'truncated' | 'invalid' | 'unknown';

/**
 * @example
 * containerStructure('png', bytes.subarray(0, 1000)); // 'truncated'
 */
export function containerStructure(
  format: DecodableImageFormat,
  bytes: Uint8Array,
): StructureVerdict {
  switch (format) {
    case 'jpeg':
      return jpegStructure(bytes);
    case 'png':
      return pngStructure(bytes);
    case 'gif':
      // The trailer byte 0x3B ends every GIF; some writers pad after it.
      return bytes.subarray(-16).includes(0x3b) ? 'complete' : 'truncated';
    case 'webp': {
      if (bytes.length < 12) return 'truncated';
      const riffSize = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
      return 8 + riffSize > bytes.length ? 'truncated' : 'complete';
    }
    case 'tiff':
    case 'avif':
      return 'unknown';
  }
}

const isRestartOrStandalone = (marker: number): boolean =>
  (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xd8;

function jpegStructure(b: Uint8Array): StructureVerdict {
  const n = b.length;
  if (n < 3) return 'truncated';
  let i = 2; // after SOI
  for (;;) {
    if (i >= n) return 'truncated';
    if (b[i] !== 0xff) return 'invalid';
    while (i < n && b[i] === 0xff) i++; // fill bytes
    if (i >= n) return 'truncated';
    const marker = b[i++]!;
    if (marker === 0xd9) return 'complete';
    if (marker === 0x00) return 'invalid';
    if (isRestartOrStandalone(marker)) continue;
    if (i + 2 > n) return 'truncated';
    const length = (b[i]! << 8) | b[i + 1]!;
    if (length < 2) return 'invalid';
    if (i + length > n) return 'truncated';
    i += length;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      for (;;) {
        if (i + 1 >= n) return 'truncated';
        if (b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7)) {
          if (b[i + 1] === 0xff) {
            i++;
            continue;
          }
          break;
        }
        i++;
      }
    }
  }
}

function pngStructure(b: Uint8Array): StructureVerdict {
  const n = b.length;
  let i = 8; // after the signature
  for (;;) {
    if (i + 8 > n) return 'truncated';
    const length = ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
    for (let k = 4; k < 8; k++) {
      const c = b[i + k]!;
      const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
      if (!letter) return 'invalid';
    }
    if (length > 0x7fffffff) return 'invalid';
    if (i + 12 + length > n) return 'truncated';
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    if (type === 'IEND') return 'complete';
    i += 12 + length;
  }
}
