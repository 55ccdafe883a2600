/**
 * The lead table's server side: one paginated query over every lead of the agency, sorted, searched and
 * filtered by the database. Each request reads through ONE index chosen here:
 *
 * - a search uses the `search_leads` full-text index (name and domain words; agency, status and campaign as
 *   its equality filters) and lists by relevance, as Convex search does;
 * - otherwise the index of the sort column (score, name, rating, reviews, status), with the status or campaign
 *   as its equality prefix when the index has one (score: by status, or by campaign; status sort: by status);
 * - the remaining equalities (status, vertical, geography) are database `.filter`s on that index range;
 * - with a signal filter, the same choice is made on `lead_signals` (one row per lead and signal, a copy of the
 *   lead's table columns, kept by convex/model/leadRows.ts), whose every index starts with (agency, signal):
 *   a lead's `signals` is an array, which no index can test. Each row found is read back as its lead.
 * - sorting by status follows the pipeline (`statusRank`: lib/lifecycle.ts), not the alphabet.
 */
import { literals } from "convex-helpers/validators";
import type { FilterBuilder, GenericTableInfo, OrderedQuery, PaginationOptions, PaginationResult } from "convex/server";
import { v, type Infer } from "convex/values";
import { defaultSortOrder, LEAD_SORTS, searchQueryText } from "../../lib/leadSearch";
import type { OpportunityStatus } from "../../lib/lifecycle";
import type { Signal } from "../../lib/signals";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { vOpportunityStatus, vSignal } from "../validators";

export const vLeadTableArgs = {
  sort: v.optional(literals(...LEAD_SORTS)),
  order: v.optional(literals("asc", "desc")),
  search: v.optional(v.string()),
  status: v.optional(vOpportunityStatus),
  signal: v.optional(vSignal),
  targetVertical: v.optional(v.string()),
  targetGeography: v.optional(v.string()),
};
export const vLeadTableRequest = v.object(vLeadTableArgs);
export type LeadTableRequest = Infer<typeof vLeadTableRequest>;

/** Longest search text accepted (a longer one is cut: nobody types a 200-character business name). */
export const SEARCH_MAX = 100;

type Lead = Doc<"client_opportunities">;

/** One page of the agency's leads for a request. */
export async function leadTablePage(
  ctx: QueryCtx,
  agencyId: Id<"agency_profile">,
  request: LeadTableRequest,
  paginationOpts: PaginationOptions,
): Promise<PaginationResult<Lead>> {
  if (request.signal === undefined) return await leadQuery(ctx, agencyId, request).paginate(paginationOpts);
  const result = await signalQuery(ctx, agencyId, request.signal, request).paginate(paginationOpts);
  // leadRows.ts deletes a lead's signal rows with it: every row has its lead.
  const leads = await Promise.all(result.page.map((row) => ctx.db.get("client_opportunities", row.opportunityId)));
  return { ...result, page: leads.filter((lead): lead is Lead => lead !== null) };
}

/** The sort and order a request lists by (a search lists by relevance). */
function sortOf(request: LeadTableRequest) {
  const sort = request.sort ?? "score";
  return { sort, order: request.order ?? defaultSortOrder(sort), search: searchQueryText((request.search ?? "").slice(0, SEARCH_MAX)) };
}

/** The equality filters the chosen index leaves over, as one database filter (or none). */
type Leftover = { status?: OpportunityStatus; targetVertical?: string; targetGeography?: string };
function leftoverFilter(request: LeadTableRequest, used: { status?: boolean; vertical?: boolean; geography?: boolean }): Leftover | undefined {
  const want: Leftover = {
    status: used.status ? undefined : request.status,
    targetVertical: used.vertical ? undefined : request.targetVertical,
    targetGeography: used.geography ? undefined : request.targetGeography,
  };
  return want.status !== undefined || want.targetVertical !== undefined || want.targetGeography !== undefined ? want : undefined;
}

/** Both tables the lead table reads (`client_opportunities`, `lead_signals`) carry these fields. */
type LeftoverFields = {
  document: { status: OpportunityStatus; targetVertical: string; targetGeography: string };
  fieldPaths: "status" | "targetVertical" | "targetGeography";
};

/** Equality filters on the fields the chosen index does not cover, applied over that index range only. */
function withLeftoverFilter<Q extends OrderedQuery<GenericTableInfo>>(query: Q, want: Leftover | undefined): Q {
  if (!want) return query;
  // eslint-disable-next-line @convex-dev/no-filter-in-query
  return query.filter((q: FilterBuilder<LeftoverFields & GenericTableInfo>) =>
    q.and(
      want.status !== undefined ? q.eq(q.field("status"), want.status) : true,
      want.targetVertical !== undefined ? q.eq(q.field("targetVertical"), want.targetVertical) : true,
      want.targetGeography !== undefined ? q.eq(q.field("targetGeography"), want.targetGeography) : true,
    ),
  ) as Q;
}

/** `lead_signals` rows with this signal, through the index of the request's sort. */
function signalQuery(ctx: QueryCtx, agencyId: Id<"agency_profile">, signal: Signal, request: LeadTableRequest) {
  const { status, targetVertical, targetGeography } = request;
  const { sort, order, search } = sortOf(request);
  const table = ctx.db.query("lead_signals");
  if (search) {
    return table.withSearchIndex("search_lead_signals", (q) => {
      let s = q.search("searchText", search).eq("agencyId", agencyId).eq("signal", signal);
      if (status !== undefined) s = s.eq("status", status);
      if (targetVertical !== undefined) s = s.eq("targetVertical", targetVertical);
      if (targetGeography !== undefined) s = s.eq("targetGeography", targetGeography);
      return s;
    });
  }
  let used: { status?: boolean } = {};
  let indexed;
  switch (sort) {
    case "score":
      indexed =
        status !== undefined
          ? table.withIndex("by_agency_signal_and_status", (q) => q.eq("agencyId", agencyId).eq("signal", signal).eq("status", status))
          : table.withIndex("by_agency_signal_and_score", (q) => q.eq("agencyId", agencyId).eq("signal", signal));
      used = { status: status !== undefined };
      break;
    case "name":
      indexed = table.withIndex("by_agency_signal_and_name", (q) => q.eq("agencyId", agencyId).eq("signal", signal));
      break;
    case "rating":
      indexed = table.withIndex("by_agency_signal_and_rating", (q) => q.eq("agencyId", agencyId).eq("signal", signal));
      break;
    case "reviews":
      indexed = table.withIndex("by_agency_signal_and_reviews", (q) => q.eq("agencyId", agencyId).eq("signal", signal));
      break;
    case "status":
      indexed = table.withIndex("by_agency_signal_and_status_rank", (q) => q.eq("agencyId", agencyId).eq("signal", signal));
      break;
  }
  return withLeftoverFilter(indexed.order(order), leftoverFilter(request, used));
}

/** Leads for a request without a signal filter, through one index of `client_opportunities`. */
function leadQuery(ctx: QueryCtx, agencyId: Id<"agency_profile">, request: LeadTableRequest) {
  const { status, targetVertical, targetGeography } = request;
  const { sort, order, search } = sortOf(request);
  const table = ctx.db.query("client_opportunities");

  if (search) {
    const query = table.withSearchIndex("search_leads", (q) => {
      let s = q.search("searchText", search).eq("agencyId", agencyId);
      if (status !== undefined) s = s.eq("status", status);
      if (targetVertical !== undefined) s = s.eq("targetVertical", targetVertical);
      if (targetGeography !== undefined) s = s.eq("targetGeography", targetGeography);
      return s;
    });
    return query;
  }

  // Equalities the chosen index already applies; the others become filters.
  let used: { status?: boolean; vertical?: boolean; geography?: boolean } = {};
  let indexed;
  switch (sort) {
    case "score":
      if (status !== undefined) {
        indexed = table.withIndex("by_agency_and_status", (q) => q.eq("agencyId", agencyId).eq("status", status));
        used = { status: true };
      } else if (targetVertical !== undefined && targetGeography !== undefined) {
        indexed = table.withIndex("by_agency_and_campaign", (q) =>
          q.eq("agencyId", agencyId).eq("targetVertical", targetVertical).eq("targetGeography", targetGeography),
        );
        used = { vertical: true, geography: true };
      } else if (targetVertical !== undefined) {
        indexed = table.withIndex("by_agency_and_vertical", (q) => q.eq("agencyId", agencyId).eq("targetVertical", targetVertical));
        used = { vertical: true };
      } else if (targetGeography !== undefined) {
        indexed = table.withIndex("by_agency_and_geography", (q) => q.eq("agencyId", agencyId).eq("targetGeography", targetGeography));
        used = { geography: true };
      } else {
        indexed = table.withIndex("by_agency_and_score", (q) => q.eq("agencyId", agencyId));
      }
      break;
    case "name":
      indexed = table.withIndex("by_agency_and_name", (q) => q.eq("agencyId", agencyId));
      break;
    case "rating":
      indexed = table.withIndex("by_agency_and_rating", (q) => q.eq("agencyId", agencyId));
      break;
    case "reviews":
      indexed = table.withIndex("by_agency_and_reviews", (q) => q.eq("agencyId", agencyId));
      break;
    case "status":
      // One status filtered: every row has the same rank, so list that status by score.
      indexed =
        status !== undefined
          ? table.withIndex("by_agency_and_status", (q) => q.eq("agencyId", agencyId).eq("status", status))
          : table.withIndex("by_agency_and_status_rank", (q) => q.eq("agencyId", agencyId));
      used = { status: status !== undefined };
      break;
  }
  return withLeftoverFilter(indexed.order(order), leftoverFilter(request, used));
}
