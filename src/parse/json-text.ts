// A JSON file's text as parse/ takes it: whole, or as pieces read one after the other when asked for (ingest
// reads a large file in small pieces, so that it is never held at once). Pieces can be asked for again.

export type JsonText = string | (() => Iterable<string>);

export function textPieces(json: JsonText): Iterable<string> {
  return typeof json === 'string' ? [json] : json();
}

export function wholeText(json: JsonText): string {
  return typeof json === 'string' ? json : [...json()].join('');
}
