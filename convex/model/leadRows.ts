/**
 * The one writer of lead rows: every insert, change and delete of a `client_opportunities` row goes through here,
 * so the fields the lead table reads stay true in the same transaction:
 *
 * - the derived columns on the lead (`searchText`, `nameKey`, `statusRank`: lib/leadSearch.ts leadTableFields);
 * - its `lead_signals` rows, one per signal, each a copy of the lead's table columns, which the signal filter
 *   reads through an index (convex/model/leadTable.ts).
 */
import { leadTableFields } from "../../lib/leadSearch";
import type { Signal } from "../../lib/signals";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { WithoutSystemFields } from "convex/server";

type LeadFields = WithoutSystemFields<Doc<"client_opportunities">>;
type LeadPatch = Partial<Omit<LeadFields, "agencyId" | "searchText" | "nameKey" | "statusRank">>;

/** The lead fields its table columns (and so its `lead_signals` rows) are made of. */
const TABLE_SOURCE_FIELDS = [
  "name",
  "domain",
  "status",
  "qualificationScore",
  "signals",
  "rating",
  "reviews_count",
  "targetVertical",
  "targetGeography",
] as const;

/** What a `lead_signals` row holds for this lead and signal. */
function signalRow(lead: Doc<"client_opportunities">, signal: Signal) {
  const derived = leadTableFields(lead);
  return {
    agencyId: lead.agencyId,
    opportunityId: lead._id,
    signal,
    qualificationScore: lead.qualificationScore,
    status: lead.status,
    statusRank: derived.statusRank,
    nameKey: derived.nameKey,
    searchText: derived.searchText,
    rating: lead.rating,
    reviews_count: lead.reviews_count,
    targetVertical: lead.targetVertical,
    targetGeography: lead.targetGeography,
  };
}

const sameRow = (a: ReturnType<typeof signalRow>, b: Doc<"lead_signals">) => (Object.keys(a) as (keyof typeof a)[]).every((key) => a[key] === b[key]);

/** Makes the lead's `lead_signals` rows match it: one per signal (none once it is deleted). @returns whether a row was written. */
export async function syncLeadSignals(ctx: MutationCtx, opportunityId: Id<"client_opportunities">, lead: Doc<"client_opportunities"> | null): Promise<boolean> {
  const rows = await ctx.db
    .query("lead_signals")
    .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
    .collect();
  const wanted = new Map((lead ? [...new Set(lead.signals)] : []).map((signal) => [signal, signalRow(lead!, signal)]));
  let written = false;
  for (const row of rows) {
    const want = wanted.get(row.signal);
    // A signal's first row is kept (replaced if stale); a second row for it, or one for a dropped signal, goes.
    wanted.delete(row.signal);
    if (want && sameRow(want, row)) continue;
    if (want) await ctx.db.replace("lead_signals", row._id, want);
    else await ctx.db.delete("lead_signals", row._id);
    written = true;
  }
  for (const row of wanted.values()) await ctx.db.insert("lead_signals", row);
  return written || wanted.size > 0;
}

/** Inserts a lead with its derived table columns and signal rows. */
export async function insertLead(ctx: MutationCtx, fields: Omit<LeadFields, "searchText" | "nameKey" | "statusRank">): Promise<Id<"client_opportunities">> {
  const id = await ctx.db.insert("client_opportunities", { ...fields, ...leadTableFields(fields) });
  await syncLeadSignals(ctx, id, await ctx.db.get("client_opportunities", id));
  return id;
}

/** Changes a lead; when a field the table shows changed, its derived columns and signal rows follow. */
export async function patchLead(ctx: MutationCtx, lead: Doc<"client_opportunities">, patch: LeadPatch): Promise<void> {
  await ctx.db.patch("client_opportunities", lead._id, patch);
  // Derived from the row as it now is (the caller's copy may predate an earlier write in this mutation).
  if (TABLE_SOURCE_FIELDS.some((field) => field in patch)) {
    const fresh = await ctx.db.get("client_opportunities", lead._id);
    if (fresh) await refreshLeadTableFields(ctx, fresh);
  }
}

/** Deletes a lead row and its signal rows (its audits, dossiers and notes: convex/model/leadDeletion.ts). */
export async function removeLead(ctx: MutationCtx, lead: Doc<"client_opportunities">): Promise<void> {
  await ctx.db.delete("client_opportunities", lead._id);
  await syncLeadSignals(ctx, lead._id, null);
}

/**
 * Brings a lead saved before these columns existed up to date (its search words, name key, status rank and
 * signal rows). @returns whether anything was written.
 */
export async function refreshLeadTableFields(ctx: MutationCtx, lead: Doc<"client_opportunities">): Promise<boolean> {
  const derived = leadTableFields(lead);
  const stale = lead.searchText !== derived.searchText || lead.nameKey !== derived.nameKey || lead.statusRank !== derived.statusRank;
  if (stale) await ctx.db.patch("client_opportunities", lead._id, derived);
  const rowsWritten = await syncLeadSignals(ctx, lead._id, { ...lead, ...derived });
  return stale || rowsWritten;
}
