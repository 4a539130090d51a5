// Uploads file_issues.sh with issues/ as an artifact: a person downloads it, reviews it, and runs it.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { DefaultArtifactClient } from '@actions/artifact';

export async function uploadScript(analysisDir: string, name: string): Promise<number | null> {
  const issues = (await readdir(join(analysisDir, 'issues')))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(analysisDir, 'issues', f));
  const files = [join(analysisDir, 'file_issues.sh'), ...issues];
  const { id } = await new DefaultArtifactClient().uploadArtifact(name, files, analysisDir, { retentionDays: 30 });
  return id ?? null;
}
