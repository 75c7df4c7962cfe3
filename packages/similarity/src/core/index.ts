// The portable core: no Node and no DOM (its tsconfig enforces it). File helpers live in "../node".
export { BruteForceIndex } from './brute-force.ts';
export { queryDihedral, type DihedralMatch } from './dihedral.ts';
export { assertHash, HASH_BYTES, MAX_DISTANCE, MAX_ID, popcount32 } from './hash-bits.ts';
export { DuplicateIdError } from './hash-store.ts';
export {
  decodeIndexFile,
  encodeIndex,
  indexFileLength,
  indexFilePieces,
  INDEX_FILE_MAGIC,
  INDEX_FILE_VERSION,
  type IndexFileContents,
} from './index-file.ts';
export { buildIndex, createIndex, INDEX_KINDS, loadIndex, type IndexKind } from './load.ts';
export {
  MultiIndexHashIndex,
  type MultiIndexOptions,
  type QueryStrategy,
} from './multi-index-hash.ts';
export { probePlan, preferScan, type ProbePlan } from './query-plan.ts';
export { compareMatches, type Match, type SimilarityIndex } from './similarity-index.ts';
