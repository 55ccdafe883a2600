/**
 * The rules for what a user may send as a run request or an agency profile, in one place: the server checks them
 * before anything is written (convex/marketing.ts, convex/agency.ts, convex/onboarding.ts) and the dashboard's
 * forms check the same rules before sending (src/components/FindClientsForm.tsx, AgencySetup.tsx), so a form
 * shows the exact message the server's ConvexError would carry. The server returns the first problem; a form
 * shows every field's problem at once. Branding fields: lib/agencyBranding.ts; limits: lib/inputLimits.ts.
 */
import { type AgencyBranding, validateBranding } from "./agencyBranding";
import { INPUT_LIMITS, quote, unsafeCharacter } from "./inputLimits";
import { CAMPAIGN_TEXT_MAX, NUM_LEADS_MAX, NUM_LEADS_MIN } from "./lifecycle";
import { type Signal, isSignal } from "./signals";
import type { InputErrorCode } from "./errorCodes";

export type { InputErrorCode };

export type InputError = {
  code: InputErrorCode;
  message: string;
};

/** How much of a claim's text a message quotes to say which claim it means (claim ids are hidden in the form). */
const CLAIM_QUOTE_MAX = 40;

// ---------------------------------------------------------------------------------------------------------------
// Field rules: each returns the normalised value or the error a user can act on.

/** Campaign-style text (agency name, vertical, geography): trimmed, inner white space folded to one space, required, at most CAMPAIGN_TEXT_MAX characters. */
export function checkCampaignText(value: string, label: string, code: InputErrorCode): InputError | string {
  const unsafe = unsafeCharacter(value);
  if (unsafe) return { code, message: `${label} contains ${unsafe}.` };
  const trimmed = value.trim().replace(/\s+/g, " ");
  if (!trimmed) return { code, message: `${label} is required.` };
  if (trimmed.length > CAMPAIGN_TEXT_MAX) return { code, message: `${label} must be at most ${CAMPAIGN_TEXT_MAX} characters (got ${trimmed.length}).` };
  return trimmed;
}

export function validateNumLeads(numLeads: number): InputError | undefined {
  if (!Number.isInteger(numLeads) || numLeads < NUM_LEADS_MIN || numLeads > NUM_LEADS_MAX) {
    return { code: "INVALID_NUM_LEADS", message: `Number of leads must be a whole number from ${NUM_LEADS_MIN} to ${NUM_LEADS_MAX}.` };
  }
  return undefined;
}

/** The number of leads typed in a form ("10", " 7 "): digits only (not "1e1" or "2.5"), then the server's rule. */
export function numLeadsFromText(text: string): number | InputError {
  const digits = text.trim();
  const numLeads = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  return validateNumLeads(numLeads) ?? numLeads;
}

/** The problems an agency solves: at least one, at most INPUT_LIMITS.criteria, each a known signal. */
export function checkCriteria(criteria: readonly string[]): InputError | undefined {
  if (criteria.length > INPUT_LIMITS.criteria) {
    return { code: "INVALID_CRITERIA", message: `At most ${INPUT_LIMITS.criteria} qualification criteria (got ${criteria.length}).` };
  }
  const unknown = criteria.filter((c) => !isSignal(c));
  if (unknown.length > 0) return { code: "INVALID_CRITERIA", message: `Unknown qualification criteria: ${quote(unknown.join(", "))}.` };
  if (criteria.length === 0) return { code: "INVALID_CRITERIA", message: "Choose at least one problem your agency solves." };
  return undefined;
}

type ClaimInput = { id: string; text: string; signals?: Signal[] };
type CheckedClaim = { id: string; text: string; signals?: Signal[] };

/**
 * Approved claims: at most INPUT_LIMITS.approvedClaims, each with a unique id (at most INPUT_LIMITS.claimId
 * characters) and a text of at most INPUT_LIMITS.claimText characters after trimming, no unsafe characters. A
 * claim's signals are kept each once, never the NEEDS_WEB_AUDIT placeholder (no claim pitches "we have not
 * looked yet"); a claim without signals (saved before claims listed them) stays valid.
 */
export function checkApprovedClaims(claims: readonly ClaimInput[]): { ok: true; claims: CheckedClaim[] } | { ok: false; error: InputError } {
  const invalid = (message: string) => ({ ok: false as const, error: { code: "INVALID_CLAIMS" as const, message } });
  if (claims.length > INPUT_LIMITS.approvedClaims) return invalid(`At most ${INPUT_LIMITS.approvedClaims} approved claims (got ${claims.length}).`);
  for (const claim of claims) {
    if (claim.id.trim().length > INPUT_LIMITS.claimId) return invalid(`Claim id ${quote(claim.id.trim())} is longer than ${INPUT_LIMITS.claimId} characters.`);
    const unsafeId = unsafeCharacter(claim.id);
    if (unsafeId) return invalid(`Claim id ${quote(claim.id.trim())} contains ${unsafeId}.`);
    const unsafeText = unsafeCharacter(claim.text);
    if (unsafeText) return invalid(`Approved claim ${quote(claim.text.trim(), CLAIM_QUOTE_MAX)} contains ${unsafeText}.`);
  }
  const checked = claims.map((c) => ({
    id: c.id.trim(),
    text: c.text.trim(),
    ...(c.signals ? { signals: [...new Set(c.signals)].filter((s) => s !== "NEEDS_WEB_AUDIT") } : {}),
  }));
  if (checked.some((c) => !c.id || !c.text)) return invalid("Every approved claim needs an id and a text.");
  if (new Set(checked.map((c) => c.id)).size !== checked.length) return invalid("Approved claim ids must be unique.");
  const long = checked.find((c) => c.text.length > INPUT_LIMITS.claimText);
  if (long)
    return invalid(`Approved claim ${quote(long.text, CLAIM_QUOTE_MAX)} must be at most ${INPUT_LIMITS.claimText} characters (got ${long.text.length}).`);
  return { ok: true, claims: checked };
}

/** The most a monthly budget may be set to (a typo guard, not a policy). */
export const MAX_MONTHLY_BUDGET_USD = 100_000;

/** The agency's optional monthly budget for paid providers, in US dollars: 0 (no paid work) up to MAX_MONTHLY_BUDGET_USD. */
export function validateMonthlyBudget(budgetUsd: number | undefined): InputError | undefined {
  if (budgetUsd === undefined) return undefined;
  if (!Number.isFinite(budgetUsd) || budgetUsd < 0 || budgetUsd > MAX_MONTHLY_BUDGET_USD) {
    return { code: "INVALID_BUDGET", message: `The monthly budget must be an amount in dollars from 0 to 100,000, or empty for no budget.` };
  }
  return undefined;
}

/** The agency's minimum score: leads must score above it. A whole number 0–99 (scores are 0–100). */
export function validateMinimumScore(minimumScore: number | undefined): InputError | undefined {
  if (minimumScore === undefined) return undefined;
  if (!Number.isInteger(minimumScore) || minimumScore < 0 || minimumScore > 99) {
    return { code: "INVALID_MIN_SCORE", message: "Minimum score must be a whole number from 0 to 99 (leads must score above it)." };
  }
  return undefined;
}

const RUN_LABELS = { targetVertical: "Target vertical", targetGeography: "Target geography" } as const;
const AGENCY_LABELS = { name: "Agency name", targetVertical: "Default vertical", targetGeography: "Default geography" } as const;

// ---------------------------------------------------------------------------------------------------------------
// The server: the first problem, as the ConvexError's { code, message }.

/** Validate a run request; returns the normalised campaign or the first error. */
export function validateRunRequest(input: {
  numLeads: number;
  targetVertical: string;
  targetGeography: string;
  maxDeepAudits?: number;
}): { ok: true; targetVertical: string; targetGeography: string } | { ok: false; error: InputError } {
  const numError = validateNumLeads(input.numLeads);
  if (numError) return { ok: false, error: numError };
  const vertical = checkCampaignText(input.targetVertical, RUN_LABELS.targetVertical, "INVALID_VERTICAL");
  if (typeof vertical !== "string") return { ok: false, error: vertical };
  const geography = checkCampaignText(input.targetGeography, RUN_LABELS.targetGeography, "INVALID_GEOGRAPHY");
  if (typeof geography !== "string") return { ok: false, error: geography };
  const auditsError = validateMaxDeepAudits(input.maxDeepAudits);
  if (auditsError) return { ok: false, error: auditsError };
  return { ok: true, targetVertical: vertical, targetGeography: geography };
}

function validateMaxDeepAudits(maxDeepAudits: number | undefined): InputError | undefined {
  if (maxDeepAudits !== undefined && (!Number.isInteger(maxDeepAudits) || maxDeepAudits < 0 || maxDeepAudits > NUM_LEADS_MAX)) {
    return { code: "INVALID_MAX_DEEP_AUDITS", message: `Deep audits per run must be a whole number from 0 to ${NUM_LEADS_MAX}.` };
  }
  return undefined;
}

/** The size of a run (what its cost estimate depends on), checked by the same rules as `validateRunRequest`. */
export function validateRunSize(input: { numLeads: number; maxDeepAudits?: number }): InputError | undefined {
  return validateNumLeads(input.numLeads) ?? validateMaxDeepAudits(input.maxDeepAudits);
}

/** Validate an agency profile; returns it normalised or the first error. */
export function validateAgencyProfile<
  T extends {
    name: string;
    targetVertical: string;
    targetGeography: string;
    leadQualificationCriteria: string[];
    approvedClaims: ClaimInput[];
    minimumScore?: number;
    monthlyBudgetUsd?: number;
  } & AgencyBranding,
>(profile: T): { ok: true; profile: T } | { ok: false; error: InputError } {
  const name = checkCampaignText(profile.name, AGENCY_LABELS.name, "INVALID_AGENCY_NAME");
  if (typeof name !== "string") return { ok: false, error: name };
  const vertical = checkCampaignText(profile.targetVertical, AGENCY_LABELS.targetVertical, "INVALID_VERTICAL");
  if (typeof vertical !== "string") return { ok: false, error: vertical };
  const geography = checkCampaignText(profile.targetGeography, AGENCY_LABELS.targetGeography, "INVALID_GEOGRAPHY");
  if (typeof geography !== "string") return { ok: false, error: geography };
  const criteriaError = checkCriteria(profile.leadQualificationCriteria);
  if (criteriaError) return { ok: false, error: criteriaError };
  const claims = checkApprovedClaims(profile.approvedClaims);
  if (!claims.ok) return claims;
  const minError = validateMinimumScore(profile.minimumScore);
  if (minError) return { ok: false, error: minError };
  const budgetError = validateMonthlyBudget(profile.monthlyBudgetUsd);
  if (budgetError) return { ok: false, error: budgetError };
  const branding = validateBranding(profile);
  if (!branding.ok) return { ok: false, error: branding.error };
  return {
    ok: true,
    profile: {
      ...profile,
      ...branding.branding,
      name,
      targetVertical: vertical,
      targetGeography: geography,
      leadQualificationCriteria: [...new Set(profile.leadQualificationCriteria)],
      approvedClaims: claims.claims,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The dashboard's forms: the same rules on what was typed, every field's problem at once.

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export type Validated<T, K extends string> = { ok: true; value: T } | { ok: false; errors: FieldErrors<K> };

export interface RunFormInput {
  numLeads: string;
  targetVertical: string;
  targetGeography: string;
}

export interface RunRequest {
  numLeads: number;
  targetVertical: string;
  targetGeography: string;
}

/** The "Find Qualified Clients" form: what `marketing.startLeadGenWorkflow` would accept, or each field's message. */
export function validateRunForm(input: RunFormInput): Validated<RunRequest, keyof RunFormInput> {
  const errors: FieldErrors<keyof RunFormInput> = {};
  const numLeads = numLeadsFromText(input.numLeads);
  const vertical = checkCampaignText(input.targetVertical, RUN_LABELS.targetVertical, "INVALID_VERTICAL");
  const geography = checkCampaignText(input.targetGeography, RUN_LABELS.targetGeography, "INVALID_GEOGRAPHY");
  if (typeof numLeads !== "number") errors.numLeads = numLeads.message;
  if (typeof vertical !== "string") errors.targetVertical = vertical.message;
  if (typeof geography !== "string") errors.targetGeography = geography.message;
  if (typeof numLeads !== "number" || typeof vertical !== "string" || typeof geography !== "string") return { ok: false, errors };
  return { ok: true, value: { numLeads, targetVertical: vertical, targetGeography: geography } };
}

export interface ClaimDraft {
  /** Internal and never shown: talking points cite it. */
  id: string;
  text: string;
  /** The problems this claim answers. */
  signals: Signal[];
}

export interface AgencyFormInput {
  name: string;
  targetVertical: string;
  targetGeography: string;
  leadQualificationCriteria: readonly string[];
  approvedClaims: readonly ClaimDraft[];
}

export interface AgencyProfileInput {
  name: string;
  targetVertical: string;
  targetGeography: string;
  leadQualificationCriteria: string[];
  approvedClaims: ClaimDraft[];
}

export type AgencyField = "name" | "targetVertical" | "targetGeography" | "leadQualificationCriteria" | "approvedClaims";

/**
 * The agency profile form's text, problems and claims (minimum score, budget and branding have their own rules
 * above and in lib/agencyBranding.ts). Two rules are the form's own: an empty claim row is dropped rather than
 * reported, and each claim must answer at least one problem (the server accepts a claim without signals, which
 * profiles saved before claims listed them have).
 */
export function validateAgencyForm(input: AgencyFormInput): Validated<AgencyProfileInput, AgencyField> {
  const errors: FieldErrors<AgencyField> = {};
  const name = checkCampaignText(input.name, AGENCY_LABELS.name, "INVALID_AGENCY_NAME");
  const vertical = checkCampaignText(input.targetVertical, AGENCY_LABELS.targetVertical, "INVALID_VERTICAL");
  const geography = checkCampaignText(input.targetGeography, AGENCY_LABELS.targetGeography, "INVALID_GEOGRAPHY");
  if (typeof name !== "string") errors.name = name.message;
  if (typeof vertical !== "string") errors.targetVertical = vertical.message;
  if (typeof geography !== "string") errors.targetGeography = geography.message;
  const criteriaError = checkCriteria(input.leadQualificationCriteria);
  if (criteriaError) errors.leadQualificationCriteria = criteriaError.message;
  const rows = input.approvedClaims.filter((c) => c.text.trim().length > 0);
  const claims = checkApprovedClaims(rows);
  if (!claims.ok) errors.approvedClaims = claims.error.message;
  else if (rows.some((c) => c.signals.length === 0))
    errors.approvedClaims = "Choose at least one problem each claim answers: a claim pitches only the problems it answers.";
  if (typeof name !== "string" || typeof vertical !== "string" || typeof geography !== "string" || !claims.ok || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      name,
      targetVertical: vertical,
      targetGeography: geography,
      leadQualificationCriteria: [...input.leadQualificationCriteria],
      approvedClaims: claims.claims.map((c) => ({ id: c.id, text: c.text, signals: c.signals ?? [] })),
    },
  };
}
