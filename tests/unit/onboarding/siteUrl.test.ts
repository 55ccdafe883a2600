import { describe, expect, it } from "vitest";
import { uncoveredSignals } from "../../../lib/onboarding/claimCoverage";
import { normalizeAgencyUrl } from "../../../lib/onboarding/siteUrl";

describe("the agency website address a user types", () => {
  it.each([
    ["acme.com", "https://acme.com/"],
    ["  www.acme.com/about  ", "https://www.acme.com/about"],
    ["http://acme.co.uk", "http://acme.co.uk/"],
    ["HTTPS://Pixelharborstudio.example/#top", "https://pixelharborstudio.example/"],
    ["acme.com:8443/home", "https://acme.com:8443/home"],
  ])("accepts %j as %s", (raw, url) => {
    expect(normalizeAgencyUrl(raw)).toEqual({ ok: true, url });
  });

  it.each([
    ["", /Enter your agency's website/],
    ["not a url", /contains spaces/],
    ["ftp://acme.com", /Only http/],
    ["javascript:alert(1)", /Only http/],
    ["http://127.0.0.1/", /not an IP address/],
    ["http://[::1]/", /not an IP address/],
    ["http://2130706433/", /not an IP address/],
    ["localhost:3000", /local name/],
    ["https://intranet/", /not a website's domain/],
    ["https://user:pw@acme.com/", /user name or password/],
    ["acme.com\u0000", /control character/],
    [`https://acme.com/${"a".repeat(2100)}`, /at most 2048/],
  ])("refuses %j with INVALID_URL", (raw, message) => {
    const result = normalizeAgencyUrl(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("INVALID_URL");
      expect(result.error.message).toMatch(message);
      expect(result.error.message.length).toBeLessThan(200);
    }
  });
});

describe("claims covering the problems an agency solves", () => {
  it("lists the chosen problems no claim answers (placeholder never, empty claims never count)", () => {
    const claims = [
      { text: "We build mobile-first websites.", signals: ["WEBSITE_NOT_MOBILE_FRIENDLY", "MISSING_WEBSITE"] },
      { text: "   ", signals: ["POOR_SEO"] },
      { text: "Old claim without signals" },
    ];
    expect(uncoveredSignals(["MISSING_WEBSITE", "POOR_SEO", "NEEDS_WEB_AUDIT", "LOW_GOOGLE_RATING"], claims)).toEqual(["POOR_SEO", "LOW_GOOGLE_RATING"]);
    expect(uncoveredSignals(["MISSING_WEBSITE"], claims)).toEqual([]);
  });
});
