// promptfoo records a thrown error as `String(err) + "\n\n" + err.stack`: the message twice, then every frame,
// half of them promptfoo's own. What names a failure is the message and the first frame of the code that
// threw (the provider, the grader, a transform); the rest only makes signatures noisy.

const FRAME = /^\s*at\s/;
/** promptfoo's own code and Node's: the frames every error shares. */
const SHARED_FRAME =
  /node_modules|node:internal|[\\/]promptfoo[\\/]dist[\\/]|\(<anonymous>\)|^\s*at\s+(?:async\s+)?Promise\.all/;
const MAX_MESSAGE_LINES = 3;
export const MAX_ERROR_CHARS = 20_000;

/** The lines before the stack, blank and repeated lines dropped. */
export function errorMessage(text: string): string {
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (FRAME.test(raw)) break;
    const line = raw.trimEnd();
    if (line.trim() === '' || lines.includes(line)) continue;
    lines.push(line);
  }
  return lines.join('\n');
}

/** The message (a few lines) and the frame that identifies where it was thrown, when there is a stack. */
export function trimmedError(text: string): string {
  const message = errorMessage(text).split('\n').slice(0, MAX_MESSAGE_LINES).join('\n');
  const frames = text.split(/\r?\n/).filter((l) => FRAME.test(l));
  const frame = frames.find((f) => !SHARED_FRAME.test(f)) ?? frames[0];
  const out = frame ? `${message}\n    ${frame.trim()}` : message;
  return out.length > MAX_ERROR_CHARS ? `${out.slice(0, MAX_ERROR_CHARS)}… [truncated]` : out;
}

export function firstLine(text: string, max = 300): string {
  const line = errorMessage(text).split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
