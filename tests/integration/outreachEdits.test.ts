/**
 * Outreach drafts the agency edits (convex/outreach.ts): saved per lead and shown in its report, kept when a
 * re-audit writes new drafts (the report says so), dropped on revert or when the lead is deleted; refused for
 * bad text and for another agency's lead, with nothing changed.
 */
import { ConvexError } from "convex/values";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { startDemoWebServer } from "../../server/demoWeb/server";
import { waitFor } from "../waitFor";
import { asOther, asOwner, drainWorkflows, initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, type TestConvex } from "./convexTestSetup";
import { useOfflineRuns } from "./envSetup";

useOfflineRuns();

async function report(t: TestConvex, opportunityId: Id<"client_opportunities">) {
  return (await asOwner(t).query(api.opportunities.get, { opportunityId }))!;
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message?: string } | "resolved"> {
  return await promise.then(
    () => "resolved" as const,
    (error: unknown) => (error instanceof ConvexError ? (error.data as { code?: string; message?: string }) : { message: String(error) }),
  );
}

/** A finished run's first lead, with its dossier and generated drafts. */
async function leadWithDrafts(t: TestConvex) {
  await setupDemoAgency(t);
  const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3 });
  await drainWorkflows(t);
  const [lead] = await asOwner(t).query(api.opportunities.listByRun, { jobId });
  const before = await report(t, lead._id);
  expect(before.outreach).not.toBeNull();
  return { id: lead._id, generated: before.outreach! };
}

describe("outreach edits", () => {
  it("saves the agency's version, shows it instead of the generated drafts, and reverts to them", async () => {
    const t = initConvexTest();
    const { id, generated } = await leadWithDrafts(t);
    expect((await report(t, id)).outreachEdits).toBeNull();

    vi.setSystemTime(Date.UTC(2026, 11, 1, 10, 0));
    const body = `${generated.emailBody}\n\nP.S. We're two streets away — happy to drop by.`;
    await asOwner(t).mutation(api.outreach.saveEdits, { opportunityId: id, emailSubject: "  Quick idea\nfor your bookings ", emailBody: body, callScript: "" });
    const saved = await report(t, id);
    expect(saved.outreachEdits).toEqual({
      emailSubject: "Quick idea for your bookings",
      emailBody: body,
      callScript: "",
      editedAt: Date.UTC(2026, 11, 1, 10, 0),
      newerDraft: false,
    });
    // The generated drafts are still there, untouched, for a revert.
    expect(saved.outreach).toEqual(generated);

    await asOwner(t).mutation(api.outreach.revertEdits, { opportunityId: id });
    expect((await report(t, id)).outreachEdits).toBeNull();
  });

  it("saving text equal to the generated drafts keeps no edits", async () => {
    const t = initConvexTest();
    const { id, generated } = await leadWithDrafts(t);
    await asOwner(t).mutation(api.outreach.saveEdits, { opportunityId: id, ...generated, callScript: "Call after 2pm." });
    expect((await report(t, id)).outreachEdits).not.toBeNull();
    await asOwner(t).mutation(api.outreach.saveEdits, { opportunityId: id, ...generated });
    expect((await report(t, id)).outreachEdits).toBeNull();
  });

  it("refuses over-long text and another agency's lead, changing nothing", async () => {
    const t = initConvexTest();
    const { id, generated } = await leadWithDrafts(t);
    await asOwner(t).mutation(api.outreach.saveEdits, { opportunityId: id, ...generated, callScript: "Ask for the practice manager." });
    const before = (await report(t, id)).outreachEdits;

    expect(await rejection(asOwner(t).mutation(api.outreach.saveEdits, { opportunityId: id, ...generated, emailBody: "x".repeat(10_001) }))).toEqual({
      code: "INVALID_OUTREACH",
      message: "The email is at most 10,000 characters (this one has 10,001).",
    });
    await asOther(t).mutation(api.agency.ensureDemo, {});
    expect(await rejection(asOther(t).mutation(api.outreach.saveEdits, { opportunityId: id, ...generated, emailBody: "Hijacked" }))).toMatchObject({
      code: "OPPORTUNITY_NOT_FOUND",
    });
    expect(await rejection(asOther(t).mutation(api.outreach.revertEdits, { opportunityId: id }))).toMatchObject({ code: "OPPORTUNITY_NOT_FOUND" });
    expect((await report(t, id)).outreachEdits).toEqual(before);
  });

  it("a re-audit writes new drafts but keeps the edits, and the report says newer drafts exist", async () => {
    // Real timers and the demo websites: the re-audit crawls a lead's site and writes a new dossier.
    vi.useRealTimers();
    const web = await startDemoWebServer({ port: 0, slowDelayMs: 0, sluggishDelayMs: 0 });
    const restore = withEnv({ DEMO_WEB_ORIGIN: web.origin });
    try {
      const t = initConvexTest();
      await setupDemoAgency(t);
      const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 5 });
      await waitForRunEnd(t, jobId);
      const lead = (await asOwner(t).query(api.opportunities.listByRun, { jobId })).find((l) => l.auditJobId !== undefined)!;
      const before = await report(t, lead._id);
      await asOwner(t).mutation(api.outreach.saveEdits, { opportunityId: lead._id, ...before.outreach!, emailSubject: "Our own subject line" });

      const { auditJobId } = await asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: lead._id });
      const after = await waitFor(
        async () => {
          const now = await report(t, lead._id);
          return now.auditJob?._id === auditJobId && now.auditJob.status === "completed" && now.dossier?.auditJobId === auditJobId ? now : undefined;
        },
        { timeoutMs: 30_000, what: "the re-audit's dossier" },
      );
      expect(after.dossier!._id).not.toBe(before.dossier!._id);
      expect(after.outreachEdits).toMatchObject({ emailSubject: "Our own subject line", newerDraft: true });
    } finally {
      restore();
      await web.close();
    }
  }, 55_000);

  it("deleting the lead deletes its edits", async () => {
    const t = initConvexTest();
    const { id, generated } = await leadWithDrafts(t);
    await asOwner(t).mutation(api.outreach.saveEdits, { opportunityId: id, ...generated, emailSubject: "Kept until the lead goes" });
    await asOwner(t).mutation(api.opportunities.deleteLead, { opportunityId: id });
    await drainWorkflows(t);
    const left = await t.run(async (ctx) => await ctx.db.query("outreach_edits").collect());
    expect(left).toEqual([]);
  });
});
