import { v } from "convex/values";
import { estimateRunCost } from "../lib/costEstimate";
import { validateRunSize } from "../lib/campaignInput";
import { DEFAULT_MAX_DEEP_AUDITS } from "../lib/lifecycle";
import { activeProviderKinds } from "../lib/providers/paidProviders";
import { emptyUsageTotals, monthKey, monthLabel } from "../lib/usage";
import { agencyQuery } from "./model/agencyFunctions";
import { userError } from "./model/errors";
import { monthUsage } from "./model/usage";
import { vUsage } from "./validators";

/**
 * The agency's spend this UTC calendar month (one indexed read of `agency_usage`), against its optional budget, for
 * the dashboard's spend panel. `now` comes from the client (queries have no clock of their own to re-run on).
 */
export const thisMonth = agencyQuery({
  args: { now: v.number() },
  returns: v.object({
    month: v.string(),
    label: v.string(),
    usage: vUsage,
    spentUsd: v.number(),
    budgetUsd: v.optional(v.number()),
    runs: v.number(),
    reaudits: v.number(),
  }),
  handler: async (ctx, { now }) => {
    const month = monthKey(Number.isFinite(now) ? now : 0);
    const row = await monthUsage(ctx, ctx.agency._id, month);
    const usage = row?.usage ?? emptyUsageTotals();
    return {
      month,
      label: monthLabel(month),
      usage,
      spentUsd: usage.costUsd,
      ...(ctx.agency.monthlyBudgetUsd !== undefined ? { budgetUsd: ctx.agency.monthlyBudgetUsd } : {}),
      runs: row?.runs ?? 0,
      reaudits: row?.reaudits ?? 0,
    };
  },
});

/**
 * The most a run can cost with the providers this deployment is configured with (0 on the keyless defaults). A size
 * `startLeadGenWorkflow` would refuse (NaN, Infinity, 2.5 or 0 leads…) is refused the same way (`INVALID_NUM_LEADS`,
 * `INVALID_MAX_DEEP_AUDITS`), rather than estimated.
 */
export const estimateRun = agencyQuery({
  args: { numLeads: v.number(), maxDeepAudits: v.optional(v.number()) },
  returns: v.object({ totalUsd: v.number(), free: v.boolean() }),
  handler: async (_ctx, { numLeads, maxDeepAudits }) => {
    const error = validateRunSize({ numLeads, maxDeepAudits });
    if (error) throw userError(error);
    const providers = activeProviderKinds(process.env);
    const estimate = estimateRunCost({ numLeads, maxDeepAudits: maxDeepAudits ?? DEFAULT_MAX_DEEP_AUDITS, providers });
    return { totalUsd: estimate.totalUsd, free: providers.places === "demo" && providers.crawl === "builtin" && providers.llm === "heuristic" };
  },
});
