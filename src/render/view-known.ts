// Known issues and the re-run plan, ready to print: what this batch met of the team's known issues, and what
// to do next. Test ids come from the artifact (escaped); rule ids, issue references and fixes from the
// repository's config (checked when read, kept as markdown).

import type { KnownIssueHit, KnownIssueMatch, RerunPlan, TriageResult } from '../model.js';
import { SAFE_WORD } from '../util/shell-quote.js';
import { code, configMarkdown, fence, mdCell, mdText } from './escape.js';
import { usd } from './format.js';

/** Past this many ids a command names rerun.txt instead of listing them. */
const INLINE_IDS = 30;
const LISTED = 20;

const MODE_LABEL: Record<KnownIssueMatch['mode'], string> = {
  known: 'known issue',
  quarantine: 'quarantined',
  'expected-fail': 'expected failure',
};

export interface KnownIssueRow {
  id: string;
  mode: string;
  issue: string;
  fix: string;
  count: number;
  tests: string;
  expired: string;
}

export interface KnownView {
  hasKnown: boolean;
  knownIssues: KnownIssueRow[];
  appearsFixed: { id: string; issue: string; tests: string }[];
  hasAppearsFixed: boolean;
  nextSteps: NextStep[];
}

export interface NextStep {
  text: string;
  /** A command to copy, fenced (empty: none). */
  command: string;
}

export function knownView(result: TriageResult): KnownView {
  const hits = result.knownIssues;
  return {
    hasKnown: result.summary.knownIssues > 0,
    knownIssues: hits
      .filter((h) => h.tests.length > 0)
      .map((h) => ({
        id: mdCell(h.id, 64),
        mode: MODE_LABEL[h.mode],
        issue: issueLink(h) || '—',
        fix: h.fix ? configMarkdown(h.fix).replace(/\|/g, '\\|') : '—',
        count: h.tests.length,
        tests: idList(h.tests),
        expired: h.expired ? ` (expired ${h.expires})` : '',
      })),
    appearsFixed: hits
      .filter((h) => h.appearsFixed.length > 0)
      .map((h) => ({ id: mdText(h.id, 64), issue: issueLink(h), tests: idList(h.appearsFixed) })),
    hasAppearsFixed: result.summary.appearsFixed > 0,
    nextSteps: nextSteps(result),
  };
}

/** The known-issue cell of a test's row: the rule id, and its mode when it is not a plain known issue. */
export function knownCell(match: KnownIssueMatch | null): string {
  if (!match) return '';
  return match.mode === 'known' ? mdCell(match.id, 64) : `${mdCell(match.id, 64)} (${MODE_LABEL[match.mode]})`;
}

/** A failure page's sentence on its known issue: the rule, its issue and its fix. */
export function knownSentence(result: TriageResult, match: KnownIssueMatch | null): string {
  if (!match) return '';
  const hit = result.knownIssues.find((h) => h.id === match.id);
  const issue = hit ? issueLink(hit) : '';
  const parts = [`**${mdText(match.id, 64)}** (${MODE_LABEL[match.mode]}${issue ? `, tracked in ${issue}` : ''})`];
  if (match.mode === 'quarantine') parts.push('left out of the new failures and of the re-run');
  if (match.mode === 'expected-fail') parts.push('expected to fail until the issue is fixed');
  parts.push('no new issue is filed for it');
  const fix = hit?.fix ? ` Fix: ${configMarkdown(hit.fix)}` : '';
  return `${parts.join('; ')}.${fix}`;
}

export function issueLink(hit: Pick<KnownIssueHit, 'issue' | 'issueUrl'>): string {
  if (!hit.issue) return '';
  // Checked when the config was read: `#123` or `owner/repo#123` in [A-Za-z0-9_.-], nothing to escape.
  const text = hit.issue;
  return hit.issueUrl ? `[${text}](${hit.issueUrl})` : text;
}

function nextSteps(result: TriageResult): NextStep[] {
  const plan = result.rerun;
  const steps: NextStep[] = [];
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  if (plan.tests.length > 0) {
    steps.push({
      text: `**Re-run ${n(plan.tests.length, 'test')}** whose result says nothing about the model (framework bugs, infrastructure, unknown; ids in \`rerun.txt\`)${plan.command ? ':' : '.'}`,
      command: plan.command ? fence(shownCommand(plan.command, plan.tests, plan), 4000, 'sh') : '',
    });
  }
  if (plan.rejudge.length > 0) {
    const saves = plan.costAtStake > 0 ? `, which keeps ${usd(plan.costAtStake)} of agent work` : '';
    steps.push({
      text: plan.rejudgeCommand
        ? `**Re-judge ${n(plan.rejudge.length, 'test')}** instead of re-running ${plan.rejudge.length === 1 ? 'it' : 'them'}: the agent finished and only the judges failed${saves} (${idList(plan.rejudge)}):`
        : `**${n(plan.rejudge.length, 'test')}** only had ${plan.rejudge.length === 1 ? 'its' : 'their'} judges fail (${idList(plan.rejudge)}); this runner cannot re-judge alone, so the re-run above spends the agent cost again${plan.costAtStake > 0 ? ` (${usd(plan.costAtStake)})` : ''}.`,
      command: plan.rejudgeCommand ? fence(plan.rejudgeCommand, 4000, 'sh') : '',
    });
  }
  const known = result.knownIssues.filter((h) => h.tests.length > 0);
  if (known.length > 0) {
    const quarantined = result.summary.quarantined;
    const list = known.map((h) => `${mdText(h.id, 64)}${issueLink(h) ? ` (${issueLink(h)})` : ''}: ${h.tests.length}`);
    steps.push({
      text: `**${n(result.summary.knownIssues, 'failure is a known issue', 'failures are known issues')}**${quarantined > 0 ? `, ${quarantined} of them in quarantine` : ''}: ${list.join(', ')}. No new issue is filed for them.`,
      command: '',
    });
  }
  const fixed = result.knownIssues.filter((h) => h.appearsFixed.length > 0);
  if (fixed.length > 0) {
    const list = fixed.map(
      (h) => `${mdText(h.id, 64)}${issueLink(h) ? ` (${issueLink(h)})` : ''}: ${idList(h.appearsFixed)}`,
    );
    steps.push({
      text: `**${n(result.summary.appearsFixed, 'expected failure appears', 'expected failures appear')} fixed**: ${list.join('; ')}. Close the issue and remove the rule when it holds.`,
      command: '',
    });
  }
  if (steps.length === 0 && result.summary.total > 0) {
    steps.push({
      text:
        result.summary.modelFailures > 0
          ? 'Nothing to re-run: every failure is the model’s own.'
          : 'Nothing to re-run.',
      command: '',
    });
  }
  return steps;
}

/**
 * The command as shown on a page: with many ids (all plain words), `$(cat rerun.txt)` instead of the list, so
 * the page stays short; triage.json keeps the full command.
 */
function shownCommand(command: string, ids: readonly string[], plan: RerunPlan): string {
  if (ids.length <= INLINE_IDS || !ids.every((id) => SAFE_WORD.test(id))) return command;
  const inline = ids.join(' ');
  return command.includes(inline) && plan.command === command ? command.replace(inline, '$(cat rerun.txt)') : command;
}

function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED).map((id) => code(id, 80));
  const more = ids.length > shown.length ? ` and ${ids.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}`;
}
