// The promptfoo adapter: the output of `promptfoo eval -o out.json` (or `out.jsonl`), one file or a folder of
// them, turned into the harness-neutral ParsedBatch. Its rules are in docs/triage-rules.md ("promptfoo").
// Recognising an output is always loaded; reading one (parse-outputs.ts) only when one is found.

import type { HarnessAdapter } from '../adapter.js';
import { MAX_PROBES, candidateFiles, isOutputFile } from './recognise.js';

export const promptfooAdapter: HarnessAdapter = {
  harness: 'promptfoo',
  looksFor: 'a promptfoo output file (promptfoo eval -o out.json or out.jsonl)',
  detect: async (source, entries) => {
    for (const file of candidateFiles(entries).slice(0, MAX_PROBES)) if (await isOutputFile(source, file)) return true;
    return false;
  },
  parse: async (source) => (await import('./parse-outputs.js')).parsePromptfoo(source),
};
