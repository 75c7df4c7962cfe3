// The portable core: no Node and no DOM. Decoders live in "./node" and "./browser".
export * from './core/index.ts';
export * from './video/index.ts';
