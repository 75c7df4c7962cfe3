import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

// Unit tests of the portal's pure modules (i18n catalogues, content, crypto, PDF layout) in Node,
// which has WebCrypto; everything that needs a real browser is in e2e/.
export default mergeConfig(
  sharedTestConfig,
  defineProject({ test: { name: 'web', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] } }),
);
