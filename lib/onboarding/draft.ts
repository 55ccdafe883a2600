/**
 * Onboarding from the agency's own website (docs/architecture.md §9): the phases of an
 * `onboarding_flow` and the shape of the profile it drafts. Every draft item cites the page it came from;
 * nothing reaches the agency profile before the user approves it.
 */
import type { Signal } from "../signals";

/** The `onboarding_flow` phases in order. */
export const ONBOARDING_PHASES = [
  { name: "map_site", label: "Map your website" },
  { name: "read_pages", label: "Read its pages" },
  { name: "draft_profile", label: "Draft your profile" },
] as const;
export type OnboardingPhaseName = (typeof ONBOARDING_PHASES)[number]["name"];
export const ONBOARDING_PHASE_NAMES = ONBOARDING_PHASES.map((p) => p.name) as unknown as readonly [OnboardingPhaseName, ...OnboardingPhaseName[]];

export function onboardingPhaseLabel(name: string): string {
  return ONBOARDING_PHASES.find((p) => p.name === name)?.label ?? name;
}

export function initialOnboardingPhases(): { name: OnboardingPhaseName; status: "pending" }[] {
  return ONBOARDING_PHASES.map((p) => ({ name: p.name, status: "pending" as const }));
}

/** Pages of the agency's site read at most (home first, then contact, services, about… by the audit's ranking). */
export const MAX_ONBOARDING_PAGES = 8;
/** Draft list sizes: enough for a real agency, small enough to review in one screen. */
export const MAX_DRAFT_SERVICES = 12;
export const MAX_DRAFT_CLAIMS = 12;
export const MAX_DRAFT_VERTICALS = 5;

/** A drafted value and the page it was read from. */
export interface CitedText {
  value: string;
  sourceUrl: string;
}

export interface DraftService {
  text: string;
  /** First sentences of the service's description, when the page has one. */
  description?: string;
  sourceUrl: string;
  /** The problems (signal codes) this service fixes. */
  signals: Signal[];
}

export interface DraftSignal {
  signal: Signal;
  sourceUrl: string;
  /** The words on the page that show the agency solves it. */
  evidence: string;
}

export interface DraftClaim {
  id: string;
  text: string;
  signals: Signal[];
  sourceUrl: string;
}

/** What the extractor drafts from the agency's pages, for the user to review. */
export interface AgencyDraft {
  name?: CitedText;
  targetVerticals: CitedText[];
  targetGeography?: CitedText;
  services: DraftService[];
  signals: DraftSignal[];
  claims: DraftClaim[];
}

/** One page of the agency's site as the extractor reads it. */
export interface AgencyPage {
  url: string;
  html: string;
  markdown: string;
  title?: string;
}

/** Claim ids the app generates (`claim-1`, `claim-2`, …); users never type or see them. */
export function generatedClaimId(index: number): string {
  return `claim-${index + 1}`;
}
