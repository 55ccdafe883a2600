import { describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import { scoreSignals } from "../../lib/scoring";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { drainWorkflows, initConvexTest, setupDemoAgency, type TestConvex, asOwner } from "./convexTestSetup";
import { useOfflineRuns } from "./envSetup";

useOfflineRuns();

async function runToEnd(t: TestConvex, args: { numLeads: number; targetVertical?: string; targetGeography?: string }) {
  const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, args);
  await drainWorkflows(t);
  const view = await asOwner(t).query(api.marketing.getRun, { jobId });
  const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
  return { jobId, view: view!, leads };
}

describe("lead_gen_flow on the demo Places provider", () => {
  it("sources, filters, ranks and saves leads, and the run completes", async () => {
    const t = initConvexTest();
    const agencyId = await setupDemoAgency(t);
    const { jobId, view, leads } = await runToEnd(t, { numLeads: 8 });
    const { run } = view;

    expect(run.workflowStatus).toBe("completed");
    expect(run.textQuery).toBe(`${DEMO_AGENCY.targetVertical} in ${DEMO_AGENCY.targetGeography}`);
    const byName = Object.fromEntries(run.phases.map((p) => [p.name, p]));
    for (const name of ["source", "filter_rank", "persist_leads"] as const) {
      expect(byName[name].status).toBe("complete");
      expect(byName[name].completedAt).toBeGreaterThanOrEqual(byName[name].startedAt!);
    }
    expect(run.phases.some((p) => p.status === "pending" || p.status === "running")).toBe(false);
    expect(run.lastEvent.type).toBe("completed");
    expect(run.completedAt).toBeDefined();
    expect(view.progress.percent).toBe(100);

    // The snapshot keeps every business looked at, with a reason for each one dropped.
    const snapshot = run.placesSnapshot!;
    expect(run.numLeadsFetched).toBeGreaterThan(0);
    expect(snapshot.length).toBeLessThanOrEqual(20);
    const kept = snapshot.filter((s) => !s.dropReason);
    expect(kept).toHaveLength(leads.length);
    expect(view.counts.persisted).toBe(leads.length);
    expect(leads.length).toBeGreaterThan(0);
    expect(leads.length).toBeLessThanOrEqual(8);

    // Ranked best first, each scored from its own signals by the agency's criteria.
    const scores = leads.map((l) => l.qualificationScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const lead of leads) {
      expect(lead).toMatchObject({
        agencyId,
        leadGenFlowId: jobId,
        status: "READY",
        targetVertical: DEMO_AGENCY.targetVertical,
        targetGeography: DEMO_AGENCY.targetGeography,
        source: "demo",
      });
      expect(lead.qualificationScore).toBe(scoreSignals(lead.signals, DEMO_AGENCY.leadQualificationCriteria));
      expect(lead.phone).toMatch(/^\+\d{8,15}$/);
      // The snapshot keeps the Places-only score; the lead's final score adds what its audit confirmed.
      expect(snapshot.find((s) => s.placeId === lead.place_id)?.score).toBe(
        scoreSignals(lead.initialSignals ?? lead.signals, DEMO_AGENCY.leadQualificationCriteria),
      );
    }
    const campaigns = await asOwner(t).query(api.opportunities.campaigns, {});
    expect(campaigns).toEqual({
      verticals: [DEMO_AGENCY.targetVertical],
      geographies: [DEMO_AGENCY.targetGeography],
      pairs: [{ targetVertical: DEMO_AGENCY.targetVertical, targetGeography: DEMO_AGENCY.targetGeography, leadCount: leads.length }],
    });
  });

  // Regression: a re-run moved every known place to the newest run, so run 1 then listed no leads.
  it("a re-run keeps run 1's leads and delivers only new ones (ALREADY_KNOWN counted)", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const first = await runToEnd(t, { numLeads: 5 });
    expect(first.leads).toHaveLength(5);
    const second = await runToEnd(t, { numLeads: 5 });
    expect(second.view.run.workflowStatus).toBe("completed");
    const firstIds = new Set(first.leads.map((l) => l.place_id));
    expect(second.leads.length).toBeGreaterThan(0);
    expect(second.leads.some((l) => firstIds.has(l.place_id))).toBe(false);
    expect(second.leads.every((l) => l.leadGenFlowId === second.jobId)).toBe(true);
    expect(second.view.counts.dropped.ALREADY_KNOWN).toBe(5);
    expect(
      second.view.run
        .placesSnapshot!.filter((s) => s.dropReason === "ALREADY_KNOWN")
        .map((s) => s.placeId)
        .sort(),
    ).toEqual([...firstIds].sort());
    // Run 1 still lists exactly what it saved, untouched.
    const again = await asOwner(t).query(api.opportunities.listByRun, { jobId: first.jobId });
    expect(again.map((l) => [l._id, l.status, l.qualificationScore])).toEqual(first.leads.map((l) => [l._id, l.status, l.qualificationScore]));
    const all = await asOwner(t).query(api.opportunities.listByCampaign, {});
    expect(new Set(all.map((o) => o.place_id)).size).toBe(all.length);
  });

  it("a lead the user marked contacted is not delivered again and stays contacted", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const first = await runToEnd(t, { numLeads: 3 });
    await asOwner(t).mutation(api.opportunities.markContacted, { opportunityId: first.leads[0]._id });
    const second = await runToEnd(t, { numLeads: 3 });
    expect(second.leads.find((l) => l.place_id === first.leads[0].place_id)).toBeUndefined();
    const listed = await asOwner(t).query(api.opportunities.listByRun, { jobId: first.jobId });
    expect(listed.find((l) => l._id === first.leads[0]._id)?.status).toBe("CONTACTED");
  });

  it("filters all opportunities by campaign through the indexes", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    await runToEnd(t, { numLeads: 4 });
    await runToEnd(t, { numLeads: 4, targetVertical: "plumbers", targetGeography: "Seattle, WA" });
    const campaigns = await asOwner(t).query(api.opportunities.campaigns, {});
    expect(campaigns.verticals).toEqual(["dentists", "plumbers"]);
    const plumbers = await asOwner(t).query(api.opportunities.listByCampaign, { targetVertical: "plumbers" });
    expect(plumbers.length).toBeGreaterThan(0);
    expect(plumbers.every((o) => o.targetVertical === "plumbers")).toBe(true);
    const seattle = await asOwner(t).query(api.opportunities.listByCampaign, { targetGeography: "Seattle, WA" });
    expect(seattle.length).toBe((await asOwner(t).query(api.opportunities.listByCampaign, {})).length);
    const both = await asOwner(t).query(api.opportunities.listByCampaign, { targetVertical: "dentists", targetGeography: "Seattle, WA" });
    expect(both.every((o) => o.targetVertical === "dentists")).toBe(true);
    const ranked = both.map((o) => o.qualificationScore);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
  });

  it("an unknown campaign completes with zero leads instead of failing", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { view, leads } = await runToEnd(t, { numLeads: 5, targetVertical: "submarine repair", targetGeography: "Atlantis" });
    expect(view.run.workflowStatus).toBe("completed");
    expect(view.run.numLeadsFetched).toBe(0);
    expect(leads).toHaveLength(0);
  });

  it("cancel mid-run ends the run cancelled and stops further steps", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5 });
    await asOwner(t).mutation(api.marketing.cancelLeadGenWorkflow, { jobId });
    await drainWorkflows(t);
    const view = await asOwner(t).query(api.marketing.getRun, { jobId });
    expect(view!.run.workflowStatus).toBe("cancelled");
    expect(view!.run.lastEvent.type).toBe("cancelled");
    expect(view!.run.phases.some((p) => p.status === "running" || p.status === "pending")).toBe(false);
    expect(await asOwner(t).query(api.opportunities.listByRun, { jobId })).toHaveLength(0);
    await expect(asOwner(t).mutation(api.marketing.cancelLeadGenWorkflow, { jobId })).rejects.toThrow(/already/);
  });
});
