import { type DemoBusiness, type DemoPlacesFile, type DemoSite, type DemoSiteEntry, collectDemoSites } from "./demoSites";
import { domainInt, domainPick, domainRoll } from "./domainHash";
import { displayPhone } from "./phoneDisplay";
import { copyForVertical } from "./verticalCopy";

/**
 * What each demo website was built to have. Every quality is rolled from a hash
 * of the domain (domainHash.ts), so the same dataset always yields the same sites,
 * and the auditor has true and false cases of every deep signal.
 *
 * HTTPS model (checked against lib/crawl/safeFetch.ts): the crawler connects to the
 * demo origin over plain http, keeps the requested URL (and its scheme) as finalUrl,
 * sends `Host` and `X-Forwarded-Proto: <requested scheme>`, follows redirects itself
 * (max 5), caps bodies at 2 MiB while reporting the declared Content-Length, and times
 * out after 10 s. So a site "has HTTPS" when the Places website is https://, or when it
 * answers http:// requests with a 301 to the https:// URL (redirectedToHttps). Requests
 * without X-Forwarded-Proto (a browser, a test) are served as they come.
 */

/** Audit reference year: copyright years are chosen relative to it. */
export const DEFAULT_REFERENCE_YEAR = 2026;

export type SiteStyle = "modern" | "wordpress" | "legacy";
export type SpecialBehaviour = "slow" | "error500" | "oversized" | "redirectLoop";
/** How the contact address is written in the HTML. */
export type EmailEncoding = "plain" | "mailto" | "mailtoEncoded" | "atDot" | "entities" | "cloudflare";
export type BookingKind = "none" | "calendly" | "acuity" | "page";
export type SitemapKind = "none" | "urlset" | "index";
export type RobotsKind = "none" | "allowAll" | "disallowPrivate";
export type PageKind = "home" | "services" | "about" | "contact" | "booking" | "pricing" | "team" | "blog" | "blogPost" | "privacy" | "terms";
/** Pages the crawler reads contact details from. */
export type EmailPage = "home" | "contact" | "about";

export interface SitePage {
  kind: PageKind;
  /** Path as linked (legacy sites use .html, WordPress sites a trailing slash). */
  path: string;
  title: string;
  navLabel: string;
  /** Blog posts: index into the vertical's blog topics. */
  postIndex?: number;
  /** Blog posts: publication date (YYYY-MM-DD). */
  date?: string;
}

export interface SiteProfile extends DemoSite {
  style: SiteStyle;
  /** `<meta name="viewport" content="width=device-width, initial-scale=1">` on every page. */
  viewport: boolean;
  /** A ≥ 760 px fixed-width wrapper (always with no viewport). */
  fixedWidthLayout: boolean;
  /**
   * The site is served over https: its canonical links are https:// and http:// requests
   * get a 301 to https://. True when any listing is https://, and for some http:// listings.
   */
  https: boolean;
  /** https site that loads http:// images/scripts. */
  mixedContent: boolean;
  callToAction: { telLink: boolean; quoteButton: boolean; homeForm: boolean };
  booking: BookingKind;
  email?: { address: string; encoding: EmailEncoding; pages: EmailPage[]; inJsonLd: boolean };
  /** Things that look like emails and are not (logo@2x.png, a Sentry DSN, a "your@email.com" placeholder). */
  emailDecoys: { retinaImage: boolean; sentryDsn: boolean; placeholderInput: boolean };
  seo: { title: "present" | "missing" | "empty"; metaDescription: boolean; h1: boolean; localBusinessJsonLd: boolean };
  sitemap: SitemapKind;
  robots: RobotsKind;
  /** robots.txt names the sitemap. */
  robotsListsSitemap: boolean;
  /** The path robots.txt disallows (linked from the footer, served, never to be crawled). */
  privatePath?: string;
  /** Inner pages (home excluded), nav order. */
  pages: SitePage[];
  /** Linked paths that answer 404. */
  brokenLinks: string[];
  /** Copyright line in the footer; startYear makes a range ("© 2012–2025"). */
  copyright?: { year: number; startYear?: number };
  /** `<table>` layout, `<font>`, `<center>`. */
  obsoleteMarkup: boolean;
  /** WordPress generator version in `<meta name="generator">`. */
  wordpressVersion?: string;
  /** Home page answers after the server's sluggish delay (default 4 s). */
  sluggishHome: boolean;
  /** Home page weighs more than 2,667 KiB (inline images). */
  heavyHome: boolean;
  special?: SpecialBehaviour;
  /** redirectLoop sites: the inner page that redirects to itself (via a trailing-slash variant). */
  redirectLoopPath?: string;
  referenceYear: number;
}

/**
 * The named special sites of data/demo-places.json (chosen from the dataset by hand;
 * tests fail if the dataset drops one). Each exercises one crawler failure path.
 */
export const SPECIAL_SITES: Readonly<Record<string, SpecialBehaviour>> = {
  // Seattle dentists is the default demo campaign: one failing site shows "one bad website never fails the run".
  "lakesidedentalstudio.example": "error500",
  "capitolhillmotorworks.example": "slow",
  "alvarezroofing.example": "oversized",
  "brightplumbingco.example": "redirectLoop",
};

export const HEAVY_HOME_BYTES = 3_000_000;
export const OVERSIZED_HOME_BYTES = 5_500_000;

function slugFromName(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "")
      .slice(0, 24) || "studio"
  );
}

function pagePath(style: SiteStyle, slug: string): string {
  if (style === "legacy") return `/${slug.replace(/\//g, "-")}.html`;
  if (style === "wordpress") return `/${slug}/`;
  return `/${slug}`;
}

function innerPages(domain: string, style: SiteStyle, booking: BookingKind, business: DemoBusiness, referenceYear: number): SitePage[] {
  const roll = (facet: string) => domainRoll(domain, facet);
  const aboutSlug =
    style === "legacy"
      ? "about"
      : domainPick(domain, "aboutSlug", [
          ["about", 1],
          ["about-us", 1],
        ]);
  const contactSlug =
    style === "legacy"
      ? "contact"
      : domainPick(domain, "contactSlug", [
          ["contact", 1],
          ["contact-us", 1],
        ]);
  const pages: SitePage[] = [{ kind: "services", path: pagePath(style, "services"), title: "Services", navLabel: "Services" }];
  const hasAbout = roll("hasAbout") < 0.8;
  // Every site has at least two inner pages: services plus about or contact.
  const hasContact = !hasAbout || roll("hasContact") < 0.85;
  if (hasAbout) pages.push({ kind: "about", path: pagePath(style, aboutSlug), title: "About Us", navLabel: "About" });
  if (roll("hasTeam") < 0.3 && style !== "legacy")
    pages.push({ kind: "team", path: pagePath(style, "our-team"), title: "Meet the Team", navLabel: "Our Team" });
  if (roll("hasPricing") < 0.3) pages.push({ kind: "pricing", path: pagePath(style, "pricing"), title: "Pricing", navLabel: "Pricing" });
  if (booking === "page")
    pages.push({
      kind: "booking",
      path: pagePath(
        style,
        domainPick(domain, "bookSlug", [
          ["book-online", 1],
          ["appointments", 1],
          ["book", 1],
        ]),
      ),
      title: "Book Online",
      navLabel: "Book Online",
    });
  if (style !== "legacy" && roll("hasBlog") < 0.4) {
    pages.push({ kind: "blog", path: pagePath(style, "blog"), title: "Blog", navLabel: "Blog" });
    const posts = domainInt(domain, "postCount", 1, 3);
    const topics = copyForVertical(business.vertical, business.verticalLabel).blogTopics;
    for (let i = 0; i < posts; i++) {
      const month = domainInt(domain, `postMonth${i}`, 1, 12);
      const year = referenceYear - 1 - i;
      pages.push({
        kind: "blogPost",
        path: style === "wordpress" ? `/${year}/${String(month).padStart(2, "0")}/post-${i + 1}/` : `/blog/post-${i + 1}`,
        title: topics[i % topics.length],
        navLabel: "",
        postIndex: i,
        date: `${year}-${String(month).padStart(2, "0")}-${String(domainInt(domain, `postDay${i}`, 1, 28)).padStart(2, "0")}`,
      });
    }
  }
  if (hasContact) pages.push({ kind: "contact", path: pagePath(style, contactSlug), title: "Contact", navLabel: "Contact" });
  if (roll("hasPrivacy") < 0.5) {
    pages.push({ kind: "privacy", path: pagePath(style, "privacy-policy"), title: "Privacy Policy", navLabel: "Privacy Policy" });
    if (roll("hasTerms") < 0.5) pages.push({ kind: "terms", path: pagePath(style, "terms"), title: "Terms of Service", navLabel: "Terms" });
  }
  // At most 8 inner pages: drop optional pages from the end of this list first.
  const droppable: PageKind[] = ["terms", "blogPost", "team", "pricing", "privacy"];
  for (const kind of droppable) {
    while (pages.length > 8) {
      const index = pages.map((p) => p.kind).lastIndexOf(kind);
      if (index < 0) break;
      pages.splice(index, 1);
    }
  }
  return pages;
}

function emailFor(domain: string, business: DemoBusiness): string {
  const local = domainPick(domain, "emailLocal", [
    ["info", 4],
    ["contact", 2],
    ["office", 2],
    ["hello", 2],
    ["frontdesk", 1],
    ["appointments", 1],
    [slugFromName(business.name).slice(0, 12), 1],
  ]);
  return `${local}@${domain}`;
}

/** Build the profile of one demo site. `specials` maps domains to their special behaviour. */
export function buildSiteProfile(site: DemoSite, options: SiteProfileOptions = {}): SiteProfile {
  const referenceYear = options.referenceYear ?? DEFAULT_REFERENCE_YEAR;
  const specials = options.specials ?? SPECIAL_SITES;
  const { domain } = site;
  const roll = (facet: string) => domainRoll(domain, facet);

  const style = domainPick<SiteStyle>(domain, "style", [
    ["modern", 0.42],
    ["wordpress", 0.4],
    ["legacy", 0.18],
  ]);
  const legacy = style === "legacy";
  const viewport = !legacy && roll("viewport") < 0.75;
  const fixedWidthLayout = !viewport && (legacy || roll("fixedWidth") < 0.5);
  const https = site.scheme === "https" || (!legacy && roll("upgradesToHttps") < 0.15);
  const mixedContent = https && roll("mixedContent") < 0.3;

  const booking: BookingKind = legacy
    ? domainPick(domain, "booking", [
        ["none", 0.9],
        ["page", 0.1],
      ])
    : domainPick(domain, "booking", [
        ["none", 0.55],
        ["calendly", 0.15],
        ["acuity", 0.1],
        ["page", 0.2],
      ]);
  // A click-to-call link needs a number to call.
  const hasPhone = displayPhone(site.business.phone) !== undefined;
  const callToAction = legacy
    ? { telLink: hasPhone && roll("ctaTel") < 0.2, quoteButton: false, homeForm: false }
    : { telLink: hasPhone && roll("ctaTel") < 0.45, quoteButton: roll("ctaQuote") < 0.3, homeForm: roll("ctaForm") < 0.2 };

  const pages = innerPages(domain, style, booking, site.business, referenceYear);
  const has = (kind: PageKind) => pages.some((p) => p.kind === kind);

  let email: SiteProfile["email"];
  if (roll("hasEmail") < 0.6) {
    const candidates: EmailPage[] = ["home", ...(has("contact") ? (["contact"] as const) : []), ...(has("about") ? (["about"] as const) : [])];
    const chosen = candidates.filter((page) => roll(`emailOn:${page}`) < (page === "contact" ? 0.75 : 0.4));
    const emailPages = chosen.length > 0 ? chosen : [candidates[domainInt(domain, "emailFallbackPage", 0, candidates.length - 1)]];
    email = {
      address: emailFor(domain, site.business),
      encoding: domainPick<EmailEncoding>(domain, "emailEncoding", [
        ["plain", 1],
        ["mailto", 1.5],
        ["mailtoEncoded", 0.7],
        ["atDot", 0.8],
        ["entities", 0.5],
        ["cloudflare", 0.8],
      ]),
      pages: emailPages,
      inJsonLd: false,
    };
  }

  const seo: SiteProfile["seo"] = {
    title: domainPick(domain, "seoTitle", [
      ["present", 0.84],
      ["missing", 0.08],
      ["empty", 0.08],
    ]),
    metaDescription: roll("seoMeta") < (legacy ? 0.2 : 0.55),
    h1: roll("seoH1") < (legacy ? 0.4 : 0.8),
    localBusinessJsonLd: !legacy && roll("seoJsonLd") < 0.4,
  };
  if (email && seo.localBusinessJsonLd && roll("emailInJsonLd") < 0.5) {
    // JSON-LD sits on the home page, so the address is then published there too.
    email.inJsonLd = true;
    if (!email.pages.includes("home")) email.pages.unshift("home");
  }

  const sitemap: SitemapKind = legacy
    ? domainPick(domain, "sitemap", [
        ["none", 0.8],
        ["urlset", 0.2],
      ])
    : style === "wordpress"
      ? domainPick(domain, "sitemap", [
          ["none", 0.25],
          ["urlset", 0.3],
          ["index", 0.45],
        ])
      : domainPick(domain, "sitemap", [
          ["none", 0.35],
          ["urlset", 0.65],
        ]);
  const robots = domainPick<RobotsKind>(domain, "robots", [
    ["none", 0.3],
    ["allowAll", 0.4],
    ["disallowPrivate", 0.3],
  ]);
  const privatePath =
    robots === "disallowPrivate"
      ? style === "wordpress"
        ? "/wp-admin/"
        : domainPick(domain, "privatePath", [
            ["/private/", 1],
            ["/admin/", 1],
          ])
      : undefined;

  const brokenLinks =
    roll("broken") < 0.35
      ? [
          domainPick(domain, "brokenPath", [
            ["/specials-2019", 1],
            ["/gallery", 1],
            ["/testimonials", 1],
            ["/coupons", 1],
          ]),
          ...(roll("broken2") < 0.4 ? ["/old-site/index.php"] : []),
        ]
      : [];

  const oldCopyright = legacy || roll("oldCopyright") < 0.25;
  let copyright: SiteProfile["copyright"];
  if (oldCopyright) {
    copyright = { year: referenceYear - domainInt(domain, "copyrightAge", legacy ? 6 : 3, legacy ? 16 : 9) };
  } else if (roll("hasCopyright") < 0.9) {
    const year = referenceYear - domainInt(domain, "copyrightAge", 0, 2);
    copyright = roll("copyrightRange") < 0.25 ? { year, startYear: year - domainInt(domain, "copyrightSpan", 5, 14) } : { year };
  }
  const outdatedByYear = copyright !== undefined && copyright.year <= referenceYear - 3;
  const wordpressVersion =
    style === "wordpress"
      ? outdatedByYear
        ? domainPick(domain, "wpOld", [
            ["4.9.8", 1],
            ["5.2.4", 1],
            ["4.7.2", 1],
          ])
        : domainPick(domain, "wpNew", [
            ["6.7.1", 1],
            ["6.8.2", 1],
            ["6.6.2", 1],
          ])
      : undefined;

  const special = specials[domain];
  const sluggishHome = !special && roll("sluggish") < 0.09;
  const heavyHome = !special && !sluggishHome && !legacy && roll("heavy") < 0.14;
  const redirectLoopPath = special === "redirectLoop" ? pagePath("modern", "specials") : undefined;

  return {
    ...site,
    placeIds: [...site.placeIds],
    entries: [...site.entries],
    style,
    viewport,
    fixedWidthLayout,
    https,
    mixedContent,
    callToAction,
    booking,
    email,
    emailDecoys: {
      retinaImage: roll("decoyRetina") < 0.35,
      sentryDsn: style === "modern" && roll("decoySentry") < 0.3,
      placeholderInput: roll("decoyPlaceholder") < 0.2,
    },
    seo,
    sitemap,
    robots,
    robotsListsSitemap: sitemap !== "none" && robots !== "none" && roll("robotsSitemap") < 0.7,
    privatePath,
    pages,
    brokenLinks,
    copyright,
    obsoleteMarkup: legacy,
    wordpressVersion,
    sluggishHome,
    heavyHome,
    special,
    redirectLoopPath,
    referenceYear,
  };
}

/** Does the site have HTTPS as the crawler sees it? */
export function siteHasHttps(profile: SiteProfile): boolean {
  return profile.https;
}

/** The scheme the site's own absolute links and sitemap use. */
export function canonicalScheme(profile: SiteProfile): "http" | "https" {
  return siteHasHttps(profile) ? "https" : "http";
}

export function canonicalOrigin(profile: SiteProfile): string {
  return `${canonicalScheme(profile)}://${profile.canonicalHost}`;
}

/** A home page CTA: click-to-call, a verb button, a form, or a booking link. */
export function siteHasCallToAction(profile: SiteProfile): boolean {
  const { telLink, quoteButton, homeForm } = profile.callToAction;
  return telLink || quoteButton || homeForm || profile.booking !== "none";
}

/** The listing a path belongs to when it is a branch landing page ("/locations/queen-anne"), not "/". */
export function entryByPath(profile: SiteProfile, path: string): DemoSiteEntry | undefined {
  if (path === "/") return undefined;
  return profile.entries.find((e) => e.path !== "/" && e.path.replace(/\/$/, "") === path.replace(/\/$/, ""));
}

/** An inner page by path, with or without its trailing slash. */
export function pageByPath(profile: SiteProfile, path: string): SitePage | undefined {
  return profile.pages.find((p) => p.path === path || p.path.replace(/\/$/, "") === path.replace(/\/$/, ""));
}

export interface SiteProfileOptions {
  referenceYear?: number;
  specials?: Readonly<Record<string, SpecialBehaviour>>;
}

/** Every `.example` website of a demo Places file, profiled, sorted by domain. */
export function buildSiteProfiles(file: Pick<DemoPlacesFile, "places" | "verticals">, options: SiteProfileOptions = {}): SiteProfile[] {
  return collectDemoSites(file).map((site) => buildSiteProfile(site, options));
}
