// .github/e2e-triage.yml: every key read, every mistake one line naming the file, the line and the key, and the
// projectscylla preset (a data file) merged after the repository's own rules.

import { describe, expect, it } from 'vitest';

import { ConfigError, parseConfig } from '../../../src/parse/config/read-config.js';
import { PRESETS } from '../../../src/parse/config/presets.js';

const FILE = '.github/e2e-triage.yml';

/** The one-line message a config gives, or '' when it is read. */
function problem(text: string): string {
  try {
    parseConfig(text, FILE);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

describe('reading the config', () => {
  it('reads every key of a rule, and the re-run commands', () => {
    const config = parseConfig(
      `
known-issues:
  - id: KI-7
    match: 'criteria_scores'
    tests: ['test-0*', 'test-1?']
    categories: [framework-bug, infrastructure]
    mode: quarantine
    issue: '#123'
    fix: |
      Use \`.get("criteria_scores") or {}\`
      then re-run.
    expires: 2027-01-31
  - id: KI-8
    tests: test-044
    mode: expected-fail
    issue: https://github.com/acme/widgets/issues/9
  - id: KI-9
    match: pixi
    issue: acme/tools#4
  - id: KI-10
    match: x
    issue: 77
rerun:
  command: 'run --tests {tests}'
  rejudge-command: 'judge --tests {tests}'
`,
      FILE,
    );
    expect(config.file).toBe(FILE);
    expect(config.extends).toBeNull();
    expect(config.rerun).toEqual({ command: 'run --tests {tests}', rejudgeCommand: 'judge --tests {tests}' });
    const [a, b, c, d] = config.knownIssues;
    expect(a).toMatchObject({
      id: 'KI-7',
      tests: ['test-0*', 'test-1?'],
      categories: ['framework-bug', 'infrastructure'],
      mode: 'quarantine',
      issue: { text: '#123', repo: null, number: 123, url: null },
      fix: 'Use `.get("criteria_scores") or {}`\nthen re-run.',
      expires: '2027-01-31',
      origin: { file: FILE, path: 'known-issues[0]', line: 3 },
    });
    expect(a!.match!.source).toBe('criteria_scores');
    expect(a!.matchesTest!('test-042')).toBe(true);
    expect(a!.matchesTest!('test-15')).toBe(true);
    expect(a!.matchesTest!('test-150')).toBe(false);
    expect(b).toMatchObject({
      tests: ['test-044'],
      mode: 'expected-fail',
      match: null,
      categories: null,
      issue: { text: 'acme/widgets#9', url: 'https://github.com/acme/widgets/issues/9' },
    });
    expect(c).toMatchObject({ mode: 'known', matchesTest: null, issue: { text: 'acme/tools#4', repo: 'acme/tools' } });
    expect(d!.issue).toMatchObject({ text: '#77', number: 77 });
  });

  it('an empty file, or one of comments only, is the defaults', () => {
    for (const text of ['', '# nothing yet\n', '---\n']) {
      expect(parseConfig(text, FILE)).toMatchObject({
        knownIssues: [],
        rerun: { command: null, rejudgeCommand: null },
      });
    }
  });

  it.each([
    [
      'an unknown top-level key',
      'known-issues: []\nrerun-command: x\n',
      `${FILE}:2: rerun-command: Unrecognized key: "rerun-command"`,
    ],
    [
      'an unknown key in a rule (a typo must not disable a rule)',
      'known-issues:\n  - id: A\n    match: x\n    catgories: [framework-bug]\n',
      `${FILE}:4: known-issues[0].catgories: Unrecognized key: "catgories"`,
    ],
    [
      'a bad regex',
      "known-issues:\n  - id: A\n    match: '(unclosed'\n",
      `${FILE}:3: known-issues[0].match: not a valid regular expression: Invalid regular expression: /(unclosed/: Unterminated group`,
    ],
    [
      'a bad glob',
      "known-issues:\n  - id: A\n    tests: ['ok-*', 'test-[']\n",
      `${FILE}:3: known-issues[0].tests[1]: not a valid glob: Missing closing: "]"`,
    ],
    [
      'a duplicate id',
      'known-issues:\n  - id: A\n    match: x\n  - id: A\n    match: y\n',
      `${FILE}:4: known-issues[1].id: A is already the id of known-issues[0]`,
    ],
    [
      'a rule with neither match nor tests',
      'known-issues:\n  - id: A\n    categories: [framework-bug]\n',
      `${FILE}:2: known-issues[0]: A: give match, tests or both (a rule with neither would claim every failure)`,
    ],
    [
      'an id with a path in it',
      'known-issues:\n  - id: ../x\n    match: y\n',
      `${FILE}:2: known-issues[0].id: use 1 to 64 letters, digits, . _ or -, starting with a letter or digit`,
    ],
    [
      'a bad issue reference',
      "known-issues:\n  - id: A\n    match: x\n    issue: 'see the wiki'\n",
      `${FILE}:4: known-issues[0].issue: "see the wiki" is not #123, owner/repo#123 or an issue URL`,
    ],
    [
      'a date that does not exist',
      'known-issues:\n  - id: A\n    match: x\n    expires: 2027-02-30\n',
      `${FILE}:4: known-issues[0].expires: "2027-02-30" is not a date (YYYY-MM-DD)`,
    ],
    [
      'a mode that does not exist',
      'known-issues:\n  - id: A\n    match: x\n    mode: ignore\n',
      `${FILE}:4: known-issues[0].mode: Invalid option: expected one of "known"|"quarantine"|"expected-fail"`,
    ],
    [
      'a category that does not exist',
      'known-issues:\n  - id: A\n    match: x\n    categories: [pass]\n',
      `${FILE}:4: known-issues[0].categories[0]: Invalid option: expected one of "model-failure"|"framework-bug"|"infrastructure"|"unknown"`,
    ],
    [
      'an unquoted #12 (a YAML comment: the key is empty)',
      'known-issues:\n  - id: A\n    match: x\n    issue: #12\n',
      `${FILE}:4: known-issues[0].issue: empty (a value that starts with # must be quoted: # starts a YAML comment)`,
    ],
    ['an unknown preset', 'extends: pytest\n', `${FILE}:1: extends: unknown preset "pytest"; presets: projectscylla`],
    [
      'a list where a mapping belongs',
      '- id: A\n',
      `${FILE}:1: (root): Invalid input: expected object, received array`,
    ],
    ['invalid YAML', 'known-issues:\n  - id: A\n    match: [x\n', `${FILE}:4: not valid YAML: `],
    ['a repeated key', 'rerun:\n  command: a\n  command: b\n', `${FILE}:3: not valid YAML: Map keys must be unique`],
  ])('%s: one line naming the file, the line and the key', (_, text, expected) => {
    const message = problem(text);
    expect(message.startsWith(expected)).toBe(true);
    expect(message).not.toContain('\n');
  });
});

describe('extends', () => {
  it('adds the preset after the repository rules; a rule of the same id replaces the preset one', () => {
    const config = parseConfig(
      `extends: projectscylla
known-issues:
  - id: mine
    match: 'tier_config'
  - id: scylla-pixi-not-on-path
    match: pixi
    mode: quarantine
`,
      FILE,
    );
    const ids = config.knownIssues.map((r) => r.id);
    expect(ids).toEqual([
      'mine',
      'scylla-pixi-not-on-path',
      'scylla-criteria-scores-none',
      'scylla-worktree-branch-collision',
      'scylla-max-subtests-one-argument',
      'scylla-host-resource-preflight',
    ]);
    expect(config.knownIssues[1]).toMatchObject({ mode: 'quarantine', origin: { file: FILE } });
    expect(config.knownIssues[2]!.origin).toMatchObject({ file: 'preset projectscylla', path: 'known-issues[0]' });
  });

  it('the projectscylla preset matches the signatures the runner really printed, and nothing else', () => {
    const rules = parseConfig(PRESETS.projectscylla!, 'preset projectscylla').knownIssues;
    const which = (text: string) => rules.find((r) => r.match?.test(text))?.id ?? null;
    expect(
      which(
        'pydantic_core._pydantic_core.ValidationError: 1 validation error for RunResult\ncriteria_scores\n  Input should be a valid dictionary [type=dict_type, input_value=None, input_type=NoneType]',
      ),
    ).toBe('scylla-criteria-scores-none');
    expect(which('ValidationError: 1 validation error for E2ERunResult\ncriteria_scores')).toBe(
      'scylla-criteria-scores-none',
    );
    expect(which("ERROR: [Errno 2] No such file or directory: 'pixi'")).toBe('scylla-pixi-not-on-path');
    expect(which('pixi not found on PATH. Install pixi or add ~/.pixi/bin to PATH')).toBe('scylla-pixi-not-on-path');
    expect(
      which(
        "RuntimeError: Failed to create worktree even after cleanup: Preparing worktree (new branch 'T0_00_run_01')\nfatal: a branch named 'T0_00_run_01' already exists",
      ),
    ).toBe('scylla-worktree-branch-collision');
    expect(which("fatal: A branch named 'T1_00_run_01' already exists")).toBe('scylla-worktree-branch-collision');
    expect(which('run_e2e_experiment.py: error: unrecognized arguments: --max-subtests 2')).toBe(
      'scylla-max-subtests-one-argument',
    );
    expect(
      which('CRITICAL: only 312MB RAM available (threshold 512MB); CRITICAL: only 2.5GB disk free (threshold 5GB)'),
    ).toBe('scylla-host-resource-preflight');
    expect(which('Low disk warning: only 3.1GB free. Consider cleaning up old experiment workspaces.')).toBe(
      'scylla-host-resource-preflight',
    );
    for (const other of [
      "KeyError: 'tier_config'",
      "AttributeError: 'TierConfig' object has no attribute 'language'",
      "Judge 1 failed with model claude-haiku-4-5: Judge response missing required 'score' field.",
      'criteria_scores: {}',
    ]) {
      expect(which(other)).toBeNull();
    }
    expect(rules.every((r) => r.fix !== null && r.fix.length > 40)).toBe(true);
  });
});
