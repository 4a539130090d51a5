import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { findBaselineFile, textInPieces } from '../../src/ingest/baseline-file.js';
import { wholeText } from '../../src/parse/json-text.js';

describe('a previous triage.json read in pieces', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'e2e-triage-pieces-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('decodes characters cut by a piece boundary, and can be read again', () => {
    const dir = mkdtempSync(join(work, 'cut-'));
    // 'é' (2 bytes) and '😀' (4 bytes) straddle the 1 MiB piece boundary.
    const text = `${'a'.repeat(1024 * 1024 - 1)}é${'b'.repeat(1024 * 1024 - 2)}😀c`;
    writeFileSync(join(dir, 'triage.json'), text);
    const pieces = textInPieces(join(dir, 'triage.json'))!;
    expect(typeof pieces).toBe('function');
    expect([...(pieces as () => Iterable<string>)()].length).toBeGreaterThan(1);
    expect(wholeText(pieces)).toBe(text);
    expect(wholeText(pieces)).toBe(text);
  });

  it('finds triage.json in a folder or its analysis/ folder, and nothing where there is none', () => {
    const dir = mkdtempSync(join(work, 'find-'));
    mkdirSync(join(dir, 'analysis'));
    writeFileSync(join(dir, 'analysis', 'triage.json'), '{"tests":[]}');
    const found = findBaselineFile(dir)!;
    expect(found.file).toBe(join(dir, 'analysis', 'triage.json'));
    expect(wholeText(found.text)).toBe('{"tests":[]}');
    expect(findBaselineFile(join(dir, 'missing'))).toBeNull();
    expect(findBaselineFile(join(dir, 'analysis', 'nothing.json'))).toBeNull();
    // A folder named like the file is not a file.
    mkdirSync(join(dir, 'other', 'triage.json'), { recursive: true });
    expect(findBaselineFile(join(dir, 'other'))).toBeNull();
  });
});
