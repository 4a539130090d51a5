// Finds credentials in many short texts with secretlint's recommended preset (a rule set kept up by people who
// do only this) plus our rule for what it lacks. Texts are linted joined into chunks: one call per text costs
// some 20 times more, while secretlint's duplicate filter is quadratic in the findings of one call, so the
// chunk shrinks when it was dense and grows back when it was sparse.

import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig, SecretLintCoreResultMessage } from '@secretlint/types';

import { emptyArray } from '../../util/exact-array.js';
import { EXTRA_RULE_ID, extraRule, type ExtraMessageId } from './extra-rule.js';

// On by default, the profiler marks every lint in the global performance buffer, which then grows unbounded.
secretLintProfiler.setEnabled(false);

const CONFIG: SecretLintCoreConfig = {
  rules: [
    // One by one at the top level: a disabled rule nested in a preset still runs, and the preset's comment
    // filter would let text saying "secretlint-disable" switch detection off for the rest of a chunk.
    ...recommendedRules
      .filter((rule) => rule.meta.id !== '@secretlint/secretlint-rule-filter-comments')
      .map((rule) => ({
        id: rule.meta.id,
        rule,
        // AKIA... access key ids are reported only with this option.
        ...(rule.meta.id === '@secretlint/secretlint-rule-aws' ? { options: { enableIDScanRule: true } } : {}),
      })),
    { id: EXTRA_RULE_ID, rule: extraRule },
  ],
};

export interface Finding {
  start: number;
  end: number;
  /** What it is, for the placeholder `[redacted:<kind>]` and the count. */
  kind: string;
}

const KIND_BY_MESSAGE: Record<string, string> = {
  AWSAccessKeyID: 'aws-access-key-id',
  AWSSecretAccessKey: 'aws-secret-access-key',
  AWSAccountID: 'aws-account-id',
};
const KIND_BY_RULE: Record<string, string> = {
  anthropic: 'anthropic-api-key',
  openai: 'openai-api-key',
  github: 'github-token',
  slack: 'slack-token',
  huggingface: 'huggingface-token',
  basicauth: 'password-in-url',
  'database-connection-string': 'password-in-url',
  privatekey: 'private-key',
  npm: 'npm-token',
  gcp: 'gcp-credential',
};
const KIND_BY_EXTRA: Record<ExtraMessageId, string> = {
  URL_PASSWORD: 'credential-in-url',
  URL_QUERY_SECRET: 'credential-in-url',
  AUTH_HEADER: 'authorization-header',
  BEARER: 'authorization-header',
  API_KEY_HEADER: 'api-key-header',
  ASSIGNMENT: 'secret-assignment',
  PRIVATE_KEY: 'private-key',
  SK_KEY: 'openai-api-key',
  JWT: 'jwt',
};

function kindOf(m: SecretLintCoreResultMessage, text: string): string {
  if (m.ruleId === EXTRA_RULE_ID) {
    if (m.messageId === 'SK_KEY' && text.startsWith('sk-ant-', m.range[0])) return 'anthropic-api-key';
    return KIND_BY_EXTRA[m.messageId as ExtraMessageId] ?? 'secret';
  }
  const rule = m.ruleId.replace('@secretlint/secretlint-rule-', '');
  return KIND_BY_MESSAGE[m.messageId] ?? KIND_BY_RULE[rule] ?? rule.replace(/[^a-z0-9-]/g, '');
}

/**
 * The span to replace. Some preset rules report a range that starts where the match starts but has the secret's
 * length (AWS secret keys), so the span is widened to the reported value; user:password URLs are narrowed to
 * the password, so scheme, user and host stay readable.
 */
function spanOf(m: SecretLintCoreResultMessage, text: string): [number, number] {
  let [start, end] = m.range;
  if (m.ruleId.endsWith('-basicauth') || m.ruleId.endsWith('-database-connection-string')) {
    const password = /^[a-zA-Z][a-zA-Z0-9+.:-]*:\/\/[^:/@\s]*:([^@\s]+)@/.exec(text.slice(start, end));
    if (password?.[1] !== undefined) {
      const at = start + password[0].length - 1 - password[1].length;
      return [at, at + password[1].length];
    }
  }
  for (const value of Object.values(m.data ?? {})) {
    if (typeof value !== 'string' || value.length < 8) continue;
    const at = text.indexOf(value, start);
    if (at >= 0 && at <= end) {
      start = Math.min(start, at);
      end = Math.max(end, at + value.length);
    }
  }
  return [start, end];
}

const SEP = '\n\u0000\n';
const MIN_CHUNK = 8 * 1024;
const MAX_CHUNK = 512 * 1024;
const FIRST_CHUNK = 64 * 1024;

/** The credentials in each text, as character ranges of that text. */
export async function findCredentials(texts: readonly string[]): Promise<Finding[][]> {
  // Almost every text has no finding: those share one empty list, not an array each (32 bytes per distinct text).
  const none = emptyArray<Finding>();
  const out: Finding[][] = new Array<Finding[]>(texts.length).fill(none);
  let chunkChars = FIRST_CHUNK;
  let i = 0;
  while (i < texts.length) {
    const first = i;
    // "\n" first: secretlint drops a leading byte-order mark, which would shift every range by one.
    const starts: number[] = [];
    let size = 1;
    do {
      starts.push(size);
      size += texts[i]!.length + SEP.length;
      i++;
    } while (i < texts.length && size < chunkChars);
    const chunk = `\n${texts.slice(first, i).join(SEP)}`;
    const { messages } = await lintSource({
      source: { content: chunk, filePath: 'texts.txt', ext: '.txt', contentType: 'text' },
      options: { config: CONFIG, noPhysicFilePath: true },
    });
    const density = messages.length / (chunk.length / 1024);
    if (density > 1) chunkChars = Math.max(MIN_CHUNK, chunkChars >> 2);
    else if (density < 0.25) chunkChars = Math.min(MAX_CHUNK, chunkChars * 2);
    for (const m of messages) {
      const [start, end] = spanOf(m, chunk);
      const kind = kindOf(m, chunk);
      // The text holding the start, then every later one the span reaches (clipped to each).
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= start) lo = mid;
        else hi = mid - 1;
      }
      for (let k = lo; k < starts.length && starts[k]! < end; k++) {
        const from = starts[k]!;
        const to = from + texts[first + k]!.length;
        if (end <= from || start >= to) continue;
        if (out[first + k] === none) out[first + k] = [];
        out[first + k]!.push({ start: Math.max(start, from) - from, end: Math.min(end, to) - from, kind });
      }
    }
  }
  return out;
}

/** Kinds that say where a value sat rather than what it is: a provider's own kind wins over these. */
const GENERIC_KINDS: ReadonlySet<string> = new Set([
  'credential-in-url',
  'password-in-url',
  'authorization-header',
  'api-key-header',
  'secret-assignment',
  'jwt',
]);

/** Overlapping findings as one span each, named by the most specific kind among them. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Finding[] = [];
  for (const f of sorted) {
    const last = merged.at(-1);
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      if (GENERIC_KINDS.has(last.kind) && !GENERIC_KINDS.has(f.kind)) last.kind = f.kind;
    } else merged.push({ ...f });
  }
  return merged;
}

/** The text with every finding replaced by `[redacted:<kind>]`. */
export function applyRedactions(text: string, findings: readonly Finding[]): string {
  let out = '';
  let at = 0;
  for (const f of mergeFindings(findings)) {
    out += `${text.slice(at, f.start)}[redacted:${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}
