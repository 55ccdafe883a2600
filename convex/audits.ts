// The public audit API (a lead's re-audit) and the re-audit's onComplete. The internal writers an audit step
// calls live beside the step, in workflows/audit/writers.ts.
import { vResultValidator, vWorkflowId, type WorkflowId } from "@convex-dev/workflow";
import { v } from "convex/values";
import { errorFirstLine } from "../lib/errorText";
import { isAuditJobSettled } from "../lib/lifecycle";
import { settlePhases } from "../lib/runEvents";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalMutation, type QueryCtx } from "./_generated/server";
import { agencyMutation } from "./model/agencyFunctions";
import { enforceReauditLimit } from "./model/limits";
import { countStart, enforceBudget } from "./model/usage";
import { estimateAuditsCost } from "../lib/costEstimate";
import { activeProviderKinds } from "../lib/providers/paidProviders";
import { createAuditJob, settleReaudit } from "./model/audits";
import { requireLead } from "./model/leads";
import { workflow } from "./workflows/manager";
import { userError } from "./model/errors";

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
    const lead = await requireLead(ctx, opportunityId);
    if (lead.auditJobId) {
      const current = await ctx.db.get("audit_jobs", lead.auditJobId);
      if (current && (await isAuditInProgress(ctx, current))) {
        throw userError({ code: "AUDIT_IN_PROGRESS", message: "This lead is being audited right now." });
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
      internal.workflows.audit.workflow.reauditWorkflow,
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
    const lead = await requireLead(ctx, opportunityId);
    const job = lead.auditJobId ? await ctx.db.get("audit_jobs", lead.auditJobId) : null;
    if (!job || isAuditJobSettled(job.status) || !job.workflowId) {
      throw userError({ code: "AUDIT_NOT_RUNNING", message: "This lead has no re-audit in progress." });
    }
    await workflow.cancel(ctx, job.workflowId as WorkflowId);
    await settleReaudit(ctx, job, "cancelled", "Cancelled");
    return null;
  },
});

/** onComplete of a re-audit's workflow: a failure, time-out or cancel settles the job, exactly once. */
export const handleReauditComplete = internalMutation({
  args: { workflowId: vWorkflowId, result: vResultValidator, context: v.object({ auditJobId: v.id("audit_jobs") }) },
  returns: v.null(),
  handler: async (ctx, { result, context }) => {
    const job = await ctx.db.get("audit_jobs", context.auditJobId);
    if (!job || isAuditJobSettled(job.status)) return null;
    if (result.kind === "canceled") await settleReaudit(ctx, job, "cancelled", "Cancelled");
    else if (result.kind === "failed") await settleReaudit(ctx, job, "failed", errorFirstLine(result.error));
    else await settleReaudit(ctx, job, "failed", "The audit ended without a result");
    return null;
  },
});
