/**
 * @jest-config-loader esbuild-register
 * @jest-config-loader-options {"hookIgnoreNodeModules": false}
 */
/**
 * Three projects: `unit` (our own tests, `npm test`), `contract` and `recorded`. The last two
 * present a run's results.json as one test per area and check: `npm run contract` (or `npm run
 * check:recorded`) runs the suite first, writes the results, then starts jest on them
 * (src/runner/present.ts).
 */
import type { Config } from 'jest';

const transform: Config['transform'] = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// Installed, this package sits in a node_modules folder, which jest leaves out by default: look for
// files only in src/ and tests/, and skip only the node_modules below this package.
const installable = {
  roots: ['<rootDir>/src', '<rootDir>/tests'],
  haste: { retainAllFiles: true },
  testPathIgnorePatterns: ['<rootDir>/node_modules/'],
  transformIgnorePatterns: ['<rootDir>/node_modules/'],
};

const config: Config = {
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      transform,
      ...installable,
      testEnvironment: 'node',
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
    {
      displayName: 'contract',
      testMatch: ['<rootDir>/tests/contract/**/*.test.ts'],
      transform,
      ...installable,
      testEnvironment: 'node',
    },
    {
      displayName: 'recorded',
      testMatch: ['<rootDir>/tests/recorded/**/*.test.ts'],
      transform,
      ...installable,
      testEnvironment: 'node',
    },
  ],
};

export default config;
