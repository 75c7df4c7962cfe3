import { open } from 'node:fs/promises';
import { MEDIA_SNIFF_BYTES, sniffMediaType, type MediaType, type PdqHasher } from '@aman/pdq';
import { digestFile, hashImage } from '@aman/pdq/node';
import type { ErrorRecord, FileRecord, HashFileOptions, ImageRecord } from './records.ts';
import { hashVideoRecord } from './video.ts';

/** Hashes one file of a given kind; every kind Aman hashes has one. */
type KindHasher = (
  path: string,
  type: MediaType,
  options: HashFileOptions,
  hasher: PdqHasher,
) => Promise<FileRecord>;

/**
 * The hasher for each media kind, chosen from the file's content. A kind without an entry gets
 * a per-file error; adding one (video) is one entry here.
 */
const hashers: Partial<Record<MediaType['kind'], KindHasher>> = {
  image: hashImageFile,
  video: (path, _type, options) => hashVideoRecord(path, options.video),
};

/**
 * Hashes one file: sniffs its kind from its first bytes and hands it to that kind's hasher.
 * Never rejects for a bad file: the failure is a record with an error code and message.
 *
 * @example
 * const record = await hashFile('photo.jpg', { dihedral: false, maxPixels: 100e6 }, createPdqHasher());
 */
export async function hashFile(
  path: string,
  options: HashFileOptions,
  hasher: PdqHasher,
): Promise<FileRecord> {
  const head = await readHead(path);
  if ('error' in head) return { path, error: head.error };
  const type = sniffMediaType(head.bytes);
  const hash = hashers[type.kind];
  if (hash !== undefined) return hash(path, type, options, hasher);
  return failure(
    path,
    'not_an_image',
    'not an image or a video: the content matches no known format',
  );
}

async function hashImageFile(
  path: string,
  _type: MediaType,
  options: HashFileOptions,
  hasher: PdqHasher,
): Promise<FileRecord> {
  const [result, digests] = await Promise.all([
    hashImage(path, { dihedral: options.dihedral, maxPixels: options.maxPixels, hasher }),
    digestFile(path).catch(() => undefined),
  ]);
  if (!result.ok) return { path, error: result.error };
  if (digests === undefined) return failure(path, 'file_unreadable', 'the file could not be read');
  const { pdq, oriented } = result.value;
  const record: ImageRecord = {
    path,
    kind: 'image',
    pdq: pdq.hash,
    quality: pdq.quality,
    md5: digests.md5,
    sha256: digests.sha256,
    ...(oriented === undefined
      ? {}
      : { oriented: { pdq: oriented.hash, quality: oriented.quality } }),
    ...(pdq.dihedral === undefined ? {} : { dihedral: pdq.dihedral }),
  };
  return record;
}

async function readHead(
  path: string,
): Promise<{ bytes: Uint8Array } | { error: ErrorRecord['error'] }> {
  let handle;
  try {
    handle = await open(path, 'r');
    const bytes = new Uint8Array(MEDIA_SNIFF_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    if (bytesRead === 0) return { error: { code: 'file_empty', message: 'the file is empty' } };
    return { bytes: bytes.subarray(0, bytesRead) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: { code: 'file_not_found', message: 'no such file' } };
    if (code === 'EISDIR') {
      return { error: { code: 'file_unreadable', message: 'this is a directory' } };
    }
    if (code === 'EACCES' || code === 'EPERM') {
      return { error: { code: 'file_unreadable', message: 'permission denied' } };
    }
    return { error: { code: 'file_unreadable', message: (error as Error).message } };
  } finally {
    await handle?.close();
  }
}

function failure(path: string, code: string, message: string): ErrorRecord {
  return { path, error: { code, message } };
}
