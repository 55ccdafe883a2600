import { AUDIT_PHASES } from "../../lib/lifecycle";
import { settlePhases } from "../../lib/runEvents";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { settleAuditJob } from "./leadHistory";
import { patchLead } from "./leadRows";

/** Create a queued audit job for a lead and point the lead at it. */
export async function createAuditJob(ctx: MutationCtx, opportunityId: Id<"client_opportunities">, leadGenFlowId?: Id<"lead_gen_flow">) {
  const lead = await ctx.db.get("client_opportunities", opportunityId);
  if (!lead) throw new Error(`Lead ${opportunityId} not found`);
  const auditJobId = await ctx.db.insert("audit_jobs", {
    agencyId: lead.agencyId,
    opportunityId,
    leadGenFlowId,
    status: "queued",
    phases: AUDIT_PHASES.map((name) => ({ name, status: "pending" as const })),
    createdAt: Date.now(),
  });
  await patchLead(ctx, lead, { auditJobId });
  return auditJobId;
}

/**
 * End a re-audit that did not complete: the job says why, its phases settle,
 * and the lead is left exactly as it was (previous dossier, score, status).
 */
export async function settleReaudit(ctx: MutationCtx, job: Doc<"audit_jobs">, outcome: "failed" | "cancelled", reason: string) {
  const now = Date.now();
  await settleAuditJob(ctx, job, {
    status: outcome === "cancelled" ? "cancelled" : "error",
    error: reason,
    phases: settlePhases(job.phases, outcome, reason, now),
    completedAt: now,
  });
  // The lead is not touched: it keeps pointing at this job so its report says why the re-audit ended.
}
