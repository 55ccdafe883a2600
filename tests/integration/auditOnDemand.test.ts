import { describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { canonicalDomain } from "../../lib/domains";
import { answerError, openAIError, startFakeOpenAIServer } from "../fakes/fakeOpenAIServer";
import { initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, type TestConvex, asOwner } from "./convexTestSetup";
import { useDemoWeb } from "./envSetup";
import { waitFor } from "../waitFor";

useDemoWeb({}, { CRAWL_PAGE_TIMEOUT_MS: "3000" });

async function waitForAudit(t: TestConvex, opportunityId: Id<"client_opportunities">) {
  return await waitFor(
    async () => {
      const report = await asOwner(t).query(api.opportunities.get, { opportunityId });
      const status = report?.auditJob?.status;
      return status === "completed" || status === "error" || status === "cancelled" ? report : undefined;
    },
    { timeoutMs: 30_000, what: "the audit to settle" },
  );
}

describe("audits on demand and run-level failures", () => {
  it("re-audits one lead with the same steps, replacing its audit and keeping one dossier per job", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    // No deep audits in the run: the lead starts with the placeholder signal only.
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 10, maxDeepAudits: 0 });
    await waitForRunEnd(t, jobId);
    const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    const lead = leads.find((l) => l.signals.includes("NEEDS_WEB_AUDIT") && canonicalDomain(l.website) !== "lakesidedentalstudio.example")!;
    expect(lead.auditJobId).toBeUndefined();

    const { auditJobId } = await asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: lead._id });
    await expect(asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: lead._id })).rejects.toThrow(/being audited/);
    const report = await waitForAudit(t, lead._id);
    expect(report.auditJob!._id).toBe(auditJobId);
    expect(report.auditJob!.status).toBe("completed");
    expect(report.auditJob!.leadGenFlowId).toBeUndefined();
    expect(report.pages.length).toBeGreaterThan(1);
    expect(report.opportunity.status).toBe("READY");
    expect(report.opportunity.signals).not.toContain("NEEDS_WEB_AUDIT");
    expect(report.dossier!.auditJobId).toBe(auditJobId);
    expect(report.opportunity.fit_reason).toMatch(/^Opportunity: |No confirmed problem/);
    // The report carries the lead's outreach drafts, built from this dossier and the agency's claims.
    expect(report.outreach!.emailSubject).toContain(lead.name);
    expect(report.outreach!.emailBody).toContain("I'm reaching out from Atlas Demo Agency.");
    expect(report.outreach!.callScript).toMatch(/^Opening: /);
    expect(report.dossier!.talking_points.every((p) => p.gap_keys && p.gap_keys.length > 0)).toBe(true);
  });

  it("a rejected OpenAI key fails the run with a message naming the key (no silent fallback)", async () => {
    const openai = await startFakeOpenAIServer();
    openai.respond(answerError(401, openAIError("Incorrect API key provided: sk-bad.", "invalid_request_error", "invalid_api_key")));
    const restore = withEnv({
      LLM_PROVIDER: "openai",
      OPENAI_API_KEY: "sk-bad",
      OPENAI_BASE_URL: openai.baseURL,
    });
    try {
      const t = initConvexTest();
      await setupDemoAgency(t);
      const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 1 });
      const view = await waitForRunEnd(t, jobId);
      expect(view.run.workflowStatus).toBe("failed");
      expect(view.run.error).toMatch(/OPENAI_API_KEY/);
      expect(view.run.lastEvent.type).toBe("failed");
      // The failure is shown where it happened: writing the dossier, not crawling.
      expect(view.run.lastEvent.message).toMatch(/^Write dossiers failed: /);
      const phase = (name: string) => view.run.phases.find((p) => p.name === name)!;
      expect(phase("generate_dossier").status).toBe("error");
      expect(phase("scrape_content").status).not.toBe("error");
      expect(openai.requests.length).toBeGreaterThan(0);
      // Every lead is left in a known, settled status.
      const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
      expect(leads.every((l) => ["SOURCED", "DATA_READY", "READY"].includes(l.status))).toBe(true);
    } finally {
      restore();
      await openai.close();
    }
  });

  it("a re-audit that is cancelled, or fails, keeps the lead's previous dossier, score and status, and never blocks the next one", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 1 });
    await waitForRunEnd(t, jobId);
    const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    const lead = leads.find((l) => l.audit?.status === "completed")!;
    const before = (await asOwner(t).query(api.opportunities.get, { opportunityId: lead._id }))!;
    expect(before.dossier).not.toBeNull();

    // Cancelled at once.
    await asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: lead._id });
    await asOwner(t).mutation(api.audits.cancelDeepAudit, { opportunityId: lead._id });
    const cancelled = await waitForAudit(t, lead._id);
    expect(cancelled.auditJob).toMatchObject({ status: "cancelled", error: "Cancelled" });
    expect(cancelled.auditJob!.phases.some((p) => p.status === "running" || p.status === "pending")).toBe(false);
    expect(cancelled.dossier!._id).toBe(before.dossier!._id);
    expect(cancelled.opportunity).toMatchObject({
      status: before.opportunity.status,
      qualificationScore: before.opportunity.qualificationScore,
      signals: before.opportunity.signals,
    });

    // Fails: the website is unreachable now. The workflow's retries run out and onComplete settles the job.
    const restore = withEnv({ DEMO_WEB_ORIGIN: "http://127.0.0.1:9" });
    try {
      await asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: lead._id });
      const failed = await waitForAudit(t, lead._id);
      expect(failed.auditJob!.status).toBe("error");
      expect(failed.auditJob!.error).toBeTruthy();
      expect(failed.dossier!._id).toBe(before.dossier!._id);
      expect(failed.opportunity).toMatchObject({ status: before.opportunity.status, qualificationScore: before.opportunity.qualificationScore });
    } finally {
      restore();
    }
    // Nothing is left "in progress": the next re-audit is accepted and completes.
    await asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: lead._id });
    expect((await waitForAudit(t, lead._id)).auditJob!.status).toBe("completed");
  }, 90_000);

  it("a lead whose audit confirms nothing the agency sells is listed apart as not a fit, never as a qualified client", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    // An agency that sells only "publish a contact email": every lead with a website starts at 15 (needs audit).
    await asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, leadQualificationCriteria: ["NO_CONTACT_EMAIL"] });
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 6, maxDeepAudits: 6 });
    const view = await waitForRunEnd(t, jobId);
    expect(view.run.workflowStatus).toBe("completed");
    const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    const fits = leads.filter((l) => !l.notAFit);
    const misfits = leads.filter((l) => l.notAFit);
    expect(misfits.length).toBeGreaterThan(0);
    expect(fits.length).toBeGreaterThan(0);
    // Listed after every qualified lead, each with a finished audit that confirmed nothing sold.
    expect(leads.slice(fits.length).every((l) => l.notAFit)).toBe(true);
    // A finished audit: completed, or ended in error on a website that is down (WEBSITE_DOWN, which this agency does not sell).
    expect(
      misfits.every(
        (l) => l.qualificationScore === 0 && (l.audit?.status === "completed" || l.audit?.status === "error") && !l.signals.includes("NO_CONTACT_EMAIL"),
      ),
    ).toBe(true);
    expect(fits.every((l) => l.qualificationScore > 0)).toBe(true);
    expect(view.counts.notAFit).toBe(misfits.length);
    expect(view.counts.ready).toBe(fits.filter((l) => l.status === "READY").length);
    expect(view.run.lastEvent.message).toContain(`${misfits.length} not a fit`);
  });
});
