import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

type Campaign = { targetVertical: string; targetGeography: string };

/**
 * A campaign's leads counted one by one through the leads' `by_agency_and_campaign` index: for a `campaigns` row
 * saved before `leadCount` was kept (its count is unknown, not 0). Reads only that campaign's leads.
 */
async function countCampaignLeads(ctx: QueryCtx, agencyId: Id<"agency_profile">, campaign: Campaign): Promise<number> {
  const leads = await ctx.db
    .query("client_opportunities")
    .withIndex("by_agency_and_campaign", (q) =>
      q.eq("agencyId", agencyId).eq("targetVertical", campaign.targetVertical).eq("targetGeography", campaign.targetGeography),
    )
    .collect();
  return leads.length;
}

/**
 * Lead totals live on the `campaigns` row of each (agency, vertical, geography), updated in the same
 * mutation that adds or moves leads, so a count reads one row per campaign instead of every lead.
 * `delta` may be negative (a lead moved to another campaign). Creates the row on first use.
 * Call it after the inserts or deletes it accounts for: a row saved before `leadCount` was kept gets the
 * campaign's counted total then (this mutation's writes included), and is kept from there on.
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
      leadCount: row.leadCount === undefined ? await countCampaignLeads(ctx, agencyId, campaign) : Math.max(0, row.leadCount + delta),
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

/**
 * The agency's lead total for a filter (either field may be absent), summed over its campaign rows; a row saved
 * before `leadCount` was kept is counted through the leads' index until its campaign's next write stores it.
 */
export async function countLeads(ctx: QueryCtx, agency: Doc<"agency_profile">, filter: Partial<Campaign>): Promise<number> {
  const rows = await ctx.db
    .query("campaigns")
    .withIndex("by_agency_and_campaign", (q) =>
      filter.targetVertical !== undefined ? q.eq("agencyId", agency._id).eq("targetVertical", filter.targetVertical) : q.eq("agencyId", agency._id),
    )
    .collect();
  let total = 0;
  for (const row of rows) {
    if (filter.targetGeography !== undefined && row.targetGeography !== filter.targetGeography) continue;
    total += row.leadCount ?? (await countCampaignLeads(ctx, agency._id, row));
  }
  return total;
}
