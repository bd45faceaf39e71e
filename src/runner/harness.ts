/**
 * jest's own clocks must never fire before the suite's: requests end by their deadlines and the run
 * by CONTRACT_RUN_TIMEOUT_MS, and an area then reports what it could not finish as not run. jest's
 * timeout (5 s by default, which once killed whole areas against slow servers) sits a grace period
 * past the run's deadline, as a backstop for a bug of ours, never as the judge of a slow target; the
 * CLI's kill of the jest process (cli/jest.ts) sits a second grace period later.
 */
import { runTimeoutMs } from '../config';

export const HARNESS_GRACE_MS = 60_000;

/** The run's deadline (epoch ms), as the contract CLI fixed it; a direct jest run starts now. */
export const runDeadline = (env: NodeJS.ProcessEnv = process.env) => Number(env.CONTRACT_RUN_DEADLINE) || Date.now() + runTimeoutMs(env);

/** A jest hook timeout that ends a grace period after the run's deadline. */
export const harnessTimeoutMs = (env: NodeJS.ProcessEnv = process.env) => Math.max(1000, runDeadline(env) + HARNESS_GRACE_MS - Date.now());
