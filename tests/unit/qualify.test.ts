import { describe, expect, it } from "vitest";
import { checkPhone, formatPhoneForDisplay } from "../../lib/phone";
import { detectPlacesSignals } from "../../lib/placesSignals";
import { filterAndRank, prepareCandidates } from "../../lib/qualify";
import type { PlaceResult } from "../../lib/providers/places/types";
import { DEFAULT_QUALIFICATION_CRITERIA } from "../../lib/signals";

const criteria = DEFAULT_QUALIFICATION_CRITERIA;

describe("phone filter", () => {
  it("accepts valid international numbers in any common spacing", () => {
    expect(checkPhone("+1 206-324-1200")).toMatchObject({ ok: true, e164: "+12063241200" });
    expect(checkPhone("+44 20 7946 1234")).toMatchObject({ ok: true });
    expect(checkPhone("+61 2 9374 4000")).toMatchObject({ ok: true });
  });
  it("says why a phone is unusable", () => {
    expect(checkPhone(undefined)).toEqual({ ok: false, reason: "NO_PHONE" });
    expect(checkPhone("   ")).toEqual({ ok: false, reason: "NO_PHONE" });
    expect(checkPhone("(206) 324-1200")).toEqual({ ok: false, reason: "INVALID_PHONE" });
    expect(checkPhone("+1 206 000 0000")).toEqual({ ok: false, reason: "INVALID_PHONE" });
    expect(checkPhone("call us")).toEqual({ ok: false, reason: "INVALID_PHONE" });
  });
});

describe("Places signals", () => {
  it("flags missing, social-only and low-rated presences", () => {
    expect(detectPlacesSignals({}, criteria)).toEqual(["MISSING_WEBSITE"]);
    expect(detectPlacesSignals({ website: "https://facebook.com/x" }, criteria)).toEqual(["WEAK_WEB_PRESENCE"]);
    expect(detectPlacesSignals({ website: "https://a.example", rating: 3.6, reviewsCount: 40 }, criteria)).toEqual(["LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"]);
  });
  it("needs more than 5 reviews before a rating counts as low", () => {
    expect(detectPlacesSignals({ website: "https://a.example", rating: 2.0, reviewsCount: 5 }, ["LOW_GOOGLE_RATING"])).toEqual([]);
    expect(detectPlacesSignals({ website: "https://a.example", rating: 3.99, reviewsCount: 6 }, ["LOW_GOOGLE_RATING"])).toEqual(["LOW_GOOGLE_RATING"]);
  });
  it("adds the audit placeholder only for agencies that want deep criteria", () => {
    expect(detectPlacesSignals({ website: "https://a.example" }, ["MISSING_WEBSITE"])).toEqual([]);
    expect(detectPlacesSignals({ website: "https://a.example" }, ["NO_SSL"])).toEqual(["NEEDS_WEB_AUDIT"]);
  });
});

const biz = (placeId: string, over: Partial<PlaceResult> = {}): PlaceResult => ({
  placeId,
  name: `Business ${placeId}`,
  phone: "+1 206-324-1200",
  website: `https://${placeId.toLowerCase()}.example`,
  rating: 4.6,
  reviewsCount: 80,
  businessStatus: "OPERATIONAL",
  ...over,
});

describe("source + filter_rank pipeline", () => {
  it("keeps a reason code for every dropped business and ranks the rest", () => {
    const candidates = prepareCandidates([
      biz("A"),
      biz("B", { website: undefined }),
      biz("A"),
      biz("C", { website: "https://www.a.example/other" }),
      biz("D", { businessStatus: "CLOSED_PERMANENTLY" }),
      biz("E", { phone: undefined }),
      biz("F", { phone: "555-0100" }),
      biz("G", { rating: 3.1, reviewsCount: 12, website: "https://facebook.com/g" }),
    ]);
    const { leads, snapshot } = filterAndRank(candidates, criteria, 20);
    expect(snapshot.map((s) => [s.placeId, s.dropReason])).toEqual([
      ["A", undefined],
      ["B", undefined],
      ["A", "DUPLICATE_PLACE"],
      ["C", "DUPLICATE_DOMAIN"],
      ["D", "CLOSED"],
      ["E", "NO_PHONE"],
      ["F", "INVALID_PHONE"],
      ["G", undefined],
    ]);
    expect(leads.map((l) => [l.placeId, l.score])).toEqual([
      ["G", 65],
      ["B", 50],
      ["A", 15],
    ]);
    expect(leads[0].phone).toBe("+12063241200");
  });
  it("keeps only the top numLeads and marks the rest OVER_LIMIT", () => {
    const { leads, snapshot } = filterAndRank(prepareCandidates([biz("A"), biz("B", { website: undefined }), biz("C")]), criteria, 1);
    expect(leads.map((l) => l.placeId)).toEqual(["B"]);
    expect(snapshot.filter((s) => s.dropReason === "OVER_LIMIT").map((s) => s.placeId)).toEqual(["A", "C"]);
  });
  // Regression: results 21–25 of a page got no snapshot entry and no drop reason, though result 21 was the top lead.
  it("gives every result Places returned (up to its 60) a snapshot entry", () => {
    const many = Array.from({ length: 65 }, (_, i) => biz(`P${i}`));
    expect(prepareCandidates(many.slice(0, 25))).toHaveLength(25);
    expect(prepareCandidates(many)).toHaveLength(60);
  });

  it("drops businesses the agency already has (place id or website) as ALREADY_KNOWN", () => {
    const known = { placeIds: new Set(["A"]), domains: new Set(["c.example"]) };
    const { leads, snapshot } = filterAndRank(prepareCandidates([biz("A"), biz("B"), biz("C", { website: "https://www.c.example/home" })]), criteria, 20, {
      known,
    });
    expect(leads.map((l) => l.placeId)).toEqual(["B"]);
    expect(snapshot.map((s) => s.dropReason)).toEqual(["ALREADY_KNOWN", undefined, "ALREADY_KNOWN"]);
  });

  it("never delivers a lead at or below the agency's minimum score (NOT_QUALIFIED)", () => {
    // An agency that sells only low-rating work: a well-rated business with a website scores 0.
    const onlyRating = ["LOW_GOOGLE_RATING", "MISSING_WEBSITE"];
    const { leads, snapshot } = filterAndRank(
      prepareCandidates([biz("A"), biz("B", { rating: 3.2, reviewsCount: 40 }), biz("C", { website: undefined })]),
      onlyRating,
      20,
    );
    expect(leads.map((l) => [l.placeId, l.score])).toEqual([
      ["C", 50],
      ["B", 30],
    ]);
    expect(snapshot[0]).toMatchObject({ placeId: "A", dropReason: "NOT_QUALIFIED", score: 0 });
    const strict = filterAndRank(prepareCandidates([biz("B", { rating: 3.2, reviewsCount: 40 }), biz("C", { website: undefined })]), onlyRating, 20, {
      minScore: 30,
    });
    expect(strict.leads.map((l) => l.placeId)).toEqual(["C"]);
  });

  it("breaks score ties by review count, so the busier business is kept", () => {
    const tied = [biz("Few", { reviewsCount: 20 }), biz("Many", { reviewsCount: 300 }), biz("Mid", { reviewsCount: 85 })];
    const { leads, snapshot } = filterAndRank(prepareCandidates(tied), criteria, 2);
    expect(leads.map((l) => l.placeId)).toEqual(["Many", "Mid"]);
    expect(snapshot.find((s) => s.placeId === "Few")?.dropReason).toBe("OVER_LIMIT");
  });
});

describe("phone display", () => {
  it("shows a stored E.164 number the way people read it", () => {
    expect(formatPhoneForDisplay("+12068652819")).toBe("+1 206 865 2819");
    expect(formatPhoneForDisplay("+442079461234")).toBe("+44 20 7946 1234");
    expect(formatPhoneForDisplay("not a phone")).toBe("not a phone");
  });
});
