import { describe, expect, it } from "vitest";
import { validateAgencyProfile } from "../../../lib/campaignInput";
import { DEMO_AGENCY } from "../../../lib/demoAgency";

describe("approved claims keep the signals they answer", () => {
  const claims = [
    { id: "claim-1", text: "  We build mobile-first websites.  ", signals: ["WEBSITE_NOT_MOBILE_FRIENDLY" as const] },
    { id: "claim-2", text: "Older claim without signals" },
  ];

  it("through the server's validation", () => {
    const result = validateAgencyProfile({ ...DEMO_AGENCY, approvedClaims: claims });
    expect(result.ok && result.profile.approvedClaims).toEqual([
      { id: "claim-1", text: "We build mobile-first websites.", signals: ["WEBSITE_NOT_MOBILE_FRIENDLY"] },
      { id: "claim-2", text: "Older claim without signals" },
    ]);
  });
});
