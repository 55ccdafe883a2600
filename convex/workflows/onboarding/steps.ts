import { vResultValidator, vWorkflowId } from "@convex-dev/workflow";
import { v } from "convex/values";
import { completePhase, startPhase } from "../../../lib/runEvents";
import { internal } from "../../_generated/api";
import { internalMutation, internalQuery } from "../../_generated/server";
import { getActiveFlow, onboardingEvent, settleOnboarding } from "../../model/onboarding";
import { vAgencyDraft, vOnboardingPage, vOnboardingPhaseName } from "../../model/onboardingValidators";
import { errorFirstLine } from "../../../lib/errorText";

/** What the crawl step needs: the website, or null once the flow stopped. */
export const getFlowContext = internalQuery({
  args: { onboardingFlowId: v.id("onboarding_flow") },
  returns: v.union(v.null(), v.object({ url: v.string() })),
  handler: async (ctx, { onboardingFlowId }) => {
    const flow = await getActiveFlow(ctx, onboardingFlowId);
    return flow ? { url: flow.url } : null;
  },
});

/** Complete one phase and/or start the next, with the event the timeline shows. False once the flow stopped. */
export const recordPhase = internalMutation({
  args: {
    onboardingFlowId: v.id("onboarding_flow"),
    complete: v.optional(vOnboardingPhaseName),
    start: v.optional(vOnboardingPhaseName),
    message: v.string(),
  },
  returns: v.boolean(),
  handler: async (ctx, { onboardingFlowId, complete, start, message }) => {
    const flow = await getActiveFlow(ctx, onboardingFlowId);
    if (!flow) return false;
    const now = Date.now();
    let phases = flow.phases;
    if (complete) phases = completePhase(phases, complete, now);
    if (start) phases = startPhase(phases, start, now);
    await ctx.db.patch("onboarding_flow", flow._id, {
      phases,
      lastEvent: onboardingEvent(start ? "phase_started" : "phase_completed", message, start ?? complete),
    });
    return true;
  },
});

/** The draft and the pages it was read from, in one write; the profile itself waits for the user's approval. */
export const saveDraft = internalMutation({
  args: {
    onboardingFlowId: v.id("onboarding_flow"),
    pages: v.array(vOnboardingPage),
    draft: vAgencyDraft,
    provider: v.string(),
    note: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, { onboardingFlowId, pages, draft, provider, note }) => {
    const flow = await getActiveFlow(ctx, onboardingFlowId);
    if (!flow) return null;
    await ctx.db.patch("onboarding_flow", flow._id, {
      pages,
      draft,
      provider,
      note,
      phases: completePhase(flow.phases, "draft_profile", Date.now()),
      lastEvent: onboardingEvent(
        "phase_completed",
        `Draft ready from ${pages.filter((p) => !p.error).length} page${pages.length === 1 ? "" : "s"}: ${draft.services.length} service${draft.services.length === 1 ? "" : "s"}, ${draft.claims.length} claim${draft.claims.length === 1 ? "" : "s"}. Review and approve it.`,
        "draft_profile",
      ),
    });
    return null;
  },
});

/** onComplete of `onboardingWorkflow`: the flow's final status, exactly once. */
export const handleOnboardingComplete = internalMutation({
  args: { workflowId: vWorkflowId, result: vResultValidator, context: v.object({ onboardingFlowId: v.id("onboarding_flow") }) },
  returns: v.null(),
  handler: async (ctx, { workflowId, result, context }) => {
    await ctx.scheduler.runAfter(0, internal.marketing.cleanupFinishedWorkflow, { workflowId });
    const flow = await getActiveFlow(ctx, context.onboardingFlowId);
    if (!flow) return null;
    const now = Date.now();
    if (result.kind === "success" && flow.draft) {
      await ctx.db.patch("onboarding_flow", flow._id, { workflowStatus: "completed", completedAt: now });
      return null;
    }
    const outcome = result.kind === "canceled" ? "cancelled" : "failed";
    const reason = result.kind === "failed" ? errorFirstLine(result.error) : result.kind === "canceled" ? "Cancelled" : "No draft was written.";
    await settleOnboarding(ctx, flow, outcome, reason);
    return null;
  },
});
