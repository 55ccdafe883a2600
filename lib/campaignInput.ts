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

/** Trimmed campaign text, or the message a user can act on. */
function checkCampaignText(value: string, label: string, code: InputErrorCode): InputError | string {
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

/** Validate a run request; returns the normalised campaign or the first error. */
export function validateRunRequest(input: {
  numLeads: number;
  targetVertical: string;
  targetGeography: string;
  maxDeepAudits?: number;
}): { ok: true; targetVertical: string; targetGeography: string } | { ok: false; error: InputError } {
  const numError = validateNumLeads(input.numLeads);
  if (numError) return { ok: false, error: numError };
  const vertical = checkCampaignText(input.targetVertical, "Target vertical", "INVALID_VERTICAL");
  if (typeof vertical !== "string") return { ok: false, error: vertical };
  const geography = checkCampaignText(input.targetGeography, "Target geography", "INVALID_GEOGRAPHY");
  if (typeof geography !== "string") return { ok: false, error: geography };
  if (input.maxDeepAudits !== undefined && (!Number.isInteger(input.maxDeepAudits) || input.maxDeepAudits < 0 || input.maxDeepAudits > NUM_LEADS_MAX)) {
    return { ok: false, error: { code: "INVALID_MAX_DEEP_AUDITS", message: `Deep audits per run must be a whole number from 0 to ${NUM_LEADS_MAX}.` } };
  }
  return { ok: true, targetVertical: vertical, targetGeography: geography };
}

/** Validate an agency profile; returns it normalised or the first error. */
export function validateAgencyProfile<
  T extends {
    name: string;
    targetVertical: string;
    targetGeography: string;
    leadQualificationCriteria: string[];
    approvedClaims: { id: string; text: string; signals?: Signal[] }[];
    minimumScore?: number;
    monthlyBudgetUsd?: number;
  } & AgencyBranding,
>(profile: T): { ok: true; profile: T } | { ok: false; error: InputError } {
  const name = checkCampaignText(profile.name, "Agency name", "INVALID_AGENCY_NAME");
  if (typeof name !== "string") return { ok: false, error: name };
  const vertical = checkCampaignText(profile.targetVertical, "Default vertical", "INVALID_VERTICAL");
  if (typeof vertical !== "string") return { ok: false, error: vertical };
  const geography = checkCampaignText(profile.targetGeography, "Default geography", "INVALID_GEOGRAPHY");
  if (typeof geography !== "string") return { ok: false, error: geography };
  if (profile.leadQualificationCriteria.length > INPUT_LIMITS.criteria) {
    return {
      ok: false,
      error: {
        code: "INVALID_CRITERIA",
        message: `At most ${INPUT_LIMITS.criteria} qualification criteria (got ${profile.leadQualificationCriteria.length}).`,
      },
    };
  }
  const unknown = profile.leadQualificationCriteria.filter((c) => !isSignal(c));
  if (unknown.length > 0) return { ok: false, error: { code: "INVALID_CRITERIA", message: `Unknown qualification criteria: ${quote(unknown.join(", "))}.` } };
  if (profile.leadQualificationCriteria.length === 0) {
    return { ok: false, error: { code: "INVALID_CRITERIA", message: "Choose at least one problem your agency solves." } };
  }
  const claimsError = checkClaimLimits(profile.approvedClaims);
  if (claimsError) return { ok: false, error: claimsError };
  // A claim's signals: each once, never the NEEDS_WEB_AUDIT placeholder (no claim pitches "we have not looked yet").
  const claims = profile.approvedClaims.map((c) => ({
    id: c.id.trim(),
    text: c.text.trim(),
    ...(c.signals ? { signals: [...new Set(c.signals)].filter((s) => s !== "NEEDS_WEB_AUDIT") } : {}),
  }));
  if (claims.some((c) => !c.id || !c.text)) return { ok: false, error: { code: "INVALID_CLAIMS", message: "Every approved claim needs an id and a text." } };
  if (new Set(claims.map((c) => c.id)).size !== claims.length)
    return { ok: false, error: { code: "INVALID_CLAIMS", message: "Approved claim ids must be unique." } };
  const long = claims.find((c) => c.text.length > INPUT_LIMITS.claimText);
  if (long)
    return {
      ok: false,
      error: {
        code: "INVALID_CLAIMS",
        message: `Approved claim ${quote(long.id)} must be at most ${INPUT_LIMITS.claimText} characters (got ${long.text.length}).`,
      },
    };
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
      approvedClaims: claims,
    },
  };
}

/** Count, id length and characters of approved claims (text length is checked after trimming). */
function checkClaimLimits(claims: { id: string; text: string }[]): InputError | undefined {
  if (claims.length > INPUT_LIMITS.approvedClaims) {
    return { code: "INVALID_CLAIMS", message: `At most ${INPUT_LIMITS.approvedClaims} approved claims (got ${claims.length}).` };
  }
  for (const claim of claims) {
    if (claim.id.trim().length > INPUT_LIMITS.claimId) {
      return { code: "INVALID_CLAIMS", message: `Claim id ${quote(claim.id.trim())} is longer than ${INPUT_LIMITS.claimId} characters.` };
    }
    const unsafe = unsafeCharacter(claim.id) ?? unsafeCharacter(claim.text);
    if (unsafe) return { code: "INVALID_CLAIMS", message: `Approved claim ${quote(claim.id.trim())} contains ${unsafe}.` };
  }
  return undefined;
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
