import { v } from "convex/values";
import { validateAgencyProfile, validateMonthlyBudget } from "../lib/campaignInput";
import { DEMO_AGENCY, demoAgencyLogoUrl } from "../lib/demoAgency";
import { internalMutation } from "./_generated/server";
import { agencyForUser } from "./model/agency";
import { agencyMutation, userMutation, userQuery } from "./model/agencyFunctions";
import { vAgencyFields } from "./validators";
import { vAgencyDoc } from "./model/documents";
import { userError } from "./model/errors";

/** The signed-in user's agency profile, or null before setup. */
export const get = userQuery({
  args: {},
  returns: v.union(vAgencyDoc, v.null()),
  handler: async (ctx) => ctx.agency,
});

/**
 * Create the user's profile on first save, update it afterwards. Optional fields left out keep their value
 * (`monthlyBudgetUsd` included: clear a budget with `setMonthlyBudget`).
 */
export const save = userMutation({
  args: vAgencyFields,
  returns: v.id("agency_profile"),
  handler: async (ctx, args) => {
    const checked = validateAgencyProfile(args);
    if (!checked.ok) throw userError(checked.error);
    // A profile from before accounts is this user's when they are the backend's first and only account.
    const agency = ctx.agency ?? (await ctx.claimOrphanedProfile());
    if (agency) {
      await ctx.db.patch("agency_profile", agency._id, checked.profile);
      return agency._id;
    }
    return await ctx.db.insert("agency_profile", { ...checked.profile, ownerId: ctx.userId });
  },
});

/** Set (a number of dollars) or clear (null) the agency's monthly budget for paid providers. */
export const setMonthlyBudget = agencyMutation({
  args: { monthlyBudgetUsd: v.union(v.number(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { monthlyBudgetUsd }) => {
    const error = validateMonthlyBudget(monthlyBudgetUsd ?? undefined);
    if (error) throw userError(error);
    await ctx.db.patch("agency_profile", ctx.agency._id, { monthlyBudgetUsd: monthlyBudgetUsd ?? undefined });
    return null;
  },
});

/** Give the user the demo agency when they have none (first visit); returns their agency. */
export const ensureDemo = userMutation({
  args: {},
  returns: v.id("agency_profile"),
  handler: async (ctx) => {
    if (ctx.agency) return ctx.agency._id;
    const claimed = await ctx.claimOrphanedProfile();
    if (claimed) return claimed._id;
    // SITE_URL is the dashboard (Convex Auth's setting; `npm run dev` sets it), which serves the demo logo.
    const logoUrl = demoAgencyLogoUrl(process.env.SITE_URL);
    return await ctx.db.insert("agency_profile", { ...DEMO_AGENCY, ...(logoUrl ? { logoUrl } : {}), ownerId: ctx.userId });
  },
});

/**
 * Operator only (internal: `npx convex run agency:claimOrphanedProfile '{"email": "owner@example.com"}'`): give a
 * profile saved before accounts existed (no owner) to the account with this email, which must have no agency yet.
 * Without `agencyId` there must be exactly one ownerless profile.
 */
export const claimOrphanedProfile = internalMutation({
  args: { email: v.string(), agencyId: v.optional(v.id("agency_profile")) },
  returns: v.id("agency_profile"),
  handler: async (ctx, { email, agencyId }) => {
    const users = await ctx.db
      .query("users")
      .withIndex("email", (q) => q.eq("email", email.trim()))
      .take(2);
    if (users.length !== 1)
      throw userError({
        code: "USER_NOT_FOUND",
        message: `${users.length === 0 ? "No" : "More than one"} account has the email "${email.trim().slice(0, 80)}".`,
      });
    if (await agencyForUser(ctx, users[0]._id)) throw userError({ code: "ALREADY_HAS_AGENCY", message: "That account already has an agency." });
    const orphans = agencyId
      ? [await ctx.db.get("agency_profile", agencyId)].filter((p) => p !== null && p.ownerId === undefined)
      : await ctx.db
          .query("agency_profile")
          .withIndex("by_owner", (q) => q.eq("ownerId", undefined))
          .take(2);
    if (orphans.length !== 1) {
      throw userError({
        code: "NO_SINGLE_ORPHAN",
        message: agencyId
          ? "That profile does not exist or already has an owner."
          : `${orphans.length === 0 ? "No" : "Several"} profiles without an owner: pass agencyId.`,
      });
    }
    await ctx.db.patch("agency_profile", orphans[0]!._id, { ownerId: users[0]._id });
    return orphans[0]!._id;
  },
});
