// Root causes: failures grouped by normalised error signature (within one category), biggest first.

import type { Category, RootCause } from '../model.js';
import { naturalCompare } from '../util/natural-order.js';
import { normalizeSignature, signatureKey } from './signature.js';

export interface ClusterInput {
  testId: string;
  category: Category;
  error: string | null;
  /** Given by the adapter for failure families it knows; otherwise normalised from the error. */
  signature: string | null;
  thread: number | null;
  order: number;
}

const CLUSTERED: ReadonlySet<Category> = new Set(['framework-bug', 'infrastructure', 'unknown']);

export function clusterRootCauses(inputs: ClusterInput[]): { rootCauses: RootCause[]; byTest: Map<string, string> } {
  const groups = new Map<string, { signature: string; example: string; category: Category; members: ClusterInput[] }>();
  for (const input of inputs) {
    if (!CLUSTERED.has(input.category) || input.error === null) continue;
    const signature = input.signature ?? (normalizeSignature(input.error) || '(empty error text)');
    const key = `${input.category}\u0000${signatureKey(signature)}`;
    const group = groups.get(key);
    if (group) group.members.push(input);
    else groups.set(key, { signature, example: firstLines(input.error), category: input.category, members: [input] });
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      b.members.length - a.members.length ||
      Math.min(...a.members.map((m) => m.order)) - Math.min(...b.members.map((m) => m.order)) ||
      (a.signature < b.signature ? -1 : 1),
  );
  const byTest = new Map<string, string>();
  const rootCauses = ordered.map((group, index): RootCause => {
    const id = `rc-${index + 1}`;
    for (const member of group.members) byTest.set(member.testId, id);
    const threads = [...new Set(group.members.map((m) => m.thread).filter((t): t is number => t !== null))];
    return {
      id,
      category: group.category,
      signature: group.signature,
      example: group.example,
      tests: group.members.map((m) => m.testId).sort(naturalCompare),
      causedBy: null,
      threads: threads.sort((a, b) => a - b),
    };
  });
  return { rootCauses, byTest };
}

function firstLines(text: string): string {
  const lines = text.split(/\r?\n/).slice(0, 5).join('\n');
  return lines.length > 2000 ? `${lines.slice(0, 2000)}…` : lines;
}
