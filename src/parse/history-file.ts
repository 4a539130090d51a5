// history.json, read back. It is our own file, but it lives on a branch anyone with write access can edit, and
// an older or newer e2e-triage may have written it: anything this version cannot trust is a warning naming
// history.json, and the caller rebuilds the history from the analyses themselves. Never a failure.

import * as z from 'zod/mini';

import '../zod-messages.js';

import { formatPath } from '../errors.js';
import { HISTORY_SCHEMA_VERSION, type HistoryFile, type Warning } from '../model.js';
import { parseJsonTolerant } from './json-tolerant.js';

const category = z.enum(['pass', 'model-failure', 'framework-bug', 'infrastructure', 'unknown']);
const interval = z.nullable(z.tuple([z.number(), z.number()]));

const historySchema = z.object({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  configurations: z.array(
    z.object({
      key: z.string(),
      model: z.nullable(z.string()),
      tiers: z.array(z.string()),
      tests: z.array(z.string()),
      signatures: z.array(
        z.object({
          id: z.string(),
          category,
          signature: z.string(),
          firstSeen: z.string(),
          firstSeenAt: z.nullable(z.string()),
        }),
      ),
      batches: z.array(
        z.object({
          run: z.string(),
          startedAt: z.nullable(z.string()),
          source: z.string(),
          tests: z.number(),
          passed: z.number(),
          maskedPasses: z.number(),
          correctedPassRate: z.number(),
          modelPassed: z.number(),
          modelFailed: z.number(),
          modelPassRate: z.nullable(z.number()),
          modelPassRateCi95: interval,
          frameworkBugs: z.number(),
          infrastructure: z.number(),
          unknown: z.number(),
          totalCost: z.number(),
          outcomes: z.string().check(z.regex(/^[PFX.]*$/)),
          rootCauses: z.array(z.string()),
        }),
      ),
    }),
  ),
});

export const HISTORY_FILE = 'history.json';

/** The history, or null with a warning saying why it cannot be used (then it is rebuilt). */
export function parseHistoryFile(
  text: string,
  file = HISTORY_FILE,
): { history: HistoryFile | null; warning: Warning | null } {
  const unusable = (path: string, why: string) => ({
    history: null,
    warning: { file, path, message: `${why}; rebuilt from the analyses beside it` },
  });
  let value: unknown;
  try {
    value = parseJsonTolerant(text, file).value;
  } catch (error) {
    return unusable('', error instanceof Error ? error.message.replace(`${file}: `, '') : String(error));
  }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== HISTORY_SCHEMA_VERSION)
    return unusable(
      'schemaVersion',
      `schemaVersion ${JSON.stringify(version) ?? 'missing'} is not one this version reads`,
    );
  const parsed = historySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return unusable(issue ? formatPath(issue.path) : '', issue?.message ?? 'unexpected shape');
  }
  // Every batch's letters must line up with the configuration's tests.
  for (const [c, configuration] of parsed.data.configurations.entries()) {
    for (const [b, batch] of configuration.batches.entries()) {
      if (batch.outcomes.length !== configuration.tests.length)
        return unusable(`configurations[${c}].batches[${b}].outcomes`, 'does not have one letter per test');
    }
  }
  return { history: parsed.data as HistoryFile, warning: null };
}
