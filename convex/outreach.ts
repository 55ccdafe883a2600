/**
 * The agency's edits to a lead's cold email and call script: saved per lead, shown in its report instead of the
 * generated drafts, and dropped on request ("Revert to the generated draft"). The generated drafts stay on the
 * dossier untouched, so a re-audit never overwrites what someone typed (the report says a newer draft exists).
 */
import { v } from "convex/values";
import { sameOutreach, validateOutreachEdits } from "../lib/outreach/outreachEdits";
import { agencyMutation } from "./model/agencyFunctions";
import { userError } from "./model/errors";
import { requireLead } from "./model/leads";
import { generatedOutreach } from "./model/outreachEdits";

/** Saves the agency's version of the lead's drafts; saving text equal to the generated drafts clears the edits. */
export const saveEdits = agencyMutation({
  args: { opportunityId: v.id("client_opportunities"), emailSubject: v.string(), emailBody: v.string(), callScript: v.string() },
  returns: v.null(),
  handler: async (ctx, { opportunityId, ...edits }) => {
    const lead = await requireLead(ctx, opportunityId);
    const checked = validateOutreachEdits(edits);
    if (!checked.ok) throw userError({ code: checked.code, message: checked.message });
    const dossier = await ctx.db
      .query("audit_dossier")
      .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
      .order("desc")
      .first();
    if (!dossier) throw userError({ code: "INVALID_OUTREACH", message: "This lead has no drafts yet: they are written with its dossier." });
    const existing = await ctx.db
      .query("outreach_edits")
      .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
      .unique();
    if (sameOutreach(checked.text, await generatedOutreach(ctx, lead, dossier, ctx.agency))) {
      if (existing) await ctx.db.delete("outreach_edits", existing._id);
      return null;
    }
    const row = { ...checked.text, editedAt: Date.now(), dossierId: dossier._id, authorId: ctx.userId };
    if (existing) await ctx.db.patch("outreach_edits", existing._id, row);
    else await ctx.db.insert("outreach_edits", { agencyId: lead.agencyId, opportunityId, ...row });
    return null;
  },
});

/** Drops the agency's edits: the report shows the latest generated drafts again. */
export const revertEdits = agencyMutation({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.null(),
  handler: async (ctx, { opportunityId }) => {
    await requireLead(ctx, opportunityId);
    const existing = await ctx.db
      .query("outreach_edits")
      .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
      .unique();
    if (existing) await ctx.db.delete("outreach_edits", existing._id);
    return null;
  },
});
