import { defineConfig } from 'vitest/config';

// Every workspace with tests has its own vitest.config.ts; `npm test` runs them all.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', '*/vitest.config.ts'],
  },
});
