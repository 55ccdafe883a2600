import { type ErrorCode, isErrorCode } from "../../lib/errorCodes";
import { errorFirstLine } from "../../lib/errorText";

/**
 * The message to show for a failed Convex call. Expected failures are
 * ConvexError({code, message}); anything else gets a generic sentence, since
 * server error text ("[CONVEX M(...)] [Request ID: …] Server Error") is not for users.
 */
export function userErrorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "data" in error) {
    const data = (error as { data: unknown }).data;
    if (typeof data === "string" && data) return data;
    if (typeof data === "object" && data !== null && "message" in data) {
      const message = (data as { message: unknown }).message;
      if (typeof message === "string" && message) return message;
    }
  }
  if (error instanceof Error && /failed to fetch|network|websocket/i.test(error.message)) {
    return "Cannot reach the backend. Check that it is running, then try again.";
  }
  return "Something went wrong on the server. Please try again.";
}

/** The ConvexError code, when it is one of ours (lib/errorCodes.ts), e.g. "INVALID_NUM_LEADS". */
export function userErrorCode(error: unknown): ErrorCode | undefined {
  if (typeof error === "object" && error !== null && "data" in error) {
    const data = (error as { data: unknown }).data;
    if (typeof data === "object" && data !== null && "code" in data) {
      const code = (data as { code: unknown }).code;
      if (isErrorCode(code)) return code;
    }
  }
  return undefined;
}

/**
 * A stored error or event text cut to its first line and `max` characters,
 * so a stack trace saved by the backend does not flood the timeline.
 */
export function briefText(text: string, max = 160): string {
  // Errors re-thrown through the workflow read "Error: X at run (/path…)"; keep "X".
  const clean = errorFirstLine(text, "");
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}
