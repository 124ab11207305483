import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layerRule } from './eslint/layer-rule.js';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.stackhook/', 'coverage/', 'test/fixtures/plugins/syntax-error.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'node:child_process',
              message: 'Use execa with argv arrays (src/engine/run-command.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // The design map's layers (eslint/layer-table.js); import circles are checked by scripts/check-import-cycles.ts.
    files: ['src/**/*.ts', 'taggers/**/*.ts', 'manifests/**/*.ts'],
    plugins: { stackhook: { rules: { layers: layerRule } } },
    rules: { 'stackhook/layers': 'error' },
  },
);
