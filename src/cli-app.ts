// The CLI itself, bundled as CommonJS (dist/cli-app.cjs) so that the launcher and its worker can run it with
// V8's code cache of an earlier run (code-cache.ts).

export { main } from './cli-main.js';

/**
 * The helper threads, for the analysis worker only (node:worker_threads is a few ms of a small batch's start):
 * the thread-log helper and the page writer.
 */
export async function loadHelpers() {
  const [{ threadLogHelper }, { pageWriterThread }] = await Promise.all([
    import('./log-helper.js'),
    import('./publish/page-writer-thread.js'),
  ]);
  return { threadLogHelper, pageWriterThread };
}
