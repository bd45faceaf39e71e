/** @jest-config-loader esbuild-register */
/**
 * Three projects: `unit` (our own tests, `npm test`), `contract` (the conformance suite run
 * against a target, `npm run contract`) and `recorded` (the same checks on recorded traffic,
 * `npm run check:recorded`). The contract project runs in band: its files share the
 * loaded contract and the request budget through its environment. Run it with `npm run contract`.
 */
import type { Config } from 'jest';

const transform: Config['transform'] = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

const config: Config = {
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
    {
      displayName: 'contract',
      testMatch: ['<rootDir>/tests/contract/**/*.test.ts'],
      transform,
      testEnvironment: '<rootDir>/src/runner/environment.ts',
      testEnvironmentOptions: { globalsCleanup: 'off' },
      // The target is chosen and checked by the contract CLI (src/runner/target.ts) before jest
      // starts; each area's beforeAll carries its own timeout behind the run's deadline
      // (src/runner/harness.ts): jest reads no testTimeout from a project entry.
    },
    {
      displayName: 'recorded',
      testMatch: ['<rootDir>/tests/recorded/**/*.test.ts'],
      transform,
      testEnvironment: '<rootDir>/src/runner/environment.ts',
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
  ],
};

export default config;
