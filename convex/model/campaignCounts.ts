import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

type Campaign = { targetVertical: string; targetGeography: string };

/**
 * Lead totals live on the `campaigns` row of each (agency, vertical, geography), updated in the same
 * mutation that adds or moves leads, so a count reads one row per campaign instead of every lead.
 * `delta` may be negative (a lead moved to another campaign). Creates the row on first use.
 */
export async function addToCampaignCount(
  ctx: MutationCtx,
  agencyId: Id<"agency_profile">,
  campaign: Campaign,
  delta: number,
  lastRunAt?: number,
): Promise<void> {
  const row = await ctx.db
    .query("campaigns")
    .withIndex("by_agency_and_campaign", (q) =>
      q.eq("agencyId", agencyId).eq("targetVertical", campaign.targetVertical).eq("targetGeography", campaign.targetGeography),
    )
    .unique();
  if (row) {
    await ctx.db.patch("campaigns", row._id, {
      leadCount: Math.max(0, (row.leadCount ?? 0) + delta),
      ...(lastRunAt !== undefined ? { lastRunAt } : {}),
    });
  } else if (delta > 0) {
    await ctx.db.insert("campaigns", {
      agencyId,
      targetVertical: campaign.targetVertical,
      targetGeography: campaign.targetGeography,
      lastRunAt: lastRunAt ?? Date.now(),
      leadCount: delta,
    });
  }
}

/** The agency's lead total for a filter (either field may be absent), summed over its campaign rows. */
export async function countLeads(ctx: QueryCtx, agency: Doc<"agency_profile">, filter: Partial<Campaign>): Promise<number> {
  const rows = await ctx.db
    .query("campaigns")
    .withIndex("by_agency_and_campaign", (q) =>
      filter.targetVertical !== undefined ? q.eq("agencyId", agency._id).eq("targetVertical", filter.targetVertical) : q.eq("agencyId", agency._id),
    )
    .collect();
  return rows
    .filter((row) => filter.targetGeography === undefined || row.targetGeography === filter.targetGeography)
    .reduce((total, row) => total + (row.leadCount ?? 0), 0);
}
