import { presentResults } from '../../src/runner/present';

// The recorded exchanges were checked when jest starts (npm run check:recorded): this presents the results.
presentResults();
