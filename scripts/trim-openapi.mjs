#!/usr/bin/env node
// Extracts the operations the action calls (plus every component they reference) from GitHub's published
// OpenAPI description (@octokit/openapi), so the test stand-in loads in milliseconds. Also applies the two
// fix-ups openapi-backend needs: `nullable` without `type` becomes anyOf [schema, null].
//   node scripts/trim-openapi.mjs [--check]

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const OPERATIONS = [
  'actions/list-workflow-run-artifacts',
  'actions/download-artifact',
  'repos/get',
  'repos/get-branch',
  'repos/get-content',
  'git/get-tree',
  'git/get-blob',
  'git/create-blob',
  'git/create-tree',
  'git/create-commit',
  'git/create-ref',
  'git/update-ref',
  'pulls/list',
  'issues/list-comments',
  'issues/create-comment',
  'issues/update-comment',
  'users/get-authenticated',
];
const OUT = '__tests__/support/github-openapi.trimmed.json';

export function trim(spec) {
  const paths = {};
  const wanted = new Set(OPERATIONS);
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && wanted.has(op.operationId)) {
        paths[path] ??= {};
        paths[path][method] = op;
        if (item.parameters) paths[path].parameters = item.parameters;
      }
    }
  }
  const components = {};
  const seen = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
      seen.add(node.$ref);
      const [, , section, name] = node.$ref.split('/');
      const target = spec.components[section][name];
      components[section] ??= {};
      components[section][name] = target;
      visit(target);
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(paths);
  const out = structuredClone({ openapi: spec.openapi, info: spec.info, servers: spec.servers, paths, components });
  fixNullable(out);
  // GitHub's body schemas allow unknown keys; ours refuse them, so a typo'd field fails the test.
  for (const item of Object.values(out.paths)) {
    for (const op of Object.values(item)) {
      const schema = op?.requestBody?.content?.['application/json']?.schema;
      if (schema?.type === 'object' && schema.properties) schema.additionalProperties = false;
    }
  }
  return out;
}

function fixNullable(node) {
  if (Array.isArray(node)) return node.forEach(fixNullable);
  if (!node || typeof node !== 'object') return;
  for (const value of Object.values(node)) fixNullable(value);
  if (node.nullable === true && node.type === undefined) {
    const copy = { ...node };
    delete copy.nullable;
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [copy, { enum: [null] }];
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const require = createRequire(import.meta.url);
  const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'));
  const text = `${JSON.stringify(trim(spec))}\n`;
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT, 'utf8') !== text) {
      console.error(`${OUT} is out of date: run node scripts/trim-openapi.mjs`);
      process.exit(1);
    }
  } else writeFileSync(OUT, text);
  console.log(`${OUT}: ${Object.keys(trim(spec).paths).length} paths`);
}
