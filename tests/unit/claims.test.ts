import { describe, expect, it } from "vitest";
import { claimAnswers, claimForSignal, suggestClaimSignals } from "../../lib/claims";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { SIGNALS } from "../../lib/signals";

const claims = DEMO_AGENCY.approvedClaims;

describe("claim ↔ signal matching", () => {
  it("maps every problem the demo agency sells to one of its claims, except the contact email it leaves open", () => {
    const answered = Object.fromEntries(DEMO_AGENCY.leadQualificationCriteria.map((s) => [s, claimForSignal(s, claims)?.id ?? null]));
    expect(answered).toEqual({
      MISSING_WEBSITE: "claim-website",
      WEAK_WEB_PRESENCE: "claim-website",
      LOW_GOOGLE_RATING: "claim-reviews",
      WEBSITE_NOT_MOBILE_FRIENDLY: "claim-mobile",
      NO_CALL_TO_ACTION: "claim-booking",
      NO_SSL: "claim-security",
      MIXED_CONTENT: "claim-security",
      POOR_SEO: "claim-seo",
      NO_CONTACT_EMAIL: null,
      NO_ONLINE_BOOKING: "claim-booking",
      OUTDATED_WEBSITE: "claim-website",
      SLOW_OR_HEAVY_PAGE: "claim-mobile",
      WEBSITE_DOWN: "claim-website",
    });
  });

  it("takes a claim's own list over its wording: a mobile claim never pitches a missing website", () => {
    const mobile = claims.find((c) => c.id === "claim-mobile")!;
    expect(mobile.text).toMatch(/websites/);
    expect(claimAnswers(mobile, "MISSING_WEBSITE")).toBe(false);
    expect(claimAnswers({ ...mobile, signals: [] }, "WEBSITE_NOT_MOBILE_FRIENDLY")).toBe(false);
  });

  it("prefers the most specific claim, then the agency's order", () => {
    const broad = { id: "a", text: "Everything web.", signals: ["NO_SSL" as const, "POOR_SEO" as const, "OUTDATED_WEBSITE" as const] };
    const narrow = { id: "b", text: "HTTPS for everyone.", signals: ["NO_SSL" as const] };
    const twin = { id: "c", text: "Also HTTPS.", signals: ["NO_SSL" as const] };
    expect(claimForSignal("NO_SSL", [broad, narrow, twin])?.id).toBe("b");
    expect(claimForSignal("POOR_SEO", [broad, narrow])?.id).toBe("a");
    expect(claimForSignal("NO_CONTACT_EMAIL", [broad, narrow])).toBeUndefined();
  });

  it("reads a claim saved before claims listed signals by its wording", () => {
    expect(suggestClaimSignals("Our review program lifts Google ratings.")).toEqual(["LOW_GOOGLE_RATING"]);
    expect(suggestClaimSignals("We add online booking and click-to-call.")).toEqual(["NO_CALL_TO_ACTION", "NO_ONLINE_BOOKING"]);
    expect(claimAnswers({ id: "x", text: "We move your website to HTTPS." }, "NO_SSL")).toBe(true);
    expect(suggestClaimSignals("Anything at all")).not.toContain("NEEDS_WEB_AUDIT");
    expect(SIGNALS.every((s) => !suggestClaimSignals("We do great work.").includes(s))).toBe(true);
  });
});
