/**
 * Error text, one way: the message of a thrown value, and a stored error cut to what a user reads (its first
 * line, without the runtime's "Uncaught Error:" prefix or a stack trace). Used by the workflows, their
 * onComplete handlers and the dashboard.
 */

/** The message of a thrown value: an Error's message, or the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A stored error's first line without the runtime's "Uncaught Error: " / "TypeError: " prefix and a stack
 * trace appended on the same line ("… at run (/path/file.ts:1:2)"); `fallback` when nothing is left.
 */
export function errorFirstLine(text: string, fallback = "Unknown error"): string {
  const firstLine = text.trim().split(/\r?\n/, 1)[0] ?? "";
  const clean = firstLine
    .replace(/\s+at\s+(async\s+)?\S+\s+\(.*$/, "")
    .replace(/^(Uncaught\s+)?(\w*Error):\s*/, "")
    .trim();
  return clean || firstLine.trim() || fallback;
}
