import robotsParser from "robots-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoWebServer, startDemoWebServer } from "../../../server/demoWeb/server";
import { type SiteProfile, buildSiteProfiles } from "../../../server/demoWeb/siteProfile";
import { FIXTURE_PLACES } from "./fixturePlaces";
import { getFromDemo } from "./httpClient";

const SPECIALS = {
  "joesplumbing.example": "error500",
  "goldenlotuskitchen.example": "slow",
  "camdenplumbingservices.example": "oversized",
} as const;

// Fixture sites, with the named specials mapped onto fixture domains and short delays.
const sites = buildSiteProfiles(FIXTURE_PLACES, { specials: SPECIALS });
const site = (domain: string): SiteProfile => sites.find((s) => s.domain === domain)!;

let server: DemoWebServer;
beforeAll(async () => {
  server = await startDemoWebServer({ port: 0, sites, slowDelayMs: 1_500, sluggishDelayMs: 0 });
});
afterAll(async () => {
  await server.close();
});

describe("demo web server routing", () => {
  it("serves each site by its Host header, www and bare host alike", async () => {
    const www = await getFromDemo(server.origin, "www.harborviewdental.example", "/");
    const bare = await getFromDemo(server.origin, "harborviewdental.example:4500", "/");
    expect(www.status).toBe(200);
    expect(www.headers["content-type"]).toMatch(/^text\/html/);
    expect(www.body).toContain("Harborview Dental");
    expect(bare.body).toBe(www.body);
  });

  it("only serves .example sites from the dataset: social, missing and real-TLD websites are not sites", () => {
    expect(sites.map((s) => s.domain)).toEqual([
      "camdenplumbingservices.example",
      "evergreendentalgroup.example",
      "goldenlotuskitchen.example",
      "harborviewdental.example",
      "joesplumbing.example",
    ]);
    expect(site("joesplumbing.example").placeIds).toEqual(["p-joes"]);
  });

  it("answers 404 for an unknown host and for an unknown path", async () => {
    const unknownHost = await getFromDemo(server.origin, "www.nosuchbusiness.example", "/");
    expect(unknownHost.status).toBe(404);
    const unknownPath = await getFromDemo(server.origin, "www.harborviewdental.example", "/no-such-page");
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.body).toContain("Page not found");
  });

  it("serves the paths Places listings point at: query strings, /index.html and branch pages", async () => {
    const lotus = await getFromDemo(server.origin, "www.goldenlotuskitchen.example", "/about?utm_source=google", { timeoutMs: 5_000 });
    const lotusAbout = site("goldenlotuskitchen.example").pages.some((p) => p.path.replace(/\/$/, "") === "/about");
    expect(lotus.status).toBe(lotusAbout ? 200 : 404);
    const indexHtml = await getFromDemo(server.origin, "camdenplumbingservices.example", "/index.html");
    expect(indexHtml.status).toBe(200);
    const branch = await getFromDemo(server.origin, "www.evergreendentalgroup.example", "/locations/queen-anne");
    expect(branch.status).toBe(200);
    expect(branch.body).toContain("Evergreen Dental Group – Queen Anne");
    const otherBranch = await getFromDemo(server.origin, "evergreendentalgroup.example", "/ballard");
    expect(otherBranch.body).toContain("Evergreen Dental Group Ballard");
    // The Ballard listing has no usable phone: its page shows the group's number instead of "n/a".
    expect(otherBranch.body).not.toContain("n/a");
  });

  it("redirects crawler requests to the site's scheme (X-Forwarded-Proto) and serves direct requests as they come", async () => {
    const evergreen = site("evergreendentalgroup.example");
    expect(evergreen.https).toBe(true);
    const viaHttp = await getFromDemo(server.origin, "evergreendentalgroup.example", "/ballard", { proto: "http" });
    expect(viaHttp.status).toBe(301);
    expect(viaHttp.headers.location).toBe("https://evergreendentalgroup.example/ballard");
    const viaHttps = await getFromDemo(server.origin, "evergreendentalgroup.example", "/ballard", { proto: "https" });
    expect(viaHttps.status).toBe(200);
  });
});

describe("robots.txt and sitemaps", () => {
  it("publishes a robots.txt the crawler's parser reads, and every sitemap URL is a page the server serves", async () => {
    let checkedSitemaps = 0;
    for (const profile of sites.filter((s) => !s.special)) {
      const host = profile.canonicalHost;
      const origin = `${profile.https ? "https" : "http"}://${host}`;
      const robots = await getFromDemo(server.origin, host, "/robots.txt");
      if (profile.robots === "none") {
        expect(robots.status).toBe(404);
      } else {
        expect(robots.status).toBe(200);
        expect(robots.headers["content-type"]).toMatch(/^text\/plain/);
        const parsed = robotsParser(`${origin}/robots.txt`, robots.body);
        expect(parsed.isAllowed(`${origin}/`, "AtlasOutboundBot")).toBe(true);
        if (profile.privatePath) expect(parsed.isAllowed(`${origin}${profile.privatePath}`, "AtlasOutboundBot")).toBe(false);
      }
      const sitemap = await getFromDemo(server.origin, host, "/sitemap.xml");
      if (profile.sitemap === "none") {
        expect(sitemap.status).toBe(404);
        continue;
      }
      expect(sitemap.status).toBe(200);
      expect(sitemap.body).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<(urlset|sitemapindex) xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/,
      );
      const locs = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      const pageUrls: string[] = [];
      for (const loc of locs) {
        if (profile.sitemap === "index") {
          const child = await getFromDemo(server.origin, host, new URL(loc).pathname);
          expect(child.status).toBe(200);
          pageUrls.push(...[...child.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
        } else {
          pageUrls.push(loc);
        }
      }
      expect(pageUrls.length).toBe(profile.pages.length + 1);
      for (const url of pageUrls) {
        expect(url.startsWith(`${origin}/`)).toBe(true);
        const page = await getFromDemo(server.origin, host, new URL(url).pathname);
        expect(page.status).toBe(200);
      }
      checkedSitemaps++;
    }
    expect(checkedSitemaps).toBeGreaterThan(0);
  });
});

describe("special sites", () => {
  it("error500 answers 500 on every path, robots.txt included", async () => {
    for (const path of ["/", "/home", "/robots.txt", "/sitemap.xml", "/contact"]) {
      const response = await getFromDemo(server.origin, "joesplumbing.example", path);
      expect(response.status).toBe(500);
    }
  });

  it("slow holds the home page back for the configured delay while inner pages answer at once", async () => {
    const lotus = site("goldenlotuskitchen.example");
    // A client that gives up before the delay gets nothing...
    await expect(getFromDemo(server.origin, lotus.canonicalHost, "/", { timeoutMs: 200 })).rejects.toThrow();
    // ...one that waits gets the page, and inner pages are not delayed.
    const home = await getFromDemo(server.origin, lotus.canonicalHost, "/", { timeoutMs: 10_000 });
    expect(home.status).toBe(200);
    const inner = await getFromDemo(server.origin, lotus.canonicalHost, lotus.pages[0].path, { timeoutMs: 1_000 });
    expect(inner.status).toBe(200);
  });

  it("oversized sends a home page over 2 MB with an honest Content-Length", async () => {
    const response = await getFromDemo(server.origin, "camdenplumbingservices.example", "/");
    expect(response.bytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(Number(response.headers["content-length"])).toBe(response.bytes);
    expect(response.body.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("redirectLoop bounces an inner page between two URLs forever", async () => {
    const loopSites = buildSiteProfiles(FIXTURE_PLACES, { specials: { "harborviewdental.example": "redirectLoop" } });
    const loopServer = await startDemoWebServer({ sites: loopSites });
    try {
      const profile = loopSites.find((s) => s.domain === "harborviewdental.example")!;
      const home = await getFromDemo(loopServer.origin, profile.canonicalHost, "/");
      expect(home.body).toContain(`${profile.redirectLoopPath}"`);
      let path = profile.redirectLoopPath!;
      const seen: string[] = [];
      for (let hop = 0; hop < 6; hop++) {
        const response = await getFromDemo(loopServer.origin, profile.canonicalHost, path);
        expect(response.status).toBe(301);
        seen.push(path);
        path = response.headers.location!;
      }
      expect(new Set(seen)).toEqual(new Set(["/specials", "/specials/"]));
    } finally {
      await loopServer.close();
    }
  });
});
