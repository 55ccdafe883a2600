import { estimateAuditsCost } from "../../lib/costEstimate";
import { AGENCY_LIMITS } from "../../lib/limits";
import { activeProviderKinds } from "../../lib/providers/paidProviders";
import { addUsageTotals, checkBudget, emptyUsageTotals, isEmptyUsage, monthKey, type UsageTotals } from "../../lib/usage";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { userError } from "./errors";

/** The agency's row for a month, or null before anything was used or started that month. */
export async function monthUsage(ctx: QueryCtx, agencyId: Id<"agency_profile">, month: string): Promise<Doc<"agency_usage"> | null> {
  return await ctx.db
    .query("agency_usage")
    .withIndex("by_agency_and_month", (q) => q.eq("agencyId", agencyId).eq("month", month))
    .unique();
}

async function addToMonth(ctx: MutationCtx, agencyId: Id<"agency_profile">, change: { usage?: UsageTotals; runs?: number; reaudits?: number }): Promise<void> {
  const month = monthKey(Date.now());
  const row = await monthUsage(ctx, agencyId, month);
  const usage = change.usage ? addUsageTotals(row?.usage, change.usage) : (row?.usage ?? emptyUsageTotals());
  const runs = (row?.runs ?? 0) + (change.runs ?? 0);
  const reaudits = (row?.reaudits ?? 0) + (change.reaudits ?? 0);
  if (row) await ctx.db.patch("agency_usage", row._id, { usage, runs, reaudits });
  else await ctx.db.insert("agency_usage", { agencyId, month, usage, runs, reaudits });
}

/**
 * A step's usage, written by the mutation that writes the step's batch: added to its run, its audit job and the
 * agency's month in one transaction. Recorded even when the run or job has since stopped: the money was spent.
 */
export async function recordUsage(
  ctx: MutationCtx,
  target: { agencyId: Id<"agency_profile">; leadGenFlowId?: Id<"lead_gen_flow">; auditJobId?: Id<"audit_jobs"> },
  usage: UsageTotals | undefined,
): Promise<void> {
  if (!usage || isEmptyUsage(usage)) return;
  if (target.leadGenFlowId) {
    const run = await ctx.db.get("lead_gen_flow", target.leadGenFlowId);
    if (run) await ctx.db.patch("lead_gen_flow", run._id, { usage: addUsageTotals(run.usage, usage) });
  }
  if (target.auditJobId) {
    const job = await ctx.db.get("audit_jobs", target.auditJobId);
    if (job) await ctx.db.patch("audit_jobs", job._id, { usage: addUsageTotals(job.usage, usage) });
  }
  await addToMonth(ctx, target.agencyId, { usage });
}

/** Count a run or re-audit started this month (for "runs this month"); inside the starting mutation. */
export async function countStart(ctx: MutationCtx, agencyId: Id<"agency_profile">, kind: "run" | "reaudit"): Promise<void> {
  await addToMonth(ctx, agencyId, kind === "run" ? { runs: 1 } : { reaudits: 1 });
}

/** The month's spend so far, in USD. */
export async function spentThisMonth(ctx: QueryCtx, agencyId: Id<"agency_profile">): Promise<number> {
  return (await monthUsage(ctx, agencyId, monthKey(Date.now())))?.usage.costUsd ?? 0;
}

/** Re-audits under way read at most this many per status (the hourly re-audit limit keeps the real number far lower). */
const REAUDITS_SCANNED = 200;

/**
 * What the agency's paid work still under way could yet cost: each running run's estimate less what it has spent
 * so far, and each queued or running re-audit's estimate less its spend. Counted as spent by the budget checks, so
 * two runs (or a run and re-audits) started side by side cannot pass the budget together. `exceptRunId`: the run
 * asking, whose own remaining cost its caller counts.
 */
export async function heldByRunningWork(ctx: QueryCtx, agencyId: Id<"agency_profile">, exceptRunId?: Id<"lead_gen_flow">): Promise<number> {
  const runs = await ctx.db
    .query("lead_gen_flow")
    .withIndex("by_agency_and_status", (q) => q.eq("agencyId", agencyId).eq("workflowStatus", "running"))
    .take(AGENCY_LIMITS.concurrentRuns + 1);
  let heldUsd = 0;
  for (const run of runs) {
    if (run._id !== exceptRunId) heldUsd += Math.max(0, (run.estimatedCostUsd ?? 0) - (run.usage?.costUsd ?? 0));
  }
  const reauditUsd = estimateAuditsCost(1, activeProviderKinds(process.env));
  for (const status of ["queued", "running"] as const) {
    const jobs = await ctx.db
      .query("audit_jobs")
      .withIndex("by_agency_and_status", (q) => q.eq("agencyId", agencyId).eq("status", status))
      .take(REAUDITS_SCANNED);
    // A run's own audits are inside its estimate.
    for (const job of jobs) if (job.leadGenFlowId === undefined) heldUsd += Math.max(0, reauditUsd - (job.usage?.costUsd ?? 0));
  }
  return heldUsd;
}

/**
 * Before paid work starts: `ConvexError({ code: "BUDGET_EXCEEDED", message, spentUsd, budgetUsd, estimateUsd })`
 * when its estimate, on top of the month's spend and what work still running could yet cost, would pass the
 * agency's budget. Throws before anything is written.
 */
export async function enforceBudget(ctx: QueryCtx, agency: Doc<"agency_profile">, estimateUsd: number, what: string): Promise<void> {
  if (agency.monthlyBudgetUsd === undefined || estimateUsd <= 0) return;
  const spentUsd = await spentThisMonth(ctx, agency._id);
  const heldUsd = await heldByRunningWork(ctx, agency._id);
  const check = checkBudget({ spentUsd, heldUsd, budgetUsd: agency.monthlyBudgetUsd, estimateUsd, what, month: monthKey(Date.now()) });
  if (!check.ok) {
    throw userError({ code: "BUDGET_EXCEEDED", message: check.message, spentUsd, heldUsd, budgetUsd: agency.monthlyBudgetUsd, estimateUsd });
  }
}
