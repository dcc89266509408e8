// The shared webhook suites against the default build: Web Crypto only.
import * as webApi from '../../src/webhooks/index';
import { defineConstructSuite } from './construct-suite';
import { defineVerifySuite } from './verify-suite';

defineVerifySuite('web', webApi);
defineConstructSuite('web', webApi);
