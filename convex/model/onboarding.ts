import { onboardingPhaseLabel, type OnboardingPhaseName } from "../../lib/onboarding/draft";
import { settlePhases } from "../../lib/runEvents";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { OnboardingEvent } from "./onboardingValidators";
import { userError } from "./errors";

export const ONBOARDING_NOT_FOUND = { code: "ONBOARDING_NOT_FOUND", message: "That onboarding does not exist." } as const;

/**
 * The caller's own onboarding flow, or `ONBOARDING_NOT_FOUND`. Flows belong to a user (a new user has no agency
 * yet): `ctx` is a `userQuery` / `userMutation` one, whose `ctx.db` row rules (convex/model/agencyFunctions.ts)
 * make another user's flow read as missing, exactly like another agency's run.
 */
export async function requireOwnFlow(ctx: QueryCtx, onboardingFlowId: Id<"onboarding_flow">): Promise<Doc<"onboarding_flow">> {
  const flow = await ctx.db.get("onboarding_flow", onboardingFlowId);
  if (!flow) throw userError(ONBOARDING_NOT_FOUND);
  return flow;
}

/** The flow a workflow step may still write to: null once it failed or was cancelled. */
export async function getActiveFlow(ctx: QueryCtx, onboardingFlowId: Id<"onboarding_flow">): Promise<Doc<"onboarding_flow"> | null> {
  const flow = await ctx.db.get("onboarding_flow", onboardingFlowId);
  return flow && flow.workflowStatus === "running" ? flow : null;
}

export function onboardingEvent(type: OnboardingEvent["type"], message: string, phase?: OnboardingPhaseName): OnboardingEvent {
  return { type, message, phase, at: Date.now() };
}

/** Ends a flow that stopped without a draft: its running phase settled, the reason on the flow and in its last event. */
export async function settleOnboarding(ctx: MutationCtx, flow: Doc<"onboarding_flow">, outcome: "failed" | "cancelled", reason: string): Promise<void> {
  const now = Date.now();
  const running = flow.phases.find((p) => p.status === "running")?.name;
  await ctx.db.patch("onboarding_flow", flow._id, {
    workflowStatus: outcome,
    phases: settlePhases(flow.phases, outcome, reason, now),
    error: outcome === "failed" ? reason : undefined,
    lastEvent: onboardingEvent(
      outcome,
      outcome === "failed" ? `${running ? `${onboardingPhaseLabel(running)} failed: ` : ""}${reason}` : "Onboarding cancelled: nothing was saved.",
      running,
    ),
    completedAt: now,
  });
}
