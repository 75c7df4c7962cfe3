// The portable core: no Node and no DOM. File helpers are in "@aman/similarity/node".
export * from './core/index.ts';
