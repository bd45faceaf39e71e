/**
 * @jest-config-loader esbuild-register
 * @jest-config-loader-options {"hookIgnoreNodeModules": false}
 */
/**
 * Three projects: `unit` (our own tests, `npm test`), `contract` (the conformance suite run
 * against a target, `npm run contract`) and `recorded` (the same checks on recorded traffic,
 * `npm run check:recorded`). The contract project runs in band: its files share the
 * loaded contract and the request budget through its environment. Run it with `npm run contract`.
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
      testEnvironment: '<rootDir>/src/runner/environment.ts',
      testEnvironmentOptions: { globalsCleanup: 'off' },
      // The target is chosen and checked by the contract CLI (src/runner/target.ts) before jest
      // starts; each area's beforeAll times out only a grace period after the run's deadline
      // (src/runner/harness.ts): jest reads no testTimeout from a project entry.
    },
    {
      displayName: 'recorded',
      testMatch: ['<rootDir>/tests/recorded/**/*.test.ts'],
      transform,
      ...installable,
      testEnvironment: '<rootDir>/src/runner/environment.ts',
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
  ],
};

export default config;
