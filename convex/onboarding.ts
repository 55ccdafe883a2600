/**
 * Onboarding from the agency's own website (docs/architecture.md §9): the user enters the URL,
 * `onboardingWorkflow` crawls it and drafts the profile with page citations, the user reviews and edits the
 * draft, and only `approve` writes the agency profile. Flows belong to the signed-in user, so a new user
 * (no agency yet) can onboard; approval creates the agency, or updates it (runs and leads are kept).
 */
import type { WorkflowId } from "@convex-dev/workflow";
import { v } from "convex/values";
import { validateAgencyProfile } from "../lib/campaignInput";
import { initialOnboardingPhases } from "../lib/onboarding/draft";
import { normalizeAgencyUrl } from "../lib/onboarding/siteUrl";
import { internal } from "./_generated/api";
import { userMutation, userQuery } from "./model/agencyFunctions";
import { vDoc } from "./model/documents";
import { enforceOnboardingLimit } from "./model/limits";
import { onboardingEvent, requireOwnFlow, settleOnboarding } from "./model/onboarding";
import { vAgencyFields } from "./validators";
import { workflow } from "./workflows/manager";
import { userError } from "./model/errors";

const vOnboardingFlowDoc = vDoc("onboarding_flow");

/**
 * Start reading the agency's website. A bad address is `INVALID_URL` and writes nothing; one onboarding runs
 * per user at a time (`ONBOARDING_IN_PROGRESS` names it).
 */
export const startFromWebsite = userMutation({
  args: { url: v.string() },
  returns: v.object({ onboardingFlowId: v.id("onboarding_flow") }),
  handler: async (ctx, { url }) => {
    const checked = normalizeAgencyUrl(url);
    if (!checked.ok) throw userError(checked.error);
    const running = await ctx.db
      .query("onboarding_flow")
      .withIndex("by_owner_and_status", (q) => q.eq("ownerId", ctx.userId).eq("workflowStatus", "running"))
      .first();
    if (running) {
      throw userError({
        code: "ONBOARDING_IN_PROGRESS",
        message: `Still reading ${running.url}: wait for its draft before starting another.`,
        onboardingFlowId: running._id,
      });
    }
    await enforceOnboardingLimit(ctx, ctx.userId);
    const onboardingFlowId = await ctx.db.insert("onboarding_flow", {
      ownerId: ctx.userId,
      ...(ctx.agency ? { agencyId: ctx.agency._id } : {}),
      url: checked.url,
      workflowStatus: "running",
      phases: initialOnboardingPhases(),
      lastEvent: onboardingEvent("started", `Reading ${checked.url}…`),
      startedAt: Date.now(),
    });
    const workflowId = await workflow.start(
      ctx,
      internal.workflows.onboarding.workflow.onboardingWorkflow,
      { onboardingFlowId },
      { onComplete: internal.workflows.onboarding.steps.handleOnboardingComplete, context: { onboardingFlowId } },
    );
    await ctx.db.patch("onboarding_flow", onboardingFlowId, { workflowId });
    return { onboardingFlowId };
  },
});

/** Stop reading the website: the flow ends `cancelled` and nothing is saved (the profile is only written on approval). */
export const cancel = userMutation({
  args: { onboardingFlowId: v.id("onboarding_flow") },
  returns: v.null(),
  handler: async (ctx, { onboardingFlowId }) => {
    const flow = await requireOwnFlow(ctx, onboardingFlowId);
    if (flow.workflowStatus !== "running") {
      throw userError({
        code: "ONBOARDING_NOT_RUNNING",
        message:
          flow.workflowStatus === "completed"
            ? "This onboarding already finished: its draft is ready to review."
            : `This onboarding has already ${flow.workflowStatus === "failed" ? "failed" : "been cancelled"}.`,
      });
    }
    if (flow.workflowId) await workflow.cancel(ctx, flow.workflowId as WorkflowId);
    await settleOnboarding(ctx, flow, "cancelled", "Cancelled");
    return null;
  },
});

/** One of the caller's onboarding flows (phases, last event, draft with citations); null for anyone else's. */
export const get = userQuery({
  args: { onboardingFlowId: v.id("onboarding_flow") },
  returns: v.union(vOnboardingFlowDoc, v.null()),
  // Another user's flow reads as missing (userQuery's row rules).
  handler: async (ctx, { onboardingFlowId }) => await ctx.db.get("onboarding_flow", onboardingFlowId),
});

/** The caller's newest onboarding not yet approved (to pick up after a reload), or null. */
export const current = userQuery({
  args: {},
  returns: v.union(vOnboardingFlowDoc, v.null()),
  handler: async (ctx) => {
    const latest = await ctx.db
      .query("onboarding_flow")
      .withIndex("by_owner", (q) => q.eq("ownerId", ctx.userId))
      .order("desc")
      .first();
    return latest && latest.approvedAt === undefined ? latest : null;
  },
});

/**
 * Save the reviewed (and edited) draft as the caller's agency profile: creates it for a new user, updates it
 * otherwise (its runs and leads are kept). Only a finished, unapproved draft of the caller's own can be approved.
 */
export const approve = userMutation({
  args: { onboardingFlowId: v.id("onboarding_flow"), profile: v.object(vAgencyFields) },
  returns: v.object({ agencyId: v.id("agency_profile") }),
  handler: async (ctx, { onboardingFlowId, profile }) => {
    const flow = await requireOwnFlow(ctx, onboardingFlowId);
    if (flow.approvedAt !== undefined) throw userError({ code: "ONBOARDING_ALREADY_APPROVED", message: "This draft was already approved." });
    if (flow.workflowStatus !== "completed" || !flow.draft) {
      throw userError({
        code: "ONBOARDING_NOT_READY",
        message: flow.workflowStatus === "running" ? "The draft is not ready yet." : "This onboarding has no draft to approve.",
      });
    }
    const checked = validateAgencyProfile(profile);
    if (!checked.ok) throw userError(checked.error);
    let agencyId;
    if (ctx.agency) {
      await ctx.db.patch("agency_profile", ctx.agency._id, checked.profile);
      agencyId = ctx.agency._id;
    } else {
      agencyId = await ctx.db.insert("agency_profile", { ...checked.profile, ownerId: ctx.userId });
    }
    await ctx.db.patch("onboarding_flow", flow._id, { approvedAt: Date.now(), agencyId });
    return { agencyId };
  },
});
