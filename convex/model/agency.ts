import { isEmbeddedBackend } from "../../lib/embeddedBackend";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { userError } from "./errors";

export const UNAUTHENTICATED = { code: "UNAUTHENTICATED", message: "Sign in to continue." } as const;
export const NO_AGENCY_PROFILE = { code: "NO_AGENCY_PROFILE", message: "Set up your agency profile before finding clients." } as const;

/**
 * The signed-in Convex Auth user, or `UNAUTHENTICATED`. The token's subject is "userId|sessionId" (what
 * `getAuthUserId` parses); the user and the session must still exist, so signing out (which deletes the session)
 * ends access at once rather than when the token expires, and a subject naming no user is refused.
 */
export async function requireUserId(ctx: QueryCtx): Promise<Id<"users">> {
  const identity = await ctx.auth.getUserIdentity();
  const [userPart, sessionPart] = identity ? identity.subject.split("|") : [];
  const userId = userPart ? ctx.db.normalizeId("users", userPart) : null;
  const sessionId = sessionPart ? ctx.db.normalizeId("authSessions", sessionPart) : null;
  if (userId === null || sessionId === null) throw userError(UNAUTHENTICATED);
  const [user, session] = await Promise.all([ctx.db.get("users", userId), ctx.db.get("authSessions", sessionId)]);
  if (user === null || session === null || session.userId !== userId || session.expirationTime < Date.now()) {
    throw userError(UNAUTHENTICATED);
  }
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

/**
 * Profiles saved before accounts existed have no owner and are reachable by no one. On the embedded backend one is
 * handed over, once, to the backend's first account: when the caller has no agency, is the only user there is, and
 * exactly one ownerless profile exists (a one-person embedded backend upgraded in place). On a deployment (whose URL
 * is public, so the first sign-up may be a stranger), and in every other case (several orphans, or other accounts
 * already), it is left for the operator: `npx convex run agency:claimOrphanedProfile`.
 * @returns the claimed profile, or null.
 */
export async function claimOrphanForFirstUser(ctx: MutationCtx, userId: Id<"users">): Promise<Doc<"agency_profile"> | null> {
  if (!isEmbeddedBackend(process.env)) return null;
  const users = await ctx.db.query("users").take(2);
  if (users.length !== 1 || users[0]._id !== userId) return null;
  const orphans = await ctx.db
    .query("agency_profile")
    .withIndex("by_owner", (q) => q.eq("ownerId", undefined))
    .take(2);
  if (orphans.length !== 1) return null;
  await ctx.db.patch("agency_profile", orphans[0]._id, { ownerId: userId });
  return { ...orphans[0], ownerId: userId };
}
