import { ConvexError } from "convex/values";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { drainWorkflows, initConvexTest, setupDemoAgency, withEnv, type TestConvex, asOwner } from "./convexTestSetup";

async function errorData(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConvexError);
    return (error as ConvexError<{ code: string; message: string }>).data;
  }
  throw new Error("expected a ConvexError");
}

async function countRows(t: TestConvex) {
  return await t.run(async (ctx) => ({
    runs: (await ctx.db.query("lead_gen_flow").collect()).length,
    leads: (await ctx.db.query("client_opportunities").collect()).length,
  }));
}

describe("bad input is rejected with an actionable error and nothing written", () => {
  it("refuses to start without an agency profile", async () => {
    const t = initConvexTest();
    const data = await errorData(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5 }));
    expect(data.code).toBe("NO_AGENCY_PROFILE");
    expect(await countRows(t)).toEqual({ runs: 0, leads: 0 });
  });

  it.each([
    [{ numLeads: 0 }, "INVALID_NUM_LEADS"],
    [{ numLeads: 21 }, "INVALID_NUM_LEADS"],
    [{ numLeads: 2.5 }, "INVALID_NUM_LEADS"],
    [{ numLeads: Number.NaN }, "INVALID_NUM_LEADS"],
    [{ numLeads: 5, targetVertical: "   " }, "INVALID_VERTICAL"],
    [{ numLeads: 5, targetVertical: "" }, "INVALID_VERTICAL"],
    [{ numLeads: 5, targetVertical: "d".repeat(201) }, "INVALID_VERTICAL"],
    [{ numLeads: 5, targetGeography: "" }, "INVALID_GEOGRAPHY"],
    [{ numLeads: 5, targetGeography: "g".repeat(201) }, "INVALID_GEOGRAPHY"],
    [{ numLeads: 5, maxDeepAudits: -1 }, "INVALID_MAX_DEEP_AUDITS"],
  ])("%j → %s", async (args, code) => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const data = await errorData(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, args));
    expect(data.code).toBe(code);
    expect(data.message.length).toBeGreaterThan(10);
    expect(await countRows(t)).toEqual({ runs: 0, leads: 0 });
  });

  it("accepts the edges of the allowed ranges", async () => {
    vi.useFakeTimers();
    const restore = withEnv({ PLACES_PROVIDER: "demo" });
    try {
      const t = initConvexTest();
      await setupDemoAgency(t);
      await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 1, targetVertical: "d".repeat(200) });
      await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 20 });
      await drainWorkflows(t);
      const runs = await asOwner(t).query(api.marketing.listRuns, {});
      expect(runs.map((r) => r.workflowStatus)).toEqual(["completed", "completed"]);
    } finally {
      vi.useRealTimers();
      restore();
    }
  });

  it("validates the agency profile", async () => {
    const t = initConvexTest();
    const bad = [
      { ...DEMO_AGENCY, name: " " },
      { ...DEMO_AGENCY, leadQualificationCriteria: ["MAKE_MONEY"] },
      { ...DEMO_AGENCY, leadQualificationCriteria: [] },
      {
        ...DEMO_AGENCY,
        approvedClaims: [
          { id: "a", text: "x" },
          { id: "a", text: "y" },
        ],
      },
      { ...DEMO_AGENCY, approvedClaims: [{ id: "", text: "x" }] },
    ];
    for (const profile of bad) {
      await errorData(asOwner(t).mutation(api.agency.save, profile));
    }
    expect(await asOwner(t).query(api.agency.get, {})).toBeNull();
    const id = await asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, name: "  Bright Pixel  " });
    const saved = await asOwner(t).query(api.agency.get, {});
    expect(saved).toMatchObject({ _id: id, name: "Bright Pixel" });
    // Saving again updates the same profile.
    expect(await asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, targetVertical: "roofers" })).toBe(id);
    expect((await asOwner(t).query(api.agency.get, {}))?.targetVertical).toBe("roofers");
  });
});
