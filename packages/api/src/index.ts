// @aman/api: the contract between the server, the web app and the CLI. Pure TypeScript over web
// standards (fetch), so it runs in Node and in the browser alike.
export * from './case-number.ts';
export * from './client.ts';
export * from './errors.ts';
export * from './openapi.ts';
export * from './routes.ts';
export * from './schemas.ts';
export * from './signals.ts';
export * from './validation.ts';
export * from './console/case-schemas.ts';
export * from './console/client.ts';
export * from './console/intel-schemas.ts';
export * from './console/platform-schemas.ts';
export * from './console/staff-schemas.ts';
export * from './console/share-crypto.ts';
