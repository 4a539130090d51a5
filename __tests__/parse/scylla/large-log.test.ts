import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { DirectorySource } from '../../../src/ingest/directory.js';
import { parseThreadLog } from '../../../src/parse/scylla/thread-log.js';
import { blockLines } from '../../helpers/batch-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'e2e-triage-biglog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 256 MB thread log', () => {
  it('streams with flat memory and still finds the blocks, the errors and the summary at its end', async () => {
    const file = join(dir, 'thread_logs', 'thread_0.log');
    mkdirSync(join(dir, 'thread_logs'));
    const fd = openSync(file, 'w');
    const lines = blockLines({
      testId: 'test-001',
      start: '2026-02-14T00:00:00+00:00',
      experiment: { cost: 1.5, bestTier: 'T0' },
      body: ['__BODY__'],
    });
    const at = lines.indexOf('__BODY__');
    writeSync(fd, `${lines.slice(0, at).join('\n')}\n`);
    const chatter = `${'2026-02-14 00:00:01 [INFO] scylla.e2e.subtest_executor: agent output line with some text in it\n'.repeat(10_000)}`;
    const chunks = Math.ceil((256 * 1024 * 1024) / chatter.length);
    for (let i = 0; i < chunks; i++) {
      writeSync(fd, chatter);
      if (i === Math.floor(chunks / 2)) {
        // Not UTF-8: a stray 0xff 0xfe inside the error line must not break anything.
        writeSync(
          fd,
          Buffer.concat([
            Buffer.from(
              '2026-02-14 00:00:02 [ERROR] scylla.e2e.parallel_executor: Worker exception for T0/01: KeyError: ',
            ),
            Buffer.from([0xff, 0xfe]),
            Buffer.from('\n'),
          ]),
        );
      }
    }
    writeSync(fd, `${lines.slice(at + 1).join('\n')}\n`);
    closeSync(fd);

    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const source = new DirectorySource(dir);
    const blocks = await parseThreadLog('thread_logs/thread_0.log', source.chunks('thread_logs/thread_0.log'));
    clearInterval(timer);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      testId: 'test-001',
      complete: true,
      experiment: { totalCost: 1.5, bestTier: 'T0' },
    });
    expect(blocks[0]!.errors.map((e) => e.kind)).toEqual(['worker']);
    expect(blocks[0]!.errors[0]!.line).toBeGreaterThan(1_000_000);
    expect(blocks[0]!.errors[0]!.text.endsWith('KeyError: \ufffd\ufffd')).toBe(true);
    expect((peak - before) / (1024 * 1024)).toBeLessThan(64);
  }, 120_000);
});
