/**
 * A lead's audit history stays small: every re-audit and every run used to add an audit job,
 * a dossier and crawled pages forever (10 dossiers on one lead after 17 runs).
 */
import { isAuditJobSettled } from "../../lib/lifecycle";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

/** Finished audits kept per lead, newest first; older ones go with their dossiers and pages. */
export const KEPT_AUDITS_PER_LEAD = 3;
/** Rows deleted per call at most (bounded writes); the next audit trims the rest. */
const TRIM_BATCH = 10;

/**
 * Deletes a lead's finished (completed, error or cancelled) audit jobs beyond the latest `keep`, with their dossiers and
 * crawled pages. Jobs still queued or running, and Places-only dossiers, are never touched.
 * @returns how many audit jobs were deleted.
 */
export async function trimLeadHistory(ctx: MutationCtx, opportunityId: Id<"client_opportunities">, keep = KEPT_AUDITS_PER_LEAD): Promise<number> {
  const jobs = await ctx.db
    .query("audit_jobs")
    .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
    .order("desc")
    .take(keep + TRIM_BATCH);
  const lead = await ctx.db.get("client_opportunities", opportunityId);
  const old = jobs.slice(keep).filter((job) => isAuditJobSettled(job.status) && job._id !== lead?.auditJobId);
  for (const job of old) {
    const dossiers = await ctx.db
      .query("audit_dossier")
      .withIndex("by_auditJobId", (q) => q.eq("auditJobId", job._id))
      .take(TRIM_BATCH);
    for (const dossier of dossiers) await ctx.db.delete("audit_dossier", dossier._id);
    const pages = await ctx.db
      .query("crawl_pages")
      .withIndex("by_auditJobId", (q) => q.eq("auditJobId", job._id))
      .take(50);
    for (const page of pages) await ctx.db.delete("crawl_pages", page._id);
    await ctx.db.delete("audit_jobs", job._id);
  }
  return old.length;
}

/**
 * The one way an audit job ends (completed, error, cancelled): its final fields are written,
 * then the lead's history is capped, so every ending path (a saved result, a failed step,
 * a failed or cancelled re-audit) keeps at most KEPT_AUDITS_PER_LEAD finished audits.
 */
export async function settleAuditJob(
  ctx: MutationCtx,
  job: Doc<"audit_jobs">,
  fields: Pick<Doc<"audit_jobs">, "status" | "phases" | "completedAt"> & Partial<Pick<Doc<"audit_jobs">, "error" | "provider" | "note">>,
): Promise<void> {
  await ctx.db.patch("audit_jobs", job._id, fields);
  await trimLeadHistory(ctx, job.opportunityId);
}
