/** Input limits at the API boundary: a ConvexError with a code, a short message, and nothing stored. */
import { ConvexError } from "convex/values";
import { describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { asOwner, initConvexTest, setupDemoAgency } from "./convexTestSetup";

async function errorData(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConvexError);
  return (error as ConvexError<{ code: string; message: string }>).data;
}

describe("input limits on public functions", () => {
  it("agency.save refuses a 2,500-claim profile with 1 MB ids, and the stored profile is unchanged", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const huge = { ...DEMO_AGENCY, approvedClaims: Array.from({ length: 2_500 }, (_, i) => ({ id: `${i}-${"i".repeat(400)}`, text: "t".repeat(500) })) };
    const data = await errorData(asOwner(t).mutation(api.agency.save, huge));
    expect(data).toEqual({ code: "INVALID_CLAIMS", message: "At most 50 approved claims (got 2500)." });
    const longId = await errorData(asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, approvedClaims: [{ id: "i".repeat(1_000_000), text: "ok" }] }));
    expect(longId.code).toBe("INVALID_CLAIMS");
    expect(longId.message.length).toBeLessThan(160);
    const unknown = await errorData(asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, leadQualificationCriteria: ["X".repeat(1_000_000)] }));
    expect(unknown.code).toBe("INVALID_CRITERIA");
    expect(unknown.message.length).toBeLessThan(160);
    expect((await asOwner(t).query(api.agency.get, {}))!.approvedClaims).toEqual(DEMO_AGENCY.approvedClaims);
  });

  it("a NUL or a lone surrogate in the campaign starts no run", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    expect((await errorData(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5, targetVertical: "dentists\u0000" }))).code).toBe(
      "INVALID_VERTICAL",
    );
    expect((await errorData(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5, targetGeography: "Seattle \uDC00" }))).code).toBe(
      "INVALID_GEOGRAPHY",
    );
    expect(await asOwner(t).query(api.marketing.listRuns, {})).toEqual([]);
  });

  it("listRuns({limit: NaN}) is a ConvexError, not a TypeError", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    for (const limit of [Number.NaN, 0, 1.5, 1_000]) {
      expect(await errorData(asOwner(t).query(api.marketing.listRuns, { limit }))).toEqual({
        code: "INVALID_LIMIT",
        message: "limit must be a whole number from 1 to 100.",
      });
    }
  });

  it("usage.estimateRun refuses a run size startLeadGenWorkflow would refuse, instead of estimating NaN", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    for (const numLeads of [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 2.5, 21]) {
      expect(await errorData(asOwner(t).query(api.usage.estimateRun, { numLeads })), String(numLeads)).toEqual({
        code: "INVALID_NUM_LEADS",
        message: "Number of leads must be a whole number from 1 to 20.",
      });
    }
    for (const maxDeepAudits of [Number.NaN, Number.NEGATIVE_INFINITY, -1, 1.5]) {
      expect((await errorData(asOwner(t).query(api.usage.estimateRun, { numLeads: 5, maxDeepAudits }))).code, String(maxDeepAudits)).toBe(
        "INVALID_MAX_DEEP_AUDITS",
      );
    }
    expect(Number.isFinite((await asOwner(t).query(api.usage.estimateRun, { numLeads: 20, maxDeepAudits: 0 })).totalUsd)).toBe(true);
  });
});
