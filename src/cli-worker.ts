// The analysis worker of large results (cli.ts): runs the CLI (cli-app.cjs) in a thread with a tuned heap and
// sends the exit code back as a message.

import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

import { earlyLogFiles } from './cli-plan.js';
import { loadBundle } from './code-cache.js';
import { collectionsAbove } from './full-collections.js';
import { earlyLogHelper } from './log-helper.js';

const { argv, stderrIsTTY, cacheDir } = workerData as {
  argv: string[];
  stderrIsTTY: boolean;
  /** The launcher's codeCacheDir(): Node's compile cache folder is not known in a worker. */
  cacheDir: string | undefined;
};
// The second core starts on the thread logs now, while this thread loads the CLI and reads the batch summary.
const logFiles = earlyLogFiles(argv);
const early = logFiles && earlyLogHelper(logFiles);
// Its own cache: the worker's V8 flags are not the launcher's, and V8 refuses a cache made under other flags.
const app = loadBundle<typeof import('./cli-app.js')>(
  fileURLToPath(new URL('./cli-app.cjs', import.meta.url)),
  'cli-worker',
  cacheDir,
);
// A batch large enough for a thread of its own gets a second one for its thread logs, then one for its pages.
const { threadLogHelper, pageWriterThread } = await app.exports.loadHelpers();
// V8's full collection, exposed by the launcher's flags (cli.ts), where the heap is large enough for it.
const collectGarbage = collectionsAbove((globalThis as { gc?: () => void }).gc);
const code = await app.exports.main(argv, stderrIsTTY, {
  helpers: { threadLogs: threadLogHelper(undefined, early) },
  pageWriter: () => pageWriterThread(),
  collectGarbage,
});
// Not taken (another harness, or the analysis stopped before its logs): it stops after the file it is on.
early?.cancel();
if (code === 0) app.saveCodeCache();
parentPort?.postMessage(code);
