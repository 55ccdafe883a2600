import { AUDIT_PHASES } from "../../lib/lifecycle";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

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
  await ctx.db.patch("client_opportunities", opportunityId, { auditJobId });
  return auditJobId;
}
