import { HOUR, RateLimiter } from "@convex-dev/rate-limiter";
import { AGENCY_LIMITS, describeWait } from "../../lib/limits";
import { components } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { userError } from "./errors";

/** Per-agency budgets of paid work, stored by the rate-limiter component (one bucket per agency and limit). */
const rateLimiter = new RateLimiter(components.rateLimiter, {
  runs: { kind: "token bucket", rate: AGENCY_LIMITS.runsPerHour, period: HOUR, capacity: AGENCY_LIMITS.runsPerHour },
  reaudits: { kind: "token bucket", rate: AGENCY_LIMITS.reauditsPerHour, period: HOUR, capacity: AGENCY_LIMITS.reauditsPerHour },
  onboardings: { kind: "token bucket", rate: AGENCY_LIMITS.onboardingsPerHour, period: HOUR, capacity: AGENCY_LIMITS.onboardingsPerHour },
});

function rateLimited(what: string, retryAfterMs: number) {
  return userError({
    code: "RATE_LIMITED",
    message: `${what} Try again in ${describeWait(retryAfterMs)}.`,
    retryAfterMs: Math.ceil(retryAfterMs),
  });
}

/**
 * Before a run starts: at most `concurrentRuns` running at once, and `runsPerHour`. Called inside the starting
 * mutation, so a refused start consumes nothing and a failed one gives its token back (the transaction rolls back).
 *
 * The concurrent-runs refusal carries no `retryAfterMs`: when a running run ends is not known (a run has no time
 * limit; it lasts seconds on the demo providers and minutes with real crawls and retries), so any number would be
 * a guess. It names the running runs instead (`runningJobIds`): a start succeeds once one of them leaves `running`.
 */
export async function enforceRunLimits(ctx: MutationCtx, agencyId: Id<"agency_profile">): Promise<void> {
  const running = await ctx.db
    .query("lead_gen_flow")
    .withIndex("by_agency_and_status", (q) => q.eq("agencyId", agencyId).eq("workflowStatus", "running"))
    .take(AGENCY_LIMITS.concurrentRuns);
  if (running.length >= AGENCY_LIMITS.concurrentRuns) {
    throw userError({
      code: "RATE_LIMITED",
      message: `${AGENCY_LIMITS.concurrentRuns} runs are already running for your agency: wait for one to finish or cancel one.`,
      runningJobIds: running.map((run) => run._id),
    });
  }
  const status = await rateLimiter.limit(ctx, "runs", { key: agencyId });
  if (!status.ok) throw rateLimited(`Your agency started ${AGENCY_LIMITS.runsPerHour} runs in the last hour.`, status.retryAfter);
}

export async function enforceReauditLimit(ctx: MutationCtx, agencyId: Id<"agency_profile">): Promise<void> {
  const status = await rateLimiter.limit(ctx, "reaudits", { key: agencyId });
  if (!status.ok) throw rateLimited(`Your agency re-ran ${AGENCY_LIMITS.reauditsPerHour} audits in the last hour.`, status.retryAfter);
}

/** Onboarding belongs to a user (who may have no agency yet): one bucket per user. */
export async function enforceOnboardingLimit(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  const status = await rateLimiter.limit(ctx, "onboardings", { key: userId });
  if (!status.ok) throw rateLimited(`You started ${AGENCY_LIMITS.onboardingsPerHour} onboardings in the last hour.`, status.retryAfter);
}
