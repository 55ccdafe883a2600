import { describe, expect, it } from "vitest";
import { campaignKey } from "../../lib/campaignKey";
import { describeShortfall } from "../../lib/shortfall";

describe("campaign names", () => {
  it("treats spellings of one search as one campaign", () => {
    expect(campaignKey("hair salons", "sydney")).toBe(campaignKey("Hair Salon", "Sydney, NSW"));
    expect(campaignKey("Dentists", "  SEATTLE ,  WA ")).toBe(campaignKey("dentist", "Seattle"));
    expect(campaignKey("dentists", "Seattle, WA")).not.toBe(campaignKey("dentists", "Portland, OR"));
    expect(campaignKey("dentists", "Seattle, WA")).not.toBe(campaignKey("plumbers", "Seattle, WA"));
  });
});

describe("shortfall message", () => {
  it("says in plain words why a run delivered fewer leads than asked", () => {
    expect(
      describeShortfall({
        numLeads: 20,
        delivered: 12,
        fetched: 37,
        exhausted: true,
        provider: "google",
        dropped: { NO_PHONE: 8, INVALID_PHONE: 4, ALREADY_KNOWN: 9, NOT_QUALIFIED: 4 },
      }),
    ).toBe(
      "Google has 37 businesses for this search (its limit is 60); 12 had no valid phone, 9 are already in your leads, 4 don't match what you sell. You asked for 20; 12 new qualified leads found.",
    );
  });
  it("says nothing when the run delivered what was asked", () => {
    expect(describeShortfall({ numLeads: 5, delivered: 5, fetched: 20, exhausted: false, provider: "google", dropped: {} })).toBeUndefined();
  });
  it("lists what the demo covers when a demo search finds nothing", () => {
    const text = describeShortfall({
      numLeads: 5,
      delivered: 0,
      fetched: 0,
      exhausted: true,
      provider: "demo",
      dropped: {},
      demoCoverage: { verticals: ["Dentists", "Plumbers"], geographies: ["Seattle, WA", "London, UK"] },
    });
    expect(text).toBe(
      "The demo dataset has no businesses for this search. It covers Dentists, Plumbers in Seattle, WA, London, UK; set GOOGLE_PLACES_API_KEY to search anywhere.",
    );
  });
});
