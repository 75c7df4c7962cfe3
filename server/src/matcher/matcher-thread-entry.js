// The matcher thread's entry point: like cli/bin/aman.js, it registers tsx (a worker thread does
// not inherit the main thread's loader) and then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./matcher-thread.worker.ts');
