// The CLI itself, bundled as CommonJS (dist/cli-app.cjs) so that the launcher and its worker can run it with
// V8's code cache of an earlier run (code-cache.ts).

export { main } from './cli-main.js';

/** The thread-log helper, for the analysis worker only: node:worker_threads is a few ms of a small batch's start. */
export const loadLogHelper = () => import('./log-helper.js');
