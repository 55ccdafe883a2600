import type { FunctionReturnType } from "convex/server";
import type { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";

/** Shapes the dashboard receives, derived from the Convex functions so they never drift. */
export type AgencyProfile = NonNullable<FunctionReturnType<typeof api.agency.get>>;
export type RunDetails = NonNullable<FunctionReturnType<typeof api.marketing.getRun>>;
export type RunDoc = FunctionReturnType<typeof api.marketing.listRuns>[number];
export type OpportunityRow = FunctionReturnType<typeof api.opportunities.listByRun>[number];
export type OpportunityReport = NonNullable<FunctionReturnType<typeof api.opportunities.get>>;

/** A run's id: the public API's `jobId`, rows' `leadGenFlowId` (why three names: the note on lead_gen_flow in convex/schema.ts). */
export type RunId = Id<"lead_gen_flow">;
export type OpportunityId = Id<"client_opportunities">;

/** Ids arrive as strings from the URL; the server validates them (a bad one fails the query). */
export function asRunId(id: string): RunId {
  return id as RunId;
}

export function asOpportunityId(id: string): OpportunityId {
  return id as OpportunityId;
}

export type OnboardingFlow = NonNullable<FunctionReturnType<typeof api.onboarding.get>>;
export type OnboardingDraft = NonNullable<OnboardingFlow["draft"]>;
export type OnboardingFlowId = Id<"onboarding_flow">;
export type ProviderSummary = FunctionReturnType<typeof api.providers.active>;
