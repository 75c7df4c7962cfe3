import type { ParseResult } from '@aman/pdq';
import { HASH_BYTES } from './hash-bits.ts';
import type { SimilarityIndex } from './similarity-index.ts';

/**
 * The index file: every id and hash of an index, in a form any implementation loads.
 *
 * ```
 * offset        size    field
 * 0             8       magic "AMANSIDX"
 * 8             4       format version (1), uint32 little-endian
 * 12            4       n, the number of hashes, uint32 little-endian
 * 16            4n      ids, uint32 little-endian
 * 16 + 4n       32n     hashes, 32 bytes each in PDQ hex order, in the order of the ids
 * 16 + 36n      4       checksum of every byte before it (see `checksumWords`), uint32 LE
 * ```
 *
 * Every field is 4-byte aligned, so a loaded file is used in place: the index adopts views over
 * the file's bytes instead of copying 360 MB for 10 million hashes. The tables are not stored:
 * rebuilding them is as fast as reading them would be, and keeps the format independent of the
 * implementation.
 */
export const INDEX_FILE_MAGIC = 'AMANSIDX';
export const INDEX_FILE_VERSION = 1;
const HEADER_BYTES = 16;
const CHECKSUM_BYTES = 4;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The ids and hashes read from an index file (views over the file's bytes). */
export interface IndexFileContents {
  readonly ids: Uint32Array;
  readonly hashes: Uint8Array;
}

/**
 * The index file of `index`, piece by piece (header, ids, hashes, checksum), without copying the
 * index's storage: write the pieces in order to get the file.
 *
 * @example
 * for (const piece of indexFilePieces(index)) await file.write(piece);
 */
export function* indexFilePieces(index: SimilarityIndex): Generator<Uint8Array> {
  assertLittleEndian();
  const checksum = new Checksum();
  const header = new Uint8Array(HEADER_BYTES);
  header.set(Array.from(INDEX_FILE_MAGIC, (char) => char.charCodeAt(0)));
  const view = new DataView(header.buffer);
  view.setUint32(8, INDEX_FILE_VERSION, true);
  view.setUint32(12, index.size, true);
  checksum.update(header);
  yield header;
  let written = 0;
  for (const batch of index.entries()) {
    const ids = new Uint8Array(batch.ids.buffer, batch.ids.byteOffset, batch.ids.byteLength);
    checksum.update(ids);
    written += batch.ids.length;
    yield ids;
  }
  if (written !== index.size) {
    throw new Error(`the index listed ${written} entries but has ${index.size}`);
  }
  for (const batch of index.entries()) {
    checksum.update(batch.hashes);
    yield batch.hashes;
  }
  const trailer = new Uint8Array(CHECKSUM_BYTES);
  new DataView(trailer.buffer).setUint32(0, checksum.value, true);
  yield trailer;
}

/**
 * The index file of `index` as one array (for small indexes, or where no file system exists).
 *
 * @example
 * const bytes = encodeIndex(index);
 */
export function encodeIndex(index: SimilarityIndex): Uint8Array {
  const bytes = new Uint8Array(indexFileLength(index.size));
  let offset = 0;
  for (const piece of indexFilePieces(index)) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return bytes;
}

/**
 * Length in bytes of the index file of `count` hashes.
 *
 * @example
 * indexFileLength(10_000_000); // 360000020
 */
export function indexFileLength(count: number): number {
  return HEADER_BYTES + count * (4 + HASH_BYTES) + CHECKSUM_BYTES;
}

/**
 * Reads an index file, checking its magic, version, length and checksum. The result's arrays are
 * views over `bytes` when it is 4-byte aligned (copies otherwise).
 *
 * @example
 * const read = decodeIndexFile(bytes);
 * if (!read.ok) throw new Error(read.error.message);
 */
export function decodeIndexFile(bytes: Uint8Array): ParseResult<IndexFileContents> {
  assertLittleEndian();
  if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
    return fail('index_file_truncated', `an index file has at least 20 bytes, got ${bytes.length}`);
  }
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== INDEX_FILE_MAGIC) {
    return fail('index_file_bad_magic', 'not an Aman index file (it does not start with AMANSIDX)');
  }
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = new DataView(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  const version = view.getUint32(8, true);
  if (version !== INDEX_FILE_VERSION) {
    return fail(
      'index_file_unsupported_version',
      `index file format version ${version} is not supported (this version reads ${INDEX_FILE_VERSION})`,
    );
  }
  const count = view.getUint32(12, true);
  const expected = indexFileLength(count);
  if (aligned.length !== expected) {
    return fail(
      aligned.length < expected ? 'index_file_truncated' : 'index_file_bad_length',
      `an index file of ${count} hashes has ${expected} bytes, got ${aligned.length}`,
    );
  }
  const body = aligned.subarray(0, expected - CHECKSUM_BYTES);
  const checksum = new Checksum();
  checksum.update(body);
  if (checksum.value !== view.getUint32(expected - CHECKSUM_BYTES, true)) {
    return fail('index_file_corrupt', 'the index file is corrupt (its checksum does not match)');
  }
  return {
    ok: true,
    value: {
      ids: new Uint32Array(aligned.buffer, aligned.byteOffset + HEADER_BYTES, count),
      hashes: aligned.subarray(HEADER_BYTES + 4 * count, HEADER_BYTES + 36 * count),
    },
  };
}

/**
 * FNV-1a over 32-bit little-endian words: a change to any one word changes the value (each step
 * is a bijection of the state), and it runs at memory speed (~0.1 s for 10 million hashes).
 * Every piece fed to it has a length that is a multiple of 4.
 */
class Checksum {
  value = FNV_OFFSET;

  update(bytes: Uint8Array): void {
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >>> 2);
    let hash = this.value;
    for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i]!, FNV_PRIME);
    this.value = hash >>> 0;
  }
}

function assertLittleEndian(): void {
  if (!LITTLE_ENDIAN) throw new Error('index files are only supported on little-endian platforms');
}

function fail<T>(code: string, message: string): ParseResult<T> {
  return { ok: false, error: { code, message } };
}
