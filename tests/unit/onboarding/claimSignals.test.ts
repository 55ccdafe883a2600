import { describe, expect, it } from "vitest";
import { validateAgencyProfile } from "../../../lib/campaignInput";
import { DEMO_AGENCY } from "../../../lib/demoAgency";
import { validateAgencyForm } from "../../../src/lib/formValidation";

describe("approved claims keep the signals they answer", () => {
  const claims = [
    { id: "claim-1", text: "  We build mobile-first websites.  ", signals: ["WEBSITE_NOT_MOBILE_FRIENDLY"] },
    { id: "claim-2", text: "Older claim without signals" },
  ];

  it("through the dashboard form's validation (empty rows dropped, text trimmed)", () => {
    const result = validateAgencyForm({ ...DEMO_AGENCY, approvedClaims: [...claims, { id: "claim-3", text: " ", signals: ["POOR_SEO"] }] });
    expect(result.ok && result.value.approvedClaims).toEqual([
      { id: "claim-1", text: "We build mobile-first websites.", signals: ["WEBSITE_NOT_MOBILE_FRIENDLY"] },
      { id: "claim-2", text: "Older claim without signals" },
    ]);
  });

  it("through the server's validation", () => {
    const result = validateAgencyProfile({ ...DEMO_AGENCY, approvedClaims: claims });
    expect(result.ok && result.profile.approvedClaims).toEqual([
      { id: "claim-1", text: "We build mobile-first websites.", signals: ["WEBSITE_NOT_MOBILE_FRIENDLY"] },
      { id: "claim-2", text: "Older claim without signals" },
    ]);
  });
});
