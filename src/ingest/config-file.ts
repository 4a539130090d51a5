// The CLI's config file from the disk, as text for parse/config: the one named by --config, else the
// repository's own .github/e2e-triage.yml when the CLI runs at its root. Read synchronously, as the other
// files of ingest/ that are read once: node:fs/promises costs some 2 ms of a small batch's start to load.

import { readFileSync } from 'node:fs';
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

export function readConfigFile(named: string | null, cwd = process.cwd()): ConfigText | null {
  if (named !== null) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, named), 'utf8');
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      throw new UsageError(`--config ${named}: ${code === 'ENOENT' ? 'no such file' : message}`);
    }
    return { text, file: named, found: false };
  }
  let text: string;
  try {
    text = readFileSync(resolve(cwd, CONFIG_FILE), 'utf8');
  } catch {
    return null;
  }
  return { text, file: CONFIG_FILE, found: true };
}
