export * from './hash.ts';
export * from './image.ts';
export * from './pdq.ts';
export * from './orientation.ts';
export * from './media-type.ts';
export * from './image-header.ts';
export * from './structure.ts';
export { DIHEDRAL_NAMES, dihedralDct, type DihedralName } from './dihedral.ts';
export { pdqLuma, lumaRowReader, type LumaRowReader } from './luma.ts';
export {
  StreamingDownsampler,
  referenceDownsample,
  boxFilter1D,
  jaroszWindowSize,
  decimationIndex,
} from './downsample.ts';
export { dct64To16, DCT_MATRIX } from './dct.ts';
export { pdqQuality } from './quality.ts';
export { dctMedian, hashFromDct, ZERO_PDQ_HASH } from './threshold.ts';
