/**
 * Opt-in timeline of what the embedded backend spends its time on (EMBEDDED_TRACE_FILE=<file>): every
 * function's handler (app and components, with its nesting depth), the wait for convex-test's one-at-a-time
 * transaction lock, each top-level commit's own work (write-ahead log append, waking the sync hub and
 * the workpool loop) and each subscribed-query refresh pass. Written as JSON lines when the backend closes;
 * bench 6 reads it to say where a run's workflow overhead goes. Off by default: nothing is wrapped then.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { writeFileSync } from "node:fs";
import { wrapRegisteredFunctions, type ModuleLoaders } from "./moduleMap";

export type TraceEvent =
  /** A function's handler ran from t0 to t1 (ms since the epoch, sub-ms precision); depth 1 is top-level. */
  | { k: "fn"; name: string; kind: "query" | "mutation" | "action"; t0: number; t1: number; depth: number; ok: boolean }
  /** A top-level transaction waited `t1 - t0` for the transaction lock. */
  | { k: "lock"; t0: number; t1: number }
  /** A top-level commit's listeners (log append, notifications) ran from t0 to t1. */
  | { k: "commit"; t0: number; t1: number; docs: number }
  /** One sync session's refresh pass (re-running its subscribed queries, sending the changes). */
  | { k: "refresh"; t0: number; t1: number };

const WRAPPED = Symbol.for("atlas.embedded.functionTrace");

/** Wall-clock milliseconds with sub-millisecond precision (comparable with the app's Date.now() timestamps). */
export function traceNow(): number {
  return performance.timeOrigin + performance.now();
}

export class FunctionTrace {
  readonly events: TraceEvent[] = [];
  /** The enclosing handler call; a call from a timer its parent armed (a scheduled function) finds the parent closed. */
  private readonly parent = new AsyncLocalStorage<{ open: boolean; depth: number }>();

  constructor(private readonly file: string) {}

  /** From EMBEDDED_TRACE_FILE, or null (tracing off). */
  static fromEnv(): FunctionTrace | null {
    const file = process.env.EMBEDDED_TRACE_FILE;
    return file ? new FunctionTrace(file) : null;
  }

  record(event: TraceEvent): void {
    this.events.push(event);
  }

  /** The same loaders, each exported function's handler timed. `prefix` names the component ("workflow/workpool/"). */
  wrapModules(loaders: ModuleLoaders, prefix: string): ModuleLoaders {
    return wrapRegisteredFunctions(loaders, WRAPPED, (fn, udfPath) => {
      const kind = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : null;
      if (kind === null) return;
      const inner = fn._handler;
      const name = `${prefix}${udfPath}`;
      fn._handler = async (ctx, args) => {
        const enclosing = this.parent.getStore();
        const depth = enclosing?.open ? enclosing.depth + 1 : 1;
        const frame = { open: true, depth };
        const t0 = traceNow();
        let ok = false;
        try {
          const result = await this.parent.run(frame, () => inner(ctx, args));
          ok = true;
          return result;
        } finally {
          frame.open = false;
          this.record({ k: "fn", name, kind, t0, t1: traceNow(), depth, ok });
        }
      };
    });
  }

  /** Writes the events collected so far (JSON lines). */
  flush(): void {
    writeFileSync(this.file, this.events.map((event) => JSON.stringify(event)).join("\n") + "\n");
  }
}
