/**
 * `npm run contract`: the suite against ANTHROPIC_BASE_URL (or the embedded reference mock), through
 * the jest integration exactly as a user's own test file would call it.
 */
import path from 'node:path';
import { describeConformance } from '../../src/jest';
import { optionsFromEnv } from '../../src/config';

describeConformance({ reportsDir: path.resolve(__dirname, '../../reports'), ...optionsFromEnv(process.env) });
