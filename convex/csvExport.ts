import { v } from "convex/values";
import { agencyQuery } from "./model/agencyFunctions";
import { vEmailProvenance } from "./validators";
import { userError } from "./model/errors";

/** Leads per call: the CSV export asks for its rows in chunks of this size. */
export const MAX_DIGESTS_PER_CALL = 100;

const vDossierDigest = v.object({
  opportunityId: v.id("client_opportunities"),
  summary: v.string(),
  /** Gap keys, most important first as the dossier lists them. */
  gapKeys: v.array(v.string()),
  talkingPoints: v.array(v.string()),
  /** Where the lead's email came from, when the audit found it. */
  emailSource: v.optional(vEmailProvenance),
  /** The token of the lead's newest active share link (the dashboard turns it into the /r/<token> address). */
  shareToken: v.optional(v.string()),
});

/**
 * What the CSV export adds to each lead row: its latest dossier's summary,
 * gaps and talking points, and the source of its email. The agency's own
 * leads only (another agency's id reads as missing and is left out).
 */
export const dossierDigests = agencyQuery({
  args: { opportunityIds: v.array(v.id("client_opportunities")) },
  returns: v.array(vDossierDigest),
  handler: async (ctx, { opportunityIds }) => {
    if (opportunityIds.length > MAX_DIGESTS_PER_CALL) {
      throw userError({ code: "TOO_MANY_IDS", message: `At most ${MAX_DIGESTS_PER_CALL} leads per call (got ${opportunityIds.length}).` });
    }
    const digests = [];
    for (const opportunityId of new Set(opportunityIds)) {
      const lead = await ctx.db.get("client_opportunities", opportunityId);
      if (!lead) continue;
      const dossier = await ctx.db
        .query("audit_dossier")
        .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
        .order("desc")
        .first();
      if (!dossier) continue;
      const now = Date.now();
      const links = await ctx.db
        .query("report_share_links")
        .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId).eq("status", "active"))
        .order("desc")
        .take(10);
      const shareToken = links.find((l) => l.expiresAt > now)?.token;
      const emailSource = dossier.emailProvenance?.find((p) => p.address.toLowerCase() === lead.email?.toLowerCase());
      digests.push({
        opportunityId,
        summary: dossier.summary,
        gapKeys: dossier.identified_gaps.map((g) => g.key),
        talkingPoints: dossier.talking_points.map((p) => p.text),
        ...(emailSource ? { emailSource } : {}),
        ...(shareToken ? { shareToken } : {}),
      });
    }
    return digests;
  },
});
