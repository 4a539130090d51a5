// One word for a POSIX shell: left bare when it holds only characters no shell treats specially (as Python's
// shlex.quote does), else single-quoted with every ' closed, escaped and reopened.

export const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
