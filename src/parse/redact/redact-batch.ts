// Credentials never get past the parse stage: every string a ParsedBatch keeps (errors, evidence lines, names,
// ids, paths, messages) is checked once, and each credential becomes `[redacted:<kind>]` before triage computes
// a signature, so the same failure printed with two different keys stays one root cause. Only the text the
// analysis keeps is checked, never whole logs. What was found is counted per kind with the files it came from
// (never the value); the values themselves go only to `onSecrets`, for the runner's log masking.

import type { Redaction } from '../../model.js';
import type { ParsedBatch } from '../parsed-batch.js';
import { applyRedactions, findCredentials, mergeFindings, type Finding } from './detect.js';

/** Shorter strings cannot hold anything the rules find (the shortest is an 8-character `pwd=abcd`). */
const MIN_LENGTH = 8;
const NOT_TEXT = /^[\d\s:.,TZ+-]*$/;
const MAX_FILES_NAMED = 10;

export interface RedactedBatch {
  batch: ParsedBatch;
  /** The raw values found, for masking in the runner's log only: never stored in the batch. */
  secrets: string[];
}

export async function redactBatch(batch: ParsedBatch): Promise<RedactedBatch> {
  const unique = new Set<string>();
  collectTexts(batch, unique);
  const texts = [...unique];
  unique.clear();
  const found = await findCredentials(texts);
  const hits = new Map<string, Finding[]>();
  texts.forEach((text, i) => {
    if (found[i]!.length > 0) hits.set(text, mergeFindings(found[i]!));
  });
  if (hits.size === 0) return { batch: { ...batch, redacted: [] }, secrets: [] };

  // Per value: the files of the lines that quote it, else those of the test it belongs to.
  const values = new Map<string, { kind: string; precise: Set<string>; fallback: Set<string> }>();
  const replaced = new Map<string, string>();
  const redact = (text: string, where: Context): string => {
    const findings = hits.get(text);
    if (!findings) return text;
    for (const f of findings) {
      const value = text.slice(f.start, f.end);
      const entry = values.get(value) ?? { kind: f.kind, precise: new Set(), fallback: new Set() };
      for (const file of where.files) (where.precise ? entry.precise : entry.fallback).add(file);
      values.set(value, entry);
    }
    let clean = replaced.get(text);
    if (clean === undefined) replaced.set(text, (clean = applyRedactions(text, findings)));
    return clean;
  };
  const result = rewrite(batch, NO_CONTEXT, redact) as ParsedBatch;
  distinctIds(result);

  const byKind = new Map<string, { count: number; files: Set<string> }>();
  for (const { kind, precise, fallback } of values.values()) {
    const entry = byKind.get(kind) ?? { count: 0, files: new Set() };
    entry.count++;
    const files = precise.size > 0 ? precise : fallback.size > 0 ? fallback : new Set([batch.label]);
    // File names are artifact text too: they are named as redacted.
    for (const file of files) entry.files.add(replaced.get(file) ?? file);
    byKind.set(kind, entry);
  }
  const redacted: Redaction[] = [...byKind.entries()]
    .map(([kind, { count, files }]) => ({ kind, count, files: [...files].sort() }))
    .sort((a, b) => (a.kind < b.kind ? -1 : 1));
  for (const r of redacted) {
    const shown = r.files.slice(0, MAX_FILES_NAMED);
    const more = r.files.length > shown.length ? ` and ${r.files.length - shown.length} more` : '';
    result.warnings.push({
      file: r.files[0] ?? result.label,
      path: '',
      message: `${r.count} ${r.kind} credential${r.count === 1 ? '' : 's'} printed by the harness, redacted from this analysis (found in ${shown.join(', ')}${more}): rotate ${r.count === 1 ? 'it' : 'them'}`,
    });
  }
  return { batch: { ...result, redacted }, secrets: [...values.keys()] };
}

/** Where a string sits: the file of the line quoting it (precise), or the files of its test. */
interface Context {
  files: readonly string[];
  precise: boolean;
}

const NO_CONTEXT: Context = { files: [], precise: false };

/**
 * Every string that could hold a credential, once. No context here: most batches have no credential, and each
 * test's files and an array of values per object were a third of this walk's time (bench/notes.md).
 */
function collectTexts(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= MIN_LENGTH && !NOT_TEXT.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectTexts(item, into);
  } else if (value !== null && typeof value === 'object') {
    // for-in with an own check visits what Object.values gives, without an array per object.
    for (const key in value) if (Object.hasOwn(value, key)) collectTexts((value as Record<string, unknown>)[key], into);
  }
}

function rewrite(value: unknown, where: Context, redact: (text: string, where: Context) => string): unknown {
  if (typeof value === 'string') return redact(value, where);
  if (Array.isArray(value)) return value.map((item) => rewrite(item, where, redact));
  if (value !== null && typeof value === 'object') {
    const here = contextOf(value as Record<string, unknown>, where);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = rewrite(item, here, redact);
    return out;
  }
  return value;
}

/** An evidence line, attempt or warning names its file; a test, the files of its attempts and evidence. */
function contextOf(object: Record<string, unknown>, where: Context): Context {
  if (typeof object.file === 'string') return { files: [object.file], precise: true };
  if (typeof object.testId === 'string' && Array.isArray(object.attempts)) {
    const own = new Set<string>();
    for (const list of [object.attempts, object.evidence]) {
      if (!Array.isArray(list)) continue;
      for (const item of list as { file?: unknown }[]) if (typeof item?.file === 'string') own.add(item.file);
    }
    return own.size > 0 ? { files: [...own], precise: false } : where;
  }
  if (typeof object.path === 'string' && typeof object.reason === 'string')
    return { files: [object.path], precise: true };
  return where;
}

/** Two ids that differed only in a credential would now be one: keep them apart. */
function distinctIds(batch: ParsedBatch): void {
  const seen = new Map<string, number>();
  for (const test of batch.tests) {
    const n = (seen.get(test.testId) ?? 0) + 1;
    seen.set(test.testId, n);
    if (n > 1) test.testId = `${test.testId}~${n}`;
  }
}
