// Uploads file_issues.sh with issues/ as an artifact: a person downloads it, reviews it, and runs it.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { DefaultArtifactClient } from '@actions/artifact';

import { withCompactDeflateOutput } from './compact-deflate.js';

export async function uploadScript(analysisDir: string, name: string): Promise<number | null> {
  const files = [
    join(analysisDir, 'file_issues.sh'),
    ...(await markdownIn(analysisDir, 'issues')),
    // The comments for known issues seen again (issues/known/<rule id>.md).
    ...(await markdownIn(analysisDir, join('issues', 'known'))),
  ];
  const { id } = await withCompactDeflateOutput(() =>
    new DefaultArtifactClient().uploadArtifact(name, files, analysisDir, { retentionDays: 30 }),
  );
  return id ?? null;
}

async function markdownIn(root: string, folder: string): Promise<string[]> {
  const names = await readdir(join(root, folder)).catch(() => []);
  return names.filter((f) => f.endsWith('.md')).map((f) => join(root, folder, f));
}
