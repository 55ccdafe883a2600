/**
 * Cancelling an onboarding while it reads the agency's website (onboarding.cancel): the flow ends `cancelled` with
 * no phase left running, nothing is saved, the late workflow completion changes nothing, and a new onboarding can
 * start. Only the flow's own user can cancel it, and only while it runs.
 */
import { ConvexError } from "convex/values";
import { describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { asOther, asOwner, drainWorkflows, initConvexTest, type TestConvex } from "./convexTestSetup";
import { useOfflineRuns } from "./envSetup";

useOfflineRuns();

const SITE = "https://www.pixelharborstudio.example/";

async function flowOf(t: TestConvex, onboardingFlowId: Id<"onboarding_flow">) {
  return (await asOwner(t).query(api.onboarding.get, { onboardingFlowId }))!;
}

async function rejection(promise: Promise<unknown>) {
  return await promise.then(
    () => "resolved",
    (error: unknown) => (error instanceof ConvexError ? (error.data as { code: string; message: string }) : String(error)),
  );
}

describe("cancelling an onboarding", () => {
  it("ends it cancelled with nothing saved; the late completion changes nothing; a new one can start", async () => {
    const t = initConvexTest();
    // The workflow is scheduled, not yet run (fake timers): the flow is reading.
    const { onboardingFlowId } = await asOwner(t).mutation(api.onboarding.startFromWebsite, { url: SITE });
    expect((await flowOf(t, onboardingFlowId)).workflowStatus).toBe("running");

    await asOwner(t).mutation(api.onboarding.cancel, { onboardingFlowId });
    const cancelled = await flowOf(t, onboardingFlowId);
    expect(cancelled.workflowStatus).toBe("cancelled");
    expect(cancelled.phases.filter((p) => p.status === "running" || p.status === "pending")).toEqual([]);
    expect(cancelled.lastEvent.message).toBe("Onboarding cancelled: nothing was saved.");
    expect(cancelled.draft).toBeUndefined();

    await drainWorkflows(t);
    const settled = await flowOf(t, onboardingFlowId);
    expect(settled).toMatchObject({ workflowStatus: "cancelled", lastEvent: cancelled.lastEvent });
    expect(settled.draft).toBeUndefined();
    expect(await asOwner(t).query(api.agency.get, {})).toBeNull();
    expect(await rejection(asOwner(t).mutation(api.onboarding.cancel, { onboardingFlowId }))).toEqual({
      code: "ONBOARDING_NOT_RUNNING",
      message: "This onboarding has already been cancelled.",
    });
    expect(await rejection(asOwner(t).mutation(api.onboarding.approve, { onboardingFlowId, profile: DEMO_AGENCY }))).toEqual({
      code: "ONBOARDING_NOT_READY",
      message: "This onboarding has no draft to approve.",
    });

    // Not "still reading": another address can be tried at once.
    const next = await asOwner(t).mutation(api.onboarding.startFromWebsite, { url: SITE });
    expect(next.onboardingFlowId).not.toBe(onboardingFlowId);
  });

  it("another user cannot cancel your onboarding", async () => {
    const t = initConvexTest();
    const { onboardingFlowId } = await asOwner(t).mutation(api.onboarding.startFromWebsite, { url: SITE });
    expect(await rejection(asOther(t).mutation(api.onboarding.cancel, { onboardingFlowId }))).toMatchObject({ code: "ONBOARDING_NOT_FOUND" });
    expect((await flowOf(t, onboardingFlowId)).workflowStatus).toBe("running");
  });
});
