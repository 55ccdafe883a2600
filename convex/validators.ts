/**
 * Convex validators for every shared shape, built from the lists in lib/ so a
 * status, phase or signal is defined once. Types derive with `Infer`.
 */
import { literals } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import {
  AUDIT_JOB_STATUSES,
  AUDIT_PHASES,
  DROP_REASONS,
  LAST_EVENT_TYPES,
  OPPORTUNITY_STATUSES,
  PHASE_STATUSES,
  RUN_PHASE_NAMES,
  WORKFLOW_STATUSES,
} from "../lib/lifecycle";
import { BUSINESS_STATUSES } from "../lib/providers/places/types";
import { SIGNALS } from "../lib/signals";
import { EMAIL_CONFIDENCES, EMAIL_METHODS } from "../lib/audit/emails";
import { TECHNOLOGY_CATEGORIES } from "../lib/audit/technology";
import { WEBSITE_OUTCOMES } from "../lib/audit/websiteOutcome";

export const vSignal = literals(...SIGNALS);
export const vRunPhaseName = literals(...RUN_PHASE_NAMES);
export const vPhaseStatus = literals(...PHASE_STATUSES);
export const vWorkflowStatus = literals(...WORKFLOW_STATUSES);
export const vOpportunityStatus = literals(...OPPORTUNITY_STATUSES);
export const vAuditPhaseName = literals(...AUDIT_PHASES);
export const vAuditJobStatus = literals(...AUDIT_JOB_STATUSES);
export const vDropReason = literals(...DROP_REASONS);
export const vLastEventType = literals(...LAST_EVENT_TYPES);
export const vBusinessStatus = literals(...BUSINESS_STATUSES);

/** One entry of a lead's status history (lib/leadStatus.ts StatusHistoryEntry). */
export const vStatusChange = v.object({ status: vOpportunityStatus, at: v.number(), meeting_time: v.optional(v.number()) });

/** An approved claim and the signals it answers (optional: profiles saved before claims listed them still validate). */
export const vApprovedClaim = v.object({ id: v.string(), text: v.string(), signals: v.optional(v.array(vSignal)) });

export const vShareLinkStatus = literals("active", "revoked", "expired");

export const vAgencyFields = {
  name: v.string(),
  targetVertical: v.string(),
  targetGeography: v.string(),
  leadQualificationCriteria: v.array(v.string()),
  approvedClaims: v.array(vApprovedClaim),
  /** Leads are delivered only when they score above this (0–99); absent means 0. */
  minimumScore: v.optional(v.number()),
  /** Paid providers' spend allowed per UTC calendar month, in USD; absent means no budget (lib/usage.ts checkBudget). */
  monthlyBudgetUsd: v.optional(v.number()),
  /** Call to action on shared reports (lib/agencyBranding.ts): absolute http(s) URLs and an E.164 phone. */
  logoUrl: v.optional(v.string()),
  bookingUrl: v.optional(v.string()),
  contactPhone: v.optional(v.string()),
};

/** What paid providers were used for, and its cost (lib/usage.ts UsageTotals): on a run, an audit job, an agency's month. */
export const vUsage = v.object({
  placesRequests: v.number(),
  pagesCrawled: v.number(),
  firecrawlCredits: v.number(),
  openaiInputTokens: v.number(),
  openaiOutputTokens: v.number(),
  costUsd: v.number(),
  /** false when every call went to a free provider (demo Places, built-in crawler, heuristic auditor): "demo — no charge". */
  charged: v.boolean(),
});

export const vRunPhase = v.object({
  name: vRunPhaseName,
  status: vPhaseStatus,
  startedAt: v.optional(v.number()),
  completedAt: v.optional(v.number()),
  error: v.optional(v.string()),
  /** How many times the phase started (> 1 after retries). */
  attempts: v.optional(v.number()),
});
export type RunPhase = Infer<typeof vRunPhase>;

export const vLastEvent = v.object({
  type: vLastEventType,
  phase: v.optional(vRunPhaseName),
  message: v.string(),
  at: v.number(),
});
export type LastEvent = Infer<typeof vLastEvent>;

/** A business as Places returned it (the provider contract, lib/providers/places/types.ts). */
export const vPlaceFields = {
  placeId: v.string(),
  name: v.string(),
  address: v.optional(v.string()),
  city: v.optional(v.string()),
  phone: v.optional(v.string()),
  website: v.optional(v.string()),
  rating: v.optional(v.number()),
  reviewsCount: v.optional(v.number()),
  businessStatus: v.optional(vBusinessStatus),
  types: v.optional(v.array(v.string())),
};
export const vPlace = v.object(vPlaceFields);

/** One entry of `lead_gen_flow.placesSnapshot`: the place plus why it was dropped, or its initial signals and score. */
export const vSnapshotEntry = v.object({
  ...vPlaceFields,
  dropReason: v.optional(vDropReason),
  signals: v.optional(v.array(vSignal)),
  score: v.optional(v.number()),
});
export type SnapshotEntryDoc = Infer<typeof vSnapshotEntry>;

export const vAuditPhase = v.object({
  name: vAuditPhaseName,
  status: vPhaseStatus,
  startedAt: v.optional(v.number()),
  completedAt: v.optional(v.number()),
  error: v.optional(v.string()),
  attempts: v.optional(v.number()),
});
export type AuditPhase = Infer<typeof vAuditPhase>;

export const vIdentifiedGap = v.object({ key: v.string(), value: v.string(), source_url: v.optional(v.string()) });
/** `gap_keys`: the gaps the point pitches (optional: points written before talking points named their gaps). */
export const vTalkingPoint = v.object({
  text: v.string(),
  approved_claim_id: v.string(),
  source_url: v.optional(v.string()),
  gap_keys: v.optional(v.array(v.string())),
});
/** How the LLM's dossier was checked (lib/audit/types.ts WriterCheck). */
export const vWriterCheck = v.object({ outcome: literals("passed", "repaired", "fallback"), detail: v.string() });
/** A cold email and call script (lib/audit/types.ts OutreachDrafts). */
export const vOutreachDrafts = v.object({ emailSubject: v.string(), emailBody: v.string(), callScript: v.string() });

/** Where a contact address was found, how, and how far to trust it (lib/audit/emails.ts). */
export const vEmailProvenance = v.object({
  address: v.string(),
  pageUrl: v.string(),
  method: literals(...EMAIL_METHODS),
  confidence: literals(...EMAIL_CONFIDENCES),
});
export const vWebsiteOutcome = literals(...WEBSITE_OUTCOMES);
/** Technology seen on the site (lib/audit/technology.ts). */
export const vSiteTechnology = v.object({
  found: v.array(v.object({ name: v.string(), category: literals(...TECHNOLOGY_CATEGORIES), evidence: v.string() })),
  analyticsMissing: v.boolean(),
});
