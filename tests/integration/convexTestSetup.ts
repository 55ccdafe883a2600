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

/** The signed-in owner of the test agency. Every public function is called as a user, never anonymously. */
export const OWNER_IDENTITY = { subject: "test-owner", issuer: "https://atlas.test", tokenIdentifier: "https://atlas.test|test-owner", email: "owner@atlas.test" };
export const OTHER_IDENTITY = { subject: "test-other", issuer: "https://atlas.test", tokenIdentifier: "https://atlas.test|test-other", email: "other@atlas.test" };

/** Call public functions as the test agency's owner. */
export function asOwner(t: TestConvex) {
  return t.withIdentity(OWNER_IDENTITY);
}

/** Run every scheduled function and workflow step (retries and backoff included) on fake timers. */
export async function drainWorkflows(t: TestConvex) {
  await t.finishAllScheduledFunctions(vi.runAllTimers, 1_000);
}

export async function setupDemoAgency(t: TestConvex) {
  return await asOwner(t).mutation(api.agency.ensureDemo, {});
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
    const view = await asOwner(t).query(api.marketing.getRun, { jobId });
    if (view && view.run.workflowStatus !== "running") return view;
    if (Date.now() > deadline) throw new Error(`run still running after ${timeoutMs} ms: ${view?.run.lastEvent.message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
