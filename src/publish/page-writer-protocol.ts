// What the page writer's two sides share (page-writer-thread.ts, page-writer-worker.ts): the messages and the
// counters, kept apart so that the thread's bundle holds nothing of the analysis.

/** A page for the thread, or `null`: nothing more is coming. */
export type PageMessage = [target: string, mode: number, content: string] | null;

/** What the thread sends back: why the first page it could not write failed. */
export interface PageFailure {
  message: string;
  code: string | undefined;
  /** An InputError (a folder in the way): reported without "unexpected error". */
  input: boolean;
}

/** Indexes into the shared counters: messages sent (the end included), pages done (written or failed). */
export const SENT = 0;
export const DONE = 1;
export const COUNTERS = 2;
