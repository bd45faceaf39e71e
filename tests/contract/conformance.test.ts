import { presentResults } from '../../src/runner/present';

// The run is over when jest starts (npm run contract): this presents its results.json as tests.
presentResults();
