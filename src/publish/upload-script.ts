// Uploads file_issues.sh with issues/ as an artifact: a person downloads it, reviews it, and runs it.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { DefaultArtifactClient } from '@actions/artifact';

export async function uploadScript(analysisDir: string, name: string): Promise<number | null> {
  const files = [
    join(analysisDir, 'file_issues.sh'),
    ...(await markdownIn(analysisDir, 'issues')),
    // The comments for known issues seen again (issues/known/<rule id>.md).
    ...(await markdownIn(analysisDir, join('issues', 'known'))),
  ];
  // Stored, not deflated: the zip writer gives every file its own zlib stream, and the upload holds each
  // stream's 16 kB output buffer until 8 MB are gathered, some 160 MB for the 10,000 issue pages of a
  // 10,000-test batch (the action's peak: 307-324 MB against 283-287 MB stored). Short pages compress poorly
  // one by one: those 10,000 pages are 12 MB stored against 7.7 MB deflated.
  const { id } = await new DefaultArtifactClient().uploadArtifact(name, files, analysisDir, {
    retentionDays: 30,
    compressionLevel: 0,
  });
  return id ?? null;
}

async function markdownIn(root: string, folder: string): Promise<string[]> {
  const names = await readdir(join(root, folder)).catch(() => []);
  return names.filter((f) => f.endsWith('.md')).map((f) => join(root, folder, f));
}
