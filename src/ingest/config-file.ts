// The CLI's config file from the disk, as text for parse/config: the one named by --config, else the
// repository's own .github/e2e-triage.yml when the CLI runs at its root.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { UsageError } from '../errors.js';
import { CONFIG_FILE } from '../parse/config/file-name.js';

export interface ConfigText {
  text: string;
  /** As the user named it: error messages point there. */
  file: string;
  /** True when it was found in the current folder rather than named. */
  found: boolean;
}

export async function readConfigFile(named: string | null, cwd = process.cwd()): Promise<ConfigText | null> {
  if (named !== null) {
    const text = await readFile(resolve(cwd, named), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`--config ${named}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    return { text, file: named, found: false };
  }
  const text = await readFile(resolve(cwd, CONFIG_FILE), 'utf8').catch(() => null);
  return text === null ? null : { text, file: CONFIG_FILE, found: true };
}
