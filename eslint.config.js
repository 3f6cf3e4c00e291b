import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import house from './eslint-rules/layering.js';

const ELECTRON_ONLY_IN_SHELL = {
  name: 'electron',
  message: 'Only the Electron shell files may import electron.',
};
const VITEST_ONLY_IN_TESTS = {
  name: 'vitest',
  message: 'vitest belongs in *.test.ts files and test-support/ folders.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', '.cache/', 'test-results/', 'playwright-report/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { house },
    rules: {
      'house/layering': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY_IN_SHELL, VITEST_ONLY_IN_TESTS] }],
    },
  },
  {
    // Test files and test-support folders (and the test runner's own config) may use vitest.
    files: [
      '**/*.test.ts',
      '**/test-support/**',
      'vitest.config.ts',
      'graph/neo4j-server/vitest-global-setup.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY_IN_SHELL] }] },
  },
  {
    // Type-aware rules on the TypeScript code: a dropped promise hides a failure; exported functions state what
    // they return, so a change of behaviour cannot silently change an interface.
    files: [
      'src-main/**/*.ts',
      'src-renderer/**/*.ts',
      'shared/**/*.ts',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'audit/**/*.ts',
      'packaging/**/*.ts',
    ],
    ignores: ['**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
    },
  },
  {
    files: ['src-main/index.ts', 'src-main/preload.ts', 'src-main/security.ts', 'src-main/shell/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [VITEST_ONLY_IN_TESTS] }] },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src-renderer/**/*'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'src-main/',
              allowTypeImports: true,
              message: 'The renderer may only import types from src-main/contract.',
            },
          ],
        },
      ],
    },
  },
);
