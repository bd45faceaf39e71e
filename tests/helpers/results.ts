/** A run's results from area records, as the engine builds them, for tests that serialize outcomes themselves. */
import { loadContract } from '../../src/contract/spec';
import { buildResults, type RunResults } from '../../src/report/results';
import type { AreaRecord } from '../../src/report/serialize';

export async function resultsOf(
  areas: AreaRecord[],
  info: { embedded?: boolean; runs?: number } = {},
): Promise<RunResults> {
  const run = { baseUrl: 'http://127.0.0.1:1', embedded: info.embedded ?? false, profile: 'full', seed: 42 };
  return buildResults(
    { ...run, runs: info.runs ?? 12, startedAt: new Date().toISOString(), durationMs: 1 },
    await loadContract(),
    areas,
  );
}
