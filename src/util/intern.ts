// Values a batch repeats on every test (a tier's name, a best tier, a sub-test) arrive as a new string each
// time they are read: JSON.parse and a regular expression's groups make their own copies, some 24 bytes each,
// and a 100,000-test batch holds hundreds of thousands of them. One string per value keeps one copy.
// Bounded, so that a batch with a new value in every row (test ids, or a hostile one) cannot grow it.

const MAX_VALUES = 4096;
const MAX_LENGTH = 64;
const values = new Map<string, string>();

/** The first copy of `value` kept in `seen`: a caller's own table, for values that are all kept anyway. */
export function firstCopy(seen: Map<string, string>, value: string): string {
  const known = seen.get(value);
  if (known !== undefined) return known;
  seen.set(value, value);
  return value;
}

export function intern<T extends string | null>(value: T): T {
  if (value === null || value.length > MAX_LENGTH) return value;
  const known = values.get(value);
  if (known !== undefined) return known as T;
  if (values.size < MAX_VALUES) values.set(value, value);
  return value;
}
