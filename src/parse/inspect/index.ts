// The Inspect AI adapter (UK AISI inspect_ai): `.eval` and `.json` logs, one per task run, turned into the
// harness-neutral ParsedBatch. Its rules are in docs/triage-rules.md ("Inspect AI"). Recognising them is cheap
// and always loaded; reading them (parse-logs.ts, with the .eval archive reader) only when they are found.

import type { HarnessAdapter } from '../adapter.js';
import { detectInspect } from './find-logs.js';

export const inspectAdapter: HarnessAdapter = {
  harness: 'inspect',
  looksFor: 'Inspect AI logs (*.eval, or .json logs with an Inspect header)',
  detect: (source, entries) => detectInspect(source, entries),
  parse: async (source) => (await import('./parse-logs.js')).parseInspect(source),
};
