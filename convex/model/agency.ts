import { getAuthUserId } from "@convex-dev/auth/server";
import { ConvexError } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

export const UNAUTHENTICATED = { code: "UNAUTHENTICATED", message: "Sign in to continue." } as const;
export const NO_AGENCY_PROFILE = { code: "NO_AGENCY_PROFILE", message: "Set up your agency profile before finding clients." } as const;

/**
 * The signed-in Convex Auth user, or `UNAUTHENTICATED`. The token's subject is "userId|sessionId"
 * (`getAuthUserId` keeps the part before "|"); a subject that names no existing user is refused too.
 */
export async function requireUserId(ctx: QueryCtx): Promise<Id<"users">> {
  const subject = await getAuthUserId(ctx);
  const userId = subject === null ? null : ctx.db.normalizeId("users", subject);
  if (userId === null || (await ctx.db.get("users", userId)) === null) throw new ConvexError(UNAUTHENTICATED);
  return userId;
}

/**
 * The agency a user acts for: the one they own. The only place that maps users to agencies, so team
 * members (an `agency_members` table read here) can come later without touching any function.
 */
export async function agencyForUser(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"agency_profile"> | null> {
  return await ctx.db
    .query("agency_profile")
    .withIndex("by_owner", (q) => q.eq("ownerId", userId))
    .unique();
}
