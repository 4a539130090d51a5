// file_issues.sh and the known issues, run for real with gh against the fake GitHub: a failure a rule matched
// gets no issue of its own; its tracking issue gets one comment per batch, never two (state file or not).

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openResults } from '../../src/ingest/open-results.js';
import { parseConfig } from '../../src/parse/config/read-config.js';
import { analyze } from '../../src/pipeline.js';
import { writeFiles } from '../../src/publish/local-files.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-gh-server.js';
import { runProcess } from '../helpers/run-cli.js';

const CONFIG = `
known-issues:
  - id: KI-7
    match: "KeyError: 'tier_config'"
    issue: '#1'
    fix: Pass the tier config to the worker.
  - id: pixi
    match: "No such file or directory: 'pixi'"
    mode: quarantine
`;

let dir: string;
let gh: FakeGitHub;
let analysis: string;

const fileIssues = (...args: string[]) =>
  runProcess('bash', [join(analysis, 'file_issues.sh'), '--delay', '0', '--retry-wait', '0', ...args], {
    env: gh.env,
    cwd: dir,
  });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-triage-known-'));
  analysis = join(dir, 'analysis');
  gh = await startFakeGitHub(dir);
  // The tracking issue, filed by the team long ago.
  gh.issues.push({ number: 1, title: 'Worker crashes on tier_config', body: 'tracked', labels: [], comments: [] });
  const opened = await openResults('examples/sample-batch');
  try {
    const { files } = await analyze(opened.source, {
      issueMode: 'per-test',
      config: parseConfig(CONFIG, '.github/e2e-triage.yml'),
      today: '2026-11-30',
    });
    await writeFiles(analysis, files);
  } finally {
    await opened.cleanup();
  }
});

afterEach(async () => {
  await gh.close();
  await rm(dir, { recursive: true, force: true });
});

describe('file_issues.sh with known issues', () => {
  it('files no issue for a known failure, and comments once on its tracking issue', async () => {
    const issueFiles = await readdir(join(analysis, 'issues'));
    // test-018, test-022 and test-024 are KI-7's; test-008 and test-013 are quarantined (pixi).
    for (const id of ['test-018', 'test-022', 'test-024', 'test-008', 'test-013']) {
      expect(issueFiles).not.toContain(`${id}.md`);
    }
    expect(issueFiles).toContain('test-044.md');
    expect(await readdir(join(analysis, 'issues', 'known'))).toEqual(['KI-7.md']);

    const dry = await fileIssues('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('1 comments on known issues seen again:\n  on #1\n    file: issues/known/KI-7.md');

    const result = await fileIssues();
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.code).toBe(0);
    expect(gh.issues.filter((i) => /test-0(18|22|24|08|13)\b/.test(i.title))).toEqual([]);
    const tracking = gh.issues[0]!;
    expect(tracking.comments).toHaveLength(1);
    const comment = tracking.comments[0]!;
    expect(comment).toMatch(/^<!-- e2e-triage:comment-on=1 -->\n<!-- e2e-triage:fingerprint=[0-9a-f]{16} -->\n/);
    expect(comment).toContain(
      '**Seen again** in sample-batch (2026-02-14): 3 tests matched the known issue **KI-7** (known).',
    );
    for (const id of ['test-018', 'test-022', 'test-024']) expect(comment).toContain(`| ${id} |`);
    const epic = gh.issues.find((i) => i.title.startsWith('[E2E] Batch'))!;
    expect(comment).toContain(`This batch: #${epic.number}`);
    expect(epic.comments[0]).toContain('- #1 known issue KI-7 seen again: 3 tests');
  });

  it('stops before anything reaches gh when a comment names an issue it cannot be', async () => {
    const known = join(analysis, 'issues', 'known', 'KI-7.md');
    const text = await readFile(known, 'utf8');
    await writeFile(
      known,
      text.replace('<!-- e2e-triage:comment-on=1 -->', '<!-- e2e-triage:comment-on=12345678901 -->'),
    );
    for (const args of [['--dry-run'], []]) {
      const result = await fileIssues(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('file_issues.sh: issues/known/KI-7.md names no issue number');
    }
    expect(gh.issues).toHaveLength(1);
    expect(gh.issues[0]!.comments).toEqual([]);
    expect(gh.requests).toEqual([]);
  });

  it('never comments twice: not on a second run, nor with the state file gone', async () => {
    expect((await fileIssues()).code).toBe(0);
    const issues = gh.issues.length;
    expect((await fileIssues()).code).toBe(0);
    expect(gh.issues[0]!.comments).toHaveLength(1);
    await rm(join(analysis, '.file_issues.state'));
    const again = await fileIssues();
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Already on #1: known/KI-7.md');
    expect(gh.issues[0]!.comments).toHaveLength(1);
    expect(gh.issues).toHaveLength(issues);
    // The fingerprint was looked for in the issue's comments through the REST API.
    expect(gh.requests.filter((r) => r.name === 'issue-comments').length).toBeGreaterThan(0);
  });

  it('resumes a run cut off before the comment, and posts it then', async () => {
    // The third issue create fails: the script stops before the known-issue comment.
    gh.failIssueCreate.set(3, 'server');
    expect((await fileIssues()).code).not.toBe(0);
    expect(gh.issues[0]!.comments).toHaveLength(0);
    expect((await fileIssues()).code).toBe(0);
    expect(gh.issues[0]!.comments).toHaveLength(1);
    const body = await readFile(join(analysis, 'issues', 'known', 'KI-7.md'), 'utf8');
    expect(gh.issues[0]!.comments[0]).toContain(/fingerprint=([0-9a-f]{16})/.exec(body)![1]!);
  });
});
