/**
 * Convex ends an action after 10 minutes; convex-test never does. Wrapping every action's handler
 * makes the embedded backend fail an over-long action the same way, so the workpool retries it
 * (or the run fails) exactly as on a deployment. JavaScript cannot stop the handler itself: its
 * result is ignored once the limit has passed.
 */
import { wrapRegisteredFunctions, type ModuleLoaders } from "./moduleMap";

/** Convex's limit for actions (Node and default runtime alike). */
export const CONVEX_ACTION_TIME_LIMIT_MS = 10 * 60 * 1000;

const WRAPPED = Symbol.for("atlas.embedded.actionTimeLimit");

export class ActionTimeoutError extends Error {
  constructor(limitMs: number) {
    super(`Action timed out: it ran longer than ${Math.round(limitMs / 1000)} s (Convex's limit for actions is 10 minutes)`);
    this.name = "ActionTimeoutError";
  }
}

/** The same loaders, with every exported action's handler raced against `limitMs`. */
export function withActionTimeLimit(loaders: ModuleLoaders, limitMs: number, runOutsideFunctions: <R>(callback: () => R) => R): ModuleLoaders {
  return wrapRegisteredFunctions(loaders, WRAPPED, (fn) => {
    if (!fn.isAction) return;
    const inner = fn._handler;
    fn._handler = (ctx, args) =>
      new Promise((resolve, reject) => {
        const timer = runOutsideFunctions(() => setTimeout(() => reject(new ActionTimeoutError(limitMs)), limitMs));
        (timer as { unref?: () => void }).unref?.();
        inner(ctx, args).then(
          (result) => {
            clearTimeout(timer);
            resolve(result);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
  });
}
