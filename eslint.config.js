// The lint gate (npm run lint, run by .ci/run): ESLint's and typescript-eslint's recommended rules (syntactic only, no
// type information, so it stays fast) and a ban on import cycles. Formatting is Prettier's job (npm run format:check).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'neo4j/', '.data/', 'bench/results/', 'test-artifacts/', 'coverage/', 'releases/', 'scratch/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads only the extensions listed here; without .ts it would follow no import and see no cycle.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Imports are written ./x.js and resolve to ./x.ts, as the TypeScript compiler resolves them (NodeNext).
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'web/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      // Runtime cycles; the rule skips `import type` edges by design, so `npm run lint` also runs madge, which counts them.
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // `const { dropped: _x, ...rest } = obj` is how the code leaves a property out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read GraphQL and JSON answers by path (test/client.ts: data<T = any>); their assertions check the shapes.
    files: ['test/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // graphql-codegen's output (npm run codegen): its resolver helper types use any; CI checks it is regenerated, not edited.
    files: ['src/graphql/generated.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // bin/ipkg.js is the one plain-JavaScript file: it runs on Node.
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
