// Test ids, readable and stable from one run of a config to the next (baselines compare by id):
//   <description>                       when exactly one test case of the eval carries it
//   test-<testIdx>                      otherwise (no description, or a shared one): its first run's testIdx
//   … [<prompt label> · <provider>]     when the eval has several prompts or providers (only the ones that vary)
//   <file>/…                            when the folder holds several evals
// Repeats of a test share its id. See docs/triage-rules.md, "promptfoo".

import type { Row } from './row.js';
import type { TestRows } from './group-rows.js';

const MAX_DESCRIPTION = 120;
const MAX_PROMPT_LABEL = 40;

export interface TestIdentity {
  id: string;
  /** The description when the id does not already show it (a shared description, behind `test-<testIdx>`). */
  name: string | null;
}

export function assignIds(tests: readonly TestRows[], prefix: string): TestIdentity[] {
  const bases = new Map<string, string | null>();
  const owners = new Map<string, Set<string>>();
  for (const test of tests) {
    const description = cleanDescription(test.rows[0]!.description);
    bases.set(test.base, description);
    if (description !== null) owners.set(description, (owners.get(description) ?? new Set()).add(test.base));
  }
  const suffixes = columnSuffixes(tests.map((t) => t.rows[0]!));
  const named = tests.map((test) => {
    const description = bases.get(test.base) ?? null;
    const first = test.rows.reduce((min, r) => Math.min(min, r.testIdx ?? Infinity), Infinity);
    const unique = description !== null && owners.get(description)!.size === 1;
    const own = unique ? description : Number.isFinite(first) ? `test-${first}` : `row-${test.rows[0]!.index + 1}`;
    return { id: `${prefix}${own}${suffixes.get(columnKey(test.rows[0]!)) ?? ''}`, name: unique ? null : description };
  });
  const ids = disambiguate(named.map((n) => n.id));
  return named.map((n, i) => ({ id: ids[i]!, name: n.name }));
}

/** One line, bounded: descriptions are free text. */
function cleanDescription(text: string | null): string | null {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > MAX_DESCRIPTION ? `${clean.slice(0, MAX_DESCRIPTION - 1)}…` : clean;
}

/**
 * ` [terse · agent-a]`: the prompt label when prompts vary, the provider (label, else id) when providers vary,
 * and the column number when neither tells two columns apart (one provider listed twice under one label).
 */
function columnSuffixes(firstRows: Row[]): Map<string, string> {
  const columns = new Map<string, Row>();
  for (const row of firstRows) if (!columns.has(columnKey(row))) columns.set(columnKey(row), row);
  if (columns.size <= 1) return new Map();
  const prompts = new Set([...columns.values()].map(promptName));
  const providers = new Set([...columns.values()].map(providerName));
  const parts = (row: Row) => [
    ...(prompts.size > 1 ? [promptName(row)] : []),
    ...(providers.size > 1 ? [providerName(row)] : []),
  ];
  const labels = new Map([...columns].map(([key, row]) => [key, parts(row).join(' · ')]));
  const counts = new Map<string, number>();
  for (const label of labels.values()) counts.set(label, (counts.get(label) ?? 0) + 1);
  return new Map(
    [...columns].map(([key, row]) => {
      const label = labels.get(key)!;
      const full =
        counts.get(label)! > 1 || label === '' ? [label, `#${row.promptIdx ?? '?'}`].filter(Boolean) : [label];
      return [key, ` [${full.join(' · ')}]`];
    }),
  );
}

function columnKey(row: Row): string {
  return [row.promptIdx, row.promptLabel, row.providerId, row.providerLabel].join('\u0000');
}

function promptName(row: Row): string {
  const label = (row.promptLabel ?? '').replace(/\s+/g, ' ').trim() || `prompt ${row.promptIdx ?? '?'}`;
  return label.length > MAX_PROMPT_LABEL ? `${label.slice(0, MAX_PROMPT_LABEL - 1)}…` : label;
}

function providerName(row: Row): string {
  return row.providerLabel ?? row.providerId ?? 'unknown provider';
}

/** A description that reads like another test's generated id (`test-3`) must not merge the two. */
function disambiguate(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id} (${n})`;
  });
}
