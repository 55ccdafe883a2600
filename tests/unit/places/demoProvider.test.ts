import { describe, expect, it } from "vitest";
import { prepareCandidates } from "../../../lib/qualify";
import { DemoPlacesProvider } from "../../../lib/providers/places/demo";
import { normalizePhrase } from "../../../lib/providers/places/demoQuery";
import { placeResultSchema } from "../../../lib/providers/places/types";

const provider = new DemoPlacesProvider();
const search = (textQuery: string, maxResults = 20) => provider.searchText({ textQuery, maxResults });

describe("DemoPlacesProvider query matching", () => {
  it("finds the campaign whatever the case, spacing and punctuation", async () => {
    const canonical = await search("Dentists in Seattle, WA");
    expect(canonical.length).toBeGreaterThanOrEqual(10);
    for (const query of ["dentists in seattle, wa", "  DENTISTS   in   SEATTLE  WA ", "Dentists in Seattle, WA.", "dentists in seattle-wa"]) {
      expect(await search(query), query).toEqual(canonical);
    }
  });

  it("treats singular and plural alike", async () => {
    const plural = await search("Hair Salons in Toronto, ON");
    expect(plural.length).toBeGreaterThanOrEqual(10);
    expect(await search("hair salon in toronto, on")).toEqual(plural);
    expect(await search("dentist in Seattle, WA")).toEqual(await search("dentists in Seattle, WA"));
    expect(await search("Attorney in Chicago, IL")).toEqual(await search("attorneys in chicago il"));
  });

  it("accepts aliases for both the vertical and the geography", async () => {
    const dentists = await search("Dentists in Seattle, WA");
    expect(await search("dental clinic in Seattle, Washington")).toEqual(dentists);
    expect(await search("family dentist in seattle")).toEqual(dentists);
    const lawyers = await search("Law Firms in London, UK");
    expect(lawyers.length).toBeGreaterThanOrEqual(10);
    expect(await search("solicitors in London, United Kingdom")).toEqual(lawyers);
    expect(await search("mechanic in Denver, Colorado")).toEqual(await search("Auto Repair in Denver, CO"));
    expect(await search("chiropractic in sydney, new south wales")).toEqual(await search("Chiropractors in Sydney, NSW"));
  });

  it("returns [] (not an error) for an unknown vertical, geography or query shape", async () => {
    await expect(search("astronauts in Seattle, WA")).resolves.toEqual([]);
    await expect(search("dentists in Atlantis")).resolves.toEqual([]);
    await expect(search("dentists")).resolves.toEqual([]);
    await expect(search("Seattle, WA")).resolves.toEqual([]);
    await expect(search("")).resolves.toEqual([]);
    await expect(search("in in in")).resolves.toEqual([]);
  });

  it("keeps different campaigns apart", async () => {
    const seattle = await search("plumbers in Seattle, WA");
    const austin = await search("plumbers in Austin, TX");
    expect(seattle.every((p) => p.city === "Seattle")).toBe(true);
    expect(austin.every((p) => p.city === "Austin")).toBe(true);
    expect(seattle.map((p) => p.placeId)).not.toEqual(austin.map((p) => p.placeId));
  });

  it("normalizes accents, ampersands and plurals the same way on both sides", () => {
    expect(normalizePhrase("Café  Olé's   Salons")).toBe("cafe ole salon");
    expect(normalizePhrase("Law Firms & Attorneys")).toBe("law firm and attorney");
  });
});

describe("DemoPlacesProvider results", () => {
  it("returns at most maxResults, in the same order every time", async () => {
    const first = await search("Dentists in Seattle, WA", 5);
    expect(first).toHaveLength(5);
    expect(await search("Dentists in Seattle, WA", 5)).toEqual(first);
    expect((await search("Dentists in Seattle, WA", 20)).slice(0, 5)).toEqual(first);
    expect((await search("Dentists in Seattle, WA", 500)).length).toBeLessThanOrEqual(20);
  });

  it("returns plain PlaceResults (no dataset tags) that pass the provider contract", async () => {
    const places = await search("Restaurants in Austin, TX");
    for (const place of places) {
      expect(placeResultSchema.strict().safeParse(place).success).toBe(true);
      expect(place).not.toHaveProperty("vertical");
    }
  });

  it("returns raw listings, duplicates and closed businesses included, for the pipeline to filter", async () => {
    const places = await search("Dentists in Seattle, WA");
    const ids = places.map((p) => p.placeId);
    expect(new Set(ids).size).toBeLessThan(ids.length);
    expect(places.some((p) => p.businessStatus === "CLOSED_PERMANENTLY")).toBe(true);

    const reasons = prepareCandidates(places).map((c) => c.dropReason);
    expect(reasons).toContain("DUPLICATE_PLACE");
    expect(reasons).toContain("DUPLICATE_DOMAIN");
    expect(reasons).toContain("CLOSED");
    expect(reasons.filter((r) => r === undefined).length).toBeGreaterThanOrEqual(10);
  });

  it("gives callers their own copies", async () => {
    const [place] = await search("Dentists in Seattle, WA", 1);
    place.name = "Changed";
    place.types?.push("mutated");
    const [again] = await search("Dentists in Seattle, WA", 1);
    expect(again.name).not.toBe("Changed");
    expect(again.types).not.toContain("mutated");
  });
});

describe("DemoPlacesProvider pages like Google", () => {
  // A campaign of 70 businesses: the real dataset's dentists in Seattle, repeated under new ids.
  const real = new DemoPlacesProvider();
  const base = (real as unknown as { dataset: import("../../../lib/providers/places/demoDatasetSchema").DemoDataset }).dataset;
  const seattle = base.places.filter((p) => p.vertical === "dentists" && p.geography === "seattle-wa");
  const places = Array.from({ length: 70 }, (_, i) => ({
    ...seattle[i % seattle.length],
    placeId: `demo-${i}`,
    name: `${seattle[i % seattle.length].name} ${i}`,
  }));
  const big = new DemoPlacesProvider({ ...base, places: [...places, ...base.places.filter((p) => p.geography !== "seattle-wa")] });

  it("returns 20 a page with a token for the next, and stops at 60 like Google", async () => {
    const first = await big.searchPage({ textQuery: "dentists in Seattle, WA" });
    expect(first.places.map((p) => p.placeId)).toEqual(places.slice(0, 20).map((p) => p.placeId));
    expect(first.nextPageToken).toBeTruthy();
    const second = await big.searchPage({ textQuery: "dentists in Seattle, WA", pageToken: first.nextPageToken });
    expect(second.places.map((p) => p.placeId)).toEqual(places.slice(20, 40).map((p) => p.placeId));
    const third = await big.searchPage({ textQuery: "dentists in Seattle, WA", pageToken: second.nextPageToken });
    expect(third.places.map((p) => p.placeId)).toEqual(places.slice(40, 60).map((p) => p.placeId));
    expect(third.nextPageToken).toBeUndefined();
  });

  it("has no next page when one page holds the whole campaign, and rejects a token from another search", async () => {
    const small = await big.searchPage({ textQuery: "plumbers in Denver, CO" });
    expect(small.places.length).toBeGreaterThan(10);
    expect(small.nextPageToken).toBeUndefined();
    const first = await big.searchPage({ textQuery: "dentists in Seattle, WA" });
    await expect(big.searchPage({ textQuery: "plumbers in Denver, CO", pageToken: first.nextPageToken })).rejects.toMatchObject({ code: "INVALID_REQUEST" });
  });
});

describe("the bundled demo dataset pages", () => {
  it("a big campaign (Chicago) takes 3 pages of 20, like Google", async () => {
    const p1 = await provider.searchPage({ textQuery: "dentists in Chicago, IL" });
    expect(p1.places).toHaveLength(20);
    const p2 = await provider.searchPage({ textQuery: "dentists in Chicago, IL", pageToken: p1.nextPageToken });
    expect(p2.places).toHaveLength(20);
    expect(p2.nextPageToken).toBeTruthy();
    expect(new Set([...p1.places, ...p2.places].map((p) => p.placeId)).size).toBeGreaterThan(38);
  });
});
