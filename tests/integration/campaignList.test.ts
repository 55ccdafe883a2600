import { describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import { asOwner, drainWorkflows, initConvexTest, setupDemoAgency, type TestConvex } from "./convexTestSetup";
import { useOfflineRuns } from "./envSetup";

useOfflineRuns();

async function run(t: TestConvex, args: { numLeads: number; targetVertical?: string; targetGeography?: string }) {
  const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, args);
  await drainWorkflows(t);
  return await asOwner(t).query(api.opportunities.listByRun, { jobId });
}

/** Every page of a filter, as the dashboard's "Load more" and the CSV export read them. */
async function allPages(t: TestConvex, filter: { targetVertical?: string; targetGeography?: string }, numItems: number) {
  const rows: { _id: string; qualificationScore: number; targetVertical: string }[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const result: { page: typeof rows; isDone: boolean; continueCursor: string } = await asOwner(t).query(api.opportunities.listByCampaignPage, {
      ...filter,
      paginationOpts: { numItems, cursor },
    });
    rows.push(...result.page);
    if (result.isDone) return rows;
    cursor = result.continueCursor;
  }
  throw new Error("pagination did not finish");
}

describe("campaign lists: every lead, paginated, with true counts", () => {
  it("pages through all of an agency's leads best first, and counts them per filter without a cap", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const dentists = await run(t, { numLeads: 12, targetVertical: "dentist", targetGeography: "Austin, TX" });
    const plumbers = await run(t, { numLeads: 9, targetVertical: "plumber", targetGeography: "Austin, TX" });
    expect(dentists.length).toBeGreaterThan(5);
    expect(plumbers.length).toBeGreaterThan(5);

    const everything = await allPages(t, {}, 4);
    expect(everything).toHaveLength(dentists.length + plumbers.length);
    expect(new Set(everything.map((row) => row._id)).size).toBe(everything.length);
    const scores = everything.map((row) => row.qualificationScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await asOwner(t).query(api.opportunities.countByCampaign, {})).toBe(everything.length);

    const onlyDentists = await allPages(t, { targetVertical: "dentist", targetGeography: "Austin, TX" }, 5);
    expect(onlyDentists.map((row) => row._id).sort()).toEqual(dentists.map((row) => row._id).sort());
    expect(await asOwner(t).query(api.opportunities.countByCampaign, { targetVertical: "dentist" })).toBe(dentists.length);
    expect(await asOwner(t).query(api.opportunities.countByCampaign, { targetGeography: "Austin, TX" })).toBe(everything.length);
    expect(await asOwner(t).query(api.opportunities.countByCampaign, { targetVertical: "roofer" })).toBe(0);

    // A second run of the campaign (leads it re-finds are updated, not duplicated): the count follows the list.
    const more = await run(t, { numLeads: 15, targetVertical: "dentist", targetGeography: "Austin, TX" });
    expect(more.length).toBeGreaterThan(0);
    const dentistsNow = await allPages(t, { targetVertical: "dentist" }, 7);
    expect(new Set(dentistsNow.map((row) => row._id)).size).toBe(dentistsNow.length);
    expect(dentistsNow.length).toBeGreaterThanOrEqual(dentists.length);
    expect(await asOwner(t).query(api.opportunities.countByCampaign, { targetVertical: "dentist" })).toBe(dentistsNow.length);
  });
  it("counts campaigns saved before leadCount was kept, and stores their true count at their next write", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const dentists = await run(t, { numLeads: 12, targetVertical: "dentist", targetGeography: "Austin, TX" });
    const plumbers = await run(t, { numLeads: 9, targetVertical: "plumber", targetGeography: "Austin, TX" });
    // Both campaign rows as an older version saved them: no leadCount.
    await t.run(async (ctx) => {
      for (const row of await ctx.db.query("campaigns").collect()) await ctx.db.patch("campaigns", row._id, { leadCount: undefined });
    });
    const count = (filter: { targetVertical?: string; targetGeography?: string }) => asOwner(t).query(api.opportunities.countByCampaign, filter);
    expect(await count({})).toBe(dentists.length + plumbers.length);
    expect(await count({ targetVertical: "dentist" })).toBe(dentists.length);
    expect(await count({ targetVertical: "plumber", targetGeography: "Austin, TX" })).toBe(plumbers.length);
    expect((await asOwner(t).query(api.opportunities.pipelineSummary, {})).total).toBe(dentists.length + plumbers.length);

    // A delete in the legacy dentist campaign stores its counted total, this delete included.
    await asOwner(t).mutation(api.opportunities.deleteLead, { opportunityId: dentists[0]._id });
    const stored = await t.run(async (ctx) => (await ctx.db.query("campaigns").collect()).map((row) => [row.targetVertical, row.leadCount ?? null]));
    expect(Object.fromEntries(stored)).toEqual({ dentist: dentists.length - 1, plumber: null });
    expect(await count({ targetVertical: "dentist" })).toBe(dentists.length - 1);
    expect(await count({})).toBe(dentists.length - 1 + plumbers.length);

    // A new run in the legacy plumber campaign: the stored count is every plumber lead, old and new.
    await run(t, { numLeads: 15, targetVertical: "plumber", targetGeography: "Austin, TX" });
    const plumbersNow = await allPages(t, { targetVertical: "plumber" }, 10);
    expect(plumbersNow.length).toBeGreaterThan(plumbers.length);
    expect(await t.run(async (ctx) => (await ctx.db.query("campaigns").collect()).find((row) => row.targetVertical === "plumber")?.leadCount)).toBe(
      plumbersNow.length,
    );
    expect(await count({})).toBe(dentists.length - 1 + plumbersNow.length);
  });
});
