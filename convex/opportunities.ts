import { v } from "convex/values";
import { appendStatusHistory, isRefusal, nextLeadStatus, USER_TARGET_STATUSES } from "../lib/leadStatus";
import { validateNoteText } from "../lib/leadNotes";
import { DEFAULT_MIN_SCORE, NUM_LEADS_MAX, PIPELINE_STATUSES } from "../lib/lifecycle";
import { rankOpportunities } from "../lib/qualify";
import { literals } from "convex-helpers/validators";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import type { Id } from "./_generated/dataModel";
import { internalMutation, type MutationCtx, type QueryCtx } from "./_generated/server";
import { agencyMutation, agencyQuery } from "./model/agencyFunctions";
import { countLeads } from "./model/campaignCounts";
import { vAuditJobDoc, vDossierDoc, vOpportunityDoc } from "./model/documents";
import { deleteLeadRow, purgeLeadRows } from "./model/leadDeletion";
import { requireLead } from "./model/leads";
import { leadTablePage, vLeadTableArgs } from "./model/leadTable";
import { moveStatusCount, pipelineCounts } from "./model/pipelineCounts";
import { generatedOutreach, readOutreachEdits, vOutreachEdits } from "./model/outreachEdits";
import { requireRun } from "./model/runs";
import schema from "./schema";
import { vOutreachDrafts } from "./validators";
import { userError } from "./model/errors";
import { patchLead, refreshLeadTableFields } from "./model/leadRows";

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
  const ranked = rankOpportunities(leads);
  const notAFit = (lead: Doc<"client_opportunities">) => isNotAFit(lead, minScore);
  return await withAuditSummary(ctx, [...ranked.filter((l) => !notAFit(l)), ...ranked.filter(notAFit)], minScore);
}

/**
 * Not a fit: the user said so, or a finished lead the user has not acted on scores at or below the minimum
 * (its audit confirmed nothing the agency sells); a lead in the pipeline stays in the ranking whatever its score.
 */
function isNotAFit(lead: Doc<"client_opportunities">, minScore: number): boolean {
  return lead.status === "NOT_A_FIT" || (lead.status === "READY" && lead.qualificationScore <= minScore);
}

/** Each lead with its audit summary and not-a-fit flag, in the order given. */
async function withAuditSummary(ctx: QueryCtx, ordered: Doc<"client_opportunities">[], minScore: number) {
  const notAFit = (lead: Doc<"client_opportunities">) => isNotAFit(lead, minScore);
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

/** Campaigns listed in the filter dropdowns at most. */
export const CAMPAIGNS_LISTED = 500;

/**
 * Distinct campaign values for the filter dropdowns, and the (vertical, geography) pairs that have leads, so the
 * geography dropdown narrows to the chosen vertical. Campaigns whose leads were all deleted are left out. Past
 * 500 campaigns the list is cut (A→Z by vertical, then geography) and `truncated` is true.
 */
export const campaigns = agencyQuery({
  args: {},
  returns: v.object({
    verticals: v.array(v.string()),
    geographies: v.array(v.string()),
    pairs: v.array(v.object({ targetVertical: v.string(), targetGeography: v.string(), leadCount: v.number() })),
    /** Present (true) only when the agency has more campaigns than listed. */
    truncated: v.optional(v.literal(true)),
  }),
  handler: async (ctx) => {
    const read = await ctx.db
      .query("campaigns")
      .withIndex("by_agency_and_campaign", (q) => q.eq("agencyId", ctx.agency._id))
      .take(CAMPAIGNS_LISTED + 1);
    const rows = read.slice(0, CAMPAIGNS_LISTED).filter((r) => r.leadCount === undefined || r.leadCount > 0);
    const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
    return {
      verticals: sorted(rows.map((r) => r.targetVertical)),
      geographies: sorted(rows.map((r) => r.targetGeography)),
      pairs: rows.map((r) => ({ targetVertical: r.targetVertical, targetGeography: r.targetGeography, leadCount: r.leadCount ?? 0 })),
      ...(read.length > CAMPAIGNS_LISTED ? { truncated: true as const } : {}),
    };
  },
});

/**
 * The lead table: one page of every lead of the agency, sorted, searched and filtered on the server through
 * one index per request (convex/model/leadTable.ts). With a search, rows come by relevance.
 */
export const listLeads = agencyQuery({
  args: { ...vLeadTableArgs, paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vRankedOpportunity),
  handler: async (ctx, { paginationOpts, ...request }) => {
    const result = await leadTablePage(ctx, ctx.agency._id, request, paginationOpts);
    return { ...result, page: await withAuditSummary(ctx, result.page, ctx.agency.minimumScore ?? DEFAULT_MIN_SCORE) };
  },
});

const vPipelineCounts = v.object(
  Object.fromEntries(PIPELINE_STATUSES.map((s) => [s, v.number()])) as Record<(typeof PIPELINE_STATUSES)[number], ReturnType<typeof v.number>>,
);

/** The pipeline bar: leads per pipeline status, and those not in the pipeline yet, from kept counters (no lead is read). */
export const pipelineSummary = agencyQuery({
  args: {},
  returns: v.object({ total: v.number(), notInPipeline: v.number(), counts: vPipelineCounts }),
  handler: async (ctx) => {
    const [total, counts] = await Promise.all([countLeads(ctx, ctx.agency, {}), pipelineCounts(ctx, ctx.agency._id)]);
    const inPipeline = Object.values(counts).reduce((a, b) => a + b, 0);
    return { total, notInPipeline: Math.max(0, total - inPipeline), counts };
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
      /** Cold email and call script: the LLM's validated drafts, else the heuristic writer's; null before the dossier exists. */
      outreach: v.union(vOutreachDrafts, v.null()),
      /** The agency's saved version of those drafts (convex/outreach.ts), shown instead of them; null when unedited. */
      outreachEdits: v.union(vOutreachEdits, v.null()),
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
      outreach: dossier ? await generatedOutreach(ctx, opportunity, dossier, ctx.agency) : null,
      outreachEdits: await readOutreachEdits(ctx, opportunityId, dossier?._id),
    };
  },
});

/**
 * Move a lead in its pipeline (lib/leadStatus.ts decides): the status, the meeting time (MEETING_BOOKED only;
 * kept through WON/LOST, cleared by an undo to READY), a dated history entry and the pipeline counts, in one write.
 */
async function changeStatus(ctx: MutationCtx, lead: Doc<"client_opportunities">, status: (typeof USER_TARGET_STATUSES)[number], meetingTime?: number) {
  const next = nextLeadStatus(lead.status, { kind: "user", status, meetingTime });
  if (isRefusal(next)) throw userError({ code: next.code, message: next.message });
  const meeting_time = next === "MEETING_BOOKED" ? meetingTime : next === "READY" ? undefined : lead.meeting_time;
  if (next === lead.status && meeting_time === lead.meeting_time) return;
  const now = Date.now();
  await patchLead(ctx, lead, {
    status: next,
    meeting_time,
    statusHistory: appendStatusHistory(lead.statusHistory, { status: next, at: now, ...(next === "MEETING_BOOKED" ? { meeting_time } : {}) }),
  });
  await moveStatusCount(ctx, lead.agencyId, lead.status, next);
}

/**
 * The user moves a lead: CONTACTED, MEETING_BOOKED (with `meetingTime`, ms since the epoch), WON, LOST,
 * NOT_A_FIT, or back to READY (undo). These stick: no run or re-audit changes them.
 */
export const setStatus = agencyMutation({
  args: { opportunityId: v.id("client_opportunities"), status: literals(...USER_TARGET_STATUSES), meetingTime: v.optional(v.number()) },
  returns: v.null(),
  handler: async (ctx, { opportunityId, status, meetingTime }) => {
    await changeStatus(ctx, await requireLead(ctx, opportunityId), status, meetingTime);
    return null;
  },
});

/** The user reached out (the report's quick action): the same as `setStatus` to CONTACTED. */
export const markContacted = agencyMutation({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.null(),
  handler: async (ctx, { opportunityId }) => {
    await changeStatus(ctx, await requireLead(ctx, opportunityId), "CONTACTED");
    return null;
  },
});

const vNote = v.object({ _id: v.id("opportunity_notes"), text: v.string(), createdAt: v.number() });

/** Add a dated note to a lead (trimmed, 1–2,000 characters). */
export const addNote = agencyMutation({
  args: { opportunityId: v.id("client_opportunities"), text: v.string() },
  returns: v.id("opportunity_notes"),
  handler: async (ctx, { opportunityId, text }) => {
    const lead = await requireLead(ctx, opportunityId);
    const checked = validateNoteText(text);
    if (!checked.ok) throw userError({ code: checked.code, message: checked.message });
    return await ctx.db.insert("opportunity_notes", {
      agencyId: lead.agencyId,
      opportunityId,
      text: checked.text,
      createdAt: Date.now(),
      authorId: ctx.userId,
    });
  },
});

/** Notes shown per lead, newest first. */
const NOTES_LISTED = 100;

/** A lead's notes, newest first (the latest 100). */
export const listNotes = agencyQuery({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.array(vNote),
  handler: async (ctx, { opportunityId }) => {
    if (!(await ctx.db.get("client_opportunities", opportunityId))) return [];
    const notes = await ctx.db
      .query("opportunity_notes")
      .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
      .order("desc")
      .take(NOTES_LISTED);
    return notes.map((n) => ({ _id: n._id, text: n.text, createdAt: n.createdAt }));
  },
});

/** Refuses to delete a lead a run or re-audit is still writing. */
async function checkDeletable(ctx: QueryCtx, lead: Doc<"client_opportunities">): Promise<void> {
  const run = lead.leadGenFlowId ? await ctx.db.get("lead_gen_flow", lead.leadGenFlowId) : null;
  if (run?.workflowStatus === "running") {
    throw userError({ code: "RUN_IN_PROGRESS", message: "This lead's run is still in progress. Cancel it or wait for it to finish, then delete." });
  }
}

/** Delete leads now; their audits, dossiers, pages and notes follow, in batches when there are many. */
async function deleteLeads(ctx: MutationCtx, leads: Doc<"client_opportunities">[]): Promise<void> {
  for (const lead of leads) await deleteLeadRow(ctx, lead);
  const remaining = await purgeLeadRows(
    ctx,
    leads.map((l) => l._id),
  );
  if (remaining.length > 0) await ctx.scheduler.runAfter(0, internal.opportunities.purgeDeletedLeads, { opportunityIds: remaining });
}

/** Delete one lead with its audits, dossiers, crawled pages and notes. */
export const deleteLead = agencyMutation({
  args: { opportunityId: v.id("client_opportunities") },
  returns: v.null(),
  handler: async (ctx, { opportunityId }) => {
    const lead = await requireLead(ctx, opportunityId);
    await checkDeletable(ctx, lead);
    await deleteLeads(ctx, [lead]);
    return null;
  },
});

/** Delete every lead a run saved (the run stays in the history, marked). Refused while the run is running. */
export const deleteRunLeads = agencyMutation({
  args: { jobId: v.id("lead_gen_flow") },
  returns: v.object({ deleted: v.number() }),
  handler: async (ctx, { jobId }) => {
    const run = await requireRun(ctx, jobId);
    if (run.workflowStatus === "running") {
      throw userError({ code: "RUN_IN_PROGRESS", message: "This run is still in progress. Cancel it or wait for it to finish, then delete its leads." });
    }
    // A run saves at most NUM_LEADS_MAX leads.
    const leads = await ctx.db
      .query("client_opportunities")
      .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", jobId))
      .take(NUM_LEADS_MAX * 5);
    await deleteLeads(ctx, leads);
    await ctx.db.patch("lead_gen_flow", jobId, { leadsDeletedAt: Date.now() });
    return { deleted: leads.length };
  },
});

/** Continues deleting the rows of deleted leads, a batch per transaction, until none is left. */
export const purgeDeletedLeads = internalMutation({
  args: { opportunityIds: v.array(v.id("client_opportunities")) },
  returns: v.null(),
  handler: async (ctx, { opportunityIds }) => {
    const remaining = await purgeLeadRows(ctx, opportunityIds);
    if (remaining.length > 0) await ctx.scheduler.runAfter(0, internal.opportunities.purgeDeletedLeads, { opportunityIds: remaining });
    return null;
  },
});

/** Leads brought up to date per transaction by the backfill. */
const BACKFILL_BATCH = 100;

/**
 * Brings leads saved before the lead table's columns existed up to date: search words and name key (searched
 * and sorted by name), status rank and `lead_signals` rows (convex/model/leadRows.ts). Such a lead has no
 * `statusRank`, so each agency's are found through `by_agency_and_status_rank` with an undefined rank: once done,
 * a run reads one row per agency. One agency per transaction, 100 leads at a time, rescheduling itself until
 * every agency is done. Started by the embedded backend at each start (server/embedded/main.ts); on a deployment:
 * `npx convex run opportunities:backfillLeadTableFields`.
 */
export const backfillLeadTableFields = internalMutation({
  args: { agencyCursor: v.optional(v.union(v.string(), v.null())) },
  returns: v.object({ updated: v.number(), done: v.boolean() }),
  handler: async (ctx, { agencyCursor }) => {
    const agencies = await ctx.db.query("agency_profile").paginate({ numItems: 1, cursor: agencyCursor ?? null });
    const agency = agencies.page[0];
    const leads = agency
      ? await ctx.db
          .query("client_opportunities")
          .withIndex("by_agency_and_status_rank", (q) => q.eq("agencyId", agency._id).eq("statusRank", undefined))
          .take(BACKFILL_BATCH)
      : [];
    let updated = 0;
    for (const lead of leads) if (await refreshLeadTableFields(ctx, lead)) updated += 1;
    // A full batch: this agency may have more (same cursor); otherwise the next agency.
    const next = leads.length === BACKFILL_BATCH ? (agencyCursor ?? null) : agencies.isDone ? undefined : agencies.continueCursor;
    if (next !== undefined) await ctx.scheduler.runAfter(0, internal.opportunities.backfillLeadTableFields, { agencyCursor: next });
    return { updated, done: next === undefined };
  },
});
