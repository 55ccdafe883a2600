import { convexToJson, type JSONValue, type Value } from "convex/values";
import { FunctionCallError } from "./runtime";

/** What a deployment sends back when a function throws: the message, and a ConvexError's data for the client. */
export type FunctionFailure = { errorMessage: string; errorData?: JSONValue; expected: boolean };

function isConvexError(error: unknown): error is Error & { data: Value } {
  return typeof error === "object" && error !== null && Symbol.for("ConvexError") in error;
}

export function describeFailure(error: unknown): FunctionFailure {
  if (isConvexError(error)) {
    return { errorMessage: `Uncaught ConvexError: ${error.message}`, errorData: convexToJson(error.data), expected: true };
  }
  if (error instanceof FunctionCallError) return { errorMessage: error.message, expected: true };
  if (error instanceof Error) return { errorMessage: `Uncaught ${error.name}: ${error.message}`, expected: false };
  return { errorMessage: `Uncaught ${String(error)}`, expected: false };
}
