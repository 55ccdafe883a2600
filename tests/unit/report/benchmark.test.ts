import { describe, expect, it } from "vitest";
import { type BenchmarkPlace, benchmarkSentence, buildBenchmark, websiteSentence } from "../../../lib/benchmark";

/** Shaped like a run's placesSnapshot for "dentists in Seattle, WA" (ratings and counts as Places gives them). */
const prospect: BenchmarkPlace = {
  placeId: "p-harbor",
  name: "Harborview Dental",
  rating: 4.1,
  reviewsCount: 23,
  website: "http://www.harborviewdental.example/",
};
const search: BenchmarkPlace[] = [
  prospect,
  { placeId: "p-1", name: "Pike Street Dentistry", rating: 4.8, reviewsCount: 512, website: "https://pikestreetdentistry.example/" },
  { placeId: "p-2", name: "Queen Anne Smiles", rating: 4.9, reviewsCount: 388, website: "https://queenannesmiles.example/" },
  { placeId: "p-3", name: "Fremont Family Dental", rating: 4.7, reviewsCount: 330, website: "https://fremontfamilydental.example/" },
  // A perfect score from 2 reviews must not outrank hundreds of 4.7–4.9 reviews.
  { placeId: "p-4", name: "Ballard Bright Dental", rating: 5.0, reviewsCount: 2, website: "https://www.facebook.com/ballardbright" },
  { placeId: "p-5", name: "Capitol Hill Dental Care", rating: 3.6, reviewsCount: 41 },
  // Places leaves rating and count out for a business with no reviews.
  { placeId: "p-6", name: "Green Lake Orthodontics", website: "https://greenlakeortho.example/" },
  // Not competitors: a duplicate listing and a closed business.
  { placeId: "p-1", name: "Pike Street Dentistry", rating: 4.8, reviewsCount: 512, dropReason: "DUPLICATE_PLACE" },
  { placeId: "p-7", name: "Old Town Dental", rating: 5, reviewsCount: 900, businessStatus: "CLOSED_PERMANENTLY", dropReason: "CLOSED" },
];

describe("competitor benchmark", () => {
  it("compares the prospect with the top 3 and the median of the same search", () => {
    const b = buildBenchmark(prospect, search, "dentists");
    expect(b.competitorCount).toBe(6);
    expect(b.top.map((t) => t.name)).toEqual(["Queen Anne Smiles", "Pike Street Dentistry", "Fremont Family Dental"]);
    expect(b.topAverage!.rating).toBeCloseTo(4.8, 5);
    expect(b.topAverage!.reviews).toBeCloseTo((512 + 388 + 330) / 3, 5);
    // Ratings of the 5 rated competitors: 3.6, 4.7, 4.8, 4.9, 5.0 → 4.8; reviews 0, 2, 41, 330, 388, 512 → (41 + 330) / 2.
    expect(b.median).toEqual({ rating: 4.8, reviews: 185.5 });
    expect(b.withOwnWebsite).toBe(4);
    expect(b.prospect).toEqual({ name: "Harborview Dental", rating: 4.1, reviews: 23, website: "own" });
    expect(benchmarkSentence(b)).toBe("You have 4.1★ from 23 reviews; the top 3 dentists in this search average 4.8★ from 410.");
    expect(websiteSentence(b)).toBe("You have a website of your own, like 4 of the 6 other dentists in this search.");
  });

  it("a few perfect reviews do not outrank a typical business's many good ones (prior = the search's median count)", () => {
    const smallCounts: BenchmarkPlace[] = [
      { placeId: "a", name: "Sunrise Dental Group", rating: 4.9, reviewsCount: 9 },
      { placeId: "b", name: "Wallingford Family Dentistry", rating: 4.7, reviewsCount: 300 },
      { placeId: "c", name: "Dr. Patel Dentistry", rating: 4.7, reviewsCount: 14 },
      { placeId: "d", name: "Maple Leaf Dental", rating: 4.4, reviewsCount: 19 },
      { placeId: "e", name: "Lake City Smiles", rating: 4.5, reviewsCount: 21 },
      { placeId: "f", name: "Northgate Dental", rating: 4.3, reviewsCount: 30 },
    ];
    const b = buildBenchmark({ placeId: "me", name: "Me", rating: 2.8, reviewsCount: 228 }, smallCounts, "dentists");
    expect(b.top[0].name).toBe("Wallingford Family Dentistry");
  });

  it("ties rank by review count, then name", () => {
    const tied: BenchmarkPlace[] = [
      { placeId: "a", name: "Zeta Plumbing", rating: 4.5, reviewsCount: 100 },
      { placeId: "b", name: "Alpha Plumbing", rating: 4.5, reviewsCount: 100 },
      { placeId: "c", name: "Mid Plumbing", rating: 4.5, reviewsCount: 100 },
      { placeId: "d", name: "Busy Plumbing", rating: 4.5, reviewsCount: 100 },
    ];
    const b = buildBenchmark({ placeId: "me", name: "Me", rating: 4.5, reviewsCount: 100 }, tied, "plumbers");
    expect(b.top.map((t) => t.name)).toEqual(["Alpha Plumbing", "Busy Plumbing", "Mid Plumbing"]);
  });

  it("fewer than 3 competitors, a prospect with no rating and no website", () => {
    const me: BenchmarkPlace = { placeId: "me", name: "Eastside Auto" };
    const b = buildBenchmark(
      me,
      [me, { placeId: "x", name: "Precision Auto Repair", rating: 4.6, reviewsCount: 87, website: "https://precisionauto.example" }],
      "auto repair",
    );
    expect(b.top).toHaveLength(1);
    expect(benchmarkSentence(b)).toBe(
      "You have no Google reviews yet; the top-rated of the other auto repair businesses in this search has 4.6★ from 87 reviews.",
    );
    expect(websiteSentence(b)).toBe("You have no website; 1 of the 1 other auto repair businesses in this search have one of their own.");
    const two = buildBenchmark(
      me,
      [
        { placeId: "x", name: "X", rating: 4.0, reviewsCount: 10 },
        { placeId: "y", name: "Y", rating: 5.0, reviewsCount: 30 },
      ],
      "hair salons",
    );
    expect(benchmarkSentence(two)).toBe("You have no Google reviews yet; the top 2 hair salons in this search average 4.5★ from 20.");
  });

  it("no competitor at all, and competitors with no rating", () => {
    const me: BenchmarkPlace = { placeId: "me", name: "Solo Law", rating: 4.9, reviewsCount: 1, website: "https://www.yelp.com/biz/solo-law" };
    const alone = buildBenchmark(me, [me], "law firms");
    expect(alone.topAverage).toBeNull();
    expect(alone.median).toBeNull();
    expect(benchmarkSentence(alone)).toBe("You have 4.9★ from 1 review; no other law firms in this search to compare with.");
    const unrated = buildBenchmark(
      me,
      [
        { placeId: "u", name: "U" },
        { placeId: "w", name: "W", reviewsCount: 3 },
      ],
      "law firms",
    );
    expect(unrated.median).toEqual({ reviews: 1.5 });
    expect(unrated.topAverage).toEqual({ reviews: 1.5 });
    expect(websiteSentence(unrated)).toBe(
      "Your only web presence is a social or directory page; 0 of the 2 other law firms in this search have one of their own.",
    );
  });
});
