// Which logs are runs of one task, and the test ids their samples get. Logs sharing a task_id are runs of one
// task (eval-retry and eval-set keep it); so are logs of the same task, model and task arguments (a plain
// re-run gets a new task_id). Within a group the logs are ordered oldest first: by eval.created, then by file
// name; the newest log's model and arguments name the group.

import { naturalCompare } from '../../util/natural-order.js';
import type { InspectLog } from './log-record.js';

export interface TaskGroup {
  task: string;
  model: string | null;
  taskArgs: string;
  /** Oldest first: the last log that has (or expected) a sample decides it. */
  logs: InspectLog[];
  /** The prefix of every test id of the group: `<task>`, qualified when tasks would collide. */
  idPrefix: string;
  /** `@<model>` when the batch holds several models, else ''. */
  idSuffix: string;
  /** More than one epoch: ids end in `#<epoch>`. */
  epochs: boolean;
}

export function groupLogs(logs: readonly InspectLog[]): TaskGroup[] {
  // Union-find over both keys: a task_id links logs whose arguments read differently (a newer Inspect lists
  // more defaults), and task + model + arguments link a re-run that got a new task_id.
  const parent = logs.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const firstWith = new Map<string, number>();
  logs.forEach((log, i) => {
    const keys = [JSON.stringify(['args', log.task, log.model, log.taskArgs])];
    if (log.taskId) keys.push(JSON.stringify(['id', log.taskId]));
    for (const key of keys) {
      const other = firstWith.get(key);
      if (other === undefined) firstWith.set(key, i);
      else parent[root(i)] = root(other);
    }
  });
  const byRoot = new Map<number, InspectLog[]>();
  logs.forEach((log, i) => {
    const members = byRoot.get(root(i));
    if (members) members.push(log);
    else byRoot.set(root(i), [log]);
  });
  const groups: TaskGroup[] = [...byRoot.values()].map((members) => {
    const sorted = [...members].sort(byAge);
    const newest = sorted.at(-1)!;
    return {
      task: newest.task,
      model: newest.model,
      taskArgs: newest.taskArgs,
      logs: sorted,
      idPrefix: newest.task,
      idSuffix: '',
      epochs: sorted.some((l) => (l.epochs ?? 1) > 1 || l.samples.some((s) => s.epoch > 1)),
    };
  });
  const models = new Set(groups.map((g) => g.model));
  for (const group of groups) {
    if (models.size > 1) group.idSuffix = `@${group.model ?? 'unknown-model'}`;
    // One task run with different arguments: the arguments tell the tests apart.
    const twins = groups.filter((g) => g.task === group.task && g.model === group.model);
    if (twins.length > 1) group.idPrefix = `${group.task}(${group.taskArgs})`;
  }
  return groups.sort((a, b) => naturalCompare(a.idPrefix, b.idPrefix) || naturalCompare(a.idSuffix, b.idSuffix));
}

/** `<task>/<sample id>`, `#<epoch>` when the task ran several epochs, `@<model>` when the batch mixes models. */
export function testIdOf(group: TaskGroup, id: string | number, epoch: number): string {
  return `${group.idPrefix}/${id}${group.epochs ? `#${epoch}` : ''}${group.idSuffix}`;
}

/** The one test of a group whose logs hold no sample and list none. */
export function taskTestId(group: TaskGroup): string {
  return `${group.idPrefix}${group.idSuffix}`;
}

function byAge(a: InspectLog, b: InspectLog): number {
  const ta = a.created ? Date.parse(a.created) : NaN;
  const tb = b.created ? Date.parse(b.created) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  if (Number.isNaN(ta) !== Number.isNaN(tb)) return Number.isNaN(ta) ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
