// Every harness e2e-triage reads. Adding one means adding its folder under src/parse/ and one line here.

import type { HarnessAdapter } from './adapter.js';
import { inspectAdapter } from './inspect/index.js';
import { promptfooAdapter } from './promptfoo/index.js';
import { scyllaAdapter } from './scylla/index.js';

export const ADAPTERS: readonly HarnessAdapter[] = [scyllaAdapter, inspectAdapter, promptfooAdapter];
