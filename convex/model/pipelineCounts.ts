/**
 * Per-agency lead counts for the pipeline statuses (CONTACTED … NOT_A_FIT), one `lead_status_counts` row per
 * (agency, status), changed in the same mutation that moves or deletes a lead. Only the user moves leads in
 * or out of these statuses (lib/leadStatus.ts: they stick), so setStatus and the deletes are the only writers.
 * The leads not in the pipeline yet are the agency's total (campaign counters) minus these.
 */
import { isPipelineStatus } from "../../lib/leadStatus";
import { PIPELINE_STATUSES, type OpportunityStatus, type PipelineStatus } from "../../lib/lifecycle";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

async function addToStatusCount(ctx: MutationCtx, agencyId: Id<"agency_profile">, status: OpportunityStatus, delta: number): Promise<void> {
  if (!isPipelineStatus(status) || delta === 0) return;
  const row = await ctx.db
    .query("lead_status_counts")
    .withIndex("by_agency_and_status", (q) => q.eq("agencyId", agencyId).eq("status", status))
    .unique();
  if (row) await ctx.db.patch("lead_status_counts", row._id, { count: Math.max(0, row.count + delta) });
  else if (delta > 0) await ctx.db.insert("lead_status_counts", { agencyId, status, count: delta });
}

/** A lead moved from `from` to `to` (either may be outside the pipeline). */
export async function moveStatusCount(ctx: MutationCtx, agencyId: Id<"agency_profile">, from: OpportunityStatus, to: OpportunityStatus): Promise<void> {
  if (from === to) return;
  await addToStatusCount(ctx, agencyId, from, -1);
  await addToStatusCount(ctx, agencyId, to, 1);
}

/** A lead in `status` was deleted. */
export async function removeFromStatusCount(ctx: MutationCtx, agencyId: Id<"agency_profile">, status: OpportunityStatus): Promise<void> {
  await addToStatusCount(ctx, agencyId, status, -1);
}

/** Every pipeline status with its count (0 when no row yet), in pipeline order. */
export async function pipelineCounts(ctx: QueryCtx, agencyId: Id<"agency_profile">): Promise<Record<PipelineStatus, number>> {
  const rows = await ctx.db
    .query("lead_status_counts")
    .withIndex("by_agency_and_status", (q) => q.eq("agencyId", agencyId))
    .take(PIPELINE_STATUSES.length * 2);
  const counts = Object.fromEntries(PIPELINE_STATUSES.map((s) => [s, 0])) as Record<PipelineStatus, number>;
  for (const row of rows) if (isPipelineStatus(row.status)) counts[row.status] += row.count;
  return counts;
}
