/// <reference types="vite/client" />
import workflowComponent from "@convex-dev/workflow/test";
import { convexTest } from "convex-test";
import { vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import schema from "../../convex/schema";

export const modules = import.meta.glob("../../convex/**/*.*s");

/** convex-test with the workflow (and its workpool) component registered, as the workflow repo's tests do. */
export function initConvexTest() {
  const t = convexTest(schema, modules);
  workflowComponent.register(t);
  return t;
}
export type TestConvex = ReturnType<typeof initConvexTest>;

/** Run every scheduled function and workflow step (retries and backoff included) on fake timers. */
export async function drainWorkflows(t: TestConvex) {
  await t.finishAllScheduledFunctions(vi.runAllTimers, 1_000);
}

export async function setupDemoAgency(t: TestConvex) {
  return await t.mutation(api.agency.ensureDemo, {});
}

/** Set env vars for one test, restoring them afterwards. */
export function withEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** With real timers (as `npm run dev` runs): poll until the run leaves `running`. */
export async function waitForRunEnd(t: TestConvex, jobId: Id<"lead_gen_flow">, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await t.query(api.marketing.getRun, { jobId });
    if (view && view.run.workflowStatus !== "running") return view;
    if (Date.now() > deadline) throw new Error(`run still running after ${timeoutMs} ms: ${view?.run.lastEvent.message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
