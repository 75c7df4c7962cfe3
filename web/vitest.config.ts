import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

// The portal's own logic in Node, which has WebCrypto: catalogues, content, crypto, evidence,
// signals, the PDF. Everything that needs a real browser is tested in e2e/ against `aman serve`.
export default mergeConfig(sharedTestConfig, defineProject({ test: { name: 'web' } }));
