// A corpus of broken and partial batches. Each case states its exact outcome: which tests come out, and the
// one-line warning (file + field) that says what was skipped. Nothing throws but an unreadable summary.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

import { InputError } from '../../src/errors.js';
import type { TriageResult } from '../../src/model.js';
import { parseBatch } from '../../src/parse/index.js';
import { triage } from '../../src/triage/index.js';
import { blockLines, reportJson } from '../helpers/batch-builder.js';
import { MemorySource } from '../helpers/memory-source.js';

const row = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    test_id: id,
    test_name: `Name ${id}`,
    thread_id: 0,
    status: 'fail',
    exit_code: 0,
    result_dir: null,
    error: null,
    best_tier: null,
    best_score: 0,
    frontier_cop: null,
    total_cost: 0.5,
    total_duration: 10,
    ...extra,
  });
const summary = (...rows: string[]) => `{"results": [${rows.join(', ')}]}`;

async function analyse(files: Record<string, string>): Promise<TriageResult> {
  return triage(await parseBatch(new MemorySource(files, 'corpus')), { toolVersion: 'test' });
}

const warningLines = (r: TriageResult) =>
  r.warnings.map((w) => `${w.file}${w.path ? `: ${w.path}` : ''}: ${w.message}`);

interface Case {
  name: string;
  files: Record<string, string>;
  tests: string[];
  warnings: RegExp[];
}

const CASES: Case[] = [
  {
    name: 'a wrong type in one row',
    files: { 'batch_summary.json': summary(row('t1', { total_cost: 'n/a' }), row('t2')) },
    tests: ['t1', 't2'],
    warnings: [/^batch_summary\.json: results\[0\]\.total_cost: .*expected number/],
  },
  {
    name: 'null where an object belongs (config, threads)',
    files: { 'batch_summary.json': `{"config": null, "threads": null, "results": [${row('t1')}]}` },
    tests: ['t1'],
    warnings: [],
  },
  {
    name: 'config of the wrong type',
    files: { 'batch_summary.json': `{"config": "haiku", "results": [${row('t1')}]}` },
    tests: ['t1'],
    warnings: [/^batch_summary\.json: config: .*skipped/],
  },
  {
    name: 'huge numbers, Infinity and NaN',
    files: {
      'batch_summary.json': summary(
        row('t1', { total_cost: 1e308 }),
        row('t2').replace('"total_cost":0.5', '"total_cost":NaN'),
        row('t3').replace('"best_score":0', '"best_score":-Infinity'),
      ),
    },
    tests: ['t1', 't2', 't3'],
    warnings: [],
  },
  {
    name: 'an empty results list',
    files: { 'batch_summary.json': '{"results": []}' },
    tests: [],
    warnings: [/^batch_summary\.json: results: the results list is empty/],
  },
  {
    name: 'a summary with no matching result folders',
    files: { 'batch_summary.json': summary(row('t1', { result_dir: '/elsewhere/2026-02-14T00-00-00-t1' })) },
    tests: ['t1'],
    warnings: [],
  },
  {
    name: 'result folders with no summary row',
    files: {
      'batch_summary.json': summary(row('t1')),
      '2026-02-14T00-00-00-t9/report.json': reportJson('t9', { bestTier: null, cost: 0.2 }),
    },
    tests: ['t1', 't9'],
    warnings: [/^2026-02-14T00-00-00-t9: t9 has no row in batch_summary\.json/],
  },
  {
    name: 'a truncated report.json and a checkpoint with wrong types',
    files: {
      'batch_summary.json': summary(row('t1')),
      '2026-02-14T00-00-00-t1/report.json': '{"summary": {"total_cost": 1',
      '2026-02-14T00-00-00-t1/checkpoint.json': '{"status": 7, "pause_count": "x"}',
    },
    tests: ['t1'],
    warnings: [
      /^2026-02-14T00-00-00-t1\/checkpoint\.json: status: .*value ignored/,
      /^2026-02-14T00-00-00-t1\/checkpoint\.json: pause_count: .*value ignored/,
      /^2026-02-14T00-00-00-t1\/report\.json: invalid JSON at the end of the file/,
    ],
  },
  {
    name: 'criteria_scores null and "N/A" scores in judge files',
    files: {
      'batch_summary.json': summary(row('t1')),
      '2026-02-14T00-00-00-t1/report.json': reportJson('t1', { bestTier: null, cost: 0.5 }),
      '2026-02-14T00-00-00-t1/T0/00/run_01/run_result.json':
        '{"criteria_scores": null, "judges": [{"is_valid": true, "criteria_scores": {"functional": {"achieved": "N/A", "max": "N/A"}}}]}',
    },
    tests: ['t1'],
    warnings: [],
  },
  {
    name: 'a log that stops mid-block, with NUL bytes, ANSI colours, CRLF and non-UTF-8 bytes',
    files: {
      'batch_summary.json': summary(row('t1')),
      'thread_logs/thread_0.log': `${blockLines({ testId: 't1', start: '2026-02-14T00:00:00+00:00', body: ['\u001b[31m2026-02-14 00:00:01 [ERROR] x: boom\u0000\u001b[0m', 'caf\ufffd'] }).join('\r\n')}\r\n${blockLines({ testId: 't2', start: '2026-02-14T00:10:00+00:00', killed: true, body: ['half a li'] }).join('\n')}`,
    },
    tests: ['t1', 't2'],
    warnings: [/^thread_logs\/thread_0\.log: t2 has no row in batch_summary\.json/],
  },
  {
    name: 'a 200 KB error string',
    files: {
      'batch_summary.json': summary(
        row('t1', { status: 'error', exit_code: 1, error: `RuntimeError: ${'x'.repeat(200_000)}` }),
      ),
    },
    tests: ['t1'],
    warnings: [],
  },
  {
    name: 'a checkpoint cut short by a crash, beside its backup and a crashed atomic write',
    files: {
      'batch_summary.json': summary(row('t1')),
      '2026-08-10T09-00-00-t1/checkpoint.json': '{"version": "3.1", "status": "run',
      '2026-08-10T09-00-00-t1/checkpoint.json.bak': '{"version": "3.1", "status": "running"}',
      '2026-08-10T09-00-00-t1/checkpoint.tmp.4123.1397.json': '{"version',
      '2026-08-10T09-00-00-t1/experiment.pid': '41234\n',
    },
    tests: ['t1'],
    warnings: [
      /^2026-08-10T09-00-00-t1\/checkpoint\.json: invalid JSON at the end of the file \(truncated\?\); read checkpoint\.json\.bak instead \(one save older\)$/,
    ],
  },
  {
    name: 'folders set aside as INVALID, one without INVALID.md, one whose INVALID.md is a folder',
    files: {
      'batch_summary.json': summary(row('t1')),
      'INVALID-2026-08-10T09-00-00-t1/report.json': '{"summary": ',
      'INVALID-2026-08-11T09-00-00-t1/INVALID.md/x': 'not a file',
      'INVALID-junk/INVALID.md': '\n\n  Manual test run, ignore  \n',
    },
    tests: ['t1'],
    warnings: [],
  },
  {
    name: 'rows that are not objects, and a row without a test id',
    files: { 'batch_summary.json': `{"results": [null, 3, "x", [], {"status": "pass"}, ${row('t1')}]}` },
    tests: ['t1'],
    warnings: [/results\[0\]/, /results\[1\]/, /results\[2\]/, /results\[3\]/, /results\[4\]\.test_id/],
  },
];

describe('broken and partial batches', () => {
  for (const c of CASES) {
    it(`${c.name}: keeps every test and says what it skipped`, async () => {
      const result = await analyse(c.files);
      expect(result.tests.map((t) => t.testId)).toEqual(c.tests);
      const lines = warningLines(result);
      expect(lines).toHaveLength(c.warnings.length);
      c.warnings.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
      expect(JSON.parse(JSON.stringify(result))).toBeTruthy();
    });
  }

  it('stops only on an unreadable batch_summary.json, naming it', async () => {
    await expect(analyse({ 'batch_summary.json': '{"results": [' })).rejects.toThrow(InputError);
    await expect(analyse({ 'batch_summary.json': '{"results": {}}' })).rejects.toThrow(
      /^batch_summary\.json: results: /,
    );
    await expect(analyse({ 'other.json': '{}' })).rejects.toThrow(
      /^corpus: no results found \(looked 2 folders deep for a batch_summary\.json \(ProjectScylla\)/,
    );
  });

  it('never throws anything but an InputError on random mutations of a valid summary and log', async () => {
    const base = summary(row('t1'), row('t2', { status: 'pass', best_tier: 'T0', best_score: 0.9 }));
    const log = blockLines({
      testId: 't1',
      start: '2026-02-14T00:00:00+00:00',
      experiment: { cost: 1, bestTier: 'T0' },
    }).join('\n');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(base.length),
        fc.string({ maxLength: 20 }),
        fc.nat(log.length),
        fc.string({ maxLength: 40 }),
        async (i, insert, j, logInsert) => {
          const files = {
            'batch_summary.json': base.slice(0, i) + insert + base.slice(i + 1),
            'thread_logs/thread_0.log': log.slice(0, j) + logInsert + log.slice(j),
          };
          try {
            const result = await analyse(files);
            for (const t of result.tests) expect(typeof t.testId).toBe('string');
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
