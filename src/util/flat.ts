// Text kept for every test of a batch (a quoted line, a file's path) is built with `flat` rather than as a
// template literal. V8 makes a template literal of 13 characters or more into a tree of its pieces (a
// ConsString), kept as such: a 40-character line built from 7 pieces held some 270 bytes, the same text joined
// holds 72, and joining is also the faster of the two (200,000 such lines: 18 against 54 MB live, 0.21
// against 0.27-0.32 s). Measured in bench/notes.md, the twenty-third round.

/** As the template literal would read, with the same text: each value converted as a template converts it. */
export function flat(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  const parts = new Array<string>(strings.length + values.length);
  for (let i = 0; i < values.length; i++) {
    parts[2 * i] = strings[i]!;
    parts[2 * i + 1] = `${values[i] as string}`;
  }
  parts[parts.length - 1] = strings[values.length]!;
  return parts.join('');
}
