import tseslint from 'typescript-eslint';

// engine/ and knowledge/ are pure domain code: they talk to the world only through ports.
const infrastructureImports = [
  {
    group: ['**/adapters/**', '**/server/**'],
    message: 'Domain code talks to the world through ports, never adapters or server.',
  },
  {
    group: [
      'openai',
      'openai/*',
      'hono',
      'hono/*',
      'ws',
      'hnswlib-node',
      'better-sqlite3',
      'pg',
      'ioredis',
      '@huggingface/transformers',
      '@xenova/transformers',
    ],
    message: 'Infrastructure packages belong in adapters/.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'reports/**', 'server/web/vendor/**', 'sdk/dist/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['engine/**/*.ts', 'knowledge/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: infrastructureImports }] },
  },
  {
    files: ['knowledge/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...infrastructureImports,
            { group: ['**/engine/**'], message: 'knowledge/ sits below engine/.' },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
