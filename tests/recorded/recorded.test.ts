import { describeRecorded } from '../../src/runner/recorded-tests';

describeRecorded();
