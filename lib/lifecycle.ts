/**
 * Status and phase lists for runs, opportunities and audits: each defined once
 * and imported by the schema validators, the workflow, the UI and the tests.
 */

/** The `lead_gen_flow` phases in order, with their weight in the progress bar (sum 100); labels in lib/labels.ts. */
export const RUN_PHASES = [
  { name: "source", weight: 10 },
  { name: "filter_rank", weight: 5 },
  { name: "persist_leads", weight: 5 },
  { name: "scrape_content", weight: 40 },
  { name: "generate_dossier", weight: 30 },
  { name: "finalize_rank", weight: 10 },
] as const;
export type RunPhaseName = (typeof RUN_PHASES)[number]["name"];
export const RUN_PHASE_NAMES = RUN_PHASES.map((p) => p.name) as unknown as readonly [RunPhaseName, ...RunPhaseName[]];

export const PHASE_STATUSES = ["pending", "running", "complete", "error", "skipped"] as const;
export type PhaseStatus = (typeof PHASE_STATUSES)[number];

export const WORKFLOW_STATUSES = ["running", "completed", "failed", "cancelled"] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/**
 * SOURCED → SCRAPING → DATA_READY → AUDITING → READY are written by runs and audits; after READY the user moves
 * a lead through its pipeline (PIPELINE_STATUSES). Every transition is decided by lib/leadStatus.ts.
 */
export const OPPORTUNITY_STATUSES = [
  "SOURCED",
  "SCRAPING",
  "DATA_READY",
  "AUDITING",
  "READY",
  "CONTACTED",
  "MEETING_BOOKED",
  "WON",
  "LOST",
  "NOT_A_FIT",
] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** A status's place in the pipeline (its index in OPPORTUNITY_STATUSES): the lead table sorts by it, not by the name. */
export function statusRank(status: OpportunityStatus): number {
  return OPPORTUNITY_STATUSES.indexOf(status);
}

/** Statuses only the user sets; they stick: no run, audit or re-audit ever changes them. */
export const PIPELINE_STATUSES = ["CONTACTED", "MEETING_BOOKED", "WON", "LOST", "NOT_A_FIT"] as const satisfies readonly OpportunityStatus[];
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

export const AUDIT_PHASES = ["map_urls", "filter_urls", "scrape_content", "generate_dossier"] as const;
export type AuditPhaseName = (typeof AUDIT_PHASES)[number];

export const AUDIT_JOB_STATUSES = ["queued", "running", "completed", "error", "cancelled"] as const;
export type AuditJobStatus = (typeof AUDIT_JOB_STATUSES)[number];

/** An audit job in one of these is settled: nothing may write to it again. */
export function isAuditJobSettled(status: AuditJobStatus): boolean {
  return status === "completed" || status === "error" || status === "cancelled";
}

/** Why a sourced business did not become a lead; kept in the run's snapshot. */
export const DROP_REASONS = [
  "NO_PHONE",
  "INVALID_PHONE",
  "DUPLICATE_PLACE",
  "DUPLICATE_DOMAIN",
  "CLOSED",
  "ALREADY_KNOWN",
  "NOT_QUALIFIED",
  "OVER_LIMIT",
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export const DROP_REASON_LABELS: Record<DropReason, string> = {
  NO_PHONE: "No phone number",
  INVALID_PHONE: "Invalid phone number",
  DUPLICATE_PLACE: "Duplicate place",
  DUPLICATE_DOMAIN: "Same website as another lead",
  CLOSED: "Permanently closed",
  ALREADY_KNOWN: "Already in your leads",
  NOT_QUALIFIED: "Matches nothing you sell",
  OVER_LIMIT: "Ranked below the requested number of leads",
};

export const LAST_EVENT_TYPES = ["started", "phase_started", "phase_completed", "phase_failed", "progress", "completed", "failed", "cancelled"] as const;
export type LastEventType = (typeof LAST_EVENT_TYPES)[number];

export interface PhaseState {
  name: RunPhaseName;
  status: PhaseStatus;
  startedAt?: number;
  completedAt?: number;
  error?: string;
}

export function initialPhases(): PhaseState[] {
  return RUN_PHASES.map((p) => ({ name: p.name, status: "pending" as const }));
}

/** Statuses that count as "past" a per-lead phase, for the progress fraction. */
export const PAST_PHASE_STATUSES: Partial<Record<RunPhaseName, readonly OpportunityStatus[]>> = {
  scrape_content: ["DATA_READY", "AUDITING", "READY", ...PIPELINE_STATUSES],
  generate_dossier: ["READY", ...PIPELINE_STATUSES],
};

export const NUM_LEADS_MIN = 1;
export const NUM_LEADS_MAX = 20;
export const CAMPAIGN_TEXT_MAX = 200;
export const DEFAULT_MAX_DEEP_AUDITS = 10;
/** A lead is delivered only when its score is above the agency's minimum; by default, above 0. */
export const DEFAULT_MIN_SCORE = 0;
/** Places pages of 20, at most 3 (Google's limit of 60 results per search). */
export const PLACES_PAGE_SIZE = 20;
export const PLACES_MAX_PAGES = 3;
export const PLACES_MAX_RESULTS = PLACES_PAGE_SIZE * PLACES_MAX_PAGES;
