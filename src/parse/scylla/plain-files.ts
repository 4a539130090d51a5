// The files a batch has by the thousand (report.json, checkpoint.json, a summary's rows), checked by hand for
// the common case: written as their schemas describe. Each check accepts less than its zod schema does, never
// more, and an accepted value is read as it is: the parse zod would run copies every object of it, which cost
// the analysing thread some 0.25 s of a 10,000-test batch's 20,000 files (bench/notes.md). Anything the check
// does not accept goes through zod as before, for its messages (validateFields): the result is the same.

import type { RawCheckpoint, RawReport, RawRow } from './schemas.js';

type Fields = Record<string, unknown>;

/** What zod's objects accept: `typeof` object, not null, not an array. */
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || v === null || typeof v === 'string';
/** anyNumber: any JS number, Infinity and NaN included. */
const optNumber = (v: unknown) => v === undefined || v === null || typeof v === 'number';
const optInt = (v: unknown) => v === undefined || v === null || Number.isSafeInteger(v);

export function isPlainReport(raw: unknown): raw is RawReport {
  if (!isObject(raw) || !optString(raw.experiment_id)) return false;
  const s = raw.summary;
  if (
    !isObject(s) ||
    !optString(s.best_tier) ||
    !optString(s.best_subtest) ||
    !optNumber(s.frontier_cop) ||
    !optNumber(s.total_cost) ||
    !optNumber(s.total_duration) ||
    !optString(s.started_at) ||
    !optString(s.completed_at)
  ) {
    return false;
  }
  const children = raw.children;
  if (children === undefined || children === null) return true;
  if (!Array.isArray(children)) return false;
  for (const c of children as unknown[]) {
    if (!isObject(c) || typeof c.tier !== 'string' || !optString(c.best_subtest)) return false;
    if (!optNumber(c.best_score) || !optNumber(c.cost)) return false;
  }
  return true;
}

export function isPlainCheckpoint(raw: unknown): raw is RawCheckpoint {
  if (!isObject(raw)) return false;
  const v = raw.version;
  if (!(v === undefined || v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
    return false;
  }
  return (
    optString(raw.experiment_id) &&
    optString(raw.status) &&
    optString(raw.experiment_state) &&
    optString(raw.rate_limit_until) &&
    optInt(raw.pause_count) &&
    isRunRecord(raw.completed_runs) &&
    isRunRecord(raw.run_states)
  );
}

export function isPlainRow(raw: unknown): raw is RawRow {
  return (
    isObject(raw) &&
    typeof raw.test_id === 'string' &&
    raw.test_id.length > 0 &&
    optString(raw.test_name) &&
    optInt(raw.thread_id) &&
    optString(raw.status) &&
    optInt(raw.exit_code) &&
    optString(raw.result_dir) &&
    optString(raw.error) &&
    optString(raw.best_tier) &&
    optNumber(raw.best_score) &&
    optNumber(raw.frontier_cop) &&
    optNumber(raw.total_cost) &&
    optNumber(raw.total_duration) &&
    optString(raw.started_at)
  );
}

/** Three levels of records (subtest, run, state), as zod reads them: plain objects, no `__proto__` key (it drops those). */
function isRunRecord(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  return isRecordOf(v, (subtest) => isRecordOf(subtest, (runs) => isRecordOf(runs, () => true)));
}

function isRecordOf(v: unknown, each: (value: unknown) => boolean): boolean {
  if (!isObject(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const key in v) {
    if (key === '__proto__' || !each(v[key])) return false;
  }
  return true;
}
