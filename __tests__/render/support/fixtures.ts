// The TriageResult fixtures under __tests__/render/fixtures/<case>/triage.json.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { TriageResult } from '../../../src/model.js';

export function fixture(name: 'mixed' | 'sample' | 'hostile' | 'compared'): TriageResult {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', name, 'triage.json'), 'utf8')) as TriageResult;
}
