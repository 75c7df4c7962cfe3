import { createPdqHasher, type PdqHash, type PdqHasher } from '../core/index.ts';
import { decodeImageBlob, type BrowserResult } from './decode.ts';
import { md5Hex } from './md5.ts';

export interface BlobHashOptions {
  readonly dihedral?: boolean;
  readonly maxPixels?: number;
  /** Called as the work advances: stage and overall fraction from 0 to 1. */
  readonly onProgress?: (progress: HashProgress) => void;
}

export interface HashProgress {
  readonly stage: 'reading' | 'decoding' | 'hashing' | 'done';
  readonly fraction: number;
}

/** The hashes of one image, computed where the image is: only these ever leave the device. */
export interface BlobImageHashes {
  readonly kind: 'image';
  readonly width: number;
  readonly height: number;
  readonly orientation: number;
  readonly pdq: PdqHash;
  readonly quality: number;
  readonly dihedral?: readonly PdqHash[];
  /** When EXIF orientation applies: the hash of the image as displayed. */
  readonly oriented?: { readonly pdq: PdqHash; readonly quality: number };
  /** Hex digests of the file's bytes. */
  readonly md5: string;
  readonly sha256: string;
}

/**
 * Decodes and hashes an image Blob or File in the current thread (call it in a worker: see
 * `createPdqWorker` for the main-thread API).
 *
 * @example
 * const result = await hashImageBlob(file, { onProgress: ({ fraction }) => bar.value = fraction });
 */
export async function hashImageBlob(
  blob: Blob,
  options: BlobHashOptions = {},
  hasher: PdqHasher = createPdqHasher(),
): Promise<BrowserResult<BlobImageHashes>> {
  const progress = options.onProgress ?? ((): void => {});
  progress({ stage: 'reading', fraction: 0 });
  const bytes = await blob.arrayBuffer();
  const digest = crypto.subtle.digest('SHA-256', bytes);
  const md5 = md5Hex(new Uint8Array(bytes));
  progress({ stage: 'decoding', fraction: 0.1 });
  const decoded = await decodeImageBlob(
    blob,
    options.maxPixels === undefined ? {} : { maxPixels: options.maxPixels },
  );
  if (!decoded.ok) return decoded;
  progress({ stage: 'hashing', fraction: 0.6 });
  const { image, orientation, displayed } = decoded.value;
  const dihedral = options.dihedral === true;
  const stored = hasher.compute(image, { dihedral });
  const oriented = displayed === undefined ? undefined : hasher.compute(displayed);
  const sha256 = toHex(new Uint8Array(await digest));
  progress({ stage: 'done', fraction: 1 });
  return {
    ok: true,
    value: {
      kind: 'image',
      width: image.width,
      height: image.height,
      orientation,
      pdq: stored.hash,
      quality: stored.quality,
      ...(stored.dihedral === undefined ? {} : { dihedral: stored.dihedral }),
      ...(oriented === undefined
        ? {}
        : { oriented: { pdq: oriented.hash, quality: oriented.quality } }),
      md5,
      sha256,
    },
  };
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
