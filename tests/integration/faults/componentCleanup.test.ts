import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { api, internal } from "../../../convex/_generated/api";
import { KEPT_AUDITS_PER_LEAD, trimLeadHistory } from "../../../convex/model/leadHistory";
import { asOwner, initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, type TestConvex } from "../convexTestSetup";
import { waitFor } from "../../waitFor";

// Regression: every finished run left ~150 rows in the workflow and workpool components forever.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

type ComponentRun = {
  runInComponent<T>(path: string, handler: (ctx: { db: { query(table: string): { collect(): Promise<unknown[]> } } }) => Promise<T>): Promise<T>;
};

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
      await waitFor(async () => (await workflowRows()) === 0, { timeoutMs: 30_000, what: "the workflow component to be empty" }).catch(async (e: unknown) => {
        console.log(`[cleanup] still there: ${JSON.stringify(await componentRows(t))}`);
        throw e;
      });
      const afterOne = await componentRows(t);
      for (const geography of ["Austin, TX", "Denver, CO", "Chicago, IL"]) await runOnce(geography);
      await waitFor(async () => (await workflowRows()) === 0, { timeoutMs: 30_000, what: "the workflow component to be empty" });
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

  it("keeps the latest few audits of a lead and deletes older ones with their dossiers and pages", async () => {
    const restore = withEnv({ PLACES_PROVIDER: "demo", CRAWL_PROVIDER: "builtin", LLM_PROVIDER: "heuristic", DEMO_WEB_ORIGIN: undefined });
    try {
      const t = initConvexTest();
      await setupDemoAgency(t);
      const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 1, maxDeepAudits: 0 });
      await waitForRunEnd(t, jobId, 30_000);
      const counts = await t.run(async (ctx) => {
        const lead = (await ctx.db.query("client_opportunities").collect())[0];
        // Ten finished audits of this lead, as ten re-audits would leave them, each with a dossier and a page.
        for (let i = 0; i < 10; i++) {
          const auditJobId = await ctx.db.insert("audit_jobs", {
            agencyId: lead.agencyId,
            opportunityId: lead._id,
            status: "completed",
            phases: [],
            createdAt: i,
          });
          await ctx.db.insert("audit_dossier", {
            agencyId: lead.agencyId,
            opportunityId: lead._id,
            auditJobId,
            summary: `audit ${i}`,
            identified_gaps: [],
            talking_points: [],
            provider: "heuristic",
            createdAt: i,
          });
          await ctx.db.insert("crawl_pages", {
            auditJobId,
            opportunityId: lead._id,
            url: `https://x.example/${i}`,
            statusCode: 200,
            markdown: "# page",
            fetchedAt: i,
          });
        }
        const deleted = await trimLeadHistory(ctx, lead._id);
        const dossiers = await ctx.db
          .query("audit_dossier")
          .withIndex("by_opportunity", (q) => q.eq("opportunityId", lead._id))
          .collect();
        return {
          deleted,
          jobs: (
            await ctx.db
              .query("audit_jobs")
              .withIndex("by_opportunity", (q) => q.eq("opportunityId", lead._id))
              .collect()
          ).length,
          auditDossiers: dossiers.filter((d) => d.auditJobId !== undefined).map((d) => d.summary),
          placesDossiers: dossiers.filter((d) => d.auditJobId === undefined).length,
          pages: (await ctx.db.query("crawl_pages").collect()).length,
        };
      });
      expect(counts).toEqual({
        deleted: 10 - KEPT_AUDITS_PER_LEAD,
        jobs: KEPT_AUDITS_PER_LEAD,
        auditDossiers: ["audit 7", "audit 8", "audit 9"],
        placesDossiers: 1,
        pages: KEPT_AUDITS_PER_LEAD,
      });
    } finally {
      restore();
    }
  });
  it("an audit step that fails for good caps the lead's history too (failAuditJob, run and re-audit jobs alike)", async () => {
    const restore = withEnv({ PLACES_PROVIDER: "demo", CRAWL_PROVIDER: "builtin", LLM_PROVIDER: "heuristic", DEMO_WEB_ORIGIN: undefined });
    try {
      const t = initConvexTest();
      await setupDemoAgency(t);
      const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 1, maxDeepAudits: 0 });
      await waitForRunEnd(t, jobId, 30_000);
      const { leadId, failing } = await t.run(async (ctx) => {
        const lead = (await ctx.db.query("client_opportunities").collect())[0];
        // Six finished audits of this lead, then one run audit and one re-audit still running.
        for (let i = 0; i < 6; i++) {
          const auditJobId = await ctx.db.insert("audit_jobs", {
            agencyId: lead.agencyId,
            opportunityId: lead._id,
            status: "error",
            error: `old ${i}`,
            phases: [],
            createdAt: i,
          });
          await ctx.db.insert("audit_dossier", {
            agencyId: lead.agencyId,
            opportunityId: lead._id,
            auditJobId,
            summary: `audit ${i}`,
            identified_gaps: [],
            talking_points: [],
            provider: "none",
            createdAt: i,
          });
        }
        const runJob = await ctx.db.insert("audit_jobs", {
          agencyId: lead.agencyId,
          opportunityId: lead._id,
          leadGenFlowId: lead.leadGenFlowId,
          status: "running",
          phases: [],
          createdAt: 10,
        });
        const reaudit = await ctx.db.insert("audit_jobs", { agencyId: lead.agencyId, opportunityId: lead._id, status: "running", phases: [], createdAt: 11 });
        return { leadId: lead._id, failing: [runJob, reaudit] };
      });
      for (const auditJobId of failing) await t.mutation(internal.workflows.audit.writers.failAuditJob, { auditJobId, error: "Action timed out" });
      const after = await t.run(async (ctx) => {
        const jobs = await ctx.db
          .query("audit_jobs")
          .withIndex("by_opportunity", (q) => q.eq("opportunityId", leadId))
          .order("desc")
          .collect();
        const dossiers = await ctx.db
          .query("audit_dossier")
          .withIndex("by_opportunity", (q) => q.eq("opportunityId", leadId))
          .collect();
        return { jobs: jobs.map((j) => `${j.status}:${j.error}`), auditDossiers: dossiers.filter((d) => d.auditJobId !== undefined).length };
      });
      // Both failures settle, and only the latest KEPT_AUDITS_PER_LEAD finished audits stay.
      expect(after.jobs).toEqual(["error:Action timed out", "error:Action timed out", "error:old 5"].slice(0, KEPT_AUDITS_PER_LEAD));
      expect(after.auditDossiers).toBeLessThanOrEqual(KEPT_AUDITS_PER_LEAD);
    } finally {
      restore();
    }
  });
});
