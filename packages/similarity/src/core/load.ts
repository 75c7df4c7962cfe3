import type { ParseResult } from '@aman/pdq';
import { BruteForceIndex } from './brute-force.ts';
import { DuplicateIdError } from './hash-store.ts';
import { decodeIndexFile } from './index-file.ts';
import { MultiIndexHashIndex } from './multi-index-hash.ts';
import type { SimilarityIndex } from './similarity-index.ts';

/** The implementations: `multi-index` for speed from thousands of hashes up, `brute-force` as the reference. */
export const INDEX_KINDS = ['multi-index', 'brute-force'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/**
 * An empty index of the given kind.
 *
 * @example
 * const index = createIndex('multi-index');
 */
export function createIndex(kind: IndexKind = 'multi-index'): SimilarityIndex {
  switch (kind) {
    case 'multi-index':
      return new MultiIndexHashIndex();
    case 'brute-force':
      return new BruteForceIndex();
  }
}

/**
 * An index of the given kind over `hashes` (32-byte rows) and `ids` (row numbers when omitted),
 * built in bulk. The index keeps both arrays (no copy). Throws a RangeError on a repeated id.
 *
 * @example
 * const index = buildIndex(bankBytes, undefined, 'multi-index');
 */
export function buildIndex(
  hashes: Uint8Array,
  ids?: Uint32Array,
  kind: IndexKind = 'multi-index',
): SimilarityIndex {
  switch (kind) {
    case 'multi-index':
      return MultiIndexHashIndex.fromHashes(hashes, ids);
    case 'brute-force':
      return BruteForceIndex.fromHashes(hashes, ids);
  }
}

/**
 * Loads an index file (see `index-file.ts`) into an index of the given kind. The index keeps the
 * file's bytes as its storage: do not modify `bytes` afterwards.
 *
 * @example
 * const loaded = loadIndex(bytes);
 * if (loaded.ok) loaded.value.query(hash, 31);
 */
export function loadIndex(
  bytes: Uint8Array,
  kind: IndexKind = 'multi-index',
): ParseResult<SimilarityIndex> {
  const contents = decodeIndexFile(bytes);
  if (!contents.ok) return contents;
  try {
    return { ok: true, value: buildIndex(contents.value.hashes, contents.value.ids, kind) };
  } catch (error) {
    if (error instanceof DuplicateIdError) {
      return {
        ok: false,
        error: {
          code: 'index_file_duplicate_id',
          message: `the index file lists id ${error.id} more than once`,
        },
      };
    }
    throw error;
  }
}
