/**
 * What a file is, from its first bytes (never from its name: a victim's files are often renamed,
 * and a blackmailer's never trustworthy). Decides which hasher a file goes to.
 */

/** Image formats the decoders hash. */
export type DecodableImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'avif';
/** Image formats recognised but not decoded here (no decoder in sharp's prebuilt libvips). */
export type UndecodableImageFormat = 'heic' | 'bmp' | 'jpeg2000' | 'jpegxl' | 'svg' | 'psd' | 'ico';
/** Video containers, for the video hasher. */
export type VideoFormat =
  'mp4' | 'mov' | '3gp' | 'webm' | 'mkv' | 'avi' | 'flv' | 'mpegts' | 'mpeg' | 'wmv';

export type MediaType =
  | { readonly kind: 'image'; readonly format: DecodableImageFormat; readonly decodable: true }
  | { readonly kind: 'image'; readonly format: UndecodableImageFormat; readonly decodable: false }
  | { readonly kind: 'video'; readonly format: VideoFormat }
  | { readonly kind: 'unknown' };

/** How many leading bytes `sniffMediaType` looks at; pass at least this many when you can. */
export const MEDIA_SNIFF_BYTES = 512;

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  signature.every((value, i) => bytes[at + i] === value);

const image = (format: DecodableImageFormat): MediaType => ({
  kind: 'image',
  format,
  decodable: true,
});
const undecodable = (format: UndecodableImageFormat): MediaType => ({
  kind: 'image',
  format,
  decodable: false,
});
const video = (format: VideoFormat): MediaType => ({ kind: 'video', format });

/**
 * Identifies a file from its first bytes (`MEDIA_SNIFF_BYTES` are enough).
 *
 * @example
 * sniffMediaType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0)); // { kind: 'image', format: 'jpeg', decodable: true }
 */
export function sniffMediaType(head: Uint8Array): MediaType {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return image('jpeg');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image('png');
  const first6 = ascii(head, 0, 6);
  if (first6 === 'GIF87a' || first6 === 'GIF89a') return image('gif');
  if (ascii(head, 0, 4) === 'RIFF') {
    const riffType = ascii(head, 8, 4);
    if (riffType === 'WEBP') return image('webp');
    if (riffType === 'AVI ') return video('avi');
  }
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return image('tiff');
  }
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])) {
    return image('tiff'); // BigTIFF
  }
  const isoMedia = sniffIsoMedia(head);
  if (isoMedia !== undefined) return isoMedia;
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return video(ascii(head, 0, 64).includes('webm') ? 'webm' : 'mkv');
  }
  if (ascii(head, 0, 3) === 'FLV') return video('flv');
  if (startsWith(head, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return video('wmv');
  if (startsWith(head, [0x00, 0x00, 0x01, 0xba]) || startsWith(head, [0x00, 0x00, 0x01, 0xb3])) {
    return video('mpeg');
  }
  if (head[0] === 0x47 && head[188] === 0x47 && (head.length < 377 || head[376] === 0x47)) {
    return video('mpegts');
  }
  if (ascii(head, 0, 2) === 'BM' && head.length >= 26 && head[14]! >= 12) return undecodable('bmp');
  if (startsWith(head, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]))
    return undecodable('jpeg2000');
  if (startsWith(head, [0xff, 0x4f, 0xff, 0x51])) return undecodable('jpeg2000');
  if (startsWith(head, [0xff, 0x0a])) return undecodable('jpegxl');
  if (startsWith(head, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20]))
    return undecodable('jpegxl');
  if (ascii(head, 0, 4) === '8BPS') return undecodable('psd');
  if (startsWith(head, [0x00, 0x00, 0x01, 0x00]) && head[4] !== undefined && head[4] > 0) {
    return undecodable('ico');
  }
  if (looksLikeSvg(head)) return undecodable('svg');
  return { kind: 'unknown' };
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const QUICKTIME_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** ISO base media files (MP4, MOV, 3GP, HEIF, AVIF) start with a `ftyp` box listing brands. */
function sniffIsoMedia(head: Uint8Array): MediaType | undefined {
  const boxType = ascii(head, 4, 4);
  if (boxType !== 'ftyp') {
    // Old QuickTime files may start with another atom.
    return QUICKTIME_ATOMS.has(boxType) && head.length >= 8 ? video('mov') : undefined;
  }
  const boxSize = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const brands = [ascii(head, 8, 4)];
  for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4) {
    brands.push(ascii(head, at, 4));
  }
  const major = brands[0]!;
  if (major === 'avif' || major === 'avis') return image('avif');
  if (HEIF_BRANDS.has(major)) return undecodable('heic');
  if (major === 'mif1' || major === 'msf1') {
    if (brands.includes('avif') || brands.includes('avis')) return image('avif');
    return undecodable('heic');
  }
  if (major === 'qt  ') return video('mov');
  if (major.startsWith('3g')) return video('3gp');
  return video('mp4');
}

function looksLikeSvg(head: Uint8Array): boolean {
  const text = ascii(head, 0, Math.min(head.length, MEDIA_SNIFF_BYTES)).trimStart();
  if (!text.startsWith('<')) return false;
  return /<svg[\s>]/i.test(text);
}
