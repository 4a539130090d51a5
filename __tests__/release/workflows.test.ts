// The project's own workflows and Dependabot configuration: valid YAML, every action pinned to a full commit SHA
// with its version in a comment, permissions declared for every job.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Scalar } from 'yaml';

const DIR = '.github/workflows';
const files = readdirSync(DIR)
  .filter((n) => /\.ya?ml$/.test(n))
  .sort();

interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, { permissions?: unknown; uses?: string; steps?: { uses?: string }[] }>;
}

function load(name: string): { doc: Document; text: string; workflow: Workflow } {
  const text = readFileSync(join(DIR, name), 'utf8');
  const doc = parseDocument(text, { prettyErrors: true });
  return { doc, text, workflow: doc.toJS() as Workflow };
}

/** Every `uses:` value in a workflow, with the line it is on. */
function usesOf(doc: Document, text: string): { value: string; line: string }[] {
  const found: { value: string; line: string }[] = [];
  const lines = text.split('\n');
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
        const value = pair.value as Scalar;
        const offset = value.range?.[0] ?? 0;
        const lineNumber = text.slice(0, offset).split('\n').length - 1;
        found.push({ value: String(value.value), line: lines[lineNumber] ?? '' });
      }
    },
  });
  return found;
}

const PINNED = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v\d+(\.\d+){0,2}\S*\s*$/;

describe('workflows', () => {
  it('are the four the project keeps', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'codeql.yml', 'e2e-triage.yml', 'release.yml']));
  });

  describe.each(files)('%s', (name) => {
    const { doc, text, workflow } = load(name);

    it('is valid YAML with a trigger and jobs', () => {
      expect(doc.errors.map((e) => e.message)).toEqual([]);
      expect(doc.warnings.map((e) => e.message)).toEqual([]);
      expect(workflow.on).toBeDefined();
      expect(Object.keys(workflow.jobs ?? {}).length).toBeGreaterThan(0);
    });

    it('pins every action to a full commit SHA with its version in a comment (the local action aside)', () => {
      const uses = usesOf(doc, text);
      expect(uses.length).toBeGreaterThan(0);
      for (const { value, line } of uses) {
        if (value === './' || value.startsWith('./')) continue;
        expect(value, line).toMatch(PINNED);
        expect(line, `${value}: version comment`).toMatch(VERSION_COMMENT);
      }
    });

    it('declares permissions at the top and, where the top grants nothing, in every job; never read-all or write-all', () => {
      expect(workflow.permissions, 'top-level permissions').toBeDefined();
      const top = workflow.permissions;
      const topGrants = top !== null && typeof top === 'object' && Object.keys(top).length > 0;
      for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
        // A workflow that grants nothing at the top makes each job say what it needs.
        if (!topGrants) expect(job.permissions, `jobs.${id}.permissions`).toBeDefined();
        expect(['read-all', 'write-all'], `jobs.${id}.permissions`).not.toContain(job.permissions ?? top);
      }
    });

    it('gives write permissions only where a comment says why', () => {
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (/^\s*[a-z-]+:\s*write\b/.test(line)) expect(line, `${name}:${i + 1}`).toMatch(/#\s*\S/);
      });
    });
  });

  it('top-level permissions are empty in every workflow (jobs declare what they need)', () => {
    for (const name of files) {
      const { doc } = load(name);
      const top = doc.get('permissions', true);
      expect(isMap(top) && top.items.length === 0, name).toBe(true);
    }
  });

  it('only the release job and the triage job (the action itself) write contents', () => {
    for (const name of files) {
      const { workflow } = load(name);
      for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
        const permissions = (job.permissions ?? {}) as Record<string, string>;
        if (permissions.contents === 'write')
          expect(`${name}:${id}`).toMatch(/^(release\.yml:release|e2e-triage\.yml:triage)$/);
      }
    }
  });
});

describe('.github/dependabot.yml', () => {
  const doc = parseDocument(readFileSync('.github/dependabot.yml', 'utf8'));
  const config = doc.toJS() as {
    version: number;
    updates: { 'package-ecosystem': string; schedule: { interval: string }; groups?: object }[];
  };

  it('updates npm and the actions weekly, grouped', () => {
    expect(doc.errors).toEqual([]);
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const update of config.updates) {
      expect(update.schedule.interval).toBe('weekly');
      expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
    }
    expect(isSeq(doc.get('updates', true))).toBe(true);
  });
});
