/** @jest-config-loader esbuild-register */
/**
 * Two projects: `unit` (our own tests, `npm test`) and `contract` (the conformance suite run
 * against a target, `npm run contract`). The contract project runs in band: its files share the
 * loaded contract and the request budget through its environment.
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
    },
    {
      displayName: 'contract',
      testMatch: ['<rootDir>/tests/contract/**/*.test.ts'],
      transform,
      testEnvironment: '<rootDir>/src/runner/environment.ts',
      globalSetup: '<rootDir>/src/runner/global-setup.ts',
      globalTeardown: '<rootDir>/src/runner/global-teardown.ts',
    },
  ],
};

export default config;
