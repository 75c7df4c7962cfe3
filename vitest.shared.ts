// Defaults shared by every workspace's vitest.config.ts (merge them with `mergeConfig`).
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export const sharedTestConfig = defineProject({
  test: {
    // A test that writes to the console fails: output belongs in assertions, not in logs.
    setupFiles: [fileURLToPath(new URL('./scripts/vitest-fail-on-console.ts', import.meta.url))],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
