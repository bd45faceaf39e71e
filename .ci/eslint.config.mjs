// ESLint for the project (run as `eslint -c .ci/eslint.config.mjs .` by `npm run lint`): the
// recommended rules of ESLint and typescript-eslint; formatting is prettier's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', 'coverage/', 'tests/types/spec-types.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused names are tsc's job (--noUnusedLocals); `_`-prefixed ones are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Tests and the CommonJS bin load modules with require on purpose.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
