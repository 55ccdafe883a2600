import { v } from "convex/values";
import { writeOutreachDrafts } from "../../lib/outreach/outreachDrafts";
import type { OutreachText } from "../../lib/outreach/outreachEdits";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { benchmarkView } from "./prospectReport";

/**
 * The drafts generated for a lead: the LLM's validated drafts kept on the dossier, else the heuristic writer's,
 * written on read from the dossier and the run's competitor benchmark (the same figures the shared report shows).
 */
export async function generatedOutreach(
  ctx: QueryCtx,
  lead: Doc<"client_opportunities">,
  dossier: Doc<"audit_dossier">,
  agency: Doc<"agency_profile">,
): Promise<OutreachText> {
  if (dossier.outreach) return dossier.outreach;
  const run = lead.leadGenFlowId ? await ctx.db.get("lead_gen_flow", lead.leadGenFlowId) : null;
  return writeOutreachDrafts({ lead: { ...lead, reviewsCount: lead.reviews_count }, agency, dossier, benchmarkSentence: benchmarkView(lead, run)?.sentence });
}

/** The agency's saved version of a lead's drafts, as the report shows it; `newerDraft` when a later audit wrote new drafts. */
export const vOutreachEdits = v.object({
  emailSubject: v.string(),
  emailBody: v.string(),
  callScript: v.string(),
  editedAt: v.number(),
  newerDraft: v.boolean(),
});

export async function readOutreachEdits(ctx: QueryCtx, opportunityId: Id<"client_opportunities">, latestDossierId: Id<"audit_dossier"> | undefined) {
  const edits = await ctx.db
    .query("outreach_edits")
    .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
    .unique();
  if (!edits) return null;
  return {
    emailSubject: edits.emailSubject,
    emailBody: edits.emailBody,
    callScript: edits.callScript,
    editedAt: edits.editedAt,
    newerDraft: latestDossierId !== undefined && edits.dossierId !== latestDossierId,
  };
}
