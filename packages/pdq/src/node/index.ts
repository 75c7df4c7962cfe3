// Node entry: decode image files and buffers with sharp, then hash them with the portable core.
export * from '../core/index.ts';
export * from './decode.ts';
export * from './errors.ts';
export * from './hash-image.ts';
export { digestFile, type FileDigests } from './video-digest.ts';
export * from './video.ts';
