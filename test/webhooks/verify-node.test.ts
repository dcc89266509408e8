// The shared webhook suites against the build Node loads under the `node` condition.
import * as nodeApi from '../../src/webhooks/node';
import { defineConstructSuite } from './construct-suite';
import { defineVerifySuite } from './verify-suite';

defineVerifySuite('node', nodeApi);
defineConstructSuite('node', nodeApi);
