// The names of a Scylla batch's files: its summary and its thread logs (`thread_logs/thread_<N>.log`). A
// module of their own, so that the CLI's analysis worker can list the logs before it loads the parser
// (cli-plan.ts earlyLogFiles).

export const SUMMARY_FILE = 'batch_summary.json';
export const THREAD_LOGS = 'thread_logs';

/** The thread number of a thread log's file name or path; null for any other file. */
export function threadFromFileName(name: string): number | null {
  const m = /(?:^|\/)thread_(\d+)\.log$/.exec(name);
  return m ? Number(m[1]) : null;
}
