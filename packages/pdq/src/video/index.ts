// vPDQ: video hashing on top of the PDQ image core. Pure TypeScript, like the core: the frames
// come from ../node (ffmpeg) or ../browser (<video>, WebCodecs).
export * from './frame.ts';
export * from './text-format.ts';
export * from './match.ts';
export * from './instants.ts';
export * from './sampling.ts';
export * from './neighbourhood.ts';
export * from './time-frames.ts';
export { formatFixed, formatSignificant } from './decimal.ts';
