// V8 grows an empty array to room for 17 elements on the first push. Lists kept per test (attempts,
// evidence, tiers, findings) usually hold one to three items, so at 10,000 tests the spare room alone was
// several megabytes of the live heap (measured with a heap snapshot); a copy has exactly the room it needs.
// Most of them are empty: those are all one frozen array (an empty array is 32 bytes, and a 100,000-test
// batch held some 300,000 of them as read). Nothing adds to a list once it is kept, and frozen, a change
// would throw rather than reach every test.

const EMPTY: never[] = Object.freeze([]) as never[];

export function exactArray<T>(items: readonly T[]): T[] {
  return items.length === 0 ? EMPTY : items.slice();
}

/** The one empty list, for a list that starts out empty and is only ever replaced. */
export function emptyArray<T>(): T[] {
  return EMPTY;
}
