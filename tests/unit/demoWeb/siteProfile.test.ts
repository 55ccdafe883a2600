import { describe, expect, it } from "vitest";
import { collectDemoSites, siteKeyForHost } from "../../../server/demoWeb/demoSites";
import { renderPage, renderSitemaps } from "../../../server/demoWeb/render";
import { buildSiteProfiles } from "../../../server/demoWeb/siteProfile";
import { startDemoWebServer } from "../../../server/demoWeb/server";
import { FIXTURE_PLACES } from "./fixturePlaces";
import { getFromDemo } from "./httpClient";

describe("demo site profiles", () => {
  it("treats www, bare, upper-case and port-suffixed hosts as one site", () => {
    expect(siteKeyForHost("WWW.HarborviewDental.example:4500")).toBe("harborviewdental.example");
    expect(siteKeyForHost("harborviewdental.example.")).toBe("harborviewdental.example");
  });

  it("groups branch listings of one brand under one site, https when any listing is https", () => {
    const evergreen = collectDemoSites(FIXTURE_PLACES).find((s) => s.domain === "evergreendentalgroup.example")!;
    expect(evergreen.placeIds).toEqual(["p-ever-qa", "p-ever-bal"]);
    expect(evergreen.scheme).toBe("https");
    expect(evergreen.entries.map((e) => [e.path, e.scheme])).toEqual([
      ["/locations/queen-anne", "https"],
      ["/ballard", "http"],
    ]);
  });

  it("is deterministic: the same dataset gives the same profiles and byte-identical pages", () => {
    const first = buildSiteProfiles(FIXTURE_PLACES);
    const second = buildSiteProfiles(structuredClone(FIXTURE_PLACES));
    expect(second).toEqual(first);
    for (const profile of first) {
      expect(
        renderPage(
          second.find((p) => p.domain === profile.domain)!,
          "home",
        ),
      ).toBe(renderPage(profile, "home"));
      for (const page of profile.pages) expect(renderPage(profile, page)).toBe(renderPage(profile, page));
      expect(renderSitemaps(profile)).toEqual(renderSitemaps(profile));
    }
  });

  it("gives every site a home page and 2–8 inner pages with distinct paths", () => {
    for (const profile of buildSiteProfiles(FIXTURE_PLACES)) {
      expect(profile.pages.length).toBeGreaterThanOrEqual(2);
      expect(profile.pages.length).toBeLessThanOrEqual(8);
      expect(new Set(profile.pages.map((p) => p.path)).size).toBe(profile.pages.length);
      expect(profile.pages.some((p) => p.kind === "contact" || p.kind === "about")).toBe(true);
    }
  });

  it("keeps copyright years relative to the reference year", () => {
    const now = buildSiteProfiles(FIXTURE_PLACES, { referenceYear: 2026 });
    const later = buildSiteProfiles(FIXTURE_PLACES, { referenceYear: 2030 });
    for (const [i, profile] of now.entries()) {
      if (profile.copyright) expect(later[i].copyright?.year).toBe(profile.copyright.year + 4);
    }
  });
});

describe("injected latency", () => {
  it("delays every response by latencyMs", async () => {
    const sites = buildSiteProfiles(FIXTURE_PLACES, { specials: {} });
    const server = await startDemoWebServer({ sites, latencyMs: 1_000, sluggishDelayMs: 0 });
    try {
      const harbor = sites.find((s) => s.domain === "harborviewdental.example")!;
      await expect(getFromDemo(server.origin, harbor.canonicalHost, "/robots.txt", { timeoutMs: 150 })).rejects.toThrow();
      const answered = await getFromDemo(server.origin, harbor.canonicalHost, "/robots.txt", { timeoutMs: 10_000 });
      expect([200, 404]).toContain(answered.status);
    } finally {
      await server.close();
    }
  });
});
