/**
 * The lead table's server side: one paginated query over every lead of the agency, sorted, searched and
 * filtered by the database. Each request reads through ONE index chosen here:
 *
 * - a search uses the `search_leads` full-text index (name and domain words; agency, status and campaign as
 *   its equality filters) and lists by relevance, as Convex search does;
 * - otherwise the index of the sort column (score, name, rating, reviews, status), with the status or campaign
 *   as its equality prefix when the index has one (score: by status, or by campaign; status sort: by status);
 * - the remaining equalities (status, vertical, geography) are database `.filter`s on that index range;
 * - the signal filter is applied to each page (a lead's signals are an array, which no index or filter
 *   expression can test), so a page with a signal filter may hold fewer rows than asked: "Load more" goes on.
 */
import { literals } from "convex-helpers/validators";
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

/** The query for a request, ready for `.paginate()`, plus the per-page predicate (signal), if any. */
export function leadTableQuery(ctx: QueryCtx, agencyId: Id<"agency_profile">, request: LeadTableRequest) {
  const { status, targetVertical, targetGeography } = request;
  const sort = request.sort ?? "score";
  const order = request.order ?? defaultSortOrder(sort);
  const search = searchQueryText((request.search ?? "").slice(0, SEARCH_MAX));
  const table = ctx.db.query("client_opportunities");
  const pagePredicate = request.signal ? (lead: Doc<"client_opportunities">) => lead.signals.includes(request.signal as Signal) : undefined;

  if (search) {
    const query = table.withSearchIndex("search_leads", (q) => {
      let s = q.search("searchText", search).eq("agencyId", agencyId);
      if (status !== undefined) s = s.eq("status", status);
      if (targetVertical !== undefined) s = s.eq("targetVertical", targetVertical);
      if (targetGeography !== undefined) s = s.eq("targetGeography", targetGeography);
      return s;
    });
    return { query, pagePredicate, sort: "relevance" as const };
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
      indexed =
        status !== undefined
          ? table.withIndex("by_agency_and_status", (q) => q.eq("agencyId", agencyId).eq("status", status))
          : table.withIndex("by_agency_and_status", (q) => q.eq("agencyId", agencyId));
      used = { status: status !== undefined };
      break;
  }
  let query = indexed.order(order);
  const wantStatus: OpportunityStatus | undefined = used.status ? undefined : status;
  const wantVertical = used.vertical ? undefined : targetVertical;
  const wantGeography = used.geography ? undefined : targetGeography;
  if (wantStatus !== undefined || wantVertical !== undefined || wantGeography !== undefined) {
    // Equality filters on the fields the chosen index does not cover, applied over that index range only.
    // eslint-disable-next-line @convex-dev/no-filter-in-query
    query = query.filter((q) =>
      q.and(
        wantStatus !== undefined ? q.eq(q.field("status"), wantStatus) : true,
        wantVertical !== undefined ? q.eq(q.field("targetVertical"), wantVertical) : true,
        wantGeography !== undefined ? q.eq(q.field("targetGeography"), wantGeography) : true,
      ),
    );
  }
  return { query, pagePredicate, sort };
}
