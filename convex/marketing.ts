import { vResultValidator, vWorkflowId, type WorkflowId } from "@convex-dev/workflow";
import { v } from "convex/values";
import { validateRunRequest } from "../lib/campaignInput";
import { campaignKey } from "../lib/campaignKey";
import { estimateRunCost } from "../lib/costEstimate";
import { checkListLimit } from "../lib/inputLimits";
import { activeProviderKinds } from "../lib/providers/paidProviders";
import { DEFAULT_MAX_DEEP_AUDITS, DEFAULT_MIN_SCORE, DROP_REASONS, initialPhases, NUM_LEADS_MAX, type DropReason } from "../lib/lifecycle";
import { errorFirstLine } from "../lib/errorText";
import { computeProgress } from "../lib/progress";
import { skipPendingPhases } from "../lib/runEvents";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalMutation, type QueryCtx } from "./_generated/server";
import { agencyMutation, agencyQuery } from "./model/agencyFunctions";
import { enforceRunLimits } from "./model/limits";
import { countStart, enforceBudget } from "./model/usage";
import { event, requireRun, settleRun } from "./model/runs";
import { vRunPhaseName } from "./validators";
import { workflow } from "./workflows/manager";
import { vRunDoc } from "./model/documents";
import { userError } from "./model/errors";

/**
 * Start finding qualified clients: validates the request, creates the
 * `lead_gen_flow` row with every phase pending, starts `leadGenWorkflow`.
 * Vertical and geography default to the agency profile's. One run per
 * campaign at a time (RUN_IN_PROGRESS names the running one); spellings of a
 * campaign are one campaign (lib/campaignKey.ts) and keep its first spelling.
 */
export const startLeadGenWorkflow = agencyMutation({
  args: {
    numLeads: v.number(),
    targetVertical: v.optional(v.string()),
    targetGeography: v.optional(v.string()),
    maxDeepAudits: v.optional(v.number()),
  },
  returns: v.object({ jobId: v.id("lead_gen_flow") }),
  handler: async (ctx, args) => {
    const { agency } = ctx;
    const checked = validateRunRequest({
      numLeads: args.numLeads,
      targetVertical: args.targetVertical ?? agency.targetVertical,
      targetGeography: args.targetGeography ?? agency.targetGeography,
      maxDeepAudits: args.maxDeepAudits,
    });
    if (!checked.ok) throw userError(checked.error);
    const key = campaignKey(checked.targetVertical, checked.targetGeography);
    const running = await ctx.db
      .query("lead_gen_flow")
      .withIndex("by_agency_and_campaignKey", (q) => q.eq("agencyId", agency._id).eq("campaignKey", key).eq("workflowStatus", "running"))
      .first();
    if (running) {
      throw userError({
        code: "RUN_IN_PROGRESS",
        message: `A run for "${running.targetVertical} in ${running.targetGeography}" is already in progress. Open it, or wait for it to finish or cancel it, before starting another.`,
        runId: running._id,
      });
    }
    // The most this run can cost on the providers it will use, against the month's budget.
    const maxDeepAudits = args.maxDeepAudits ?? DEFAULT_MAX_DEEP_AUDITS;
    const estimatedCostUsd = estimateRunCost({ numLeads: args.numLeads, maxDeepAudits, providers: activeProviderKinds(process.env) }).totalUsd;
    await enforceBudget(ctx, agency, estimatedCostUsd, `This run of ${args.numLeads} lead${args.numLeads === 1 ? "" : "s"}`);
    await enforceRunLimits(ctx, agency._id);
    await countStart(ctx, agency._id, "run");
    // The campaign's first spelling wins, so leads, filters and history stay one campaign.
    const earlier = await ctx.db
      .query("lead_gen_flow")
      .withIndex("by_agency_and_campaignKey", (q) => q.eq("agencyId", agency._id).eq("campaignKey", key))
      .first();
    const targetVertical = earlier?.targetVertical ?? checked.targetVertical;
    const targetGeography = earlier?.targetGeography ?? checked.targetGeography;
    // The search itself uses what the user typed ("Sydney, NSW" is a better query than "sydney").
    const textQuery = `${checked.targetVertical} in ${checked.targetGeography}`;
    const now = Date.now();
    const jobId = await ctx.db.insert("lead_gen_flow", {
      agencyId: agency._id,
      numLeads: args.numLeads,
      targetVertical,
      targetGeography,
      textQuery,
      campaignKey: key,
      maxDeepAudits,
      estimatedCostUsd,
      workflowStatus: "running",
      phases: initialPhases(),
      lastEvent: event("started", `Run started: up to ${args.numLeads} leads for "${textQuery}".`),
      startedAt: now,
    });
    const workflowId: WorkflowId = await workflow.start(
      ctx,
      internal.workflows.leadGen.workflow.leadGenWorkflow,
      { leadGenFlowId: jobId, textQuery },
      { onComplete: internal.marketing.handleLeadGenWorkflowComplete, context: { leadGenFlowId: jobId } },
    );
    await ctx.db.patch("lead_gen_flow", jobId, { workflowId });
    return { jobId };
  },
});

/** How long after a run ends its workflow's journal is deleted (see handleLeadGenWorkflowComplete). */
export const WORKFLOW_CLEANUP_DELAY_MS = 10_000;

/** onComplete of `leadGenWorkflow`: the run's final status, exactly once. */
export const handleLeadGenWorkflowComplete = internalMutation({
  args: {
    workflowId: vWorkflowId,
    result: vResultValidator,
    context: v.object({ leadGenFlowId: v.id("lead_gen_flow") }),
  },
  returns: v.null(),
  handler: async (ctx, { workflowId, result, context }) => {
    // The journal of a finished workflow is never read again: drop it once it has settled. Not at once: when
    // parallel steps finish together, each one queued a run of the workflow's handler in its workpool; the
    // ones still queued when the workflow completes see "completed" and stop, but after a clean-up they fail
    // with "Workflow not found". They start within the workpool's next loop iterations, well inside the delay.
    await ctx.scheduler.runAfter(WORKFLOW_CLEANUP_DELAY_MS, internal.marketing.cleanupFinishedWorkflow, { workflowId });
    const run = await ctx.db.get("lead_gen_flow", context.leadGenFlowId);
    if (!run || run.workflowStatus !== "running") return null;
    if (result.kind === "success") {
      const now = Date.now();
      const persisted = run.numLeadsPersisted ?? 0;
      const agency = await ctx.db.get("agency_profile", run.agencyId);
      const minScore = agency?.minimumScore ?? DEFAULT_MIN_SCORE;
      const leads = await ctx.db
        .query("client_opportunities")
        .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", run._id).gt("qualificationScore", minScore))
        .take(NUM_LEADS_MAX);
      const ready = Math.min(persisted, leads.length);
      await ctx.db.patch("lead_gen_flow", run._id, {
        workflowStatus: "completed",
        // Phases whose step is not part of this workflow version are skipped, not left pending.
        phases: skipPendingPhases(run.phases),
        lastEvent: event(
          "completed",
          `Run completed: ${ready} qualified lead${ready === 1 ? "" : "s"} ready` +
            (persisted > ready ? `, ${persisted - ready} not a fit after the audit` : "") +
            (run.budgetStop ? `; website audits skipped: ${run.budgetStop}` : "") +
            (run.shortfall ? `. ${run.shortfall}` : "."),
        ),
        completedAt: now,
      });
    } else if (result.kind === "failed") {
      await settleRun(ctx, run, "failed", errorFirstLine(result.error));
    } else {
      await settleRun(ctx, run, "cancelled", "Cancelled");
    }
    return null;
  },
});

/** Deletes a finished workflow's rows (workflow, steps, journal) from the workflow component. */
export const cleanupFinishedWorkflow = internalMutation({
  args: { workflowId: vWorkflowId },
  returns: v.boolean(),
  handler: async (ctx, { workflowId }) => await workflow.cleanup(ctx, workflowId),
});

/** Cancel a running run: no further steps run, every row is left in a known status. */
export const cancelLeadGenWorkflow = agencyMutation({
  args: { jobId: v.id("lead_gen_flow") },
  returns: v.null(),
  handler: async (ctx, { jobId }) => {
    const run = await requireRun(ctx, jobId);
    if (run.workflowStatus !== "running") {
      throw userError({
        code: "RUN_NOT_RUNNING",
        message: `This run has already ${run.workflowStatus === "completed" ? "completed" : `been ${run.workflowStatus}`}.`,
      });
    }
    if (run.workflowId) await workflow.cancel(ctx, run.workflowId as WorkflowId);
    await settleRun(ctx, run, "cancelled", "Cancelled by user");
    return null;
  },
});

/**
 * Runs still `running` when the embedded backend restarts lost their timers:
 * end them `failed` with a clear `lastEvent` instead of leaving them hanging.
 */
export const failInterruptedRuns = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const running = await ctx.db
      .query("lead_gen_flow")
      .withIndex("by_workflowStatus", (q) => q.eq("workflowStatus", "running"))
      .collect();
    for (const run of running) {
      if (run.workflowId) await workflow.cancel(ctx, run.workflowId as WorkflowId);
      await settleRun(ctx, run, "failed", "Interrupted: the backend restarted while this run was in progress. Start it again.");
    }
    return running.length;
  },
});

const vRunView = v.object({
  run: vRunDoc,
  progress: v.object({
    percent: v.number(),
    currentPhase: v.optional(vRunPhaseName),
    leadsDone: v.optional(v.number()),
    leadsTotal: v.optional(v.number()),
  }),
  counts: v.object({
    fetched: v.number(),
    dropped: v.record(v.string(), v.number()),
    persisted: v.number(),
    audited: v.number(),
    ready: v.number(),
    /** Saved leads whose audit confirmed nothing the agency sells (listed apart). */
    notAFit: v.number(),
  }),
});

async function runView(ctx: QueryCtx, run: Doc<"lead_gen_flow">) {
  const leads = await ctx.db
    .query("client_opportunities")
    .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", run._id))
    .take(100);
  const jobs = await ctx.db
    .query("audit_jobs")
    .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", run._id))
    .take(100);
  const agency = await ctx.db.get("agency_profile", run.agencyId);
  const minScore = agency?.minimumScore ?? DEFAULT_MIN_SCORE;
  const dropped: Record<string, number> = {};
  for (const reason of DROP_REASONS) dropped[reason] = 0;
  for (const entry of run.placesSnapshot ?? []) {
    if (entry.dropReason) dropped[entry.dropReason as DropReason] += 1;
  }
  return {
    run,
    progress: computeProgress(
      run.phases,
      leads.map((l) => l.status),
      run.workflowStatus === "failed" || run.workflowStatus === "cancelled",
    ),
    counts: {
      fetched: run.numLeadsFetched ?? 0,
      dropped,
      persisted: run.numLeadsPersisted ?? leads.length,
      audited: jobs.filter((j) => j.status === "completed").length,
      ready: leads.filter((l) => l.status === "READY" && l.qualificationScore > minScore).length,
      notAFit: leads.filter((l) => l.status === "READY" && l.qualificationScore <= minScore).length,
    },
  };
}

/** One run with its computed progress and counts, for the live run view. */
export const getRun = agencyQuery({
  args: { jobId: v.id("lead_gen_flow") },
  returns: v.union(vRunView, v.null()),
  handler: async (ctx, { jobId }) => {
    const run = await ctx.db.get("lead_gen_flow", jobId);
    if (!run) return null;
    return await runView(ctx, run);
  },
});

/** The agency's runs, newest first. */
export const listRuns = agencyQuery({
  args: { limit: v.optional(v.number()) },
  returns: v.array(vRunDoc),
  handler: async (ctx, { limit }) => {
    const size = checkListLimit(limit, 20);
    if (typeof size === "string") throw userError({ code: "INVALID_LIMIT", message: size });
    return await ctx.db
      .query("lead_gen_flow")
      .withIndex("by_agency", (q) => q.eq("agencyId", ctx.agency._id))
      .order("desc")
      .take(size);
  },
});
