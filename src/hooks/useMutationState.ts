import { useCallback, useState } from "react";
import { userErrorMessage } from "../lib/errorMessage";

/**
 * The busy/error state of a button that calls the backend: `run(kind, action)` marks `kind` busy, clears the
 * last error, awaits the action and keeps the error's user-facing message (ConvexError message, or a generic
 * sentence). Resolves with the action's result, or undefined when it failed.
 */
export function useMutationState<Kind extends string = "default">() {
  const [busy, setBusy] = useState<Kind>();
  const [error, setError] = useState<string>();
  const run = useCallback(async <T>(kind: Kind, action: () => Promise<T>, onError?: (error: unknown) => boolean): Promise<T | undefined> => {
    setBusy(kind);
    setError(undefined);
    try {
      return await action();
    } catch (e) {
      // `onError` may handle the error itself (e.g. show it beside a field) by returning true.
      if (!onError?.(e)) setError(userErrorMessage(e));
      return undefined;
    } finally {
      setBusy(undefined);
    }
  }, []);
  return { busy, error, run, setError };
}
