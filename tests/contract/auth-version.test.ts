import { describeArea } from '../../src/runner/area-tests';

describeArea('auth-version');
