// The team's known issues on this batch: each failure against the config's rules in order (first match
// wins), the expected failures that passed, and the expired rules. Pure: the config was read by the caller.

import type { KnownIssueHit, KnownIssueMatch, RootCause, TestResult, Warning } from '../model.js';
import { resolveIssueRef, type RepositoryPlace } from '../parse/config/issue-ref.js';
import type { KnownIssueRule, TriageConfig } from '../parse/config/types.js';
import { naturalCompare } from '../util/natural-order.js';

/** A user regex runs on untrusted text: bounded, so a long error cannot make it slow. */
const MAX_TEXT = 20_000;

export interface KnownIssueContext {
  /** YYYY-MM-DD, for `expires` (null: no rule expires). */
  today: string | null;
  repository: RepositoryPlace | null;
}

export interface KnownIssues {
  byTest: Map<string, KnownIssueMatch>;
  hits: KnownIssueHit[];
  warnings: Warning[];
}

export function matchKnownIssues(
  tests: readonly Pick<TestResult, 'testId' | 'category' | 'error' | 'rootCause'>[],
  rootCauses: readonly RootCause[],
  config: TriageConfig,
  context: KnownIssueContext,
): KnownIssues {
  const byTest = new Map<string, KnownIssueMatch>();
  const rules = config.knownIssues;
  if (rules.length === 0) return { byTest, hits: [], warnings: [] };
  const signatures = new Map(rootCauses.map((rc) => [rc.id, rc.signature]));
  const matched = new Map<KnownIssueRule, string[]>(rules.map((r) => [r, []]));
  const fixed = new Map<KnownIssueRule, string[]>(rules.map((r) => [r, []]));

  for (const test of tests) {
    if (test.category === 'pass') {
      for (const rule of rules) {
        if (rule.mode === 'expected-fail' && rule.matchesTest?.(test.testId)) fixed.get(rule)!.push(test.testId);
      }
      continue;
    }
    const texts = [test.error, test.rootCause ? signatures.get(test.rootCause) : null]
      .filter((t): t is string => typeof t === 'string' && t !== '')
      .map((t) => t.slice(0, MAX_TEXT));
    const rule = rules.find((r) => applies(r, test, texts));
    if (!rule) continue;
    matched.get(rule)!.push(test.testId);
    byTest.set(test.testId, { id: rule.id, mode: rule.mode, issue: rule.issue?.text ?? null });
  }

  const warnings: Warning[] = [];
  const hits: KnownIssueHit[] = [];
  for (const rule of rules) {
    const expired = rule.expires !== null && context.today !== null && rule.expires < context.today;
    if (expired) {
      warnings.push({
        file: rule.origin.file,
        path: `${rule.origin.path}.expires`,
        message: `${rule.id} expired on ${rule.expires}${rule.origin.line ? ` (line ${rule.origin.line})` : ''}: it still matches; fix the issue and remove the rule, or move the date`,
        kind: 'config',
      });
    }
    const testsHit = matched.get(rule)!.sort(naturalCompare);
    const appearsFixed = fixed.get(rule)!.sort(naturalCompare);
    if (testsHit.length === 0 && appearsFixed.length === 0) continue;
    const issue = rule.issue ? resolveIssueRef(rule.issue, context.repository) : null;
    hits.push({
      id: rule.id,
      mode: rule.mode,
      issue: issue?.text ?? null,
      issueUrl: issue?.url ?? null,
      fix: rule.fix,
      expires: rule.expires,
      expired,
      tests: testsHit,
      appearsFixed,
    });
  }
  return { byTest, hits, warnings };
}

function applies(
  rule: KnownIssueRule,
  test: Pick<TestResult, 'testId' | 'category'>,
  texts: readonly string[],
): boolean {
  if (rule.categories && !rule.categories.includes(test.category)) return false;
  if (rule.matchesTest && !rule.matchesTest(test.testId)) return false;
  if (rule.match) {
    const pattern = rule.match;
    return texts.some((text) => pattern.test(text));
  }
  return true;
}
