// Browser entry: decode with the browser's own decoders, hash with the portable core, in a worker.
export * from '../core/index.ts';
export * from './client.ts';
export * from './decode.ts';
export * from './hash-blob.ts';
export * from './video.ts';
export { digestBlob, type BlobDigests } from './video-digest.ts';
