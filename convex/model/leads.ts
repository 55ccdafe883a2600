import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { userError } from "./errors";

/**
 * The caller's lead, or `ConvexError({ code: "OPPORTUNITY_NOT_FOUND" })`. Another agency's lead reads as missing
 * (row-level security in agencyQuery/agencyMutation), so it gets the same answer as one that never existed.
 */
export async function requireLead(ctx: QueryCtx, opportunityId: Id<"client_opportunities">): Promise<Doc<"client_opportunities">> {
  const lead = await ctx.db.get("client_opportunities", opportunityId);
  if (!lead) throw userError({ code: "OPPORTUNITY_NOT_FOUND", message: "That lead does not exist." });
  return lead;
}
