// triage.json in pieces: the same text as JSON.stringify(result, null, 2) plus a newline, one piece per
// top-level field and per element of an array in the first two levels, so a 10,000-test result is never one
// 30 MB string.

const INDENT = '  ';

export function* triageJsonParts(value: unknown): Generator<string> {
  yield* parts(value, 0);
  yield '\n';
}

function* parts(value: unknown, depth: number): Generator<string> {
  // Deeper levels are small: one JSON.stringify each, re-indented (strings in JSON never hold a raw newline).
  // Arrays one level deeper still go element by element: comparison.tests and history.tests hold a row per
  // test, 5 MB and 1.5 MB of text at 10,000 tests.
  if (depth >= (Array.isArray(value) ? 3 : 2) || value === null || typeof value !== 'object' || hasToJson(value)) {
    yield stringifyAt(value, depth);
    return;
  }
  const pad = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${pad}${INDENT}`;
      // As JSON.stringify does: what has no JSON form is null inside an array.
      yield* jsonable(value[i]) ? parts(value[i], depth + 1) : ['null'];
    }
    yield `\n${pad}]`;
    return;
  }
  const keys = Object.keys(value).filter((k) => jsonable((value as Record<string, unknown>)[k]));
  if (keys.length === 0) return yield '{}';
  yield '{';
  for (let i = 0; i < keys.length; i++) {
    yield `${i === 0 ? '' : ','}\n${pad}${INDENT}${JSON.stringify(keys[i])}: `;
    yield* parts((value as Record<string, unknown>)[keys[i]!], depth + 1);
  }
  yield `\n${pad}}`;
}

/**
 * The value as JSON.stringify writes it `depth` levels down: stringified inside `depth` arrays and cut out of
 * them, which indents its lines as one pass of V8's own, where re-indenting them was a second pass over the
 * 30 MB of a 10,000-test triage.json.
 */
function stringifyAt(value: unknown, depth: number): string {
  if (depth === 0) return JSON.stringify(value, null, 2) ?? 'null';
  let wrapped: unknown = value;
  for (let d = 0; d < depth; d++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  const { open, close } = wrapperOf(depth);
  return text.slice(open, text.length - close);
}

const wrappers: { open: number; close: number }[] = [];

/** The lengths of what `depth` arrays add around their one element: `[\n  [\n    ` and `\n  ]\n]`. */
function wrapperOf(depth: number): { open: number; close: number } {
  let found = wrappers[depth];
  if (!found) {
    let open = 0;
    let close = 0;
    for (let d = 0; d < depth; d++) {
      open += 2 + INDENT.length * (d + 1);
      close += 2 + INDENT.length * d;
    }
    wrappers[depth] = found = { open, close };
  }
  return found;
}

const jsonable = (v: unknown) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
const hasToJson = (v: object) => typeof (v as { toJSON?: unknown }).toJSON === 'function';
