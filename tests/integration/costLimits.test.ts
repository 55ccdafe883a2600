/**
 * Cost control per agency: at most 3 runs at once, 10 run starts and 30 re-audits per hour; over a limit the call
 * is a ConvexError RATE_LIMITED saying how long to wait, nothing is written, and other agencies are not affected.
 */
import { ConvexError } from "convex/values";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { AGENCY_LIMITS } from "../../lib/limits";
import { asOther, asOwner, drainWorkflows, initConvexTest, setupDemoAgency, type TestConvex } from "./convexTestSetup";
import { useOfflineRuns } from "./envSetup";

useOfflineRuns();

async function refusal(promise: Promise<unknown>) {
  return await promise.then(
    () => null,
    (error: unknown) =>
      error instanceof ConvexError
        ? (error.data as { code: string; message: string; retryAfterMs?: number; runningJobIds?: string[] })
        : { code: String(error), message: "" },
  );
}

async function runCount(t: TestConvex) {
  return (await asOwner(t).query(api.marketing.listRuns, { limit: 100 })).length;
}

describe("per-agency limits on paid work", () => {
  it("refuses a 4th concurrent run, then accepts one once a run ends; another agency is not affected", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const started = [];
    // One run per campaign at a time: each concurrent run is another city.
    const cities = ["Seattle, WA", "Austin, TX", "Denver, CO", "Chicago, IL", "Toronto, ON"];
    for (let i = 0; i < AGENCY_LIMITS.concurrentRuns; i++) {
      started.push((await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5, targetGeography: cities[i] })).jobId);
    }
    const refused = await refusal(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5, targetGeography: cities[3] }));
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/3 runs are already running/) });
    // No time to wait (when a run ends is unknown): the runs to wait for instead.
    expect(refused).not.toHaveProperty("retryAfterMs");
    expect([...refused!.runningJobIds!].sort()).toEqual([...started].sort());
    expect(await runCount(t)).toBe(AGENCY_LIMITS.concurrentRuns);

    await asOther(t).mutation(api.agency.ensureDemo, {});
    expect(await refusal(asOther(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5 }))).toBeNull();

    await asOwner(t).mutation(api.marketing.cancelLeadGenWorkflow, { jobId: started[0] });
    expect(await refusal(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5, targetGeography: cities[4] }))).toBeNull();
    await drainWorkflows(t);
  });

  it("refuses the 11th run start within an hour with the time to wait, and accepts it after that wait", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    for (let i = 0; i < AGENCY_LIMITS.runsPerHour; i++) {
      const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5 });
      await asOwner(t).mutation(api.marketing.cancelLeadGenWorkflow, { jobId });
    }
    const refused = await refusal(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5 }));
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/10 runs in the last hour\. Try again in \d+ minutes?\./) });
    expect(refused!.retryAfterMs).toBeGreaterThan(0);
    expect(refused!.retryAfterMs).toBeLessThanOrEqual(60 * 60 * 1000);
    expect(await runCount(t)).toBe(AGENCY_LIMITS.runsPerHour);
    // A refused start does not use up budget: waiting what the error said is enough.
    vi.setSystemTime(Date.now() + refused!.retryAfterMs!);
    expect(await refusal(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5 }))).toBeNull();
    await drainWorkflows(t);
  });

  it("caps on-demand re-audits per hour", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5, maxDeepAudits: 0 });
    await drainWorkflows(t);
    const [lead] = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    // Cancelled at once: draining each audit would run the clock forward on fake timers and refill the bucket.
    for (let i = 0; i < AGENCY_LIMITS.reauditsPerHour; i++) {
      await asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: lead._id });
      await asOwner(t).mutation(api.audits.cancelDeepAudit, { opportunityId: lead._id });
    }
    const refused = await refusal(asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: lead._id }));
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/re-ran 30 audits in the last hour/) });
    const report = await asOwner(t).query(api.opportunities.get, { opportunityId: lead._id });
    expect(report!.auditJob!.status).not.toBe("queued");
    await drainWorkflows(t);
  });
});
