import { v } from "convex/values";
import { DEFAULT_MIN_SCORE } from "../lib/lifecycle";
import { rankOpportunities } from "../lib/qualify";
import type { Doc } from "./_generated/dataModel";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import type { Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { agencyMutation, agencyQuery } from "./model/agencyFunctions";
import { countLeads } from "./model/campaignCounts";
import { vAuditJobDoc, vDossierDoc, vOpportunityDoc } from "./model/documents";
import schema from "./schema";
import { userError } from "./model/errors";


const vAuditSummary = v.object({
  status: schema.tables.audit_jobs.validator.fields.status,
  phases: schema.tables.audit_jobs.validator.fields.phases,
  error: v.optional(v.string()),
});
const vRankedOpportunity = vOpportunityDoc.extend({
  audit: v.union(vAuditSummary, v.null()),
  /** Finished, but scores at or below the agency's minimum (its audit confirmed nothing the agency sells): listed apart. */
  notAFit: v.boolean(),
});

const MAX_LISTED = 200;

/**
 * Leads in THE ranking order (lib/qualify.ts compareRank: score, then review
 * count, name, place id), qualified first and the not-a-fit ones after them,
 * each with its audit summary.
 */
async function withAudit(ctx: QueryCtx, leads: Doc<"client_opportunities">[], minScore: number) {
  // Only a finished lead the user has not acted on; a contacted lead stays in the ranking whatever its score.
  const notAFit = (lead: Doc<"client_opportunities">) => lead.status === "READY" && lead.qualificationScore <= minScore;
  const ranked = rankOpportunities(leads);
  const ordered = [...ranked.filter((l) => !notAFit(l)), ...ranked.filter(notAFit)];
  return await Promise.all(
    ordered.map(async (lead) => {
      const job = lead.auditJobId ? await ctx.db.get("audit_jobs", lead.auditJobId) : null;
      return { ...lead, audit: job ? { status: job.status, phases: job.phases, error: job.error } : null, notAFit: notAFit(lead) };
    }),
  );
}

/** A run's leads (exactly those it saved, forever), best first in the ranking order. */
export const listByRun = agencyQuery({
  args: { jobId: v.id("lead_gen_flow") },
  returns: v.array(vRankedOpportunity),
  handler: async (ctx, { jobId }) => {
    // The run must be the agency's (another agency's run reads as missing): its leads are then all the agency's.
    if (!(await ctx.db.get("lead_gen_flow", jobId))) return [];
    const leads = await ctx.db
      .query("client_opportunities")
      .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", jobId))
      .take(MAX_LISTED);
    return await withAudit(ctx, leads, ctx.agency.minimumScore ?? DEFAULT_MIN_SCORE);
  },
});

/** The agency's leads for a filter (either field may be absent), by score: every combination is index-backed. */
function campaignLeads(ctx: QueryCtx, agencyId: Id<"agency_profile">, filter: { targetVertical?: string; targetGeography?: string }) {
  const { targetVertical, targetGeography } = filter;
  const table = ctx.db.query("client_opportunities");
  return targetVertical !== undefined && targetGeography !== undefined
    ? table.withIndex("by_agency_and_campaign", (q) => q.eq("agencyId", agencyId).eq("targetVertical", targetVertical).eq("targetGeography", targetGeography))
    : targetVertical !== undefined
      ? table.withIndex("by_agency_and_vertical", (q) => q.eq("agencyId", agencyId).eq("targetVertical", targetVertical))
      : targetGeography !== undefined
        ? table.withIndex("by_agency_and_geography", (q) => q.eq("agencyId", agencyId).eq("targetGeography", targetGeography))
        : table.withIndex("by_agency_and_score", (q) => q.eq("agencyId", agencyId));
}

/** All of the agency's leads, optionally for one campaign, best first; every combination is index-backed. */
export const listByCampaign = agencyQuery({
  args: { targetVertical: v.optional(v.string()), targetGeography: v.optional(v.string()) },
  returns: v.array(vRankedOpportunity),
  handler: async (ctx, { targetVertical, targetGeography }) => {
    const { agency } = ctx;
    const indexed = campaignLeads(ctx, agency._id, { targetVertical, targetGeography });
    return await withAudit(ctx, await indexed.order("desc").take(MAX_LISTED), agency.minimumScore ?? DEFAULT_MIN_SCORE);
  },
});

/** One page of the agency's leads, optionally for one campaign, best first (for `usePaginatedQuery` and the CSV export). */
export const listByCampaignPage = agencyQuery({
  args: { targetVertical: v.optional(v.string()), targetGeography: v.optional(v.string()), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vRankedOpportunity),
  handler: async (ctx, { targetVertical, targetGeography, paginationOpts }) => {
    const { agency } = ctx;
    const indexed = campaignLeads(ctx, agency._id, { targetVertical, targetGeography });
    const result = await indexed.order("desc").paginate(paginationOpts);
    return { ...result, page: await withAudit(ctx, result.page, agency.minimumScore ?? DEFAULT_MIN_SCORE) };
  },
});

/** How many leads the agency has for a filter: read from per-campaign counters, not by counting leads. */
export const countByCampaign = agencyQuery({
  args: { targetVertical: v.optional(v.string()), targetGeography: v.optional(v.string()) },
  returns: v.number(),
  handler: async (ctx, { targetVertical, targetGeography }) => {
    return await countLeads(ctx, ctx.agency, { targetVertical, targetGeography });
  },
});

/** Distinct campaign values for the filter dropdowns. */
export const campaigns = agencyQuery({
  args: {},
  returns: v.object({ verticals: v.array(v.string()), geographies: v.array(v.string()) }),
  handler: async (ctx) => {
    const rows = await ctx.db
      .query("campaigns")
      .withIndex("by_agency_and_campaign", (q) => q.eq("agencyId", ctx.agency._id))
      .take(500);
    const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
    return { verticals: sorted(rows.map((r) => r.targetVertical)), geographies: sorted(rows.map((r) => r.targetGeography)) };
  },
});

/** One lead's report: the lead, its latest dossier and audit job, and the pages crawled. */
export const get = agencyQuery({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.union(
    v.object({
      opportunity: vOpportunityDoc,
      dossier: v.union(vDossierDoc, v.null()),
      auditJob: v.union(vAuditJobDoc, v.null()),
      pages: v.array(v.object({ url: v.string(), title: v.optional(v.string()), statusCode: v.number(), error: v.optional(v.string()) })),
    }),
    v.null(),
  ),
  handler: async (ctx, { opportunityId }) => {
    const opportunity = await ctx.db.get("client_opportunities", opportunityId);
    if (!opportunity) return null;
    const auditJob = opportunity.auditJobId ? await ctx.db.get("audit_jobs", opportunity.auditJobId) : null;
    const dossier = await ctx.db
      .query("audit_dossier")
      .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
      .order("desc")
      .first();
    const pages = auditJob
      ? await ctx.db
          .query("crawl_pages")
          .withIndex("by_auditJobId", (q) => q.eq("auditJobId", auditJob._id))
          .take(50)
      : [];
    return {
      opportunity,
      dossier,
      auditJob,
      pages: pages.map((p) => ({ url: p.url, title: p.title, statusCode: p.statusCode, error: p.error })),
    };
  },
});

/** The user reached out: CONTACTED sticks across later runs. */
export const markContacted = agencyMutation({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.null(),
  handler: async (ctx, { opportunityId }) => {
    const opportunity = await ctx.db.get("client_opportunities", opportunityId);
    if (!opportunity) {
      throw userError({ code: "OPPORTUNITY_NOT_FOUND", message: "That lead does not exist." });
    }
    await ctx.db.patch("client_opportunities", opportunityId, { status: "CONTACTED" });
    return null;
  },
});
