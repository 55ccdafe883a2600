import { ConvexError, v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { mutation, query, type QueryCtx } from "./_generated/server";
import { findCurrentAgency, requireCurrentAgency } from "./model/agency";
import { countLeads } from "./model/campaignCounts";
import { vAuditJobDoc, vDossierDoc, vOpportunityDoc } from "./model/documents";
import schema from "./schema";


const vAuditSummary = v.object({
  status: schema.tables.audit_jobs.validator.fields.status,
  phases: schema.tables.audit_jobs.validator.fields.phases,
  error: v.optional(v.string()),
});
const vRankedOpportunity = vOpportunityDoc.extend({ audit: v.union(vAuditSummary, v.null()) });

const MAX_LISTED = 200;

async function withAudit(ctx: QueryCtx, leads: Doc<"client_opportunities">[]) {
  return await Promise.all(
    leads.map(async (lead) => {
      const job = lead.auditJobId ? await ctx.db.get("audit_jobs", lead.auditJobId) : null;
      return { ...lead, audit: job ? { status: job.status, phases: job.phases, error: job.error } : null };
    }),
  );
}

/** A run's leads, best first (index-ordered by qualificationScore). */
export const listByRun = query({
  args: { jobId: v.id("lead_gen_flow") },
  returns: v.array(vRankedOpportunity),
  handler: async (ctx, { jobId }) => {
    const agency = await findCurrentAgency(ctx);
    if (!agency) return [];
    const leads = await ctx.db
      .query("client_opportunities")
      .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", jobId))
      .order("desc")
      .take(MAX_LISTED);
    return await withAudit(ctx, leads.filter((l) => l.agencyId === agency._id));
  },
});

/** All of the agency's leads, optionally for one campaign, best first; every combination is index-backed. */
export const listByCampaign = query({
  args: { targetVertical: v.optional(v.string()), targetGeography: v.optional(v.string()) },
  returns: v.array(vRankedOpportunity),
  handler: async (ctx, { targetVertical, targetGeography }) => {
    const agency = await findCurrentAgency(ctx);
    if (!agency) return [];
    const table = ctx.db.query("client_opportunities");
    const indexed =
      targetVertical !== undefined && targetGeography !== undefined
        ? table.withIndex("by_agency_and_campaign", (q) =>
            q.eq("agencyId", agency._id).eq("targetVertical", targetVertical).eq("targetGeography", targetGeography),
          )
        : targetVertical !== undefined
          ? table.withIndex("by_agency_and_vertical", (q) => q.eq("agencyId", agency._id).eq("targetVertical", targetVertical))
          : targetGeography !== undefined
            ? table.withIndex("by_agency_and_geography", (q) => q.eq("agencyId", agency._id).eq("targetGeography", targetGeography))
            : table.withIndex("by_agency_and_score", (q) => q.eq("agencyId", agency._id));
    return await withAudit(ctx, await indexed.order("desc").take(MAX_LISTED));
  },
});

/** One page of the agency's leads, optionally for one campaign, best first (for `usePaginatedQuery` and the CSV export). */
export const listByCampaignPage = query({
  args: { targetVertical: v.optional(v.string()), targetGeography: v.optional(v.string()), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vRankedOpportunity),
  handler: async (ctx, { targetVertical, targetGeography, paginationOpts }) => {
    const agency = await findCurrentAgency(ctx);
    if (!agency) return { page: [], isDone: true, continueCursor: "" };
    const table = ctx.db.query("client_opportunities");
    const indexed =
      targetVertical !== undefined && targetGeography !== undefined
        ? table.withIndex("by_agency_and_campaign", (q) =>
            q.eq("agencyId", agency._id).eq("targetVertical", targetVertical).eq("targetGeography", targetGeography),
          )
        : targetVertical !== undefined
          ? table.withIndex("by_agency_and_vertical", (q) => q.eq("agencyId", agency._id).eq("targetVertical", targetVertical))
          : targetGeography !== undefined
            ? table.withIndex("by_agency_and_geography", (q) => q.eq("agencyId", agency._id).eq("targetGeography", targetGeography))
            : table.withIndex("by_agency_and_score", (q) => q.eq("agencyId", agency._id));
    const result = await indexed.order("desc").paginate(paginationOpts);
    return { ...result, page: await withAudit(ctx, result.page) };
  },
});

/** How many leads the agency has for a filter: read from per-campaign counters, not by counting leads. */
export const countByCampaign = query({
  args: { targetVertical: v.optional(v.string()), targetGeography: v.optional(v.string()) },
  returns: v.number(),
  handler: async (ctx, { targetVertical, targetGeography }) => {
    const agency = await findCurrentAgency(ctx);
    if (!agency) return 0;
    return await countLeads(ctx, agency, { targetVertical, targetGeography });
  },
});

/** Distinct campaign values for the filter dropdowns. */
export const campaigns = query({
  args: {},
  returns: v.object({ verticals: v.array(v.string()), geographies: v.array(v.string()) }),
  handler: async (ctx) => {
    const agency = await findCurrentAgency(ctx);
    if (!agency) return { verticals: [], geographies: [] };
    const rows = await ctx.db
      .query("campaigns")
      .withIndex("by_agency_and_campaign", (q) => q.eq("agencyId", agency._id))
      .take(500);
    const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
    return { verticals: sorted(rows.map((r) => r.targetVertical)), geographies: sorted(rows.map((r) => r.targetGeography)) };
  },
});

/** One lead's report: the lead, its latest dossier and audit job, and the pages crawled. */
export const get = query({
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
    const agency = await findCurrentAgency(ctx);
    const opportunity = await ctx.db.get("client_opportunities", opportunityId);
    if (!agency || !opportunity || opportunity.agencyId !== agency._id) return null;
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
export const markContacted = mutation({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.null(),
  handler: async (ctx, { opportunityId }) => {
    const agency = await requireCurrentAgency(ctx);
    const opportunity = await ctx.db.get("client_opportunities", opportunityId);
    if (!opportunity || opportunity.agencyId !== agency._id) {
      throw new ConvexError({ code: "OPPORTUNITY_NOT_FOUND", message: "That lead does not exist." });
    }
    await ctx.db.patch("client_opportunities", opportunityId, { status: "CONTACTED" });
    return null;
  },
});
