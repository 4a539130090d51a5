// The action: inputs -> ingest -> analyze -> publish -> outputs. The one try/catch and the one setFailed.

import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as core from '@actions/core';
import * as github from '@actions/github';

import { AnalysisBranch } from './action-branch.js';
import { InputError, UsageError, formatError } from './errors.js';
import { downloadResultsArtifact } from './ingest/artifact.js';
import { readConfigFromDefaultBranch } from './ingest/config-branch.js';
import { openResults, type OpenedResults } from './ingest/open-results.js';
import { readInputs, type Inputs } from './inputs.js';
import { CONFIG_FILE } from './parse/config/file-name.js';
import { parseConfig } from './parse/config/read-config.js';
import type { TriageConfig } from './parse/config/types.js';
import { analyze } from './pipeline.js';
import { commitFiles } from './publish/commit.js';
import { findPullRequest, type WorkflowRunPayload } from './publish/find-pr.js';
import { writeFiles } from './publish/local-files.js';
import { createOctokit, type GitHub } from './publish/octokit.js';
import { analysisOutputs, writeOutputs, type AnalysisOutputs } from './publish/outputs.js';
import { upsertComment } from './publish/pr-comment.js';
import { uploadScript } from './publish/upload-script.js';
import { LIMITS, renderSummaryFrom, summaryView, type SummaryLinks, type SummaryView } from './render/index.js';

export async function run(): Promise<void> {
  let opened: OpenedResults | null = null;
  try {
    const inputs = readInputs();
    core.setSecret(inputs.token);
    const { owner, repo } = github.context.repo;
    const trigger = github.context.payload.workflow_run as WorkflowRunPayload | undefined;
    // run-id naming another run than the one that triggered this workflow: the event tells nothing of it (its
    // pull requests and link are the trigger's).
    const event = inputs.runId !== undefined && trigger?.id !== inputs.runId ? undefined : trigger;
    const runId = inputs.runId ?? event?.id;
    const octokit = createOctokit(inputs.token);

    const config = await readConfig(octokit, owner, repo, inputs.config);
    opened = await ingest(inputs, owner, repo, runId, event);
    if (!opened) return;
    const server = (process.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '');

    const branch = new AnalysisBranch(octokit, {
      owner,
      repo,
      branch: inputs.branch,
      pathTemplate: inputs.path,
      runId: runId ?? github.context.runId,
      window: inputs.historyWindow,
    });
    const { sha, target, local, summary, outputs } = await analyzeAndCommit(opened, inputs, config, branch, octokit, {
      owner,
      repo,
      server,
    });

    let artifactId: number | null = null;
    // The upload is where the action peaks (@actions/artifact holds every entry of the zip until it ends), and
    // the tests and the pages the commit rendered again are garbage by then (analyzeAndCommit): collected first,
    // and by V8's memory-reducing collection, as a plain one keeps the emptied pages resident for reuse
    // (bench/notes.md, the sixteenth round). Exposed by index.ts's flags.
    (globalThis as { gc?: (options?: GcOptions) => void }).gc?.({ type: 'major', flavor: 'last-resort' });
    if (process.env.ACTIONS_RUNTIME_TOKEN) {
      // The analysis is committed by now: a failed upload (an artifact of that name already in this run, from
      // a second step or a matrix) must not cost the comment, the job summary and the outputs.
      try {
        artifactId = await uploadScript(local, inputs.scriptArtifactName);
      } catch (error) {
        core.warning(
          `file_issues.sh was not uploaded as the artifact ${JSON.stringify(inputs.scriptArtifactName)}: ${formatError(error)} (it is in the committed analysis; a second step in one run needs another script-artifact-name)`,
        );
      }
    } else core.warning('No ACTIONS_RUNTIME_TOKEN: file_issues.sh was not uploaded as an artifact.');

    const links: SummaryLinks = {
      analysisUrl: `${server}/${owner}/${repo}/blob/${sha}/${target}`,
      artifactUrl: artifactId
        ? `${server}/${owner}/${repo}/actions/runs/${github.context.runId}/artifacts/${artifactId}`
        : undefined,
      runUrl: event?.html_url ?? (runId ? `${server}/${owner}/${repo}/actions/runs/${runId}` : undefined),
    };

    let commentUrl: string | null = null;
    if (inputs.comment) {
      const pr = await findPullRequest(octokit, { owner, repo }, inputs.prNumber, event);
      if (pr) {
        const marker = `<!-- e2e-triage:comment artifact=${inputs.artifactName.replace(/[^A-Za-z0-9._-]/g, '_')} -->`;
        const { markdown } = renderSummaryFrom(summary, { limit: LIMITS.prComment, links, marker });
        const result = await upsertComment(octokit, { owner, repo, issue: pr }, markdown, marker);
        commentUrl = result.url;
        core.info(`PR #${pr} comment: ${result.action}`);
      } else core.info('No pull request found for this run: no comment.');
    }

    const jobSummary = renderSummaryFrom(summary, { limit: LIMITS.jobSummary - 2048, links, bytes: true });
    await core.summary
      .addRaw(jobSummary.markdown)
      .addRaw(
        '\n> To file the issues: download the artifact, unzip it, review it, then run `bash file_issues.sh --dry-run` and `bash file_issues.sh` (zips drop the executable bit).\n',
      )
      .write();

    writeOutputs(outputs, {
      'analysis-path': target,
      branch: inputs.branch,
      'commit-sha': sha,
      'comment-url': commentUrl ?? '',
      'artifact-id': artifactId === null ? '' : String(artifactId),
      'triage-json': join(local, 'triage.json'),
    });
  } catch (error) {
    const hint =
      error instanceof InputError || error instanceof UsageError
        ? ''
        : ' (unexpected; run with ACTIONS_STEP_DEBUG=true for details)';
    if (error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(`e2e-triage: ${formatError(error)}${hint}`);
  } finally {
    await opened?.cleanup();
  }
}

/** V8's options for the `gc` that --expose-gc gives: `last-resort` is its memory-reducing full collection. */
interface GcOptions {
  type?: 'major' | 'minor';
  execution?: 'sync' | 'async';
  flavor?: 'regular' | 'last-resort';
}

/** What the steps after the commit need of the analysis. */
interface Committed {
  sha: string;
  /** The analysis folder's path in the branch. */
  target: string;
  /** The analysis as written on the runner. */
  local: string;
  summary: SummaryView;
  outputs: AnalysisOutputs;
}

/**
 * The analysis, written on the runner and committed. Its own function so that the tests (some 25 MB of a
 * 10,000-test batch) are garbage once it returns: the upload that follows is where the action peaks, and the
 * comment, the job summary and the outputs need only the summary's view and a few counts.
 */
async function analyzeAndCommit(
  opened: OpenedResults,
  inputs: Inputs,
  config: TriageConfig | undefined,
  branch: AnalysisBranch,
  octokit: GitHub,
  where: { owner: string; repo: string; server: string },
): Promise<Committed> {
  const { owner, repo, server } = where;
  const analysis = await analyze(opened.source, {
    issueMode: inputs.issueMode,
    harness: inputs.format === 'auto' ? undefined : inputs.format,
    // Before anything from the results reaches the log: the runner hides what it was told is secret.
    onSecrets: maskSecrets,
    issueLabel: inputs.issueLabel,
    label: inputs.resultsPath ? undefined : inputs.artifactName,
    history: branch.history,
    baseline: branch.baseline,
    config,
    repository: { serverUrl: server, repo: `${owner}/${repo}` },
  });
  const { triage, files: rendered } = analysis;
  const target = branch.target;

  // Rendered again for the commit rather than held: at 10,000 tests the pages are some 60 MB.
  const local = join(process.env.RUNNER_TEMP || tmpdir(), 'e2e-triage', 'analysis');
  await rm(local, { recursive: true, force: true });
  const written = await writeFiles(local, rendered);
  core.info(`Wrote ${written} files to ${local}`);

  const commit = await commitFiles(
    octokit,
    {
      owner,
      repo,
      branch: inputs.branch,
      path: target,
      message: `e2e-triage: ${triage.summary.passed}/${triage.summary.total} passed in ${target}`,
      replace: branch.folderInBranch,
    },
    rendered,
    branch.head,
    undefined,
    branch.beside(triage, analysis.history),
  );
  return { sha: commit.sha, target, local, summary: summaryView(triage), outputs: analysisOutputs(triage) };
}

/** The config from the default branch (one call): none is the defaults; a bad one fails the run, naming the input. */
async function readConfig(
  octokit: GitHub,
  owner: string,
  repo: string,
  path: string,
): Promise<TriageConfig | undefined> {
  const text = await readConfigFromDefaultBranch(octokit, owner, repo, path);
  if (text === null) {
    if (path !== CONFIG_FILE)
      core.warning(`input config: ${path} is not in the default branch; no known issues are used`);
    return undefined;
  }
  try {
    const config = parseConfig(text, path);
    core.info(
      `Config ${path}: ${config.knownIssues.length} known-issue rules${config.extends ? ` (with ${config.extends})` : ''}`,
    );
    return config;
  } catch (error) {
    throw new UsageError(`input config: ${formatError(error)}`);
  }
}

/** `::add-mask::` takes one line: a multi-line value (a key block) is masked line by line. */
function maskSecrets(values: readonly string[]): void {
  for (const value of values) {
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) core.setSecret(line.trim());
  }
}

/** The results on disk, or null when the artifact is missing and if-no-artifact says not to fail. */
async function ingest(
  inputs: Inputs,
  owner: string,
  repo: string,
  runId: number | undefined,
  event: WorkflowRunPayload | undefined,
): Promise<OpenedResults | null> {
  if (inputs.resultsPath) return openResults(inputs.resultsPath);
  if (!runId) throw new UsageError('input run-id: needed when the event is not workflow_run (or give results-path)');
  const download = await downloadResultsArtifact({
    token: inputs.token,
    owner,
    repo,
    runId,
    name: inputs.artifactName,
  });
  if (download) {
    // The downloaded zip goes with the extracted folder.
    const opened = await openResults(download.zipPath).catch(async (error: unknown) => {
      await download.cleanup();
      throw error;
    });
    return { ...opened, cleanup: () => opened.cleanup().finally(download.cleanup) };
  }
  const still = event?.status && event.status !== 'completed' ? ` (run ${runId} is still ${event.status})` : '';
  const message = `no artifact named ${inputs.artifactName} in run ${runId}${still}: it expired, was never uploaded, or has another name`;
  if (inputs.ifNoArtifact === 'fail') throw new InputError(message);
  if (inputs.ifNoArtifact === 'warn') core.warning(message);
  else core.info(message);
  return null;
}
