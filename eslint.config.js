import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'examples/**', 'bench/out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'never eval' }],
    },
  },
  {
    // Pure stages: no IO, no GitHub, no clock.
    files: ['src/parse/**', 'src/triage/**', 'src/render/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', '@actions/*', 'node:child_process'],
              message: 'parse/triage/render are pure: IO lives in ingest/ and publish/.',
            },
          ],
        },
      ],
    },
  },
);
