// One linter for the whole repository: type-aware rules, zero warnings allowed (`npm run lint`).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*'],
  message: 'This code must run in the browser too: no Node built-ins here.',
};
const appLayers = {
  group: ['@aman/server', '@aman/server/*', '@aman/web', '@aman/web/*', '@aman/cli', '@aman/cli/*'],
  message: 'Libraries under packages/ never import the applications built on them.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.data/**',
      '**/test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs', 'cli/bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [appLayers] }] },
  },
  {
    // PDQ core: pixels in, hashes out; portable to any JS runtime.
    files: ['packages/pdq/src/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            appLayers,
            { group: ['../node/*', '../browser/*', 'sharp'], message: 'The core never decodes.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      'packages/triage/src/**/*.ts',
      'packages/api/src/**/*.ts',
      'packages/correlation/src/**/*.ts',
      'packages/similarity/src/**/*.ts',
    ],
    // The similarity index's file I/O lives in its ./node entry.
    ignores: ['**/*.test.ts', 'packages/similarity/src/node/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, appLayers] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
