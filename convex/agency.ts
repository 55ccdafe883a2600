import { ConvexError, v } from "convex/values";
import { validateAgencyProfile } from "../lib/campaignInput";
import { DEMO_AGENCY } from "../lib/demoAgency";
import { mutation, query } from "./_generated/server";
import { findCurrentAgency } from "./model/agency";
import { vAgencyFields } from "./validators";
import { vAgencyDoc } from "./model/documents";


/** The caller's agency profile, or null before setup. */
export const get = query({
  args: {},
  returns: v.union(vAgencyDoc, v.null()),
  handler: async (ctx) => await findCurrentAgency(ctx),
});

/** Create the profile on first save, update it afterwards. */
export const save = mutation({
  args: vAgencyFields,
  returns: v.id("agency_profile"),
  handler: async (ctx, args) => {
    const checked = validateAgencyProfile(args);
    if (!checked.ok) throw new ConvexError(checked.error);
    const existing = await findCurrentAgency(ctx);
    if (existing) {
      await ctx.db.patch("agency_profile", existing._id, checked.profile);
      return existing._id;
    }
    const identity = await ctx.auth.getUserIdentity();
    return await ctx.db.insert("agency_profile", { ...checked.profile, ownerTokenIdentifier: identity?.tokenIdentifier });
  },
});

/** Create the demo agency when there is none (first run of `npm run dev`); returns the current agency. */
export const ensureDemo = mutation({
  args: {},
  returns: v.id("agency_profile"),
  handler: async (ctx) => {
    const existing = await findCurrentAgency(ctx);
    if (existing) return existing._id;
    const identity = await ctx.auth.getUserIdentity();
    return await ctx.db.insert("agency_profile", { ...DEMO_AGENCY, ownerTokenIdentifier: identity?.tokenIdentifier });
  },
});
