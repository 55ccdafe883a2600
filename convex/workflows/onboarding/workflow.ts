import { v } from "convex/values";
import { internal } from "../../_generated/api";
import { workflow } from "../manager";

/**
 * The `onboarding_flow` run: the agency's own website → a drafted profile for the user to review
 * (docs/architecture.md §9). Like a lead's deep audit it is one durable step that crawls and
 * drafts, writing its phase progress as it goes (map_site → read_pages → draft_profile), retried as a unit;
 * a failure reaches `handleOnboardingComplete`. Nothing is written to the agency profile here.
 */
export const onboardingWorkflow = workflow.define({
  args: { onboardingFlowId: v.id("onboarding_flow") },
  returns: v.null(),
  handler: async (step, { onboardingFlowId }): Promise<null> => {
    await step.runMutation(
      internal.workflows.onboarding.steps.recordPhase,
      { onboardingFlowId, start: "map_site", message: "Mapping your website…" },
      { inline: true },
    );
    const outcome = await step.runAction(internal.workflows.onboarding.actions.readAgencySite, { onboardingFlowId });
    if (!outcome.ok) throw new Error(outcome.message);
    return null;
  },
});
