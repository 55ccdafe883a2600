import type { DeepSignal } from "../../lib/signals";
import type { DemoPlacesFile } from "./demoSites";
import {
  DEFAULT_REFERENCE_YEAR,
  type SiteProfile,
  type SiteProfileOptions,
  type SpecialBehaviour,
  buildSiteProfiles,
  siteHasCallToAction,
  siteHasHttps,
} from "./siteProfile";

/** Lighthouse's p10 page weight: heavier than this is "heavy". */
export const HEAVY_PAGE_BYTES = 2_667 * 1024;
export const SLOW_PAGE_MS = 3_000;
/** Copyright this many years before the audit year (or more) is outdated. */
export const OUTDATED_COPYRIGHT_YEARS = 3;

export interface ExpectedSite {
  domain: string;
  /** The Places website of the first place listing the site. */
  website: string;
  placeIds: string[];
  expected: Record<DeepSignal, boolean>;
  email?: string;
  special?: SpecialBehaviour;
  /** How the site was built, for reading a scorer's misses (e.g. "email:cloudflare", "mixed-content"). */
  traits: string[];
}

/** The SEO gaps a site was built with (POOR_SEO needs at least two). */
export function seoGaps(profile: SiteProfile): string[] {
  const gaps: string[] = [];
  if (profile.seo.title !== "present") gaps.push("title");
  if (!profile.seo.metaDescription) gaps.push("metaDescription");
  if (!profile.seo.h1) gaps.push("h1");
  if (!profile.seo.localBusinessJsonLd) gaps.push("localBusinessJsonLd");
  return gaps;
}

/**
 * What the auditor should find on a site: derived from what it was built to have,
 * never from parsing the HTML (tests check the HTML agrees).
 */
export function expectedFindings(profile: SiteProfile): ExpectedSite {
  const copyrightYear = profile.copyright?.year;
  const expected: Record<DeepSignal, boolean> = {
    WEBSITE_NOT_MOBILE_FRIENDLY: !profile.viewport || profile.fixedWidthLayout,
    NO_CALL_TO_ACTION: !siteHasCallToAction(profile),
    NO_SSL: !siteHasHttps(profile),
    // http:// subresources on an https page are their own finding (lib/audit/checks/mixedContent.ts).
    MIXED_CONTENT: siteHasHttps(profile) && profile.mixedContent,
    POOR_SEO: seoGaps(profile).length >= 2,
    NO_CONTACT_EMAIL: profile.email === undefined,
    NO_ONLINE_BOOKING: profile.booking === "none",
    OUTDATED_WEBSITE: profile.obsoleteMarkup || (copyrightYear !== undefined && copyrightYear <= profile.referenceYear - OUTDATED_COPYRIGHT_YEARS),
    SLOW_OR_HEAVY_PAGE: profile.sluggishHome || profile.heavyHome || profile.special === "slow" || profile.special === "oversized",
    // error500 sites answer 500 everywhere and slow sites time out on the home page: the website does not answer.
    WEBSITE_DOWN: profile.special === "error500" || profile.special === "slow",
  };
  return {
    domain: profile.domain,
    website: profile.website,
    placeIds: [...profile.placeIds],
    expected,
    ...(profile.email ? { email: profile.email.address } : {}),
    ...(profile.special ? { special: profile.special } : {}),
    traits: siteTraits(profile),
  };
}

export function siteTraits(profile: SiteProfile): string[] {
  const traits: string[] = [`style:${profile.style}`];
  if (!profile.viewport) traits.push("no-viewport");
  if (profile.fixedWidthLayout) traits.push("fixed-width");
  if (profile.https && (profile.scheme === "http" || profile.entries.some((e) => e.scheme === "http"))) traits.push("http-redirects-to-https");
  if (profile.mixedContent) traits.push("mixed-content");
  const { telLink, quoteButton, homeForm } = profile.callToAction;
  if (telLink) traits.push("cta:tel");
  if (quoteButton) traits.push("cta:button");
  if (homeForm) traits.push("cta:form");
  if (profile.booking !== "none") traits.push(`booking:${profile.booking}`);
  if (profile.email)
    traits.push(`email:${profile.email.encoding}`, `email-on:${profile.email.pages.join("+")}`, ...(profile.email.inJsonLd ? ["email:json-ld"] : []));
  const decoys = Object.entries(profile.emailDecoys)
    .filter(([, on]) => on)
    .map(([name]) => name);
  if (decoys.length > 0) traits.push(`email-decoys:${decoys.join("+")}`);
  const gaps = seoGaps(profile);
  if (gaps.length > 0) traits.push(`seo-missing:${gaps.join("+")}`);
  if (profile.seo.title === "empty") traits.push("empty-title");
  if (profile.copyright) traits.push(`copyright:${profile.copyright.startYear ? `${profile.copyright.startYear}-` : ""}${profile.copyright.year}`);
  else traits.push("no-copyright");
  if (profile.obsoleteMarkup) traits.push("obsolete-markup");
  if (profile.sitemap !== "none") traits.push(`sitemap:${profile.sitemap}`);
  if (profile.robots !== "none") traits.push(`robots:${profile.robots}`);
  if (profile.brokenLinks.length > 0) traits.push(`broken-links:${profile.brokenLinks.length}`);
  if (profile.pages.some((p) => p.kind === "blog")) traits.push("blog");
  if (profile.sluggishHome) traits.push("sluggish-home");
  if (profile.heavyHome) traits.push("heavy-home");
  return traits;
}

export interface ExpectedSitesFile {
  referenceYear: number;
  notes: string[];
  sites: ExpectedSite[];
}

export const EXPECTED_FILE_NOTES = [
  "Generated by scripts/generate-demo-sites-expected.ts from data/demo-places.json; do not edit by hand.",
  "expected: what each site was built to have. SLOW_OR_HEAVY_PAGE assumes the demo server's default delays (sluggish home 4 s, slow special 12 s) and no injected latency.",
  "special error500 sites answer 500 on every path (robots.txt included): nothing can be audited there.",
  "special slow sites time out under the crawler's 10 s default on the home page; inner pages are fast.",
  "NO_SSL: true when the site stays on http:// (no redirect to https://). MIXED_CONTENT: an https site whose pages load http:// scripts/images (trait mixed-content).",
  "WEBSITE_DOWN: special error500 sites (every path answers 500) and slow sites (the home page times out).",
];

/** The whole answer key for a demo Places file. */
export function buildExpectedSitesFile(file: Pick<DemoPlacesFile, "places" | "verticals">, options: SiteProfileOptions = {}): ExpectedSitesFile {
  return {
    referenceYear: options.referenceYear ?? DEFAULT_REFERENCE_YEAR,
    notes: EXPECTED_FILE_NOTES,
    sites: buildSiteProfiles(file, options).map(expectedFindings),
  };
}
