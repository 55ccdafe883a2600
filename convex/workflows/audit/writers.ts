// The internal writers of one lead's audit (workflows/audit/actions.ts calls them; the run's steps and the
// re-audit share them). Each is one transaction and a no-op once the job is settled (cancelled, failed, done).
import { v } from "convex/values";
import { finalizeLead } from "../../../lib/auditPlan";
import { isAuditJobSettled } from "../../../lib/lifecycle";
import { nextLeadStatus } from "../../../lib/leadStatus";
import { completePhase, failPhase, settlePhases, skipPendingPhases, startPhase } from "../../../lib/runEvents";
import { placesGaps } from "../../../lib/audit/heuristicDossier";
import { matchTalkingPoints, wordingFacts } from "../../../lib/audit/talkingPoints";
import { isDeepSignal } from "../../../lib/signals";
import { internalMutation, internalQuery } from "../../_generated/server";
import { settleAuditJob } from "../../model/leadHistory";
import { recordUsage } from "../../model/usage";
import { settleReaudit } from "../../model/audits";
import { ensurePhaseStarted } from "../../model/runs";
import { vAuditAgency, vCrawledPage, vOpportunityDoc } from "../../model/documents";
import { benchmarkView } from "../../model/prospectReport";
import {
  vAuditPhaseName,
  vEmailProvenance,
  vIdentifiedGap,
  vOutreachDrafts,
  vSignal,
  vSiteTechnology,
  vTalkingPoint,
  vUsage,
  vWebsiteOutcome,
  vWriterCheck,
} from "../../validators";
import { patchLead } from "../../model/leadRows";

/**
 * Everything one audit needs, read once: the lead, the agency and the competitor benchmark sentence of the lead's
 * search (the LLM's drafts may quote it). Null when the job is gone or no longer queued/running (run cancelled).
 */
export const getAuditContext = internalQuery({
  args: { auditJobId: v.id("audit_jobs") },
  returns: v.union(
    v.null(),
    v.object({
      lead: vOpportunityDoc,
      agency: vAuditAgency,
      benchmarkSentence: v.optional(v.string()),
    }),
  ),
  handler: async (ctx, { auditJobId }) => {
    const job = await ctx.db.get("audit_jobs", auditJobId);
    if (!job || isAuditJobSettled(job.status)) return null;
    const lead = await ctx.db.get("client_opportunities", job.opportunityId);
    const agency = await ctx.db.get("agency_profile", job.agencyId);
    if (!lead || !agency) return null;
    const run = lead.leadGenFlowId ? await ctx.db.get("lead_gen_flow", lead.leadGenFlowId) : null;
    const benchmarkSentence = benchmarkView(lead, run)?.sentence;
    return {
      lead,
      agency: { name: agency.name, leadQualificationCriteria: agency.leadQualificationCriteria, approvedClaims: agency.approvedClaims },
      ...(benchmarkSentence ? { benchmarkSentence } : {}),
    };
  },
});

/**
 * An audit's phase change: completes `complete` (or marks `fail` as the phase
 * that failed, with its error, and skips the crawl phases after it) and starts
 * `start`. A run's audit moves its lead SOURCED → SCRAPING (crawl) → AUDITING
 * (dossier) and the run to generate_dossier once the first dossier starts; a
 * re-audit leaves the lead's status alone until it completes.
 */
export const recordAuditPhase = internalMutation({
  args: {
    auditJobId: v.id("audit_jobs"),
    complete: v.optional(vAuditPhaseName),
    fail: v.optional(v.object({ phase: vAuditPhaseName, error: v.string() })),
    start: v.optional(vAuditPhaseName),
  },
  returns: v.boolean(),
  handler: async (ctx, { auditJobId, complete, fail, start }) => {
    const job = await ctx.db.get("audit_jobs", auditJobId);
    if (!job || isAuditJobSettled(job.status)) return false;
    const now = Date.now();
    let phases = job.phases;
    if (complete) phases = completePhase(phases, complete, now);
    if (fail) phases = failPhase(phases, fail.phase, fail.error, now, ["generate_dossier"]);
    if (start) phases = startPhase(phases, start, now);
    await ctx.db.patch("audit_jobs", auditJobId, { phases, status: "running", startedAt: job.startedAt ?? now });
    if (!job.leadGenFlowId) return true;
    const leadEvent =
      start === "map_urls" ? ({ kind: "crawl_started" } as const) : start === "generate_dossier" ? ({ kind: "dossier_started" } as const) : undefined;
    const lead = leadEvent ? await ctx.db.get("client_opportunities", job.opportunityId) : null;
    if (lead && leadEvent) {
      const status = nextLeadStatus(lead.status, leadEvent);
      if (status !== lead.status) await patchLead(ctx, lead, { status });
    }
    if (start === "generate_dossier") {
      await ensurePhaseStarted(ctx, job.leadGenFlowId, "generate_dossier", "Writing audit dossiers…");
    }
    return true;
  },
});

/** The crawl's pages in one write (replacing any from an earlier attempt of the same job). */
export const saveCrawledPages = internalMutation({
  args: { auditJobId: v.id("audit_jobs"), pages: v.array(vCrawledPage) },
  returns: v.null(),
  handler: async (ctx, { auditJobId, pages }) => {
    const job = await ctx.db.get("audit_jobs", auditJobId);
    if (!job || isAuditJobSettled(job.status)) return null;
    const previous = await ctx.db
      .query("crawl_pages")
      .withIndex("by_auditJobId", (q) => q.eq("auditJobId", auditJobId))
      .collect();
    for (const page of previous) await ctx.db.delete("crawl_pages", page._id);
    const now = Date.now();
    // Each URL once per audit (a page reached by two links, or after a redirect, is one page).
    const unique = [...new Map(pages.map((p) => [p.url, p])).values()];
    for (const page of unique) {
      await ctx.db.insert("crawl_pages", { ...page, auditJobId, opportunityId: job.opportunityId, fetchedAt: now });
    }
    await ctx.db.patch("audit_jobs", auditJobId, { pagesCrawled: unique.filter((p) => !p.error).length });
    return null;
  },
});

/** What the dossier writer adds beside gaps and points: gaps no claim answers, the LLM check, LLM drafts. */
const vDossierWriting = {
  unpitchedSignals: v.optional(v.array(vSignal)),
  writerCheck: v.optional(vWriterCheck),
  outreach: v.optional(vOutreachDrafts),
};

/**
 * An audit's outcome in one write: the dossier, the lead's confirmed signals,
 * final score, email and fit reason, status READY; the job completed, or
 * `error` with the reason when the website could not be audited (the lead
 * then keeps its Places-based score).
 */
export const saveAuditResult = internalMutation({
  args: {
    auditJobId: v.id("audit_jobs"),
    summary: v.string(),
    identified_gaps: v.array(vIdentifiedGap),
    talking_points: v.array(vTalkingPoint),
    confirmedSignals: v.array(vSignal),
    email: v.optional(v.string()),
    provider: v.string(),
    note: v.optional(v.string()),
    auditFailure: v.optional(v.string()),
    emailProvenance: v.optional(v.array(vEmailProvenance)),
    websiteOutcome: v.optional(vWebsiteOutcome),
    technology: v.optional(vSiteTechnology),
    ...vDossierWriting,
    /** What the audit's crawl and LLM calls used (recorded even if the job was settled meanwhile: it was spent). */
    usage: v.optional(vUsage),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    const job = await ctx.db.get("audit_jobs", args.auditJobId);
    if (job) await recordUsage(ctx, { agencyId: job.agencyId, leadGenFlowId: job.leadGenFlowId, auditJobId: job._id }, args.usage);
    if (!job || isAuditJobSettled(job.status)) return null;
    const lead = await ctx.db.get("client_opportunities", job.opportunityId);
    const agency = await ctx.db.get("agency_profile", job.agencyId);
    if (!lead || !agency) return null;
    const now = Date.now();
    if (args.auditFailure && !job.leadGenFlowId) {
      // A re-audit that could not crawl: the lead keeps its previous dossier, score and status.
      await settleReaudit(ctx, job, "failed", args.auditFailure);
      return null;
    }
    const previous = await ctx.db
      .query("audit_dossier")
      .withIndex("by_auditJobId", (q) => q.eq("auditJobId", job._id))
      .collect();
    for (const d of previous) await ctx.db.delete("audit_dossier", d._id);
    await ctx.db.insert("audit_dossier", {
      agencyId: job.agencyId,
      opportunityId: job.opportunityId,
      auditJobId: job._id,
      summary: args.summary,
      identified_gaps: args.identified_gaps,
      talking_points: args.talking_points,
      provider: args.provider,
      createdAt: now,
      ...(args.emailProvenance ? { emailProvenance: args.emailProvenance } : {}),
      ...(args.websiteOutcome ? { websiteOutcome: args.websiteOutcome } : {}),
      ...(args.technology ? { technology: args.technology } : {}),
      ...(args.unpitchedSignals ? { unpitchedSignals: args.unpitchedSignals } : {}),
      ...(args.writerCheck ? { writerCheck: args.writerCheck } : {}),
      ...(args.outreach ? { outreach: args.outreach } : {}),
    });
    // A failed audit confirms nothing, except WEBSITE_DOWN: the site not answering is itself the finding.
    const confirmed = args.auditFailure
      ? args.confirmedSignals.includes("WEBSITE_DOWN")
        ? ["WEBSITE_DOWN" as const]
        : undefined
      : args.confirmedSignals.filter(isDeepSignal);
    const final = finalizeLead(lead.initialSignals ?? lead.signals, confirmed, agency.leadQualificationCriteria);
    await patchLead(ctx, lead, {
      ...final,
      email: args.email ?? lead.email,
      ...(args.websiteOutcome ? { websiteOutcome: args.websiteOutcome } : {}),
      status: nextLeadStatus(lead.status, { kind: "finished" }),
    });
    // The dossier was written either way; a crawl failure is already on the phase that failed.
    const written = completePhase(job.phases, "generate_dossier", now);
    const phases = args.auditFailure ? settlePhases(written, "failed", args.auditFailure, now) : skipPendingPhases(written);
    await settleAuditJob(ctx, job, {
      status: args.auditFailure ? "error" : "completed",
      error: args.auditFailure,
      phases,
      provider: args.provider,
      note: args.note,
      completedAt: now,
    });
    return null;
  },
});

/** Places-only dossiers for leads with no crawlable website (or beyond the deep-audit limit), in one write. */
export const savePlacesDossiers = internalMutation({
  args: {
    leadGenFlowId: v.id("lead_gen_flow"),
    dossiers: v.array(
      v.object({
        opportunityId: v.id("client_opportunities"),
        summary: v.string(),
        identified_gaps: v.array(vIdentifiedGap),
        talking_points: v.array(vTalkingPoint),
        provider: v.string(),
        websiteOutcome: v.optional(vWebsiteOutcome),
        ...vDossierWriting,
      }),
    ),
    /** What the dossier writer's LLM calls used. */
    usage: v.optional(vUsage),
  },
  returns: v.null(),
  handler: async (ctx, { leadGenFlowId, dossiers, usage }) => {
    const run = await ctx.db.get("lead_gen_flow", leadGenFlowId);
    if (run) await recordUsage(ctx, { agencyId: run.agencyId, leadGenFlowId }, usage);
    if (!run || run.workflowStatus !== "running") return null;
    const now = Date.now();
    for (const d of dossiers) {
      const lead = await ctx.db.get("client_opportunities", d.opportunityId);
      if (!lead) continue;
      const previous = await ctx.db
        .query("audit_dossier")
        .withIndex("by_opportunity", (q) => q.eq("opportunityId", lead._id))
        .collect();
      for (const p of previous.filter((p) => p.auditJobId === undefined)) await ctx.db.delete("audit_dossier", p._id);
      await ctx.db.insert("audit_dossier", { ...d, agencyId: lead.agencyId, createdAt: now });
      if (d.websiteOutcome && lead.websiteOutcome !== d.websiteOutcome) await patchLead(ctx, lead, { websiteOutcome: d.websiteOutcome });
    }
    return null;
  },
});

/** A re-audit that ended with a configuration error: what it used before the error, on its job and the month. */
export const recordFailedAuditUsage = internalMutation({
  args: { auditJobId: v.id("audit_jobs"), usage: vUsage },
  returns: v.null(),
  handler: async (ctx, { auditJobId, usage }) => {
    const job = await ctx.db.get("audit_jobs", auditJobId);
    if (job) await recordUsage(ctx, { agencyId: job.agencyId, leadGenFlowId: job.leadGenFlowId, auditJobId }, usage);
    return null;
  },
});

/**
 * An audit step that failed even after its retries (an unexpected error): the
 * job ends `error` with the reason, the lead READY on its Places-based score
 * with an AUDIT_FAILED dossier. One bad website never fails the run.
 */
export const failAuditJob = internalMutation({
  args: { auditJobId: v.id("audit_jobs"), error: v.string() },
  returns: v.null(),
  handler: async (ctx, { auditJobId, error }) => {
    const job = await ctx.db.get("audit_jobs", auditJobId);
    if (!job || isAuditJobSettled(job.status)) return null;
    if (!job.leadGenFlowId) {
      await settleReaudit(ctx, job, "failed", error);
      return null;
    }
    const lead = await ctx.db.get("client_opportunities", job.opportunityId);
    const agency = await ctx.db.get("agency_profile", job.agencyId);
    if (!lead || !agency) return null;
    const now = Date.now();
    const facts = { ...lead, reviewsCount: lead.reviews_count, signals: lead.initialSignals ?? lead.signals };
    const gaps = placesGaps(facts);
    await ctx.db.insert("audit_dossier", {
      agencyId: job.agencyId,
      opportunityId: lead._id,
      auditJobId,
      // Plain English for the owner; the technical reason is the job's error below.
      summary: "We couldn't check your website, so this report is based on your Google listing only.",
      identified_gaps: gaps,
      ...matchTalkingPoints(gaps, agency.approvedClaims, agency.leadQualificationCriteria, wordingFacts(facts)),
      provider: "none",
      createdAt: now,
    });
    const final = finalizeLead(lead.initialSignals ?? lead.signals, undefined, agency.leadQualificationCriteria);
    await patchLead(ctx, lead, { ...final, status: nextLeadStatus(lead.status, { kind: "finished" }) });
    await settleAuditJob(ctx, job, {
      status: "error",
      error,
      phases: settlePhases(job.phases, "failed", error, now),
      completedAt: now,
    });
    return null;
  },
});
