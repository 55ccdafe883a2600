import { CAMPAIGN_TEXT_MAX, NUM_LEADS_MAX, NUM_LEADS_MIN } from "../../lib/lifecycle";
import type { Signal } from "../../lib/signals";

/**
 * Inline validation for the dashboard's forms, mirroring the server's rules so
 * the user sees a problem before anything is sent. The server still validates.
 */

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

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export type Validated<T, K extends string> = { ok: true; value: T } | { ok: false; errors: FieldErrors<K> };

/** Error text for a required campaign-style text field, or undefined when valid. */
export function campaignTextError(label: string, value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return `${label} is required.`;
  if (trimmed.length > CAMPAIGN_TEXT_MAX) return `${label} must be at most ${CAMPAIGN_TEXT_MAX} characters.`;
  return undefined;
}

export function numLeadsError(value: string): string | undefined {
  const text = value.trim();
  const message = `Number of leads must be a whole number from ${NUM_LEADS_MIN} to ${NUM_LEADS_MAX}.`;
  if (!/^\d+$/.test(text)) return message;
  const n = Number(text);
  if (n < NUM_LEADS_MIN || n > NUM_LEADS_MAX) return message;
  return undefined;
}

export function validateRunForm(input: RunFormInput): Validated<RunRequest, keyof RunFormInput> {
  const errors: FieldErrors<keyof RunFormInput> = {};
  const numLeads = numLeadsError(input.numLeads);
  const vertical = campaignTextError("Vertical", input.targetVertical);
  const geography = campaignTextError("Geography", input.targetGeography);
  if (numLeads) errors.numLeads = numLeads;
  if (vertical) errors.targetVertical = vertical;
  if (geography) errors.targetGeography = geography;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      numLeads: Number(input.numLeads.trim()),
      targetVertical: input.targetVertical.trim(),
      targetGeography: input.targetGeography.trim(),
    },
  };
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

/** Empty claim rows are dropped rather than reported; at least one problem must be chosen. */
export function validateAgencyForm(input: AgencyFormInput): Validated<AgencyProfileInput, AgencyField> {
  const errors: FieldErrors<AgencyField> = {};
  const name = campaignTextError("Agency name", input.name);
  const vertical = campaignTextError("Default vertical", input.targetVertical);
  const geography = campaignTextError("Default geography", input.targetGeography);
  if (name) errors.name = name;
  if (vertical) errors.targetVertical = vertical;
  if (geography) errors.targetGeography = geography;
  if (input.leadQualificationCriteria.length === 0) {
    errors.leadQualificationCriteria = "Choose at least one problem your agency solves.";
  }
  const claims = input.approvedClaims.map((c) => ({ id: c.id, text: c.text.trim(), signals: [...c.signals] })).filter((c) => c.text.length > 0);
  if (claims.some((c) => c.text.length > 500)) errors.approvedClaims = "Each claim must be at most 500 characters.";
  else if (claims.some((c) => c.signals.length === 0))
    errors.approvedClaims = "Choose at least one problem each claim answers: a claim pitches only the problems it answers.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: input.name.trim(),
      targetVertical: input.targetVertical.trim(),
      targetGeography: input.targetGeography.trim(),
      leadQualificationCriteria: [...input.leadQualificationCriteria],
      approvedClaims: claims,
    },
  };
}

/**
 * Next free `claim-N` id: one past the highest number in the list. Pass the
 * saved claims too, so a removed claim's id is not given to new text that old
 * talking points would then appear to cite.
 */
export function nextClaimId(claims: readonly { id: string }[]): string {
  const highest = claims.reduce((max, c) => {
    const match = /^claim-(\d+)$/.exec(c.id);
    return match ? Math.max(max, Number(match[1])) : max;
  }, 0);
  return `claim-${highest + 1}`;
}
