import { describe, expect, it } from "vitest";
import { validateAgencyForm, validateRunForm } from "../../../lib/campaignInput";
import { nextClaimId } from "../../../lib/claims";
import { CAMPAIGN_TEXT_MAX } from "../../../lib/lifecycle";

describe("validateRunForm", () => {
  it("accepts a valid request and trims the campaign text", () => {
    expect(validateRunForm({ numLeads: " 10 ", targetVertical: " dentists ", targetGeography: "Seattle, WA" })).toEqual({
      ok: true,
      value: { numLeads: 10, targetVertical: "dentists", targetGeography: "Seattle, WA" },
    });
  });

  it.each(["0", "21", "2.5", "-3", "", "ten", "1e1"])("rejects %j leads with the allowed range in the message", (numLeads) => {
    const result = validateRunForm({ numLeads, targetVertical: "dentists", targetGeography: "Seattle" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.numLeads).toMatch(/1 to 20/);
  });

  it("accepts both ends of the range", () => {
    expect(validateRunForm({ numLeads: "1", targetVertical: "a", targetGeography: "b" }).ok).toBe(true);
    expect(validateRunForm({ numLeads: "20", targetVertical: "a", targetGeography: "b" }).ok).toBe(true);
  });

  it("reports every bad field at once", () => {
    const result = validateRunForm({ numLeads: "99", targetVertical: "   ", targetGeography: "x".repeat(CAMPAIGN_TEXT_MAX + 1) });
    expect(result).toEqual({
      ok: false,
      errors: {
        numLeads: expect.any(String),
        targetVertical: "Target vertical is required.",
        targetGeography: `Target geography must be at most ${CAMPAIGN_TEXT_MAX} characters (got ${CAMPAIGN_TEXT_MAX + 1}).`,
      },
    });
  });
});

describe("validateAgencyForm", () => {
  const valid = {
    name: "Pixel & Pine Digital",
    targetVertical: "dentists",
    targetGeography: "Seattle",
    leadQualificationCriteria: ["MISSING_WEBSITE", "NO_SSL"],
    approvedClaims: [
      { id: "claim-1", text: " We build mobile-first websites. ", signals: ["WEBSITE_NOT_MOBILE_FRIENDLY" as const] },
      { id: "claim-2", text: "   ", signals: [] },
    ],
  };

  it("drops empty claim rows and trims the rest, keeping the problems each claim answers", () => {
    const result = validateAgencyForm(valid);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.value.approvedClaims).toEqual([{ id: "claim-1", text: "We build mobile-first websites.", signals: ["WEBSITE_NOT_MOBILE_FRIENDLY"] }]);
  });

  it("asks for the problems a claim answers", () => {
    const result = validateAgencyForm({ ...valid, approvedClaims: [{ id: "claim-1", text: "We design logos.", signals: [] }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.approvedClaims).toMatch(/at least one problem each claim answers/);
  });

  it("requires a name and at least one problem solved", () => {
    const result = validateAgencyForm({ ...valid, name: "", leadQualificationCriteria: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.name).toBe("Agency name is required.");
      expect(result.errors.leadQualificationCriteria).toMatch(/at least one/);
    }
  });
});

describe("nextClaimId", () => {
  it("starts at claim-1", () => {
    expect(nextClaimId([])).toBe("claim-1");
  });

  it("goes one past the highest number, ignoring gaps and custom ids", () => {
    expect(nextClaimId([{ id: "claim-1" }, { id: "claim-4" }, { id: "mobile-sites" }])).toBe("claim-5");
  });
});
