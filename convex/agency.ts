import { v } from "convex/values";
import { validateAgencyProfile } from "../lib/campaignInput";
import { DEMO_AGENCY } from "../lib/demoAgency";
import { internalQuery } from "./_generated/server";
import { agencyForUser, requireUserId } from "./model/agency";
import { userMutation, userQuery } from "./model/agencyFunctions";
import { vAgencyFields } from "./validators";
import { vAgencyDoc } from "./model/documents";
import { userError } from "./model/errors";


/** The signed-in user's agency profile, or null before setup. */
export const get = userQuery({
  args: {},
  returns: v.union(vAgencyDoc, v.null()),
  handler: async (ctx) => ctx.agency,
});

/** Create the user's profile on first save, update it afterwards. */
export const save = userMutation({
  args: vAgencyFields,
  returns: v.id("agency_profile"),
  handler: async (ctx, args) => {
    const checked = validateAgencyProfile(args);
    if (!checked.ok) throw userError(checked.error);
    if (ctx.agency) {
      await ctx.db.patch("agency_profile", ctx.agency._id, checked.profile);
      return ctx.agency._id;
    }
    return await ctx.db.insert("agency_profile", { ...checked.profile, ownerId: ctx.userId });
  },
});

/** Give the user the demo agency when they have none (first visit); returns their agency. */
export const ensureDemo = userMutation({
  args: {},
  returns: v.id("agency_profile"),
  handler: async (ctx) => {
    if (ctx.agency) return ctx.agency._id;
    return await ctx.db.insert("agency_profile", { ...DEMO_AGENCY, ownerId: ctx.userId });
  },
});

/** The caller's user id and agency, for `agencyAction` (actions have no `db`); null without an agency. */
export const caller = internalQuery({
  args: {},
  returns: v.union(v.object({ userId: v.id("users"), agency: vAgencyDoc }), v.null()),
  handler: async (ctx) => {
    const userId = await requireUserId(ctx);
    const agency = await agencyForUser(ctx, userId);
    return agency ? { userId, agency } : null;
  },
});
