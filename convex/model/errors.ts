import { ConvexError, type Value } from "convex/values";
import type { ErrorCode } from "../../lib/errorCodes";

/** What a user-actionable error carries: a code from lib/errorCodes.ts, a sentence to show, and any extra fields. */
export type UserErrorData = { code: ErrorCode; message: string; [extra: string]: Value };

/** The one way a function fails with an error the user can act on (ESLint keeps `new ConvexError` here). */
export function userError<D extends UserErrorData>(data: D): ConvexError<D> {
  return new ConvexError(data);
}
