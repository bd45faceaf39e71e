/**
 * The contract project's jest environment. It keeps what all test files of a run share (the loaded
 * contract and the request budget) in this module, which every file of an in-band run shares, and
 * puts it on each file's global. It also turns a test into a skipped one when its area says so
 * (budget spent, not in the profile), so that a check that did not run is never reported as passed.
 */
import NodeEnvironment from 'jest-environment-node';
import type { Circus } from '@jest/types';
import { SHARED_GLOBAL, shared } from '../suite/shared';

export const SKIPS_GLOBAL = '__anthropicContractSkips__';

export default class ContractEnvironment extends NodeEnvironment {
  override async setup(): Promise<void> {
    await super.setup();
    this.global[SHARED_GLOBAL] = shared();
    this.global[SKIPS_GLOBAL] = new Map<string, string>();
  }

  handleTestEvent(event: Circus.Event): void {
    if (event.name !== 'test_start') return;
    const skips = this.global[SKIPS_GLOBAL] as Map<string, string>;
    const key = `${event.test.parent.name} ${event.test.name}`;
    // jest-circus reads the mode after test_start: a test marked here is reported as skipped.
    if (skips.has(key)) event.test.mode = 'skip';
  }
}
