// One crash often poisons the rest of its thread (a branch left behind makes every later worktree fail).
// A root cause is a cascade of A when, on every thread and session where it occurs, the first crash
// there was A's: the failures after it are its consequence, not separate bugs.

import type { RootCause } from '../model.js';

export interface CascadeInput {
  testId: string;
  rootCause: string | null;
  thread: number | null;
  session: number | null;
  startMs: number | null;
  order: number;
}

const CAUSAL: ReadonlySet<string> = new Set(['framework-bug', 'infrastructure']);
/** One later failure with another error is no evidence of a cascade; a run of them is. */
const MIN_CASCADE_TESTS = 2;

export function findCascades(rootCauses: RootCause[], tests: CascadeInput[]): Map<string, string> {
  const causal = new Set(rootCauses.filter((rc) => CAUSAL.has(rc.category)).map((rc) => rc.id));
  const lanes = new Map<string, CascadeInput[]>();
  for (const test of tests) {
    if (test.thread === null || test.rootCause === null || !causal.has(test.rootCause)) continue;
    const key = `${test.thread}:${test.session ?? '-'}`;
    const lane = lanes.get(key);
    if (lane) lane.push(test);
    else lanes.set(key, [test]);
  }
  const firstCrash = new Map<string, string>();
  const causesSeenIn = new Map<string, Set<string>>();
  for (const [key, lane] of lanes) {
    const timed = lane.every((t) => t.startMs !== null);
    lane.sort((a, b) => (timed ? a.startMs! - b.startMs! : 0) || a.order - b.order);
    firstCrash.set(key, lane[0]!.rootCause!);
    for (const test of lane) {
      const seen = causesSeenIn.get(test.rootCause!) ?? new Set<string>();
      seen.add(key);
      causesSeenIn.set(test.rootCause!, seen);
    }
  }
  const causedBy = new Map<string, string>();
  const size = new Map(rootCauses.map((rc) => [rc.id, rc.tests.length]));
  for (const [id, laneKeys] of causesSeenIn) {
    if ((size.get(id) ?? 0) < MIN_CASCADE_TESTS) continue;
    const firsts = new Set([...laneKeys].map((key) => firstCrash.get(key)!));
    const [only] = firsts;
    if (firsts.size === 1 && only !== undefined && only !== id) causedBy.set(id, only);
  }
  return causedBy;
}
