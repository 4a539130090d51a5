// The full collections the analysis worker is offered (AnalyzeOptions.collectGarbage: where much has just died,
// before the summary pages and before the per-test ones), run only in a heap large enough for them to lower
// the run's peak by much. On 10,000 tests the heap holds 45-50 MB there: a collection freed 16-22 MB of it for
// a pause of 33-41 ms on the analysis thread, the one the run waits on, and without them the run's peak is
// some 5 MB higher (168 against 164 MB median; the budget is 200). On 100,000 tests it holds 270-300 MB, the
// end of the pages can set the peak, and each frees 70-80 MB (bench/notes.md, the twenty-first round).

/** Used heap above which a full collection is worth its pause. */
export const COLLECT_ABOVE_BYTES = 128 * 1024 * 1024;

/** `gc`, run only while more than `limit` bytes of this thread's heap are in use; undefined without one. */
export function collectionsAbove(
  gc: (() => void) | undefined,
  limit = COLLECT_ABOVE_BYTES,
  heapUsed: () => number = () => process.memoryUsage().heapUsed,
): (() => void) | undefined {
  if (!gc) return undefined;
  return () => {
    if (heapUsed() > limit) gc();
  };
}
