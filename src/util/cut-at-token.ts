// Artifact text is cut to size in the parse stage, before credentials are redacted: a cut must never fall
// inside a token, or half a key could slip past the rules that recognise it whole. A credential is one token,
// so cutting at the last boundary keeps each one whole or leaves it out.

const BOUNDARY = /[\s,;'"`()[\]{}<>|]/;

/** At most `max` characters of `text`, ending before a token rather than inside one. */
export function cutAtToken(text: string, max: number): string {
  if (text.length <= max) return text;
  for (let i = max; i > 0; i--) if (BOUNDARY.test(text[i]!)) return text.slice(0, i);
  return text.slice(0, max);
}
