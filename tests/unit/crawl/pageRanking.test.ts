import { describe, expect, it } from "vitest";
import { categorizePage, rankPagesForAudit } from "../../../lib/crawl/pageRanking";

// What a WordPress plumbing site's sitemap + nav really yields, in sitemap order.
const SITE = "https://www.rivercityplumbing.example";
const MAPPED = [
  `${SITE}/`,
  `${SITE}/blog/`,
  `${SITE}/blog/5-signs-your-water-heater-is-failing/`,
  `${SITE}/2023/11/winterize-your-pipes/`,
  `${SITE}/privacy-policy/`,
  `${SITE}/terms-of-service/`,
  `${SITE}/tag/water-heaters/`,
  `${SITE}/category/news/`,
  `${SITE}/author/admin/`,
  `${SITE}/wp-login.php`,
  `${SITE}/cart/`,
  `${SITE}/wp-content/uploads/2023/04/coupon.pdf`,
  `${SITE}/images/team-photo.jpg`,
  `${SITE}/services/drain-cleaning/`,
  `${SITE}/services/`,
  `${SITE}/services/water-heater-repair/`,
  `${SITE}/emergency-plumber-portland/`,
  `${SITE}/about-us/`,
  `${SITE}/contact-us/`,
  `${SITE}/schedule-service/`,
  `${SITE}/pricing/`,
  `${SITE}/our-team/`,
  `${SITE}/reviews/`,
  `${SITE}/?s=leak`,
  `https://rivercityplumbing.example/contact-us`,
  `${SITE}/index.php`,
];

describe("rankPagesForAudit", () => {
  it("puts home, contact and services first, blog and legal last, and drops junk", () => {
    const ranked = rankPagesForAudit(MAPPED, { homeUrl: `${SITE}/` });
    expect(ranked.map((p) => p.url.replace(SITE, ""))).toEqual([
      "/",
      "/contact-us/",
      "/services/",
      "/services/drain-cleaning/",
      "/services/water-heater-repair/",
      "/about-us/",
      "/schedule-service/",
      "/pricing/",
      "/our-team/",
      "/reviews/",
      "/emergency-plumber-portland/",
      "/blog/",
      "/blog/5-signs-your-water-heater-is-failing/",
      "/2023/11/winterize-your-pipes/",
      "/privacy-policy/",
      "/terms-of-service/",
    ]);
  });

  it("returns the top N with home always first, even when home was not mapped", () => {
    const withoutHome = MAPPED.filter((u) => u !== `${SITE}/` && !u.includes("index.php"));
    const top = rankPagesForAudit(withoutHome, { homeUrl: "http://rivercityplumbing.example", limit: 4 });
    expect(top.map((p) => p.category)).toEqual(["home", "contact", "services", "services"]);
    expect(top[0].url).toBe("http://rivercityplumbing.example");
  });

  it("is deterministic whatever the input order", () => {
    const shuffled = [...MAPPED].reverse();
    const a = rankPagesForAudit(MAPPED, { homeUrl: `${SITE}/` }).map((p) => p.url);
    const b = rankPagesForAudit(shuffled, { homeUrl: `${SITE}/` }).map((p) => p.url);
    // Only the spelling kept for a duplicate may differ; the pages and their order do not.
    expect(b.map((u) => u.replace("://rivercity", "://www.rivercity").replace(/\/?$/, "/"))).toEqual(a.map((u) => u.replace(/\/?$/, "/")));
  });

  it("breaks ties by path depth, then alphabetically", () => {
    const ranked = rankPagesForAudit([`${SITE}/services/b-thing`, `${SITE}/services/a-thing`, `${SITE}/our-services`]);
    expect(ranked.map((p) => p.url.replace(SITE, ""))).toEqual(["/our-services", "/services/a-thing", "/services/b-thing"]);
  });
});

describe("categorizePage", () => {
  it.each([
    ["https://x.example/book-an-appointment", "booking"],
    ["https://x.example/request-appointment/", "booking"],
    ["https://x.example/meet-the-team", "team"],
    ["https://x.example/our-story", "about"],
    ["https://x.example/dental-services/", "services"],
    ["https://x.example/news/grand-opening", "blog_post"],
    ["https://x.example/cookie-policy", "legal"],
    ["https://x.example/index.html", "home"],
  ])("%s → %s", (url, category) => {
    expect(categorizePage(url)?.category).toBe(category);
  });

  it.each(["https://x.example/menu.pdf", "https://x.example/feed/", "https://x.example/my-account/orders", "https://x.example/?replytocom=12", "mailto:a@b.c"])(
    "excludes %s",
    (url) => {
      expect(categorizePage(url)).toBeUndefined();
    },
  );
});
