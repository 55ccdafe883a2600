import { useCallback, useState } from "react";
import { userErrorMessage } from "../lib/errorMessage";

/**
 * The busy/error state of a button or form that calls the backend: `run(kind, action)` marks `kind` busy, clears
 * the last error, awaits the action and keeps the error's user-facing message (ConvexError message, or a generic
 * sentence). Resolves with the action's result, or undefined when it failed. `onError` may take the error over:
 * return true when it showed the error itself (e.g. beside a field), or the message to show instead.
 */
export function useMutationState<Kind extends string = "default">() {
  const [busy, setBusy] = useState<Kind>();
  const [error, setError] = useState<string>();
  const run = useCallback(async <T>(kind: Kind, action: () => Promise<T>, onError?: (error: unknown) => boolean | string): Promise<T | undefined> => {
    setBusy(kind);
    setError(undefined);
    try {
      return await action();
    } catch (e) {
      const handled = onError?.(e);
      if (typeof handled === "string") setError(handled);
      else if (!handled) setError(userErrorMessage(e));
      return undefined;
    } finally {
      setBusy(undefined);
    }
  }, []);
  return { busy, error, run, setError };
}
