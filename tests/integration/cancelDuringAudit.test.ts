import { describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import { waitFor } from "../waitFor";
import { initConvexTest, setupDemoAgency, asOwner } from "./convexTestSetup";
import { useDemoWeb } from "./envSetup";

// 150 ms per request keeps the audits in flight long enough to cancel during them.
useDemoWeb({ latencyMs: 150 });

describe("cancel while websites are being audited", () => {
  it("stops the run, settles every lead and audit job, and late-finishing audits change nothing", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 20, maxDeepAudits: 10 });
    await waitFor(async () => (await asOwner(t).query(api.opportunities.listByRun, { jobId })).some((l) => l.status === "SCRAPING"), {
      timeoutMs: 30_000,
      intervalMs: 25,
      what: "an audit to start",
    });
    await asOwner(t).mutation(api.marketing.cancelLeadGenWorkflow, { jobId });

    const settled = async () => {
      const view = (await asOwner(t).query(api.marketing.getRun, { jobId }))!;
      const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
      return { view, leads };
    };
    const right = await settled();
    expect(right.view.run.workflowStatus).toBe("cancelled");
    expect(right.view.run.lastEvent.type).toBe("cancelled");
    expect(right.view.run.phases.some((p) => p.status === "running" || p.status === "pending")).toBe(false);
    expect(right.leads.some((l) => l.status === "SCRAPING" || l.status === "AUDITING")).toBe(false);
    expect(right.leads.every((l) => l.audit === null || l.audit.status === "completed" || l.audit.status === "error" || l.audit.status === "cancelled")).toBe(
      true,
    );
    // Audits stopped by the cancel say so; they are not "failed".
    const stopped = right.leads.filter((l) => l.audit?.status === "cancelled");
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.every((l) => l.audit!.error === "Cancelled")).toBe(true);

    // Audits already fetching pages finish their I/O; their writes must be ignored. Wait for those very
    // actions to finish rather than for a while.
    await t.finishInProgressScheduledFunctions();
    const later = await settled();
    expect(later.view.run).toMatchObject({ workflowStatus: "cancelled", completedAt: right.view.run.completedAt });
    expect(later.leads.map((l) => [l._id, l.status, l.qualificationScore])).toEqual(right.leads.map((l) => [l._id, l.status, l.qualificationScore]));
    expect(later.leads.map((l) => l.audit?.status ?? null)).toEqual(right.leads.map((l) => l.audit?.status ?? null));
  });
});
