import { ConvexError } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

/**
 * The agency the caller acts for. Every public function goes through here, so
 * adding authentication is a one-place change: with an identity, the agency
 * owned by it; without one (the single-tenant demo), the first profile.
 */
export async function findCurrentAgency(ctx: QueryCtx): Promise<Doc<"agency_profile"> | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity) {
    return await ctx.db
      .query("agency_profile")
      .withIndex("by_owner", (q) => q.eq("ownerTokenIdentifier", identity.tokenIdentifier))
      .unique();
  }
  return await ctx.db.query("agency_profile").withIndex("by_owner", (q) => q.eq("ownerTokenIdentifier", undefined)).first();
}

export async function requireCurrentAgency(ctx: QueryCtx): Promise<Doc<"agency_profile">> {
  const agency = await findCurrentAgency(ctx);
  if (!agency) {
    throw new ConvexError({ code: "NO_AGENCY_PROFILE", message: "Set up your agency profile before finding clients." });
  }
  return agency;
}
