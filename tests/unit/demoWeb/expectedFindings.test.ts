import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Element } from "domhandler";
import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { DEMO_PLACES_PATH, loadDemoPlacesFile } from "../../../server/demoWeb/demoSites";
import { type ExpectedSite, buildExpectedSitesFile, expectedFindings } from "../../../server/demoWeb/expectedFindings";
import { DemoWebRouter } from "../../../server/demoWeb/server";
import { SPECIAL_SITES, type SiteProfile, buildSiteProfiles } from "../../../server/demoWeb/siteProfile";
import { DEEP_SIGNALS } from "../../../lib/signals";

const EXPECTED_PATH = new URL("../../../data/demo-sites-expected.json", import.meta.url);

const dataset = loadDemoPlacesFile(DEMO_PLACES_PATH);
const profiles = buildSiteProfiles(dataset);
const expectedByDomain = new Map(profiles.map((p) => [p.domain, expectedFindings(p)]));
const router = new DemoWebRouter(profiles, { slowDelayMs: 12_000, sluggishDelayMs: 4_000 });

/** What a reader of the HTML sees (our own small parser, independent of lib/audit). */
function readPage(html: string) {
  const doc = parseDocument(html);
  const all = (tag: string) => DomUtils.getElementsByTagName(tag, doc.children, true) as Element[];
  const meta = (name: string) => all("meta").find((m) => m.attribs.name?.toLowerCase() === name)?.attribs.content;
  const links = all("a").map((a) => ({ href: a.attribs.href ?? "", text: DomUtils.textContent(a).trim() }));
  const title = all("title")[0];
  return {
    html,
    viewport: meta("viewport"),
    title: title ? DomUtils.textContent(title).trim() : undefined,
    description: meta("description"),
    h1Count: all("h1").length,
    jsonLd: all("script")
      .filter((s) => s.attribs.type === "application/ld+json")
      .map((s) => JSON.parse(DomUtils.textContent(s)) as Record<string, unknown>),
    links,
    forms: all("form").filter((f) => !/search|newsletter/.test(`${f.attribs.class ?? ""} ${f.attribs.role ?? ""}`)),
    iframes: all("iframe").map((f) => f.attribs.src ?? ""),
    text: DomUtils.textContent(doc),
    hasObsoleteMarkup: all("font").length > 0 || all("table").length > 0 || all("center").length > 0,
  };
}

const CTA_WORDS = /\b(call|book|schedule|quote|estimate|reserve|contact us|get in touch|request an? |callback)\b/i;
const BOOKING_HOSTS = /calendly\.com|acuityscheduling\.com/;

function decodeCloudflare(hex: string): string {
  const key = Number.parseInt(hex.slice(0, 2), 16);
  let out = "";
  for (let i = 2; i < hex.length; i += 2) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16) ^ key);
  return out;
}

/** Addresses written in any of the demo sites' ways, decoys ignored. */
function emailsIn(html: string): string[] {
  const found = new Set<string>();
  const text = html
    .replace(/&#64;/g, "@")
    .replace(/\s\[at\]\s/g, "@")
    .replace(/\s\[dot\]\s/g, ".")
    .replace(/%40/g, "@");
  for (const m of text.matchAll(/[a-z0-9._-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi)) {
    const address = m[0].toLowerCase();
    if (/\.(png|jpg)$/.test(address) || address.includes("sentry.io") || address === "your@email.com") continue;
    found.add(address);
  }
  for (const m of html.matchAll(/data-cfemail="([0-9a-f]+)"|email-protection#([0-9a-f]+)/g)) found.add(decodeCloudflare(m[1] ?? m[2]));
  return [...found];
}

function get(profile: SiteProfile, path: string, proto?: "http" | "https") {
  return router.route("GET", profile.canonicalHost, path, proto);
}
function html(profile: SiteProfile, path: string): string {
  const reply = get(profile, path);
  expect(reply.status, `${profile.domain}${path}`).toBe(200);
  return reply.body.toString();
}

// Every 7th site plus every special: a broad, fixed sample.
const sample = profiles.filter((p, i) => i % 7 === 0 || p.special !== undefined);

describe("data/demo-sites-expected.json", () => {
  it("is up to date with data/demo-places.json (rerun scripts/generate-demo-sites-expected.ts)", () => {
    expect(existsSync(EXPECTED_PATH)).toBe(true);
    const onDisk = JSON.parse(readFileSync(fileURLToPath(EXPECTED_PATH), "utf8"));
    expect(onDisk).toEqual(buildExpectedSitesFile(dataset, { referenceYear: 2026 }));
  });

  it("has one entry per .example website with every place that lists it", () => {
    const listed = dataset.places.filter((p) => p.website?.includes(".example"));
    const covered = new Set(profiles.flatMap((p) => p.placeIds));
    for (const place of listed) expect(covered.has(place.placeId), place.placeId).toBe(true);
    expect(new Set(profiles.map((p) => p.domain)).size).toBe(profiles.length);
  });

  it("names special sites that exist in the dataset, one of each kind", () => {
    const specials = profiles.filter((p) => p.special).map((p) => [p.domain, p.special]);
    expect(Object.fromEntries(specials)).toEqual(SPECIAL_SITES);
    expect(new Set(Object.values(SPECIAL_SITES))).toEqual(new Set(["slow", "error500", "oversized", "redirectLoop"]));
  });

  it("gives every deep signal and every site quality both true and false cases (15%–85% of sites)", () => {
    const rate = (predicate: (p: SiteProfile, e: ExpectedSite) => boolean) =>
      profiles.filter((p) => predicate(p, expectedByDomain.get(p.domain)!)).length / profiles.length;
    // WEBSITE_DOWN is a failure mode of the special sites only, not a quality spread over the dataset.
    const qualities: Record<string, number> = Object.fromEntries(
      DEEP_SIGNALS.filter((s) => s !== "WEBSITE_DOWN").map((signal) => [signal, rate((_, e) => e.expected[signal])]),
    );
    Object.assign(qualities, {
      "no viewport": rate((p) => !p.viewport),
      "fixed-width layout": rate((p) => p.fixedWidthLayout),
      "mixed content": rate((p) => p.mixedContent),
      "obfuscated email ([at], entities, Cloudflare)": rate((p) => p.email !== undefined && ["atDot", "entities", "cloudflare"].includes(p.email.encoding)),
      "mailto email": rate((p) => p.email !== undefined && ["mailto", "mailtoEncoded"].includes(p.email.encoding)),
      sitemap: rate((p) => p.sitemap !== "none"),
      "robots.txt disallowing a path": rate((p) => p.privatePath !== undefined),
      blog: rate((p) => p.pages.some((page) => page.kind === "blog")),
      "legal pages": rate((p) => p.pages.some((page) => page.kind === "privacy")),
      "broken links": rate((p) => p.brokenLinks.length > 0),
      "old copyright": rate((p) => p.copyright !== undefined && p.copyright.year <= p.referenceYear - 3),
      "table/font markup": rate((p) => p.obsoleteMarkup),
      "booking widget (calendly/acuity)": rate((p) => p.booking === "calendly" || p.booking === "acuity"),
      "LocalBusiness JSON-LD": rate((p) => p.seo.localBusinessJsonLd),
      "meta description": rate((p) => p.seo.metaDescription),
      "title missing or empty": rate((p) => p.seo.title !== "present"),
      "no h1": rate((p) => !p.seo.h1),
    });
    for (const [quality, share] of Object.entries(qualities)) {
      expect(share, quality).toBeGreaterThanOrEqual(0.15);
      expect(share, quality).toBeLessThanOrEqual(0.85);
    }
    expect(profiles.filter((p) => p.sitemap === "index").length).toBeGreaterThan(10);
  });
});

describe("rendered HTML agrees with the expected findings", () => {
  const auditable = sample.filter((p) => p.special !== "error500");

  it.each(auditable.map((p) => [p.domain, p] as const))("%s", (_domain, profile) => {
    const expected = expectedByDomain.get(profile.domain)!.expected;
    const home = readPage(html(profile, "/"));
    const pageHtml = (kind: string) => {
      const page = profile.pages.find((p) => p.kind === kind);
      return page ? html(profile, page.path) : "";
    };

    // Mobile: no viewport meta (or a fixed-width wrapper) exactly when expected.
    expect(home.viewport === undefined || /width:\s*9\d\dpx|width="7\d\d"/.test(home.html)).toBe(expected.WEBSITE_NOT_MOBILE_FRIENDLY);
    if (expected.WEBSITE_NOT_MOBILE_FRIENDLY) expect(home.viewport).toBeUndefined();
    else expect(home.viewport).toBe("width=device-width, initial-scale=1");

    // Call to action on the home page.
    const hasCta =
      home.links.some((l) => l.href.startsWith("tel:") || CTA_WORDS.test(l.text) || BOOKING_HOSTS.test(l.href)) ||
      home.forms.length > 0 ||
      home.iframes.some((src) => BOOKING_HOSTS.test(src));
    expect(hasCta).toBe(!expected.NO_CALL_TO_ACTION);

    // HTTPS as the crawler sees it: http:// requests upgraded to https://, and no http:// scripts or images.
    const viaHttp = get(profile, "/", "http");
    const upgraded = viaHttp.status === 301 && viaHttp.headers?.location?.startsWith("https://") === true;
    if (!upgraded) expect(get(profile, "/", "https").headers?.location).toMatch(/^http:\/\//);
    const mixedContent = /<(?:img|script)[^>]+src="http:\/\//.test(home.html);
    expect(mixedContent).toBe(profile.mixedContent);
    expect(!upgraded).toBe(expected.NO_SSL);
    expect(upgraded && mixedContent).toBe(expected.MIXED_CONTENT);

    // SEO: at least two of title, meta description, h1, LocalBusiness JSON-LD missing.
    const gaps = [!home.title, !home.description, home.h1Count === 0, home.jsonLd.length === 0].filter(Boolean).length;
    expect(gaps >= 2).toBe(expected.POOR_SEO);

    // Contact email on home, contact or about; never elsewhere when the site has none.
    const emailPages = [home.html, pageHtml("contact"), pageHtml("about")];
    const found = emailPages.flatMap(emailsIn);
    if (expected.NO_CONTACT_EMAIL) expect(found).toEqual([]);
    else expect(found).toContain(expectedByDomain.get(profile.domain)!.email);

    // Online booking: a booking widget link or an own booking page linked from home.
    const bookingPage = profile.pages.find((p) => p.kind === "booking");
    const hasBooking = home.links.some((l) => BOOKING_HOSTS.test(l.href) || (bookingPage !== undefined && l.href.endsWith(bookingPage.path)));
    expect(hasBooking).toBe(!expected.NO_ONLINE_BOOKING);
    if (bookingPage) expect(pageHtml("booking")).toMatch(/<form class="booking-form"/);

    // Outdated: copyright ≥ 3 years before 2026 or table/font markup.
    const years = [...home.text.matchAll(/Copyright © (?:\d{4}–)?(\d{4})/g)].map((m) => Number(m[1]));
    expect(years.length).toBeLessThanOrEqual(1);
    expect(home.hasObsoleteMarkup || (years[0] !== undefined && years[0] <= 2023)).toBe(expected.OUTDATED_WEBSITE);

    // Slow or heavy: over 2,667 KiB, or delayed past 3 s.
    const reply = get(profile, "/");
    expect(Buffer.byteLength(reply.body) > 2_667 * 1024 || (reply.delayMs ?? 0) > 3_000).toBe(expected.SLOW_OR_HEAVY_PAGE);
  });
});
