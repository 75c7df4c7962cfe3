// Node helpers of @aman/similarity: index files and raw hash files on disk.
export { readHashRows, readIndexFile, writeIndexFile } from './files.ts';
