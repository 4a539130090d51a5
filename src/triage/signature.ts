// Two failures share a root cause when their error text matches once the incidental parts are gone:
// timestamps, paths, line numbers, ids, numbers and generated names. Names without digits ('TierConfig',
// 'pixi') are kept: they are what tells one bug from another.

const MAX_SIGNATURE = 300;
const MAX_LINES = 3;

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const LOG_PREFIX = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\s+\[[A-Z]+\]\s+(?:\[[^\]]*\]\s+)*[\w.]+:\s+/;
const BRACKET_TS = /^\[\d{4}-\d{2}-\d{2}T[^\]]*\]\s*/;
const ISO_TS = /\d{4}-\d{2}-\d{2}[T ]\d{2}[:-]\d{2}[:-]\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** A memory address in a repr (`<Future at 0x7f8a1c2b3d40 state=finished>`). */
const ADDRESS = /\b0x[0-9a-f]+\b/gi;
/** A hex id: letters and digits both. A run of digits alone is a number, whatever its length (`0.8333333333333334`). */
const HEX = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi;
const URL = /\bhttps?:\/\/\S+/g;
const ABS_PATH = /(?<![\w.-])(?:[A-Za-z]:)?(?:[\\/][\w.@~+-]+){2,}[\\/]?/g;
const REL_PATH = /\b[\w.-]+(?:\/[\w.-]+)+\.\w+\b/g;
const LINE_NO = /\bline \d+\b/g;
const TEST_ID = /\btest-[\w-]*\d[\w-]*/g;
const QUOTED = /(['"`])((?:(?!\1).){0,200}?)\1/g;
const NUMBER = /\d+(?:\.\d+)?/g;

export function normalizeSignature(text: string): string {
  const lines = text
    .replace(ANSI, '')
    .split(/\r?\n/)
    .map((line) => line.replace(BRACKET_TS, '').replace(LOG_PREFIX, '').trim())
    .filter((line) => line !== '' && !/^Traceback \(most recent call last\)/.test(line))
    .slice(0, MAX_LINES);
  let s = lines.join(' | ');
  s = s
    .replace(URL, '<url>')
    .replace(ABS_PATH, '<path>')
    .replace(REL_PATH, '<path>')
    .replace(ISO_TS, '<ts>')
    .replace(UUID, '<id>')
    .replace(ADDRESS, '<addr>')
    .replace(LINE_NO, 'line <n>')
    .replace(TEST_ID, '<test>')
    // Quoted text with digits, slashes or length is generated (branch names, paths); plain names stay.
    .replace(QUOTED, (whole, _q: string, inner: string) =>
      /[\d/\\]/.test(inner) || inner.length > 40 || inner.includes('<') ? '<q>' : whole,
    )
    .replace(HEX, '<id>')
    .replace(NUMBER, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > MAX_SIGNATURE ? `${s.slice(0, MAX_SIGNATURE)}…` : s;
}

/** Clustering key: case and punctuation noise ignored (git changed 'A branch' to 'a branch'). */
export function signatureKey(signature: string): string {
  return signature.toLowerCase();
}
