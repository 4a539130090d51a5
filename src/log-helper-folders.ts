// The log helper's share of the failing folders' scan (parse/scylla/folder-scan-share.ts), loaded by the
// helper thread once its logs are done: it reads the results through a DirectorySource of its own, scoped as
// the analysis thread's, so the findings, warnings and errors are the ones that thread would have made.

import { DirectorySource } from './ingest/directory.js';
import { scopeSource } from './ingest/source.js';
import { FOLDER_CLAIMS, type HelperMessage, type HelperTask } from './log-helper-protocol.js';
import { scanFolder } from './parse/scylla/folder-scan-share.js';

export async function scanSharedFolders(
  task: Extract<HelperTask, { folders: readonly string[] }>,
  queue: Int32Array,
  send: (message: HelperMessage) => void,
): Promise<void> {
  const source = scopeSource(new DirectorySource(task.root), task.scope);
  const { folders } = task;
  for (let index = Atomics.add(queue, FOLDER_CLAIMS, 1); index < folders.length;) {
    try {
      send({ folder: index, outcome: await scanFolder(source, folders[index]!) });
    } catch {
      // Left unanswered, the folder is scanned again by the analysis thread, whose error it then is: stop here.
      return;
    }
    index = Atomics.add(queue, FOLDER_CLAIMS, 1);
  }
}
