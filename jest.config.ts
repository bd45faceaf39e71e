/**
 * @jest-config-loader esbuild-register
 */
/**
 * Three projects: `unit` (our own tests, `npm test`: fast, in process), `e2e` (`npm run test:e2e`:
 * the packed tarball installed and run, Prism, paced and hostile servers through the real command)
 * and `contract` (`npm run contract`: the suite itself through the jest integration, as a user's
 * test file calls it).
 */
import type { Config } from 'jest';

const transform: Config['transform'] = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const project = (displayName: string, dir: string): NonNullable<Config['projects']>[number] => ({
  displayName,
  testMatch: [`<rootDir>/tests/${dir}/**/*.test.ts`],
  transform,
  roots: ['<rootDir>/src', '<rootDir>/tests'],
  testEnvironment: 'node',
  // Not the OS temporary folder: CI checks that the tests leave nothing there (a project option).
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
});

const config: Config = {
  // Most tests wait on sockets and timers, not the CPU: three workers fill two cores.
  maxWorkers: 3,
  projects: [project('unit', 'unit'), project('e2e', 'e2e'), project('contract', 'contract')],
};

export default config;
