/**
 * jest's own clocks must never fire before the suite's: requests end by their deadlines and the run
 * by CONTRACT_RUN_TIMEOUT_MS, and an area then reports what it could not finish as not run. jest's
 * timeout (5 s by default, which once killed whole areas against slow servers) sits past the run's
 * end, as a backstop for a bug of ours, never as the judge of a slow target.
 */
export const HARNESS_GRACE_MS = 60_000;

export const harnessTimeoutMs = (runTimeoutMs: number) => runTimeoutMs + HARNESS_GRACE_MS;
