import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { api } from "../../../convex/_generated/api";
import { asOwner, initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, type TestConvex } from "../convexTestSetup";

// Regression: every finished run left ~150 rows in the workflow and workpool components forever.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

type ComponentRun = { runInComponent<T>(path: string, handler: (ctx: { db: { query(table: string): { collect(): Promise<unknown[]> } } }) => Promise<T>): Promise<T> };

async function componentRows(t: TestConvex): Promise<Record<string, number>> {
  // The packages do not export their schemas: read them from the installed files.
  const components = {
    workflow: (await import(/* @vite-ignore */ `${root}/node_modules/@convex-dev/workflow/dist/component/schema.js`)).default,
    "workflow/workpool": (await import(/* @vite-ignore */ `${root}/node_modules/@convex-dev/workpool/dist/component/schema.js`)).default,
  };
  const counts: Record<string, number> = {};
  for (const [path, schema] of Object.entries(components)) {
    for (const table of Object.keys((schema as { tables: Record<string, unknown> }).tables)) {
      const rows = await (t as unknown as ComponentRun).runInComponent(path, (ctx) => ctx.db.query(table).collect());
      counts[`${path}:${table}`] = rows.length;
    }
  }
  return counts;
}

const total = (counts: Record<string, number>, prefix: string) =>
  Object.entries(counts)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((sum, [, n]) => sum + n, 0);

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("finished runs leave nothing behind in the workflow component", () => {
  it("component tables do not grow with the number of finished runs", async () => {
    const restore = withEnv({ PLACES_PROVIDER: "demo", CRAWL_PROVIDER: "builtin", LLM_PROVIDER: "heuristic", DEMO_WEB_ORIGIN: undefined });
    try {
      const t = initConvexTest();
      await setupDemoAgency(t);
      const runOnce = async (targetGeography: string) => {
        const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 2, maxDeepAudits: 0, targetGeography });
        const view = await waitForRunEnd(t, jobId, 30_000);
        expect(view.run.workflowStatus).toBe("completed");
      };
      // Rows a run adds (the workflow, its steps and events); `config` is one row for the component.
      const workflowRows = async () => total(await componentRows(t), "workflow:") - ((await componentRows(t))["workflow:config"] ?? 0);
      await runOnce("Seattle, WA");
      await waitFor(async () => (await workflowRows()) === 0, 10_000).catch(async (e: unknown) => {
        console.log(`[cleanup] still there: ${JSON.stringify(await componentRows(t))}`);
        throw e;
      });
      const afterOne = await componentRows(t);
      for (const geography of ["Austin, TX", "Denver, CO", "Chicago, IL"]) await runOnce(geography);
      await waitFor(async () => (await workflowRows()) === 0, 10_000);
      const afterFour = await componentRows(t);
      console.log(`[cleanup] component rows after 1 run: ${JSON.stringify(afterOne)}; after 4 runs: ${JSON.stringify(afterFour)}`);
      expect(total(afterFour, "workflow:")).toBe(total(afterOne, "workflow:"));
      expect(afterFour["workflow:workflows"] + afterFour["workflow:steps"]).toBe(0);
      // The workpool keeps a fixed amount of bookkeeping (globals, internal state), not rows per run.
      expect(total(afterFour, "workflow/workpool:")).toBeLessThanOrEqual(total(afterOne, "workflow/workpool:"));
    } finally {
      restore();
    }
  }, 120_000);
});
