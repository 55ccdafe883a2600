/**
 * Deleting leads: the lead row goes at once (lists, counts and searches stop showing it in the same
 * transaction); its audit jobs, dossiers, crawled pages, notes and outreach edits go in bounded batches, continued by a
 * scheduled mutation (`opportunities.purgeDeletedLeads`) when one transaction would write too much.
 */
import type { WorkflowId } from "@convex-dev/workflow";
import { isAuditJobSettled } from "../../lib/lifecycle";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { workflow } from "../workflows/manager";
import { addToCampaignCount } from "./campaignCounts";
import { removeFromStatusCount } from "./pipelineCounts";
import { removeLead } from "./leadRows";

/** Dependent rows deleted per transaction at most (Convex caps the documents one mutation may write). */
export const PURGE_BATCH = 500;

/** Deletes the lead row and takes it out of the campaign and pipeline counts; a running re-audit is cancelled. */
export async function deleteLeadRow(ctx: MutationCtx, lead: Doc<"client_opportunities">): Promise<void> {
  const job = lead.auditJobId ? await ctx.db.get("audit_jobs", lead.auditJobId) : null;
  if (job && !isAuditJobSettled(job.status) && job.workflowId) await workflow.cancel(ctx, job.workflowId as WorkflowId);
  await removeLead(ctx, lead);
  await addToCampaignCount(ctx, lead.agencyId, lead, -1);
  await removeFromStatusCount(ctx, lead.agencyId, lead.status);
}

/**
 * Deletes up to `budget` rows that belong to deleted leads: crawled pages first (they are found through their
 * audit job), then dossiers, audit jobs, notes and outreach edits.
 * @returns the leads that still have rows left.
 */
export async function purgeLeadRows(
  ctx: MutationCtx,
  opportunityIds: readonly Id<"client_opportunities">[],
  budget = PURGE_BATCH,
): Promise<Id<"client_opportunities">[]> {
  let left = budget;
  const remaining: Id<"client_opportunities">[] = [];
  for (const opportunityId of opportunityIds) {
    if (left <= 0) {
      remaining.push(opportunityId);
      continue;
    }
    const jobs = await ctx.db
      .query("audit_jobs")
      .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
      .take(left);
    for (const job of jobs) {
      if (left <= 0) break;
      const pages = await ctx.db
        .query("crawl_pages")
        .withIndex("by_auditJobId", (q) => q.eq("auditJobId", job._id))
        .take(left);
      for (const page of pages) await ctx.db.delete("crawl_pages", page._id);
      left -= pages.length;
    }
    const dossiers =
      left > 0
        ? await ctx.db
            .query("audit_dossier")
            .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
            .take(left)
        : [];
    for (const dossier of dossiers) await ctx.db.delete("audit_dossier", dossier._id);
    left -= dossiers.length;
    for (const job of jobs) {
      if (left <= 0) break;
      // Only once its pages are all gone (a page is found through its job).
      const page = await ctx.db
        .query("crawl_pages")
        .withIndex("by_auditJobId", (q) => q.eq("auditJobId", job._id))
        .first();
      if (page) continue;
      await ctx.db.delete("audit_jobs", job._id);
      left -= 1;
    }
    const notes =
      left > 0
        ? await ctx.db
            .query("opportunity_notes")
            .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
            .take(left)
        : [];
    for (const note of notes) await ctx.db.delete("opportunity_notes", note._id);
    left -= notes.length;
    const edits =
      left > 0
        ? await ctx.db
            .query("outreach_edits")
            .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
            .unique()
        : null;
    if (edits) {
      await ctx.db.delete("outreach_edits", edits._id);
      left -= 1;
    }
    if (left <= 0) remaining.push(opportunityId);
  }
  return remaining;
}
