import { describe, expect, it } from "vitest";
import { brandingFieldError } from "../../lib/agencyBranding";
import {
  validateAgencyForm,
  validateAgencyProfile,
  validateMinimumScore,
  validateMonthlyBudget,
  validateRunForm,
  validateRunRequest,
} from "../../lib/campaignInput";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import type { Signal } from "../../lib/signals";

/**
 * The dashboard's forms and the server check one set of rules (lib/campaignInput.ts): for each rule, what the
 * form shows beside the field is exactly the message of the ConvexError the server would throw.
 */

const RUN = { numLeads: 5, targetVertical: "dentists", targetGeography: "Seattle, WA" };
const runForm = (input: Partial<{ numLeads: string; targetVertical: string; targetGeography: string }>) =>
  validateRunForm({ numLeads: "5", targetVertical: RUN.targetVertical, targetGeography: RUN.targetGeography, ...input });

function serverRunMessage(input: Partial<typeof RUN>): string | undefined {
  const result = validateRunRequest({ ...RUN, ...input });
  return result.ok ? undefined : result.error.message;
}

function formRunMessage(field: "numLeads" | "targetVertical" | "targetGeography", text: string): string | undefined {
  const result = runForm({ [field]: text });
  return result.ok ? undefined : result.errors[field];
}

describe("run request: the form and the server say the same", () => {
  it.each([
    ["0", 0],
    ["21", 21],
    ["2.5", 2.5],
    ["-3", -3],
  ])("number of leads %j", (text, number) => {
    const message = "Number of leads must be a whole number from 1 to 20.";
    expect(serverRunMessage({ numLeads: number })).toBe(message);
    expect(formRunMessage("numLeads", text)).toBe(message);
  });

  const TEXT_CASES: [string, string, (label: string) => string][] = [
    ["empty", "", (label) => `${label} is required.`],
    ["only spaces", "   \t ", (label) => `${label} is required.`],
    ["201 characters", "x".repeat(201), (label) => `${label} must be at most 200 characters (got 201).`],
    ["a NUL", "dentists\u0000", (label) => `${label} contains a control character (U+0000).`],
    ["an escape sequence", "dentists\u001b[31m", (label) => `${label} contains a control character (U+001B).`],
    ["a lone surrogate", "Seattle \uD800", (label) => `${label} contains an invalid character (unpaired UTF-16 surrogate).`],
  ];

  it.each(TEXT_CASES)("vertical with %s", (_, text, message) => {
    expect(serverRunMessage({ targetVertical: text })).toBe(message("Target vertical"));
    expect(formRunMessage("targetVertical", text)).toBe(message("Target vertical"));
  });

  it.each(TEXT_CASES)("geography with %s", (_, text, message) => {
    expect(serverRunMessage({ targetGeography: text })).toBe(message("Target geography"));
    expect(formRunMessage("targetGeography", text)).toBe(message("Target geography"));
  });

  it("folds white space the same way, and 200 characters after folding are accepted", () => {
    const typed = `  dental   clinics ${"y".repeat(180)}  `;
    const server = validateRunRequest({ ...RUN, targetVertical: typed });
    const form = runForm({ targetVertical: typed });
    expect(server.ok && server.targetVertical).toBe(`dental clinics ${"y".repeat(180)}`);
    expect(form.ok && form.value.targetVertical).toBe(`dental clinics ${"y".repeat(180)}`);
  });
});

const PROFILE = {
  name: DEMO_AGENCY.name,
  targetVertical: DEMO_AGENCY.targetVertical,
  targetGeography: DEMO_AGENCY.targetGeography,
  leadQualificationCriteria: ["MISSING_WEBSITE", "NO_SSL"],
  approvedClaims: [{ id: "claim-1", text: "We move small businesses to HTTPS in a day.", signals: ["NO_SSL"] as Signal[] }],
};

function serverProfileMessage(input: Partial<typeof PROFILE> & { minimumScore?: number; monthlyBudgetUsd?: number; bookingUrl?: string }) {
  const result = validateAgencyProfile({ ...PROFILE, ...input });
  return result.ok ? undefined : result.error.message;
}

function formProfileErrors(input: Partial<typeof PROFILE>) {
  const result = validateAgencyForm({ ...PROFILE, ...input });
  return result.ok ? {} : result.errors;
}

describe("agency profile: the form and the server say the same", () => {
  it.each([
    ["name", "Agency name"],
    ["targetVertical", "Default vertical"],
    ["targetGeography", "Default geography"],
  ] as const)("%s: required, at most 200 characters, no control characters", (field, label) => {
    for (const [text, message] of [
      ["  ", `${label} is required.`],
      ["z".repeat(250), `${label} must be at most 200 characters (got 250).`],
      ["Acme\u0007", `${label} contains a control character (U+0007).`],
    ]) {
      expect(serverProfileMessage({ [field]: text })).toBe(message);
      expect(formProfileErrors({ [field]: text })[field]).toBe(message);
    }
  });

  it("at least one problem solved", () => {
    const message = "Choose at least one problem your agency solves.";
    expect(serverProfileMessage({ leadQualificationCriteria: [] })).toBe(message);
    expect(formProfileErrors({ leadQualificationCriteria: [] }).leadQualificationCriteria).toBe(message);
  });

  it("a claim of more than 500 characters is named by its first words on both sides", () => {
    const text = `We rebuild slow websites ${"so they load fast ".repeat(30)}`.trim();
    const approvedClaims = [{ id: "claim-3", text, signals: ["SLOW_OR_HEAVY_PAGE"] as Signal[] }];
    const message = `Approved claim "We rebuild slow websites so they load fa…" must be at most 500 characters (got ${text.length}).`;
    expect(serverProfileMessage({ approvedClaims })).toBe(message);
    expect(formProfileErrors({ approvedClaims }).approvedClaims).toBe(message);
  });

  it("a claim with a control character", () => {
    const approvedClaims = [{ id: "claim-1", text: "Call us\u0007 today", signals: ["NO_SSL"] as Signal[] }];
    const message = 'Approved claim "Call us\\u0007 today" contains a control character (U+0007).';
    expect(serverProfileMessage({ approvedClaims })).toBe(message);
    expect(formProfileErrors({ approvedClaims }).approvedClaims).toBe(message);
  });

  it("minimum score, budget and branding: the form calls the server's own checks", () => {
    expect(serverProfileMessage({ minimumScore: 100 })).toBe(validateMinimumScore(100)?.message);
    expect(serverProfileMessage({ monthlyBudgetUsd: -5 })).toBe(validateMonthlyBudget(-5)?.message);
    expect(serverProfileMessage({ bookingUrl: "javascript:alert(1)" })).toBe(brandingFieldError("bookingUrl", "javascript:alert(1)"));
    expect(brandingFieldError("bookingUrl", "javascript:alert(1)")).toBe("Booking link must start with https:// or http://.");
  });

  it("the form's own rule: each claim answers a problem (the server keeps accepting older claims without signals)", () => {
    const approvedClaims = [{ id: "claim-1", text: "We design logos.", signals: [] as Signal[] }];
    expect(formProfileErrors({ approvedClaims }).approvedClaims).toBe(
      "Choose at least one problem each claim answers: a claim pitches only the problems it answers.",
    );
    expect(serverProfileMessage({ approvedClaims: [{ id: "claim-1", text: "We design logos." }] as typeof PROFILE.approvedClaims })).toBeUndefined();
  });

  it("what the form sends is what the server stores", () => {
    const typed = { ...PROFILE, name: "  Pixel   &  Pine ", approvedClaims: [...PROFILE.approvedClaims, { id: "claim-2", text: "  ", signals: [] }] };
    const form = validateAgencyForm(typed);
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    const server = validateAgencyProfile(form.value);
    expect(server.ok && server.profile).toEqual(form.value);
    expect(form.value.name).toBe("Pixel & Pine");
  });
});
