import { describe, expect, it } from "vitest";
import { dedupeByPlaceOrDomain } from "../../lib/dedupe";
import { canonicalDomain, parseWebsite } from "../../lib/domains";

const place = (placeId: string, website?: string) => ({ placeId, website });

describe("canonical domain", () => {
  it("treats www and bare hosts, paths, schemes and case as one domain", () => {
    expect(canonicalDomain("https://www.HarborViewDental.example/contact")).toBe("harborviewdental.example");
    expect(canonicalDomain("harborviewdental.example")).toBe("harborviewdental.example");
    expect(canonicalDomain("http://blog.joesplumbing.co.uk/a")).toBe("joesplumbing.co.uk");
  });
  it("has no canonical domain for social and directory links", () => {
    expect(canonicalDomain("https://www.facebook.com/harborviewdental")).toBeUndefined();
    expect(canonicalDomain("https://m.yelp.com/biz/x")).toBeUndefined();
    expect(canonicalDomain("https://linktr.ee/salon")).toBeUndefined();
    expect(parseWebsite("https://www.instagram.com/x")?.isSocialOrDirectory).toBe(true);
  });
  it("rejects what is not a website", () => {
    expect(parseWebsite("mailto:info@x.example")).toBeUndefined();
    expect(parseWebsite("not a url")).toBeUndefined();
    expect(parseWebsite("")).toBeUndefined();
    expect(parseWebsite("javascript:alert(1)")).toBeUndefined();
  });
});

describe("dedupe by place id or canonical domain", () => {
  it("drops a repeated place id and a repeated domain, keeping the first", () => {
    const { kept, dropped } = dedupeByPlaceOrDomain([
      place("A", "https://www.smile.example"),
      place("A", "https://www.smile.example"),
      place("B", "http://smile.example/locations/north"),
      place("C", "https://other.example"),
    ]);
    expect(kept.map((p) => p.placeId)).toEqual(["A", "C"]);
    expect(dropped.map((d) => [d.item.placeId, d.reason])).toEqual([
      ["A", "DUPLICATE_PLACE"],
      ["B", "DUPLICATE_DOMAIN"],
    ]);
  });
  it("never dedupes different businesses that share facebook.com", () => {
    const { kept } = dedupeByPlaceOrDomain([
      place("A", "https://www.facebook.com/bobsroofing"),
      place("B", "https://facebook.com/annasroofing"),
      place("C"),
      place("D"),
    ]);
    expect(kept.map((p) => p.placeId)).toEqual(["A", "B", "C", "D"]);
  });
});
