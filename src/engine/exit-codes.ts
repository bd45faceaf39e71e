/**
 * The exit codes of a run, so that a CI gate can tell "broken" from "down": non-conformance wins
 * over everything (it is certain whatever else happened), then a failure of the suite itself, then
 * a run cut by its time limit, then a target that stayed unavailable.
 */
import type { RunResults } from '../report/results';

export const EXIT = {
  /** Every check that ran passed. */
  conforms: 0,
  /** The target departs from the contract (or, with failOn `new`, departs in a new way). */
  nonconformant: 1,
  /** A configuration or usage error: nothing was judged. */
  usage: 2,
  /** The target could not be reached, or stayed overloaded (429 / 529) through every retry. */
  unavailable: 3,
  /** The run reached its time limit: some areas were not run. */
  incomplete: 4,
  /** The suite itself failed (a bug of ours, named in the report): nothing certain about the target. */
  harness: 5,
} as const;

export function exitCodeOf(t: RunResults['totals'], failures = t.failed): number {
  if (failures > 0) return EXIT.nonconformant;
  if (t.harnessErrors > 0) return EXIT.harness;
  if (t.notRun > 0) return EXIT.incomplete;
  if (t.unavailable > 0) return EXIT.unavailable;
  return EXIT.conforms;
}
