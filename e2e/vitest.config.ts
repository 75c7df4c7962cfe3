import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

// End-to-end tests: real Chromium against a real `aman serve` on a temp SQLite file, serving the
// built web/dist. One file at a time: the machine has two cores, shared with the server.
export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'e2e',
      testTimeout: 180_000,
      hookTimeout: 180_000,
      fileParallelism: false,
    },
  }),
);
