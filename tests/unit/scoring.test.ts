import { describe, expect, it } from "vitest";
import { mergeAuditedSignals, scoreSignals, signalPoints } from "../../lib/scoring";
import { DEFAULT_QUALIFICATION_CRITERIA, SIGNAL_CATALOGUE } from "../../lib/signals";

describe("scoring", () => {
  it("sums the weights of the signals the agency solves", () => {
    expect(scoreSignals(["MISSING_WEBSITE", "LOW_GOOGLE_RATING"], ["MISSING_WEBSITE", "LOW_GOOGLE_RATING"])).toBe(
      SIGNAL_CATALOGUE.MISSING_WEBSITE.weight + SIGNAL_CATALOGUE.LOW_GOOGLE_RATING.weight,
    );
  });
  it("ignores signals outside the agency's criteria", () => {
    expect(scoreSignals(["MISSING_WEBSITE", "LOW_GOOGLE_RATING"], ["LOW_GOOGLE_RATING"])).toBe(30);
    expect(signalPoints("MISSING_WEBSITE", ["LOW_GOOGLE_RATING"])).toBe(0);
  });
  it("scores NEEDS_WEB_AUDIT only when a deep criterion is wanted", () => {
    expect(scoreSignals(["NEEDS_WEB_AUDIT"], ["MISSING_WEBSITE"])).toBe(0);
    expect(scoreSignals(["NEEDS_WEB_AUDIT"], ["NO_SSL"])).toBe(15);
  });
  it("clamps to 100 and counts a repeated signal once", () => {
    expect(scoreSignals([...DEFAULT_QUALIFICATION_CRITERIA], DEFAULT_QUALIFICATION_CRITERIA)).toBe(100);
    expect(scoreSignals(["LOW_GOOGLE_RATING", "LOW_GOOGLE_RATING"], ["LOW_GOOGLE_RATING"])).toBe(30);
  });
  it("replaces the audit placeholder with what the audit confirmed", () => {
    expect(mergeAuditedSignals(["LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"], ["NO_SSL", "POOR_SEO"])).toEqual(["LOW_GOOGLE_RATING", "NO_SSL", "POOR_SEO"]);
    expect(mergeAuditedSignals(["NEEDS_WEB_AUDIT"], undefined)).toEqual(["NEEDS_WEB_AUDIT"]);
    expect(mergeAuditedSignals(["NEEDS_WEB_AUDIT"], [])).toEqual([]);
  });
});
