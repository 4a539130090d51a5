// The action's analysis branch, as the pipeline needs it: where this batch's analysis goes, the previous
// analysis of its configuration and the history beside them (one lookup, made once the configuration is
// known), and the history with this batch in it for the commit, merged again onto a head that moved.

import * as core from '@actions/core';

import { formatError } from './errors.js';
import { historyFrom, withConfigurationRebuilt } from './history-input.js';
import { historyFiles } from './history-output.js';
import {
  analysisBlobs,
  findPreviousAnalysis,
  readBlob,
  readHistoryAt,
  type PreviousAnalysis,
} from './ingest/baseline-branch.js';
import type { HistoryFile, TriageResult } from './model.js';
import { HISTORY_FILE, parseHistoryFile } from './parse/history-file.js';
import type { HistoryInput } from './pipeline.js';
import { analysisPath, configPrefix, runName } from './publish/analysis-path.js';
import type { BranchHead } from './publish/branch-head.js';
import type { FilesBeside } from './publish/commit.js';
import type { GitHub } from './publish/octokit.js';
import { configurationKey, mergeInto, previousRun } from './triage/history/index.js';

export interface BranchPlace {
  owner: string;
  repo: string;
  branch: string;
  /** The `path` input, with {run-name}. */
  pathTemplate: string;
  runId: number;
  window: number;
}

export class AnalysisBranch {
  /** The analysis folder in the branch, its parent (where the history lives) and its name (the run). */
  target = '';
  parent = '';
  run = '';
  /** Read by the lookup, reused by the commit (undefined: not read yet). */
  head: BranchHead | null | undefined;
  /** This run's folder is in the branch already (true until the lookup tells otherwise). */
  folderInBranch = true;
  private lookup: Promise<PreviousAnalysis> | undefined;

  constructor(
    private readonly octokit: GitHub,
    private readonly place: BranchPlace,
  ) {}

  /**
   * For the pipeline: the history this batch is judged on. When history.json is missing or unusable, the newest
   * analyses of the configuration are read to rebuild it (once: the commit writes history.json).
   */
  readonly history = async (result: TriageResult): Promise<HistoryInput> => {
    const found = await this.find(result);
    const window = this.place.window;
    let loaded = await historyFrom({ history: found.history, analyses: [] }, window);
    const key = configurationKey(result.batch);
    if (!loaded.file?.configurations.some((c) => c.key === key) && found.candidates.length > 0) {
      const { owner, repo } = this.place;
      const analyses = analysisBlobs(this.octokit, owner, repo, found.candidates, window);
      try {
        loaded = loaded.file
          ? await withConfigurationRebuilt(loaded.file, found.history?.file ?? HISTORY_FILE, key, analyses, window)
          : await historyFrom({ history: found.history, analyses }, window);
      } catch (error) {
        // Judged without a history this time rather than not at all; the commit still records this batch.
        core.warning(`Could not rebuild the history from the analyses in ${this.place.branch}: ${formatError(error)}`);
      }
    }
    this.judgedOn = loaded.file;
    return { file: loaded.file, run: this.run, window, warnings: loaded.warnings };
  };

  /**
   * For the pipeline: the previous analysis of the configuration: the batch that started last before this one
   * by the history (an old batch analysed again is not compared with a later one), else the newest folder.
   */
  readonly baseline = async (result: TriageResult) => {
    const found = await this.find(result);
    let entry = found.newest;
    if (this.judgedOn) {
      const previous = previousRun(this.judgedOn, result.batch, this.run);
      // No earlier batch of the configuration: the folders in the branch are all later ones.
      if (previous === null) return null;
      // The previous batch's folder is gone from the branch: better no comparison than one with a later batch.
      entry = found.candidates.find((c) => c.run === previous) ?? null;
    }
    if (!entry) return null;
    try {
      return await readBlob(this.octokit, this.place.owner, this.place.repo, entry);
    } catch (error) {
      core.warning(`Could not read the previous analysis ${entry.path}: ${formatError(error)}`);
      return null;
    }
  };

  /** The history the batch was judged on, once read. */
  private judgedOn: HistoryFile | null = null;

  /**
   * history.json and the index README for the commit: on the first attempt the history made with the analysis;
   * on a head that moved (another run committed meanwhile), that head's history with this batch merged in.
   */
  beside(triage: TriageResult, history: HistoryFile | undefined): FilesBeside {
    return async (head, attempt) => {
      if (!history) return [];
      let file = history;
      if (attempt > 1 && head) {
        const text = await readHistoryAt(this.octokit, this.place.owner, this.place.repo, this.parent, head.sha);
        const theirs = text === null ? null : parseHistoryFile(text).history;
        if (theirs) file = mergeInto(theirs, triage, { run: this.run, window: this.place.window });
      }
      return historyFiles(this.parent, file, this.place.window);
    };
  }

  private find(result: TriageResult): Promise<PreviousAnalysis> {
    this.lookup ??= (async () => {
      this.target = analysisPath(this.place.pathTemplate, runName(result, this.place.runId));
      const slash = this.target.lastIndexOf('/');
      this.parent = slash < 0 ? '' : this.target.slice(0, slash);
      this.run = slash < 0 ? this.target : this.target.slice(slash + 1);
      const previous = await findPreviousAnalysis(
        this.octokit,
        {
          owner: this.place.owner,
          repo: this.place.repo,
          branch: this.place.branch,
          parent: this.parent,
          prefix: configPrefix(result),
          current: this.target,
        },
        this.place.window,
      );
      this.head = previous.head;
      this.folderInBranch = previous.current;
      return previous;
    })();
    return this.lookup;
  }
}
