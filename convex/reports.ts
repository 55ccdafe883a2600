/**
 * Shareable prospect reports: an agency creates a link to one lead's report (`/r/<token>` on the dashboard),
 * the prospect opens it without an account, the agency can revoke it, and it expires (30 days by default).
 */
import { v, type Infer } from "convex/values";
import { isWellFormedShareToken, newShareToken, nextExpiryCheckAt, SHARE_LINK_TTL_MS } from "../lib/shareLinks";
import { internal } from "./_generated/api";
import { internalMutation, query } from "./_generated/server";
import { agencyMutation, agencyQuery } from "./model/agencyFunctions";
import { benchmarkView, latestDossier, reportCardView, vBenchmark, vReportCard, vWhatWeDo, whatWeDoView } from "./model/prospectReport";
import { userError } from "./model/errors";
import { requireLead } from "./model/leads";

/** Active links one lead may have at once (each is a door to the report; revoke one to make another). */
export const SHARE_LINKS_MAX_ACTIVE = 10;

const vShareLink = v.object({ token: v.string(), createdAt: v.number(), expiresAt: v.number() });

/** Create a link to a lead's report; returns its token (the page is `/r/<token>`) and when it expires. */
export const createShareLink = agencyMutation({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.object({ token: v.string(), expiresAt: v.number() }),
  handler: async (ctx, { opportunityId }) => {
    await requireLead(ctx, opportunityId);
    const active = await ctx.db
      .query("report_share_links")
      .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId).eq("status", "active"))
      .take(SHARE_LINKS_MAX_ACTIVE);
    if (active.length >= SHARE_LINKS_MAX_ACTIVE) {
      throw userError({ code: "TOO_MANY_SHARE_LINKS", message: `This lead already has ${SHARE_LINKS_MAX_ACTIVE} active share links; revoke one first.` });
    }
    // Convex seeds a mutation's crypto.getRandomValues from a fresh random seed per execution (a retry of the same
    // transaction replays it, which is what makes the insert idempotent): 256 bits an outsider cannot guess.
    const token = newShareToken((bytes) => crypto.getRandomValues(bytes));
    const createdAt = Date.now();
    const expiresAt = createdAt + SHARE_LINK_TTL_MS;
    const linkId = await ctx.db.insert("report_share_links", {
      agencyId: ctx.agency._id,
      opportunityId,
      token,
      status: "active",
      createdAt,
      expiresAt,
    });
    // Queries must not depend on the clock to change their answer: the link's row flips at expiry instead.
    await ctx.scheduler.runAt(nextExpiryCheckAt(expiresAt, createdAt), internal.reports.expireShareLink, { linkId });
    return { token, expiresAt };
  },
});

/** Revoke a link: the shared page stops showing the report at once. */
export const revokeShareLink = agencyMutation({
  args: { token: v.string() },
  returns: v.null(),
  handler: async (ctx, { token }) => {
    const link = await ctx.db
      .query("report_share_links")
      .withIndex("by_token", (q) => q.eq("token", token))
      .unique();
    // Another agency's link reads as missing (row-level security).
    if (!link) throw userError({ code: "SHARE_LINK_NOT_FOUND", message: "That share link does not exist." });
    if (link.status === "active") await ctx.db.patch("report_share_links", link._id, { status: "revoked", revokedAt: Date.now() });
    return null;
  },
});

/** A lead's active share links, newest first. */
export const listShareLinks = agencyQuery({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.array(vShareLink),
  handler: async (ctx, { opportunityId }) => {
    const links = await ctx.db
      .query("report_share_links")
      .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId).eq("status", "active"))
      .order("desc")
      .take(SHARE_LINKS_MAX_ACTIVE);
    return links.map((l) => ({ token: l.token, createdAt: l.createdAt, expiresAt: l.expiresAt }));
  },
});

/** The graded sections and the competitor benchmark of one lead, for the signed-in report. */
export const getScorecard = agencyQuery({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.union(v.object({ card: vReportCard, benchmark: v.union(vBenchmark, v.null()) }), v.null()),
  handler: async (ctx, { opportunityId }) => {
    const opportunity = await ctx.db.get("client_opportunities", opportunityId);
    if (!opportunity) return null;
    const dossier = await latestDossier(ctx, opportunityId);
    const run = opportunity.leadGenFlowId ? await ctx.db.get("lead_gen_flow", opportunity.leadGenFlowId) : null;
    return { card: reportCardView(opportunity, dossier), benchmark: benchmarkView(opportunity, run) };
  },
});

/** Exactly what the shared page shows: the agency's name and call to action, the business, and its report. */
const vSharedReport = v.object({
  agency: v.object({
    name: v.string(),
    logoUrl: v.optional(v.string()),
    bookingUrl: v.optional(v.string()),
    contactPhone: v.optional(v.string()),
  }),
  business: v.object({
    name: v.string(),
    vertical: v.string(),
    geography: v.string(),
    address: v.optional(v.string()),
    website: v.optional(v.string()),
    rating: v.optional(v.number()),
    reviewsCount: v.optional(v.number()),
  }),
  /** When the findings were written (the dossier), or when the link was made if there is none. */
  preparedAt: v.number(),
  expiresAt: v.number(),
  card: vReportCard,
  benchmark: v.union(vBenchmark, v.null()),
  whatWeDo: v.array(vWhatWeDo),
});

/**
 * The report behind a share link, for anyone holding the token; null when the token is unknown, revoked or
 * expired (the page then says "This report link has expired or was revoked").
 *
 * A plain `query`, not `agencyQuery`: the prospect who opens the link has no account, and the agency
 * wrappers refuse a caller without one. The token is the whole authorisation (256 random bits, looked up by
 * index, never listed), so this reads with the raw `ctx.db` and returns only the fields above.
 */
export const getSharedReport = query({
  args: { token: v.string() },
  returns: v.union(vSharedReport, v.null()),
  handler: async (ctx, { token }): Promise<Infer<typeof vSharedReport> | null> => {
    if (!isWellFormedShareToken(token)) return null;
    const link = await ctx.db
      .query("report_share_links")
      .withIndex("by_token", (q) => q.eq("token", token))
      .unique();
    // The scheduled expiry flips `status`; the clock check covers the moment between expiry and that mutation.
    if (!link || link.status !== "active" || link.expiresAt <= Date.now()) return null;
    const [opportunity, agency] = await Promise.all([ctx.db.get("client_opportunities", link.opportunityId), ctx.db.get("agency_profile", link.agencyId)]);
    if (!opportunity || !agency || opportunity.agencyId !== agency._id) return null;
    const dossier = await latestDossier(ctx, opportunity._id);
    const run = opportunity.leadGenFlowId ? await ctx.db.get("lead_gen_flow", opportunity.leadGenFlowId) : null;
    const optional = <K extends string, T>(key: K, value: T | undefined) => (value !== undefined ? ({ [key]: value } as Record<K, T>) : {});
    return {
      agency: {
        name: agency.name,
        ...optional("logoUrl", agency.logoUrl),
        ...optional("bookingUrl", agency.bookingUrl),
        ...optional("contactPhone", agency.contactPhone),
      },
      business: {
        name: opportunity.name,
        vertical: opportunity.targetVertical,
        geography: opportunity.targetGeography,
        ...optional("address", opportunity.address),
        ...optional("website", opportunity.website),
        ...optional("rating", opportunity.rating),
        ...optional("reviewsCount", opportunity.reviews_count),
      },
      preparedAt: dossier?.createdAt ?? link.createdAt,
      expiresAt: link.expiresAt,
      card: reportCardView(opportunity, dossier),
      benchmark: benchmarkView(opportunity, run),
      whatWeDo: whatWeDoView(dossier, agency),
    };
  },
});

/**
 * Scheduled toward a link's `expiresAt` (in hops of at most 20 days, lib/shareLinks.ts): once it has passed the
 * link stops working; before that the check schedules itself again. A revoked link stays revoked.
 */
export const expireShareLink = internalMutation({
  args: { linkId: v.id("report_share_links") },
  returns: v.null(),
  handler: async (ctx, { linkId }) => {
    const link = await ctx.db.get("report_share_links", linkId);
    if (link?.status !== "active") return null;
    const now = Date.now();
    if (link.expiresAt > now) {
      await ctx.scheduler.runAt(nextExpiryCheckAt(link.expiresAt, now), internal.reports.expireShareLink, { linkId });
    } else {
      await ctx.db.patch("report_share_links", linkId, { status: "expired" });
    }
    return null;
  },
});
