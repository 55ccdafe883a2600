import { vResultValidator, vWorkflowId, type WorkflowId } from "@convex-dev/workflow";
import { ConvexError, v } from "convex/values";
import { finalizeLead } from "../lib/auditPlan";
import { isAuditJobSettled } from "../lib/lifecycle";
import { completePhase, settlePhases, startPhase } from "../lib/runEvents";
import { placesGaps } from "../lib/audit/heuristicDossier";
import { isDeepSignal } from "../lib/signals";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "./_generated/server";
import { agencyMutation } from "./model/agencyFunctions";
import { enforceReauditLimit } from "./model/limits";
import { countStart, enforceBudget, recordUsage } from "./model/usage";
import { estimateAuditsCost } from "../lib/costEstimate";
import { activeProviderKinds } from "../lib/providers/paidProviders";
import { trimLeadHistory } from "./model/leadHistory";
import { createAuditJob } from "./model/audits";
import { ensurePhaseStarted } from "./model/runs";
import { vAuditAgency, vCrawledPage, vOpportunityDoc } from "./model/documents";
import { vAuditPhaseName, vEmailProvenance, vIdentifiedGap, vSignal, vSiteTechnology, vTalkingPoint, vUsage, vWebsiteOutcome } from "./validators";
import { workflow } from "./workflows/manager";

/**
 * True only while a job is really in progress: queued/running AND its driver
 * (the run's workflow, or the re-audit's own workflow) is still alive. A job
 * whose driver ended without settling it can never block re-audits.
 */
async function isAuditInProgress(ctx: QueryCtx, job: Doc<"audit_jobs">): Promise<boolean> {
  if (isAuditJobSettled(job.status)) return false;
  if (job.leadGenFlowId) {
    const run = await ctx.db.get("lead_gen_flow", job.leadGenFlowId);
    return run?.workflowStatus === "running";
  }
  if (!job.workflowId) return false;
  const status = await workflow.status(ctx, job.workflowId as WorkflowId);
  return status.type === "inProgress";
}

/**
 * Re-audit one lead on demand (the report's "Re-run audit"), with the same
 * steps as a run, through the same durable path: its own workflow whose
 * onComplete settles the job on any failure or time-out. Until the new audit
 * completes, the lead keeps its previous dossier, score and status; a
 * re-audit that fails or is cancelled leaves them as they were.
 */
export const runDeepAudit = agencyMutation({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.object({ auditJobId: v.id("audit_jobs") }),
  handler: async (ctx, { opportunityId }) => {
    const lead = await ctx.db.get("client_opportunities", opportunityId);
    if (!lead) throw new ConvexError({ code: "OPPORTUNITY_NOT_FOUND", message: "That lead does not exist." });
    if (lead.auditJobId) {
      const current = await ctx.db.get("audit_jobs", lead.auditJobId);
      if (current && (await isAuditInProgress(ctx, current))) {
        throw new ConvexError({ code: "AUDIT_IN_PROGRESS", message: "This lead is being audited right now." });
      }
      if (current && !isAuditJobSettled(current.status)) {
        // Its driver is gone: settle it so it never shows as running again.
        await ctx.db.patch("audit_jobs", current._id, {
          status: "error",
          error: "Interrupted before it finished",
          phases: settlePhases(current.phases, "failed", "Interrupted", Date.now()),
          completedAt: Date.now(),
        });
      }
    }
    await enforceBudget(ctx, ctx.agency, estimateAuditsCost(1, activeProviderKinds(process.env)), "Re-running this audit");
    await enforceReauditLimit(ctx, ctx.agency._id);
    await countStart(ctx, ctx.agency._id, "reaudit");
    const auditJobId = await createAuditJob(ctx, opportunityId);
    const workflowId: WorkflowId = await workflow.start(
      ctx,
      internal.workflows.reaudit.reauditWorkflow,
      { auditJobId },
      { onComplete: internal.audits.handleReauditComplete, context: { auditJobId } },
    );
    await ctx.db.patch("audit_jobs", auditJobId, { workflowId });
    return { auditJobId };
  },
});

/** Cancel a lead's running re-audit: the lead keeps its previous dossier, score and status. */
export const cancelDeepAudit = agencyMutation({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.null(),
  handler: async (ctx, { opportunityId }) => {
    // Another agency's lead reads as missing (row-level security in agencyMutation).
    const lead = await ctx.db.get("client_opportunities", opportunityId);
    if (!lead) throw new ConvexError({ code: "OPPORTUNITY_NOT_FOUND", message: "That lead does not exist." });
    const job = lead.auditJobId ? await ctx.db.get("audit_jobs", lead.auditJobId) : null;
    if (!job || isAuditJobSettled(job.status) || !job.workflowId) {
      throw new ConvexError({ code: "AUDIT_NOT_RUNNING", message: "This lead has no re-audit in progress." });
    }
    await workflow.cancel(ctx, job.workflowId as WorkflowId);
    await settleReaudit(ctx, job, "cancelled", "Cancelled");
    return null;
  },
});

/**
 * End a re-audit that did not complete: the job says why, its phases settle,
 * and the lead is left exactly as it was (previous dossier, score, status).
 */
async function settleReaudit(ctx: Parameters<typeof createAuditJob>[0], job: Doc<"audit_jobs">, outcome: "failed" | "cancelled", reason: string) {
  const now = Date.now();
  await ctx.db.patch("audit_jobs", job._id, {
    status: outcome === "cancelled" ? "cancelled" : "error",
    error: reason,
    phases: settlePhases(job.phases, outcome, reason, now),
    completedAt: now,
  });
  // The lead is not touched: it keeps pointing at this job so its report says why the re-audit ended.
}

/** onComplete of a re-audit's workflow: a failure, time-out or cancel settles the job, exactly once. */
export const handleReauditComplete = internalMutation({
  args: { workflowId: vWorkflowId, result: vResultValidator, context: v.object({ auditJobId: v.id("audit_jobs") }) },
  returns: v.null(),
  handler: async (ctx, { result, context }) => {
    const job = await ctx.db.get("audit_jobs", context.auditJobId);
    if (!job || isAuditJobSettled(job.status)) return null;
    if (result.kind === "canceled") await settleReaudit(ctx, job, "cancelled", "Cancelled");
    else if (result.kind === "failed") await settleReaudit(ctx, job, "failed", firstLine(result.error));
    else await settleReaudit(ctx, job, "failed", "The audit ended without a result");
    return null;
  },
});

/** A step error's message without the runtime's "Uncaught Error:" prefix and stack. */
function firstLine(error: string): string {
  return error.split("\n")[0].replace(/^(Uncaught )?(\w*Error): /, "").trim() || "Unknown error";
}

/** Everything one audit needs, read once. Null when the job is gone or no longer queued/running (run cancelled). */
export const getAuditContext = internalQuery({
  args: { auditJobId: v.id("audit_jobs") },
  returns: v.union(
    v.null(),
    v.object({
      lead: vOpportunityDoc,
      agency: vAuditAgency,
    }),
  ),
  handler: async (ctx, { auditJobId }) => {
    const job = await ctx.db.get("audit_jobs", auditJobId);
    if (!job || isAuditJobSettled(job.status)) return null;
    const lead = await ctx.db.get("client_opportunities", job.opportunityId);
    const agency = await ctx.db.get("agency_profile", job.agencyId);
    if (!lead || !agency) return null;
    return {
      lead,
      agency: { name: agency.name, leadQualificationCriteria: agency.leadQualificationCriteria, approvedClaims: agency.approvedClaims },
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
    if (fail) {
      const at = phases.findIndex((p) => p.name === fail.phase);
      phases = phases.map((p, i) =>
        i === at
          ? { ...p, status: "error" as const, error: fail.error, startedAt: p.startedAt ?? now, completedAt: now }
          : i > at && p.name !== "generate_dossier"
            ? { ...p, status: "skipped" as const }
            : p,
      );
    }
    if (start) phases = startPhase(phases, start, now);
    await ctx.db.patch("audit_jobs", auditJobId, { phases, status: "running", startedAt: job.startedAt ?? now });
    if (!job.leadGenFlowId) return true;
    const leadStatus = start === "map_urls" ? "SCRAPING" : start === "generate_dossier" ? "AUDITING" : undefined;
    const lead = leadStatus ? await ctx.db.get("client_opportunities", job.opportunityId) : null;
    // A lead the user already contacted keeps that status through any later audit.
    if (lead && leadStatus && lead.status !== "CONTACTED") await ctx.db.patch("client_opportunities", lead._id, { status: leadStatus });
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
    const previous = await ctx.db.query("crawl_pages").withIndex("by_auditJobId", (q) => q.eq("auditJobId", auditJobId)).collect();
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
    const previous = await ctx.db.query("audit_dossier").withIndex("by_auditJobId", (q) => q.eq("auditJobId", job._id)).collect();
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
    });
    // A failed audit confirms nothing, except WEBSITE_DOWN: the site not answering is itself the finding.
    const confirmed = args.auditFailure ? (args.confirmedSignals.includes("WEBSITE_DOWN") ? ["WEBSITE_DOWN" as const] : undefined) : args.confirmedSignals.filter(isDeepSignal);
    const final = finalizeLead(lead.initialSignals ?? lead.signals, confirmed, agency.leadQualificationCriteria);
    await ctx.db.patch("client_opportunities", lead._id, {
      ...final,
      email: args.email ?? lead.email,
      ...(args.websiteOutcome ? { websiteOutcome: args.websiteOutcome } : {}),
      status: lead.status === "CONTACTED" ? "CONTACTED" : "READY",
    });
    await trimLeadHistory(ctx, lead._id);
    // The dossier was written either way; a crawl failure is already on the phase that failed.
    const phases = completePhase(job.phases, "generate_dossier", now).map((p) =>
      p.status === "running" && args.auditFailure
        ? { ...p, status: "error" as const, error: args.auditFailure, completedAt: now }
        : p.status === "pending"
          ? { ...p, status: "skipped" as const }
          : p,
    );
    await ctx.db.patch("audit_jobs", job._id, {
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
      const previous = await ctx.db.query("audit_dossier").withIndex("by_opportunity", (q) => q.eq("opportunityId", lead._id)).collect();
      for (const p of previous.filter((p) => p.auditJobId === undefined)) await ctx.db.delete("audit_dossier", p._id);
      await ctx.db.insert("audit_dossier", { ...d, agencyId: lead.agencyId, createdAt: now });
      if (d.websiteOutcome && lead.websiteOutcome !== d.websiteOutcome) await ctx.db.patch("client_opportunities", lead._id, { websiteOutcome: d.websiteOutcome });
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
    await ctx.db.insert("audit_dossier", {
      agencyId: job.agencyId,
      opportunityId: lead._id,
      auditJobId,
      summary: `The website could not be audited (${error}); this dossier is based on Google Places data only.`,
      identified_gaps: placesGaps({ ...lead, reviewsCount: lead.reviews_count, signals: lead.initialSignals ?? lead.signals }),
      talking_points: [],
      provider: "none",
      createdAt: now,
    });
    const final = finalizeLead(lead.initialSignals ?? lead.signals, undefined, agency.leadQualificationCriteria);
    await ctx.db.patch("client_opportunities", lead._id, { ...final, status: lead.status === "CONTACTED" ? "CONTACTED" : "READY" });
    await ctx.db.patch("audit_jobs", auditJobId, {
      status: "error",
      error,
      phases: settlePhases(job.phases, "failed", error, now),
      completedAt: now,
    });
    return null;
  },
});
