// The results artifact of another workflow run, found by name (newest wins) with only `actions: read`; null
// when there is none, or it expired. We take the raw zip (skipDecompress) and extract it ourselves with limits:
// the library's extraction has none.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DefaultArtifactClient } from '@actions/artifact';

export interface ArtifactRef {
  token: string;
  owner: string;
  repo: string;
  runId: number;
  name: string;
}

export interface DownloadedArtifact {
  zipPath: string;
  artifactId: number;
  /** Removes the zip and its folder (a self-hosted runner keeps its temp folder). */
  cleanup(): Promise<void>;
}

export async function downloadResultsArtifact(ref: ArtifactRef): Promise<DownloadedArtifact | null> {
  const client = new DefaultArtifactClient();
  const findBy = { token: ref.token, workflowRunId: ref.runId, repositoryOwner: ref.owner, repositoryName: ref.repo };
  let id: number;
  try {
    const { artifact } = await client.getArtifact(ref.name, { findBy });
    id = artifact.id;
  } catch (error) {
    if (error instanceof Error && error.name === 'ArtifactNotFoundError') return null;
    throw error;
  }
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'e2e-triage-zip-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await client.downloadArtifact(id, { findBy, path: dir, skipDecompress: true });
    const [file] = await readdir(dir);
    if (!file) throw new Error(`artifact ${ref.name} (${id}) downloaded nothing`);
    return { zipPath: join(dir, file), artifactId: id, cleanup };
  } catch (error) {
    await cleanup();
    // An expired artifact is still listed (the library drops the `expired` flag): its download answers 410.
    if ((error as { status?: unknown }).status === 410) return null;
    throw error;
  }
}
