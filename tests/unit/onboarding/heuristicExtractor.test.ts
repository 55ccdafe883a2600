import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { htmlToMarkdown } from "../../../lib/crawl/markdown";
import type { AgencyPage } from "../../../lib/onboarding/draft";
import { extractAgencyDraft } from "../../../lib/onboarding/heuristicExtractor";
import { DEMO_AGENCY_SITES, routeAgencySite, type DemoAgencySite } from "../../../server/demoWeb/agencySites";

/** The pages onboarding reads of a demo agency site (home first), rendered as the demo web server serves them. */
function demoPages(site: DemoAgencySite): AgencyPage[] {
  const origin = new URL(site.url).origin;
  return ["/", "/contact/", "/services/", "/about/", "/work/"].map((path) => {
    const html = routeAgencySite(site, path).body;
    return { url: `${origin}${path}`, html, markdown: htmlToMarkdown(html).markdown };
  });
}

const bySite = (domain: string) => DEMO_AGENCY_SITES.find((s) => s.domain === domain)!;

describe("heuristic agency extractor on the demo agency sites", () => {
  for (const site of DEMO_AGENCY_SITES) {
    describe(site.name, () => {
      const pages = demoPages(site);
      const urls = new Set(pages.map((p) => p.url));
      const draft = extractAgencyDraft(pages);

      it("drafts the agency's name, city and verticals, each citing a page that was read", () => {
        expect(draft.name?.value).toBe(site.name);
        expect(draft.targetGeography?.value).toBe(`${site.city}, ${site.region}`);
        expect(draft.targetVerticals.map((v) => v.value)).toEqual(expect.arrayContaining(site.verticals));
        for (const item of [draft.name!, draft.targetGeography!, ...draft.targetVerticals]) expect(urls).toContain(item.sourceUrl);
      });

      it("finds every service with the signals it answers, cited from the services page", () => {
        expect(draft.services.map((s) => s.text)).toEqual(site.services.map((s) => s.title));
        const servicesPage = `${new URL(site.url).origin}/services/`;
        for (const service of draft.services) {
          expect(service.sourceUrl, service.text).toBe(servicesPage);
          expect(service.signals.length, service.text).toBeGreaterThan(0);
          // The fuller text of the services page, not the home page's one-line card.
          expect(site.services.find((s) => s.title === service.text)!.detail.startsWith(service.description!.slice(0, 40))).toBe(true);
        }
      });

      it("drafts exactly the signals the site's services answer, each with words quoted from the cited page", () => {
        expect(draft.signals.map((s) => s.signal).sort()).toEqual([...site.expectedSignals].sort());
        for (const signal of draft.signals) {
          const page = pages.find((p) => p.url === signal.sourceUrl)!;
          expect(page.html.toLowerCase()).toContain(signal.evidence.toLowerCase());
        }
      });

      it("drafts one claim per service, in the agency's own words, answering the service's signals", () => {
        expect(draft.claims).toHaveLength(site.services.length);
        expect(draft.claims.map((c) => c.id)).toEqual(site.services.map((_, i) => `claim-${i + 1}`));
        for (const claim of draft.claims) {
          const service = draft.services.find((s) => s.description === claim.text)!;
          expect(service, claim.text).toBeDefined();
          expect(claim.signals).toEqual(service.signals);
          expect(claim.sourceUrl).toBe(service.sourceUrl);
        }
      });
    });
  }

  it("tells the three agencies apart: what each sells maps to different signals", () => {
    const signalsOf = (domain: string) => new Set(extractAgencyDraft(demoPages(bySite(domain))).signals.map((s) => s.signal));
    const design = signalsOf("pixelharborstudio.example");
    const seo = signalsOf("rankwiselocal.example");
    const reputation = signalsOf("fivestarstanding.example");
    expect(design.has("NO_ONLINE_BOOKING") && !design.has("POOR_SEO") && !design.has("LOW_GOOGLE_RATING")).toBe(true);
    expect(seo.has("POOR_SEO") && !seo.has("LOW_GOOGLE_RATING") && !seo.has("MISSING_WEBSITE")).toBe(true);
    expect(reputation.has("LOW_GOOGLE_RATING") && !reputation.has("POOR_SEO") && !reputation.has("NO_ONLINE_BOOKING")).toBe(true);
  });

  it("never reads a testimonial as a service: a client praising its reviews does not make a web studio a reputation firm", () => {
    const site = bySite("pixelharborstudio.example");
    expect(site.testimonials.some((t) => /google reviews/i.test(t.quote))).toBe(true);
    expect(extractAgencyDraft(demoPages(site)).signals.map((s) => s.signal)).not.toContain("LOW_GOOGLE_RATING");
  });
});

describe("heuristic agency extractor on a real agency site's shape (WordPress + page builder)", () => {
  const url = "https://northlightdigital.co/";
  const html = readFileSync(new URL("../../fixtures/agency-sites/northlight-digital-home.html", import.meta.url), "utf8");
  const draft = extractAgencyDraft([{ url, html, markdown: htmlToMarkdown(html).markdown }]);

  it("reads the brand from the page title, the city from the footer address, the industries it lists", () => {
    expect(draft.name).toEqual({ value: "Northlight Digital", sourceUrl: url });
    expect(draft.targetGeography).toEqual({ value: "Denver, CO", sourceUrl: url });
    expect(draft.targetVerticals.map((v) => v.value)).toEqual(expect.arrayContaining(["dentists", "med spas", "law firms"]));
  });

  it("reads the services grid's cards, skipping the one that answers no signal and the testimonials", () => {
    expect(draft.services.map((s) => s.text)).toEqual(["Website Design & Development", "Local SEO", "Reputation Management"]);
    expect(draft.services[0].signals).toEqual(
      expect.arrayContaining(["MISSING_WEBSITE", "WEBSITE_NOT_MOBILE_FRIENDLY", "NO_CALL_TO_ACTION", "NO_ONLINE_BOOKING"]),
    );
    expect(draft.services[1].signals).toEqual(["POOR_SEO"]);
    expect(draft.services[2].signals).toEqual(["LOW_GOOGLE_RATING"]);
    expect(draft.claims.map((c) => c.text)).toEqual([
      "Fast, mobile-friendly websites built on WordPress, with clear calls to action and online booking built in.",
      "Google Business Profile optimization, citations and on-page SEO so you rank in the map pack.",
      "Automated review requests and monitoring that lift your star rating and bury old complaints.",
    ]);
  });

  it("drafts nothing it cannot cite from a page with no services", () => {
    const empty = extractAgencyDraft([{ url, html: "<html><head><title>Coming soon</title></head><body><h1>Coming soon</h1></body></html>", markdown: "" }]);
    expect(empty).toEqual({ name: { value: "Coming soon", sourceUrl: url }, targetVerticals: [], services: [], signals: [], claims: [] });
  });
});

describe("the demo agency websites offered on the setup screen", () => {
  it("are exactly the ones the demo web server serves", async () => {
    const { DEMO_AGENCY_WEBSITES } = await import("../../../lib/onboarding/demoAgencyWebsites");
    expect(DEMO_AGENCY_WEBSITES.map((w) => w.domain)).toEqual(DEMO_AGENCY_SITES.map((s) => s.domain));
  });
});
