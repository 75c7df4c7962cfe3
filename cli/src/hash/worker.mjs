// Worker-thread entry of `aman hash`. Loader hooks are per thread, so the worker registers tsx
// itself (as bin/aman.js does for the main thread) before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
