import { readFileSync } from "node:fs";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { generateDemoDataset, serializeDemoDataset } from "../../../scripts/generate-demo-places";
import { dedupeByPlaceOrDomain } from "../../../lib/dedupe";
import { canonicalDomain, parseWebsite } from "../../../lib/domains";
import { checkPhone } from "../../../lib/phone";
import { loadDemoDataset } from "../../../lib/providers/places/demoDataset";
import type { DemoPlace } from "../../../lib/providers/places/demoDatasetSchema";
import { placeResultSchema } from "../../../lib/providers/places/types";

const dataset = loadDemoDataset();
const { places } = dataset;
const share = (predicate: (p: DemoPlace) => boolean) => places.filter(predicate).length / places.length;

function byPair(): Map<string, DemoPlace[]> {
  const pairs = new Map<string, DemoPlace[]>();
  for (const place of places) {
    const key = `${place.vertical}|${place.geography}`;
    pairs.set(key, [...(pairs.get(key) ?? []), place]);
  }
  return pairs;
}

describe("demo dataset: coverage", () => {
  it("covers at least 6 verticals × 5 geographies, with a non-US city", () => {
    expect(dataset.verticals.length).toBeGreaterThanOrEqual(6);
    expect(dataset.geographies.length).toBeGreaterThanOrEqual(5);
    expect(dataset.geographies.filter((g) => g.country === "US").length).toBeGreaterThan(dataset.geographies.length / 2);
    expect(dataset.geographies.some((g) => g.country !== "US")).toBe(true);
    expect(places.length).toBeGreaterThanOrEqual(300);
  });

  it("has 10+ distinct businesses in every (vertical, geography) pair, at most Google's 60, and a third of them need 2–3 pages", () => {
    const pairs = byPair();
    expect(pairs.size).toBe(dataset.verticals.length * dataset.geographies.length);
    for (const [key, list] of pairs) {
      expect(new Set(list.map((p) => p.placeId)).size, key).toBeGreaterThanOrEqual(10);
      expect(list.length, key).toBeLessThanOrEqual(60);
    }
    const big = [...pairs.values()].filter((list) => list.length >= 40 && list.length <= 60);
    expect(big.length).toBeGreaterThanOrEqual(pairs.size / 3);
    // The big campaigns keep the real-world mess: no website, social links, bad phones, low ratings.
    for (const list of big) {
      expect(list.filter((p) => !p.website).length).toBeGreaterThanOrEqual(4);
      expect(list.filter((p) => p.website && !p.website.includes(".example")).length).toBeGreaterThanOrEqual(3);
      expect(list.filter((p) => p.rating !== undefined && p.rating < 4).length).toBeGreaterThanOrEqual(3);
      expect(list.filter((p) => !p.phone || !p.phone.startsWith("+")).length).toBeGreaterThanOrEqual(2);
    }
  });

  it("tags every place with a known vertical and geography", () => {
    const verticals = new Set(dataset.verticals.map((v) => v.key));
    const geographies = new Set(dataset.geographies.map((g) => g.key));
    for (const place of places) {
      expect(verticals.has(place.vertical)).toBe(true);
      expect(geographies.has(place.geography)).toBe(true);
    }
  });

  it("is exactly what the seeded generator writes (regenerate with npx tsx scripts/generate-demo-places.ts)", () => {
    const committed = readFileSync(new URL("../../../data/demo-places.json", import.meta.url), "utf8");
    expect(serializeDemoDataset(generateDemoDataset())).toBe(committed);
  });
});

describe("demo dataset: each place looks like Google's", () => {
  it("passes the provider contract", () => {
    for (const place of places) expect(placeResultSchema.safeParse(place).success, place.name).toBe(true);
  });

  it("has Google-shaped place ids (ChIJ…, 27 characters)", () => {
    for (const place of places) expect(place.placeId).toMatch(/^ChIJ[A-Za-z0-9_-]{23}$/);
  });

  it("uses only the reserved .example TLD for businesses' own websites", () => {
    for (const place of places) {
      const site = parseWebsite(place.website);
      if (!site || site.isSocialOrDirectory) continue;
      expect(site.hostname, place.website).toMatch(/\.example$/);
    }
  });

  it("gives valid phones the geography's country code", () => {
    const countries = new Map(dataset.geographies.map((g) => [g.key, g.country]));
    for (const place of places) {
      if (!checkPhone(place.phone).ok) continue;
      expect(parsePhoneNumberFromString(place.phone!)?.country, `${place.name} ${place.phone}`).toBe(countries.get(place.geography));
    }
  });
});

describe("demo dataset: realistic messiness", () => {
  it("has ~15% without a website and ~10% with a social or directory link", () => {
    expect(share((p) => !p.website)).toBeGreaterThanOrEqual(0.12);
    expect(share((p) => !p.website)).toBeLessThanOrEqual(0.18);
    const social = share((p) => parseWebsite(p.website)?.isSocialOrDirectory === true);
    expect(social).toBeGreaterThanOrEqual(0.08);
    expect(social).toBeLessThanOrEqual(0.14);
    const hosts = new Set(
      places
        .map((p) => parseWebsite(p.website))
        .filter((s) => s?.isSocialOrDirectory)
        .map((s) => s!.domain),
    );
    expect([...hosts]).toEqual(expect.arrayContaining(["facebook.com", "instagram.com", "yelp.com", "linktr.ee"]));
  });

  it("has ~10% missing or invalid phones, of several kinds", () => {
    const invalid = places.filter((p) => !checkPhone(p.phone).ok);
    expect(invalid.length / places.length).toBeGreaterThanOrEqual(0.07);
    expect(invalid.length / places.length).toBeLessThanOrEqual(0.13);
    expect(invalid.some((p) => p.phone === undefined)).toBe(true);
    expect(invalid.some((p) => p.phone === "(206) 555-01")).toBe(true); // truncated national
    expect(invalid.some((p) => p.phone !== undefined && /^\(\d{3}\) \d{3}-\d{4}$/.test(p.phone))).toBe(true); // national only
  });

  it("writes valid phones in several international spellings, +1, +44 and +61 included", () => {
    const valid = places.map((p) => p.phone).filter((phone): phone is string => checkPhone(phone).ok);
    expect(valid.some((p) => /^\+1 \d{3}-\d{3}-\d{4}$/.test(p))).toBe(true);
    expect(valid.some((p) => /^\+1 \(\d{3}\) \d{3}-\d{4}$/.test(p))).toBe(true);
    expect(valid.some((p) => /^\+1\d{10}$/.test(p))).toBe(true);
    expect(valid.some((p) => p.startsWith("+44 20 "))).toBe(true);
    expect(valid.some((p) => p.startsWith("+44 (0)20 "))).toBe(true);
    expect(valid.some((p) => p.startsWith("+61 2 "))).toBe(true);
    expect(valid.some((p) => / 555[- ]/.test(p))).toBe(false);
  });

  it("spreads ratings: low-rated with real review counts, and barely reviewed", () => {
    const lowRated = places.filter((p) => p.rating !== undefined && p.rating < 4 && (p.reviewsCount ?? 0) > 5);
    const barelyReviewed = places.filter((p) => (p.reviewsCount ?? 0) <= 3);
    expect(lowRated.length / places.length).toBeGreaterThanOrEqual(0.05);
    expect(barelyReviewed.length / places.length).toBeGreaterThanOrEqual(0.05);
    expect(places.some((p) => p.reviewsCount === 0 && p.rating === undefined)).toBe(true);
    expect(Math.max(...places.map((p) => p.reviewsCount ?? 0))).toBeGreaterThan(500);
  });

  it("has a few permanently closed businesses", () => {
    expect(places.filter((p) => p.businessStatus === "CLOSED_PERMANENTLY").length).toBeGreaterThanOrEqual(5);
  });

  it("lists some businesses twice under the same place id, within one campaign", () => {
    const pairsWithDuplicates = [...byPair()].filter(([, list]) => new Set(list.map((p) => p.placeId)).size < list.length);
    expect(pairsWithDuplicates.length).toBeGreaterThanOrEqual(3);
    for (const [, list] of pairsWithDuplicates) {
      const { dropped } = dedupeByPlaceOrDomain(list);
      expect(dropped.some((d) => d.reason === "DUPLICATE_PLACE")).toBe(true);
    }
  });

  it("has different places sharing one domain (www vs bare host, different paths), caught by dedupe", () => {
    let found = 0;
    for (const [, list] of byPair()) {
      const groups = new Map<string, DemoPlace[]>();
      for (const place of new Map(list.map((p) => [p.placeId, p])).values()) {
        const domain = canonicalDomain(place.website);
        if (domain) groups.set(domain, [...(groups.get(domain) ?? []), place]);
      }
      for (const [domain, group] of groups) {
        if (group.length < 2) continue;
        found++;
        const hosts = new Set(group.map((p) => new URL(p.website!).hostname));
        const paths = new Set(group.map((p) => new URL(p.website!).pathname));
        expect(hosts, domain).toEqual(new Set([`www.${domain}`, domain]));
        expect(paths.size, domain).toBe(2);
        const { dropped } = dedupeByPlaceOrDomain(list);
        expect(dropped.filter((d) => d.reason === "DUPLICATE_DOMAIN").map((d) => canonicalDomain(d.item.website))).toContain(domain);
      }
    }
    expect(found).toBeGreaterThanOrEqual(3);
  });

  it("has campaigns where several different businesses' website is a facebook.com page, which never dedupe", () => {
    const pairs = [...byPair()].filter(
      ([, list]) => new Set(list.filter((p) => parseWebsite(p.website)?.domain === "facebook.com").map((p) => p.placeId)).size >= 3,
    );
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    for (const [, list] of pairs) {
      const { kept } = dedupeByPlaceOrDomain(list);
      const facebookIds = new Set(list.filter((p) => parseWebsite(p.website)?.domain === "facebook.com").map((p) => p.placeId));
      expect(kept.filter((p) => facebookIds.has(p.placeId)).length).toBe(facebookIds.size);
    }
  });

  it("includes non-ASCII business names", () => {
    const names = places.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["Café Olé", "Zoë's Salon", "Müller Auto"]));
    expect(names.filter((n) => /[^\x00-\x7F]/.test(n)).length).toBeGreaterThanOrEqual(6);
  });

  it("includes the showcase sites the docs name", () => {
    expect(places.find((p) => p.name === "Harborview Dental")?.website).toBe("https://www.harborviewdental.example/");
    expect(places.find((p) => p.name === "Joe's Plumbing")?.website).toBe("http://joesplumbing.example/home");
  });
});
