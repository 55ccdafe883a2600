/**
 * Validators of the `onboarding_flow` table (the agency's own website → a drafted profile the user approves),
 * built from lib/onboarding/draft.ts so the phase list and draft shape are defined once.
 */
import { literals } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import { ONBOARDING_PHASE_NAMES } from "../../lib/onboarding/draft";
import { vLastEventType, vPhaseStatus, vSignal } from "../validators";

export const vOnboardingPhaseName = literals(...ONBOARDING_PHASE_NAMES);

export const vOnboardingPhase = v.object({
  name: vOnboardingPhaseName,
  status: vPhaseStatus,
  startedAt: v.optional(v.number()),
  completedAt: v.optional(v.number()),
  error: v.optional(v.string()),
  attempts: v.optional(v.number()),
});

export const vOnboardingEvent = v.object({
  type: vLastEventType,
  phase: v.optional(vOnboardingPhaseName),
  message: v.string(),
  at: v.number(),
});
export type OnboardingEvent = Infer<typeof vOnboardingEvent>;

const vCitedText = v.object({ value: v.string(), sourceUrl: v.string() });

/** lib/onboarding/draft.ts AgencyDraft: every item cites the page it was read from. */
export const vAgencyDraft = v.object({
  name: v.optional(vCitedText),
  targetVerticals: v.array(vCitedText),
  targetGeography: v.optional(vCitedText),
  services: v.array(v.object({ text: v.string(), description: v.optional(v.string()), sourceUrl: v.string(), signals: v.array(vSignal) })),
  signals: v.array(v.object({ signal: vSignal, sourceUrl: v.string(), evidence: v.string() })),
  claims: v.array(v.object({ id: v.string(), text: v.string(), signals: v.array(vSignal), sourceUrl: v.string() })),
});

/** A page onboarding read (or tried to): no page content is stored. */
export const vOnboardingPage = v.object({
  url: v.string(),
  title: v.optional(v.string()),
  statusCode: v.number(),
  error: v.optional(v.string()),
});
