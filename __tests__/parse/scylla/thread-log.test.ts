import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

import {
  assignSessions,
  parseThreadLog,
  threadFromFileName,
  type LogBlock,
} from '../../../src/parse/scylla/thread-log.js';
import { blockLines } from '../../helpers/batch-builder.js';
import { bytesInPieces } from '../../helpers/memory-source.js';

async function* chunksOf(text: string, size = 777): AsyncIterable<Buffer> {
  yield* bytesInPieces(Buffer.from(text), size);
}

const parse = (text: string, file = 'thread_logs/thread_0.log') => parseThreadLog(file, chunksOf(text));
const join = (...parts: string[][]) => `${parts.flat().join('\n')}\n`;

describe('parseThreadLog', () => {
  it('reads the framing, the footer and the EXPERIMENT COMPLETE block', async () => {
    const text = join(
      blockLines({
        testId: 'test-001',
        start: '2026-02-14T00:28:00.123456+00:00',
        duration: 549.9,
        experiment: {
          cost: 1.0112,
          bestTier: 'T5',
          tiers: [
            { tier: 'T0', pass: true, score: 0.973, cost: 0.1351 },
            { tier: 'T5', pass: true, score: 0.983, cost: 0.0653 },
          ],
        },
      }),
      blockLines({ testId: 'test-002', start: '2026-02-14T00:37:10+00:00', duration: 12, experiment: { cost: 0 } }),
    );
    const [a, b] = await parse(text);
    expect(a).toMatchObject({
      testId: 'test-001',
      thread: 0,
      line: 3,
      startedAt: '2026-02-14T00:28:00.123456+00:00',
      durationSeconds: 549.9,
      exitCode: 0,
      complete: true,
      experiment: {
        totalCost: 1.0112,
        bestTier: 'T5',
        bestSubtest: '00',
        noPassingResults: false,
        durationSeconds: 100,
      },
    });
    // The runner's flags without the test's own folder: the same for both blocks, held once.
    expect(a!.flags).toBe(
      '/home/u/.pixi/bin/pixi run python scripts/run_e2e_experiment.py --tiers T0 --runs 1 --model haiku --results-dir /home/u/dryrun',
    );
    expect(b!.flags).toBe(a!.flags);
    expect(a!.experiment!.tiers).toEqual([
      { tier: 'T0', passed: true, score: 0.973, cost: 0.1351 },
      { tier: 'T5', passed: true, score: 0.983, cost: 0.0653 },
    ]);
    expect(b!.experiment).toMatchObject({ totalCost: 0, bestTier: null, noPassingResults: true });
  });

  it('keeps the final exception line of a traceback with its continuation lines', async () => {
    const text = join(
      blockLines({
        testId: 'test-007',
        start: '2026-02-20T15:00:27+00:00',
        exit: 1,
        body: [
          '2026-02-20 07:00:27 [INFO] __main__: Starting experiment: test-007',
          '2026-02-20 07:00:30 [ERROR] __main__: Experiment failed: Failed to create worktree',
          'Traceback (most recent call last):',
          '  File "/x/workspace_setup.py", line 88, in create',
          '    raise RuntimeError(msg)',
          "RuntimeError: Failed to create worktree even after cleanup: Preparing worktree (new branch 'T0_00_run_01')",
          "fatal: a branch named 'T0_00_run_01' already exists",
          '2026-02-20 07:00:31 [INFO] __main__: done',
        ],
      }),
    );
    const [block] = await parse(text);
    expect(block!.errors).toEqual([
      {
        line: 8,
        kind: 'error-line',
        text: '2026-02-20 07:00:30 [ERROR] __main__: Experiment failed: Failed to create worktree',
      },
      {
        line: 12,
        kind: 'exception',
        text: "RuntimeError: Failed to create worktree even after cleanup: Preparing worktree (new branch 'T0_00_run_01')\nfatal: a branch named 'T0_00_run_01' already exists",
      },
    ]);
  });

  it('attaches pydantic detail lines, and marks worker exceptions and launch errors', async () => {
    const text = join(
      blockLines({
        testId: 'test-003',
        start: '2026-02-14T13:59:00+00:00',
        body: [
          '2026-02-14 06:01:53 [ERROR] scylla.e2e.parallel_executor: Worker exception for T0/02: ValidationError: 1 validation error for RunResult',
          'Traceback (most recent call last):',
          '  File "/x/parallel_executor.py", line 1, in run',
          'pydantic_core._pydantic_core.ValidationError: 1 validation error for RunResult',
          'criteria_scores',
          '  Input should be a valid dictionary [type=dict_type, input_value=None, input_type=NoneType]',
          '',
        ],
      }),
      blockLines({
        testId: 'test-004',
        start: '2026-02-14T13:59:20+00:00',
        duration: 0,
        exit: -1,
        body: ["ERROR: [Errno 2] No such file or directory: 'pixi'"],
      }),
    );
    const [a, b] = await parse(text);
    expect(a!.errors.map((e) => e.kind)).toEqual(['worker', 'exception']);
    expect(a!.errors[1]!.text.split('\n')).toEqual([
      'pydantic_core._pydantic_core.ValidationError: 1 validation error for RunResult',
      'criteria_scores',
      '  Input should be a valid dictionary [type=dict_type, input_value=None, input_type=NoneType]',
    ]);
    expect(b).toMatchObject({
      exitCode: -1,
      durationSeconds: 0,
      errors: [{ kind: 'launch', text: "ERROR: [Errno 2] No such file or directory: 'pixi'" }],
    });
  });

  it('handles a killed session, an UNEXPECTED ERROR after a footer, and child output that looks like framing', async () => {
    const text = join(
      blockLines({
        testId: 'test-001',
        start: '2026-02-14T00:28:00+00:00',
        unexpected: "OSError: [Errno 28] No space left on device: 'batch_summary.json.tmp.1'",
      }),
      blockLines({
        testId: 'test-002',
        start: '2026-02-14T00:28:10+00:00',
        killed: true,
        body: ['='.repeat(70), 'progress: 50%', '='.repeat(70)],
      }),
      blockLines({ testId: 'test-002', start: '2026-02-14T11:16:00+00:00', duration: 3, exit: 1 }),
    );
    const blocks = await parse(text);
    expect(blocks.map((b) => [b.testId, b.complete, b.exitCode])).toEqual([
      ['test-001', true, 0],
      ['test-002', false, null],
      ['test-002', true, 1],
    ]);
    expect(blocks[0]!.errors).toEqual([
      expect.objectContaining({ kind: 'unexpected', text: expect.stringMatching(/^UNEXPECTED ERROR: OSError/) }),
    ]);
  });

  it('cleans CRLF, ANSI colours and NUL bytes, and caps a 5 MB line', async () => {
    const body = [
      '\u001b[31m2026-02-14 06:01:53 [ERROR] x: boom\u0000\u001b[0m',
      `2026-02-14 06:01:54 [ERROR] x: ${'y'.repeat(5_000_000)}`,
    ];
    const text = join(blockLines({ testId: 'test-009', start: '2026-02-14T00:28:00+00:00', exit: 1, body })).replaceAll(
      '\n',
      '\r\n',
    );
    const [block] = await parse(text);
    expect(block).toMatchObject({ testId: 'test-009', exitCode: 1, complete: true });
    expect(block!.errors[0]!.text).toBe('2026-02-14 06:01:53 [ERROR] x: boom');
    expect(block!.errors[1]!.text.length).toBeLessThan(2100);
    expect(block!.errors[1]!.text.endsWith('… [truncated]')).toBe(true);
  });

  it('keeps the first and last 20 error lines of a block and says how many it dropped', async () => {
    const body = Array.from({ length: 1000 }, (_, i) => `2026-02-14 06:01:53 [ERROR] x: error ${i}`);
    const [block] = await parse(join(blockLines({ testId: 'test-010', start: '2026-02-14T00:28:00+00:00', body })));
    expect(block!.errors).toHaveLength(41);
    expect(block!.errors[20]!.text).toBe('… 960 more error lines omitted');
    expect(block!.errors.at(-1)!.text).toMatch(/error 999$/);
  });

  it('recognises rate-limit wording without flagging every number 429', async () => {
    const body = [
      'processed 429 files',
      "2026-02-14 06:01:53 [WARNING] scylla.e2e.rate_limit: Rate limit in worker for T0/00: You've hit your limit · resets 6am",
    ];
    const [block] = await parse(join(blockLines({ testId: 'test-011', start: '2026-02-14T00:28:00+00:00', body })));
    expect(block!.errors.map((e) => e.kind)).toEqual(['rate-limit']);
  });

  it('never throws and never loses a block when random lines are mixed into the bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ maxLength: 80 }), { maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        async (bodies) => {
          const text = join(
            ...bodies.map((body, i) =>
              blockLines({
                testId: `test-${i}`,
                start: `2026-02-14T00:${String(10 + i).padStart(2, '0')}:00+00:00`,
                body: body.map((l) => l.replace(/\n/g, ' ')),
              }),
            ),
          );
          const blocks = await parse(text);
          expect(blocks.map((b) => b.testId)).toEqual(bodies.map((_, i) => `test-${i}`));
          expect(blocks.every((b) => b.complete)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the same blocks when the source refills one buffer for every chunk', async () => {
    // DirectorySource reuses its read buffer: nothing may keep pointing into a chunk once the next is read.
    async function* reused(text: string, size: number): AsyncIterable<Buffer> {
      const bytes = Buffer.from(text);
      const buffer = Buffer.alloc(size);
      for (let i = 0; i < bytes.length; i += size) {
        const n = bytes.copy(buffer, 0, i, i + size);
        yield buffer.subarray(0, n);
        buffer.fill(0x21); // what a stale reference would now read: '!!!!'
      }
    }
    const longLine = `2026-02-14 00:10:01 [ERROR] ${'x'.repeat(3000)} Traceback tail`;
    const text = join(
      blockLines({ testId: 'test-1', start: '2026-02-14T00:10:00+00:00', body: [longLine, 'Error: one'] }),
      blockLines({ testId: 'test-2', start: '2026-02-14T00:11:00+00:00', body: ['rate limit hit', 'fatal: two'] }),
    ).slice(0, -1); // no newline at the end: the last line is carried over
    for (const size of [7, 64, 1000, 4096]) {
      const fresh = await parseThreadLog('thread_logs/thread_0.log', chunksOf(text, size));
      const refilled = await parseThreadLog('thread_logs/thread_0.log', reused(text, size));
      expect(refilled).toEqual(fresh);
      expect(JSON.stringify(refilled)).not.toContain('!!!');
    }
  });
});

describe('assignSessions', () => {
  const block = (file: string, start: string, end: string | null, flags = 'pixi run x --runs 1'): LogBlock => ({
    file,
    thread: threadFromFileName(file),
    testId: 't',
    line: 1,
    startedAt: start,
    completedAt: end,
    durationSeconds: null,
    exitCode: 0,
    flags,
    complete: end !== null,
    experiment: null,
    errors: [],
    session: 0,
  });

  it('numbers sessions across thread files by idle gaps and command changes', () => {
    const blocks = [
      block('thread_logs/thread_0.log', '2026-02-14T00:28:00Z', '2026-02-14T00:40:00Z'),
      block('thread_logs/thread_1.log', '2026-02-14T00:28:00.5Z', '2026-02-14T00:50:00Z'),
      block('thread_logs/thread_0.log', '2026-02-14T00:40:00.2Z', '2026-02-14T00:45:00Z'),
      block('thread_logs/thread_0.log', '2026-02-14T11:16:00Z', '2026-02-14T11:16:00Z'),
      block('thread_logs/thread_1.log', '2026-02-14T11:16:00.1Z', '2026-02-14T11:16:00.1Z'),
      block('thread_logs/thread_0.log', '2026-02-14T11:16:01Z', '2026-02-14T11:17:00Z', 'pixi run x --runs 3'),
      block('thread_logs/thread_1.log', '2026-02-14T13:59:00Z', null),
    ];
    expect(assignSessions(blocks)).toBe(4);
    expect(blocks.map((b) => b.session)).toEqual([1, 1, 1, 2, 2, 3, 4]);
  });

  it('reads the thread index from the file name', () => {
    expect(threadFromFileName('thread_logs/thread_12.log')).toBe(12);
    expect(threadFromFileName('thread_logs/other.log')).toBeNull();
  });
});
