import type { PdqHash } from '@aman/pdq';
import type { VideoHashOptions, VideoRecord } from './video.ts';

/** One line of `aman hash --json`: a hashed image. */
export interface ImageRecord {
  readonly path: string;
  readonly kind: 'image';
  readonly pdq: PdqHash;
  readonly quality: number;
  readonly md5: string;
  readonly sha256: string;
  /** Present when the EXIF orientation is not 1: the hash of the image as displayed. */
  readonly oriented?: { readonly pdq: PdqHash; readonly quality: number };
  /** With --dihedral: the 8 dihedral hashes (orig, rot90, rot180, rot270, flipx, flipy, flipp, flipm). */
  readonly dihedral?: readonly PdqHash[];
}

/** One line of `aman hash --json`: a file that could not be hashed. */
export interface ErrorRecord {
  readonly path: string;
  readonly error: { readonly code: string; readonly message: string };
}

/** What hashing one file gives; each media kind adds its record type here. */
export type FileRecord = ImageRecord | VideoRecord | ErrorRecord;

export const isError = (record: FileRecord): record is ErrorRecord => 'error' in record;

/** Options that travel to the worker threads with each file. */
export interface HashFileOptions {
  readonly dihedral: boolean;
  readonly maxPixels: number;
  readonly video: VideoHashOptions;
}
