import { open, rename, rm } from 'node:fs/promises';
import type { ParseResult } from '@aman/pdq';
import { HASH_BYTES } from '../core/hash-bits.ts';
import { indexFilePieces } from '../core/index-file.ts';
import { loadIndex, type IndexKind } from '../core/load.ts';
import type { SimilarityIndex } from '../core/similarity-index.ts';

/**
 * Writes `index` to an index file at `path`. The bytes go to a temporary file next to it, which is
 * flushed to disk and then renamed over `path`: a crash or a full disk leaves the previous file
 * intact, never a truncated one.
 *
 * @example
 * await writeIndexFile('/var/lib/aman/pdq.index', index);
 */
export async function writeIndexFile(path: string, index: SimilarityIndex): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  try {
    for (const piece of indexFilePieces(index)) await file.write(piece);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await file.close();
  await rename(temporary, path);
}

/**
 * Reads an index file into an index of the given kind (multi-index by default). A missing,
 * unreadable, truncated or corrupt file is an error result, not an exception.
 *
 * @example
 * const read = await readIndexFile('/var/lib/aman/pdq.index');
 * if (!read.ok) throw new Error(read.error.message);
 */
export async function readIndexFile(
  path: string,
  kind: IndexKind = 'multi-index',
): Promise<ParseResult<SimilarityIndex>> {
  const bytes = await readWholeFile(path);
  return bytes.ok ? loadIndex(bytes.value, kind) : bytes;
}

/**
 * Reads a file of raw hashes, 32 bytes a row with no header (the benchmark's `bank.bin` and
 * `queries.bin`), into one 4-byte-aligned array that `buildIndex` can adopt as is.
 *
 * @example
 * const bank = await readHashRows('bank.bin');
 * if (bank.ok) buildIndex(bank.value);
 */
export async function readHashRows(path: string): Promise<ParseResult<Uint8Array>> {
  const bytes = await readWholeFile(path);
  if (!bytes.ok) return bytes;
  if (bytes.value.length % HASH_BYTES !== 0) {
    return {
      ok: false,
      error: {
        code: 'hash_rows_bad_length',
        message: `${path} is not a file of 32-byte hashes: its ${bytes.value.length} bytes are not a multiple of 32`,
      },
    };
  }
  return bytes;
}

/** The whole file in one freshly allocated (so aligned) array, read without intermediate copies. */
async function readWholeFile(path: string): Promise<ParseResult<Uint8Array>> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    return unreadable(path, error);
  }
  try {
    const { size } = await file.stat();
    const bytes = new Uint8Array(size);
    for (let offset = 0; offset < size;) {
      const { bytesRead } = await file.read(bytes, offset, Math.min(size - offset, 1 << 30));
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return { ok: true, value: bytes };
  } catch (error) {
    return unreadable(path, error);
  } finally {
    await file.close();
  }
}

function unreadable(path: string, error: unknown): ParseResult<never> {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: { code: 'file_unreadable', message: `cannot read ${path}: ${reason}` },
  };
}
