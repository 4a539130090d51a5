// action.yml declares exactly the inputs the action reads (INPUT_NAMES) and the outputs it sets (OUTPUT_NAMES).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { INPUT_NAMES } from '../../src/inputs.js';
import { OUTPUT_NAMES } from '../../src/publish/outputs.js';

interface ActionInput {
  description?: unknown;
  default?: unknown;
  required?: unknown;
}

interface ActionMetadata {
  name?: unknown;
  description?: unknown;
  inputs?: Record<string, ActionInput>;
  outputs?: Record<string, { description?: unknown }>;
  runs?: { using?: unknown; main?: unknown };
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionMetadata;
const sorted = (names: Iterable<string>) => [...names].sort();

describe('action.yml', () => {
  it('runs dist/index.js on node24 and has a name and a description', () => {
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/index.js' });
    expect(action.name).toEqual(expect.any(String));
    expect(action.description).toEqual(expect.any(String));
  });

  it('declares every input src/inputs.ts reads, and no other', () => {
    const declared = Object.keys(action.inputs ?? {});
    expect(sorted(declared)).toEqual(sorted(INPUT_NAMES));
    expect(new Set(INPUT_NAMES).size).toBe(INPUT_NAMES.length);
  });

  it('describes every input; every default is a string', () => {
    for (const [name, input] of Object.entries(action.inputs ?? {})) {
      expect(typeof input.description, `${name}: description`).toBe('string');
      expect(String(input.description).trim(), `${name}: description`).not.toBe('');
      if ('default' in input) expect(typeof input.default, `${name}: default ${String(input.default)}`).toBe('string');
      if ('required' in input) expect(typeof input.required, `${name}: required`).toBe('boolean');
    }
  });

  it('declares every output src/publish/outputs.ts sets, and no other, each described', () => {
    const declared = action.outputs ?? {};
    expect(sorted(Object.keys(declared))).toEqual(sorted(OUTPUT_NAMES));
    expect(new Set(OUTPUT_NAMES).size).toBe(OUTPUT_NAMES.length);
    for (const [name, output] of Object.entries(declared)) {
      expect(typeof output.description, `${name}: description`).toBe('string');
    }
  });
});
