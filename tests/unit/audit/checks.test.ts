import { describe, expect, it } from "vitest";
import type { AuditedSite } from "../../../lib/audit/auditedSite";
import { checkCallToAction } from "../../../lib/audit/checks/callToAction";
import { checkMixedContent } from "../../../lib/audit/checks/mixedContent";
import { checkContactEmail } from "../../../lib/audit/checks/contactEmail";
import { checkHttps } from "../../../lib/audit/checks/https";
import { checkMobileFriendly, parseViewport, viewportProblem } from "../../../lib/audit/checks/mobileFriendly";
import { checkOnlineBooking } from "../../../lib/audit/checks/onlineBooking";
import { checkOutdated, latestCopyrightYear } from "../../../lib/audit/checks/outdated";
import { checkPageWeight } from "../../../lib/audit/checks/pageWeight";
import { checkSeo } from "../../../lib/audit/checks/seo";
import { extractEmailsFromPage } from "../../../lib/audit/emails";
import { auditPages } from "../../../lib/audit/heuristicAuditor";
import { parsePage } from "../../../lib/audit/parsedPage";
import type { ScrapedPage } from "../../../lib/providers/crawl/types";
import { MODERN_TEMPLATE_HOME, NOW, OLD_TABLE_SITE_HOME, WORDPRESS_DENTIST_HOME, auditInput, scraped, wixHeavyHome } from "./fixtures";

function site(pages: ScrapedPage[], now = NOW): AuditedSite {
  const parsed = pages.map(parsePage);
  return { home: parsed[0], pages: parsed, emails: parsed.flatMap(extractEmailsFromPage), now };
}

const WP_URL = "https://www.harborviewdental.example/";
const OLD_URL = "http://www.bobsplumbing.example/";
const WIX_URL = "https://www.glowstudio.example/";
const MODERN_URL = "https://www.northsideauto.example/";

function minimal(body: string, head = '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>'): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

describe("WEBSITE_NOT_MOBILE_FRIENDLY", () => {
  it("passes a responsive WordPress theme", () => {
    expect(checkMobileFriendly(site([scraped(WP_URL, WORDPRESS_DENTIST_HOME)]))).toBeNull();
  });

  it("flags an old table site with no viewport and a 960px table", () => {
    const finding = checkMobileFriendly(site([scraped(OLD_URL, OLD_TABLE_SITE_HOME)]));
    expect(finding?.signal).toBe("WEBSITE_NOT_MOBILE_FRIENDLY");
    expect(finding?.detail).toContain('no <meta name="viewport">');
    expect(finding?.detail).toContain("960px");
    expect(finding?.source_url).toBe(OLD_URL);
  });

  it.each([
    ["user-scalable=no", "neither width nor initial-scale"],
    ["width=device-width, initial-scale=0.5", "initial-scale is 0.5"],
    ["width=1024", "fixes the page width to 1024px"],
  ])("flags viewport %j", (content, expected) => {
    expect(viewportProblem(content)).toContain(expected);
  });

  it("accepts viewports Lighthouse accepts, including space-separated and initial-scale only", () => {
    expect(viewportProblem("width=device-width, initial-scale=1")).toBeUndefined();
    expect(viewportProblem("initial-scale=1.0")).toBeUndefined();
    expect(viewportProblem("width = device-width initial-scale = 1")).toBeUndefined();
    expect(parseViewport("width=device-width; initial-scale=1.5")).toEqual({ width: "device-width", initialScale: 1.5 });
  });

  it("flags a fixed-width inline wrapper even with a viewport", () => {
    const html = minimal('<div id="wrapper" style="margin:0 auto; width: 980px"><p>Welcome</p></div>');
    expect(checkMobileFriendly(site([scraped(WP_URL, html)]))?.detail).toContain("<div#wrapper> is 980px wide");
  });

  it("does not mistake max-width or a wide image for a fixed layout", () => {
    const html = minimal('<div class="container" style="max-width: 1140px"><img src="/hero.jpg" width="1600"></div>');
    expect(checkMobileFriendly(site([scraped(WP_URL, html)]))).toBeNull();
  });
});

describe("NO_CALL_TO_ACTION", () => {
  it("passes a page with a tel: link", () => {
    expect(checkCallToAction(site([scraped(WP_URL, WORDPRESS_DENTIST_HOME)]))).toBeNull();
  });

  it("passes a Wix page with a 'Book Now' button", () => {
    expect(checkCallToAction(site([scraped(WIX_URL, wixHeavyHome(1))]))).toBeNull();
  });

  it("passes a page whose only CTA is a real contact form", () => {
    const html = minimal(
      '<form action="/contact" method="post"><input name="your-name"><input type="email" name="your-email"><textarea name="message"></textarea><input type="submit" value="Send"></form>',
    );
    expect(checkCallToAction(site([scraped(WP_URL, html)]))).toBeNull();
  });

  it("flags a modern template with only a 'Contact' menu item and a newsletter form", () => {
    const finding = checkCallToAction(site([scraped(MODERN_URL, MODERN_TEMPLATE_HOME)]));
    expect(finding).toMatchObject({ signal: "NO_CALL_TO_ACTION", source_url: MODERN_URL });
  });

  it("flags an old table site whose phone number is plain text", () => {
    expect(checkCallToAction(site([scraped(OLD_URL, OLD_TABLE_SITE_HOME)]))?.signal).toBe("NO_CALL_TO_ACTION");
  });

  it("ignores a WordPress search form", () => {
    const html = minimal('<form role="search" class="search-form"><input type="search" name="s"><button>Search</button></form>');
    expect(checkCallToAction(site([scraped(WP_URL, html)]))?.signal).toBe("NO_CALL_TO_ACTION");
  });

  it("only reads the home page", () => {
    const contact = scraped(`${MODERN_URL}contact`, minimal('<a href="tel:+15550100">Call us</a>'));
    expect(checkCallToAction(site([scraped(MODERN_URL, MODERN_TEMPLATE_HOME), contact]))?.signal).toBe("NO_CALL_TO_ACTION");
  });
});

describe("NO_SSL", () => {
  it("flags a site served over plain http", () => {
    const finding = checkHttps(site([scraped(OLD_URL, OLD_TABLE_SITE_HOME)]));
    expect(finding?.detail).toContain("plain HTTP");
    expect(finding?.source_url).toBe(OLD_URL);
  });

  it("passes an http URL that redirected to https", () => {
    const page = scraped("http://www.harborviewdental.example/", WORDPRESS_DENTIST_HOME, { finalUrl: WP_URL, redirectedToHttps: true });
    expect(checkHttps(site([page]))).toBeNull();
  });

  it("flags an https page that loads an http:// script (mixed content) on an inner page", () => {
    const inner = scraped(`${WP_URL}gallery/`, minimal('<img src="http://cdn.oldhost.example/gallery/1.jpg"><a href="http://partner.example/">Partner</a>'));
    const pages = site([scraped(WP_URL, WORDPRESS_DENTIST_HOME), inner]);
    // Mixed content is its own finding: the site itself is on HTTPS, so NO_SSL stays quiet.
    expect(checkHttps(pages)).toBeNull();
    const finding = checkMixedContent(pages);
    expect(finding?.signal).toBe("MIXED_CONTENT");
    expect(finding?.evidence).toBe("http://cdn.oldhost.example/gallery/1.jpg");
    expect(finding?.source_url).toBe(`${WP_URL}gallery/`);
  });

  it("does not count plain http links to other sites as mixed content", () => {
    const html = minimal('<a href="http://partner.example/">Partner</a><link rel="canonical" href="http://www.harborviewdental.example/">');
    expect(checkHttps(site([scraped(WP_URL, html)]))).toBeNull();
    expect(checkMixedContent(site([scraped(WP_URL, html)]))).toBeNull();
  });
});

describe("POOR_SEO", () => {
  it("passes a WordPress page with title, description, h1 and Dentist JSON-LD in @graph", () => {
    expect(checkSeo(site([scraped(WP_URL, WORDPRESS_DENTIST_HOME)]))).toBeNull();
  });

  it("needs two failures: the modern template lacks only description and JSON-LD", () => {
    const finding = checkSeo(site([scraped(MODERN_URL, MODERN_TEMPLATE_HOME)]));
    expect(finding?.detail).toBe("2 basic SEO checks fail: missing or blank meta description; no LocalBusiness structured data (JSON-LD).");
  });

  it("does not confirm on a single failure", () => {
    const wix = site([scraped(WIX_URL, wixHeavyHome(1))]);
    expect(checkSeo(wix)).toBeNull();
  });

  it("reports duplicate titles across pages and a blank title", () => {
    const home = scraped(
      WP_URL,
      minimal(
        '<h1>Welcome</h1><script type="application/ld+json">{"@type":"Plumber","name":"X"}</script>',
        '<title>  </title><meta name="description" content="Plumbing">',
      ),
    );
    const about = scraped(`${WP_URL}about`, minimal("<h1>About</h1>", "<title>Home</title>"));
    const services = scraped(`${WP_URL}services`, minimal("<h1>Services</h1>", "<title>home</title>"));
    const finding = checkSeo(site([home, about, services]));
    expect(finding?.detail).toContain("missing or blank <title>");
    expect(finding?.detail).toContain('2 pages share the title "Home"');
    expect(finding?.detail).not.toContain("LocalBusiness");
  });

  it("treats malformed JSON-LD as absent", () => {
    const html = minimal('<h1>Hi</h1><script type="application/ld+json">{"@type":"Dentist",}</script>', "<title>Hi</title>");
    expect(checkSeo(site([scraped(WP_URL, html)]))?.detail).toContain("no LocalBusiness structured data");
  });
});

describe("NO_CONTACT_EMAIL", () => {
  it("passes when an obfuscated email is on the page", () => {
    expect(checkContactEmail(site([scraped(OLD_URL, OLD_TABLE_SITE_HOME)]))).toBeNull();
  });

  it("passes when the only email is on the contact page", () => {
    const contact = scraped(`${MODERN_URL}contact`, minimal('<a href="mailto:service@northsideauto.example">Email us</a>'));
    expect(checkContactEmail(site([scraped(MODERN_URL, MODERN_TEMPLATE_HOME), contact]))).toBeNull();
  });

  it("flags a site whose only address is a placeholder in an input", () => {
    const finding = checkContactEmail(site([scraped(MODERN_URL, MODERN_TEMPLATE_HOME)]));
    expect(finding).toMatchObject({ signal: "NO_CONTACT_EMAIL", source_url: MODERN_URL });
  });
});

describe("NO_ONLINE_BOOKING", () => {
  it("passes with a 'Request an Appointment' button", () => {
    expect(checkOnlineBooking(site([scraped(WP_URL, WORDPRESS_DENTIST_HOME)]))).toBeNull();
  });

  it("passes with an embedded Vagaro widget", () => {
    const html = minimal('<iframe src="https://www.vagaro.com/resources/widget/glowstudio"></iframe>');
    expect(checkOnlineBooking(site([scraped(WIX_URL, html)]))).toBeNull();
  });

  it("passes with a Calendly link on an inner page", () => {
    const inner = scraped(`${MODERN_URL}services`, minimal('<a href="https://calendly.com/northside/diagnostic">Pick a time</a>'));
    expect(checkOnlineBooking(site([scraped(MODERN_URL, MODERN_TEMPLATE_HOME), inner]))).toBeNull();
  });

  it("flags a site with neither, and does not read 'Facebook' or 'Call for an appointment' as booking", () => {
    const home = scraped(MODERN_URL, minimal('<a href="https://facebook.com/northside">Facebook</a><a href="tel:+15550100">Call for an appointment</a>'));
    const finding = checkOnlineBooking(site([home, scraped(`${MODERN_URL}about`, MODERN_TEMPLATE_HOME)]));
    expect(finding?.signal).toBe("NO_ONLINE_BOOKING");
    expect(finding?.detail).toContain("2 pages");
  });

  // Regression: a mailto link showing "appointments@…" was read as a booking link.
  it("does not read an appointments@ email link as online booking", () => {
    const home = scraped(MODERN_URL, minimal('<a href="mailto:appointments@northsideauto.example">appointments@northsideauto.example</a>'));
    expect(checkOnlineBooking(site([home]))?.signal).toBe("NO_ONLINE_BOOKING");
  });
});

describe("OUTDATED_WEBSITE", () => {
  it("flags the old table site: stale copyright range, <font>, <center>, table layout, FrontPage", () => {
    const finding = checkOutdated(site([scraped(OLD_URL, OLD_TABLE_SITE_HOME)]));
    expect(finding?.detail).toContain("copyright notice says 2016 (9 years old)");
    expect(finding?.detail).toContain("<font> tags");
    expect(finding?.detail).toContain("1 <center> tag");
    expect(finding?.detail).toContain("table-based layout");
    expect(finding?.detail).toContain('built with "Microsoft FrontPage 5.0"');
  });

  it("passes current sites (WordPress 6, modern template from last year)", () => {
    expect(checkOutdated(site([scraped(WP_URL, WORDPRESS_DENTIST_HOME)]))).toBeNull();
    expect(checkOutdated(site([scraped(MODERN_URL, MODERN_TEMPLATE_HOME)]))).toBeNull();
  });

  it("uses the audit date passed in: 2022 is stale in 2025, fresh in 2024", () => {
    const html = minimal("<footer>© 2022 Northside Auto Care</footer>");
    expect(checkOutdated(site([scraped(MODERN_URL, html)], new Date("2025-01-02T00:00:00Z")))?.detail).toContain("2022");
    expect(checkOutdated(site([scraped(MODERN_URL, html)], new Date("2024-12-31T00:00:00Z")))).toBeNull();
  });

  it("flags Flash and marquee", () => {
    const html = minimal('<marquee>Grand opening!</marquee><object type="application/x-shockwave-flash" data="intro.swf"></object>');
    const detail = checkOutdated(site([scraped(MODERN_URL, html)]))?.detail;
    expect(detail).toContain("<marquee>");
    expect(detail).toContain("Flash");
  });

  it("reads the newest of several years", () => {
    expect(latestCopyrightYear("Copyright 2011. Site © 2019–2025 Acme")).toBe(2025);
    expect(latestCopyrightYear("Founded in 1987")).toBeUndefined();
  });
});

describe("SLOW_OR_HEAVY_PAGE", () => {
  it("flags a Wix page over 2,667 KiB", () => {
    const html = wixHeavyHome(2800);
    const finding = checkPageWeight(site([scraped(WIX_URL, html)]));
    expect(finding?.detail).toMatch(/HTML weighs 2,8\d\d KiB/);
  });

  it("flags a slow answer and a truncated body", () => {
    const finding = checkPageWeight(site([scraped(WP_URL, WORDPRESS_DENTIST_HOME, { elapsedMs: 4200, truncated: true })]));
    expect(finding?.detail).toBe("Home page took 4.2 s to load (over 3 s) and HTML exceeded the crawler's size cap.");
  });

  it("passes a light, fast page", () => {
    expect(checkPageWeight(site([scraped(WP_URL, WORDPRESS_DENTIST_HOME, { elapsedMs: 2900 })]))).toBeNull();
  });
});

describe("auditPages", () => {
  it("finds the old table site's problems and its obfuscated email", () => {
    const result = auditPages(auditInput([scraped(OLD_URL, OLD_TABLE_SITE_HOME)], { website: OLD_URL }), NOW);
    expect(result.findings.map((f) => f.signal)).toEqual([
      "WEBSITE_NOT_MOBILE_FRIENDLY",
      "NO_CALL_TO_ACTION",
      "NO_SSL",
      "POOR_SEO",
      "NO_ONLINE_BOOKING",
      "OUTDATED_WEBSITE",
    ]);
    expect(result.email).toBe("bob@bobsplumbing.example");
    expect(result).toMatchObject({ pagesAudited: 1, homeFailed: false });
  });

  it("finds nothing wrong with the maintained WordPress site", () => {
    const result = auditPages(auditInput([scraped(WP_URL, WORDPRESS_DENTIST_HOME)]), NOW);
    expect(result.findings).toEqual([]);
    expect(result.email).toBe("info@harborviewdental.example");
  });

  it("ignores failed inner pages as evidence", () => {
    const broken = scraped(`${WP_URL}old-page`, "<html><body>Not Found</body></html>", { statusCode: 404 });
    const timedOut = scraped(`${WP_URL}slow`, "", { statusCode: 0, error: "timeout after 10000 ms" });
    const result = auditPages(auditInput([scraped(WP_URL, WORDPRESS_DENTIST_HOME), broken, timedOut]), NOW);
    expect(result.pagesAudited).toBe(1);
    expect(result.findings).toEqual([]);
  });

  it.each([
    [scraped(WP_URL, "", { statusCode: 0, error: "connect ECONNREFUSED" }), "connect ECONNREFUSED"],
    [scraped(WP_URL, "<html><body><h1>503 Service Unavailable</h1></body></html>", { statusCode: 503 }), "HTTP 503"],
  ])("confirms nothing but WEBSITE_DOWN when the home page failed (%#)", (home, reason) => {
    const result = auditPages(auditInput([home, scraped(`${WP_URL}about`, MODERN_TEMPLATE_HOME)]), NOW);
    expect(result).toMatchObject({ homeFailed: true, homeFailure: reason, pagesAudited: 0 });
    // An unreachable site (timeout, 5xx, DNS) is a finding of its own; nothing else is confirmed.
    expect(result.findings.every((f) => f.signal === "WEBSITE_DOWN" && f.evidence === reason)).toBe(true);
    expect(result.email).toBeUndefined();
  });

  it("is not a failure when the lead has no website to crawl", () => {
    const result = auditPages(auditInput([], { website: undefined, signals: ["MISSING_WEBSITE"] }), NOW);
    expect(result).toMatchObject({ findings: [], homeFailed: false, pagesAudited: 0 });
  });
});
