import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrictElectronAndReact = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'The core runs in plain Node: never import electron here.' },
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The core never imports React.' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e-artifacts/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layering rule (docs/architecture.md): core and contract never import electron or react.
  {
    files: ['src-main/core/**', 'src-main/cli/**', 'src-main/host/**'],
    rules: { 'no-restricted-imports': ['error', restrictElectronAndReact] },
  },
  {
    files: ['src-main/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrictElectronAndReact.patterns,
            { group: ['node:*', 'fs', 'path', 'crypto', 'os'], message: 'contract/ is pure TypeScript: no Node built-ins.' },
            { group: ['../core/*', '../main/*', '../preload/*'], message: 'contract/ imports nothing from the other floors.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*', 'fs', 'path', 'crypto'], message: 'The renderer knows nothing of Node or Electron.' },
            { group: ['**/src-main/core/**', '**/src-main/main/**', '**/src-main/preload/**'], message: 'The renderer imports only src-main/contract.' },
          ],
        },
      ],
    },
  },
);
