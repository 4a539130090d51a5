// The analysis worker's full collections (full-collections.ts): run only in a heap large enough for them to
// lower the run's peak, with the collection V8 gives or none.

import { describe, expect, it } from 'vitest';

import { COLLECT_ABOVE_BYTES, collectionsAbove } from '../../src/full-collections.js';

describe('collectionsAbove', () => {
  it('collects while more than the limit is in use, and not at or under it', () => {
    let used = 0;
    let collections = 0;
    const collect = collectionsAbove(
      () => collections++,
      100,
      () => used,
    )!;
    used = 50;
    collect();
    used = 100;
    collect();
    expect(collections).toBe(0);
    used = 101;
    collect();
    expect(collections).toBe(1);
  });

  it('offers no collection where V8 gives none', () => {
    expect(collectionsAbove(undefined)).toBeUndefined();
  });

  it("judges this thread's heap by default, against 128 MB", () => {
    let collections = 0;
    collectionsAbove(() => collections++)!();
    // A test thread holds far less than the limit.
    expect(process.memoryUsage().heapUsed).toBeLessThan(COLLECT_ABOVE_BYTES);
    expect(collections).toBe(0);
    collectionsAbove(() => collections++, 0)!();
    expect(collections).toBe(1);
  });
});
