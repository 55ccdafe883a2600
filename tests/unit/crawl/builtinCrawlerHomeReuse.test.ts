import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rankPagesForAudit } from "../../../lib/crawl/pageRanking";
import { BuiltinCrawler } from "../../../lib/providers/crawl/builtin";
import type { ScrapedPage } from "../../../lib/providers/crawl/types";
import { sendHtml, startLocalServer, type LocalServer, type SeenRequest } from "./localServer";

// The deep audit maps a site, ranks its pages (home first) and scrapes them with the same
// crawler: the home page fetched while mapping must not be fetched a second time.

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<link rel="stylesheet" href="/wp-content/themes/x/style.css"></head><body>${body}</body></html>`;

const HOME = page(
  "Rose &amp; Thorn Florist | Same-day Flowers in Portland",
  `<header><nav><a href="/">Home</a> <a href="/services/">Services</a> <a href="/about-us/">About</a>
   <a href="/contact-us/">Contact</a> <a href="/contact-us/#map">Map</a></nav></header>
   <main><h1>Fresh flowers, delivered today</h1><p>Order by 2 pm for same-day delivery.</p>
   <p>Call <a href="tel:+15035550199">(503) 555-0199</a></p></main>`,
);

const PAGES: Record<string, string> = {
  "/": HOME,
  "/services/": page("Wedding & Event Flowers", "<h1>Services</h1><ul><li>Weddings</li><li>Sympathy</li></ul>"),
  "/about-us/": page("About Rose & Thorn", "<h1>Family-owned since 1987</h1>"),
  "/contact-us/": page("Contact", `<h1>Visit us</h1><p>412 SE Belmont St, Portland</p>`),
};

const sitemapFor = (origin: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
  Object.keys(PAGES)
    .map((p) => `<url><loc>${origin}${p}</loc></url>`)
    .join("") +
  `</urlset>`;

/**
 * www.rosethornflorist.example: the 4-page site (http → 301 → https, bare host → 301 → www).
 * www.lakesidebakery.example: "/" → 302 → "/en/" (the home page lives one path down).
 * www.rivercityplumbing.example: the home page answers 500. www.slowsalon.example: it never answers.
 * www.oldtownbarber.example: robots.txt disallows everything; its bare host allows all and redirects there.
 */
function serve(req: SeenRequest, res: ServerResponse): void {
  const [path] = req.path.split("?");
  const proto = req.headers["x-forwarded-proto"] === "http" ? "http" : "https";
  const host = req.host;
  if (host === "rosethornflorist.example" || host === "oldtownbarber.example") {
    if (path === "/robots.txt" && host === "oldtownbarber.example") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("User-agent: *\nAllow: /\n");
      return;
    }
    res.writeHead(301, { location: `https://www.${host}${req.path}` });
    res.end();
    return;
  }
  if (proto === "http" && host === "www.rosethornflorist.example") {
    res.writeHead(301, { location: `https://${host}${req.path}` });
    res.end();
    return;
  }
  if (path === "/robots.txt") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(host === "www.oldtownbarber.example" ? "User-agent: *\nDisallow: /\n" : `User-agent: *\nDisallow: /cart/\nSitemap: https://${host}/sitemap.xml\n`);
    return;
  }
  if (path === "/sitemap.xml") {
    res.writeHead(200, { "content-type": "application/xml" });
    res.end(sitemapFor(`https://${host}`));
    return;
  }
  if (host === "www.lakesidebakery.example") {
    if (path === "/") {
      res.writeHead(302, { location: "/en/" });
      res.end();
      return;
    }
    if (path === "/en/") return sendHtml(res, page("Lakeside Bakery", `<h1>Sourdough daily</h1><a href="/en/menu/">Menu</a>`));
  }
  if (host === "www.rivercityplumbing.example" && path === "/") {
    return sendHtml(res, page("Error establishing a database connection", "<h1>Error establishing a database connection</h1>"), 500);
  }
  if (host === "www.slowsalon.example" && path === "/") return; // never answers
  const html = PAGES[path];
  if (html) return sendHtml(res, html);
  sendHtml(res, page("Page not found", "<h1>404</h1>"), 404);
}

const withoutTiming = ({ elapsedMs: _elapsedMs, ...rest }: ScrapedPage) => rest;

describe("BuiltinCrawler reuses the home page it fetched while mapping", () => {
  let server: LocalServer;
  const newCrawler = () => new BuiltinCrawler({ demoRoute: { origin: server.origin }, pageTimeoutMs: 2_000 });
  const homeHits = (host: string, path = "/") => server.requests.filter((r) => r.host === host && r.path === path).length;

  beforeAll(async () => {
    server = await startLocalServer(serve);
  });
  afterAll(() => server.close());

  it("fetches the home page once across mapUrls + scrapePages, with the same page a fresh crawl returns", async () => {
    const website = "https://www.rosethornflorist.example"; // as Google Places gives it: no trailing slash
    const crawler = newCrawler();
    const mapped = await crawler.mapUrls(website);
    const ranked = rankPagesForAudit(
      mapped.map((m) => m.url),
      { homeUrl: website },
    );
    expect(ranked.map((p) => p.url.replace(website, ""))).toEqual(["", "/contact-us/", "/services/", "/about-us/"]);

    const pages = await crawler.scrapePages(ranked.map((p) => p.url));
    expect(homeHits("www.rosethornflorist.example")).toBe(1);
    expect(pages.map((p) => p.statusCode)).toEqual([200, 200, 200, 200]);
    const [home] = pages;
    expect(home.url).toBe(website);
    expect(home.finalUrl).toBe(`${website}/`);
    expect(home.title).toBe("Rose & Thorn Florist | Same-day Flowers in Portland");
    expect(home.markdown).toContain("# Fresh flowers, delivered today");
    expect(home.bytes).toBe(Buffer.byteLength(HOME));
    expect(home.elapsedMs).toBeGreaterThanOrEqual(0);

    const [fresh] = await newCrawler().scrapePages([website]);
    expect(homeHits("www.rosethornflorist.example")).toBe(2);
    expect(withoutTiming(home)).toEqual(withoutTiming(fresh));
  });

  it("hands the page over once: a later scrape fetches it again", async () => {
    const crawler = newCrawler();
    const before = homeHits("www.rosethornflorist.example");
    await crawler.mapUrls("https://www.rosethornflorist.example/");
    const [first] = await crawler.scrapePages(["https://www.rosethornflorist.example/"]);
    const [second] = await crawler.scrapePages(["https://www.rosethornflorist.example/"]);
    expect(homeHits("www.rosethornflorist.example") - before).toBe(2);
    expect(withoutTiming(second)).toEqual(withoutTiming(first));
  });

  it("reuses an http home page that redirected to https, keeping the NO_SSL evidence", async () => {
    const website = "http://www.rosethornflorist.example";
    const crawler = newCrawler();
    const before = server.requests.length;
    await crawler.mapUrls(website);
    const [home] = await crawler.scrapePages([website]);
    const homeRequests = server.requests.slice(before).filter((r) => r.path === "/");
    expect(homeRequests.map((r) => r.headers["x-forwarded-proto"])).toEqual(["http", "https"]);
    expect(home.redirectedToHttps).toBe(true);
    expect(home.finalUrl).toBe("https://www.rosethornflorist.example/");

    const [fresh] = await newCrawler().scrapePages([website]);
    expect(withoutTiming(home)).toEqual(withoutTiming(fresh));
  });

  it("reuses the page when scrapePages asks for the URL the redirects ended at", async () => {
    const crawler = newCrawler();
    await crawler.mapUrls("http://rosethornflorist.example");
    const before = homeHits("www.rosethornflorist.example");
    const [home] = await crawler.scrapePages(["https://www.rosethornflorist.example/"]);
    expect(homeHits("www.rosethornflorist.example")).toBe(before);
    // Asked directly, the final URL follows no redirect: no http → https evidence either.
    expect(home.redirectedToHttps).toBe(false);

    const [fresh] = await newCrawler().scrapePages(["https://www.rosethornflorist.example/"]);
    expect(withoutTiming(home)).toEqual(withoutTiming(fresh));
  });

  it("reuses a home page that redirects to another path", async () => {
    const website = "https://www.lakesidebakery.example/";
    const crawler = newCrawler();
    const mapped = await crawler.mapUrls(website);
    expect(mapped.map((m) => m.url)).toContain("https://www.lakesidebakery.example/en/menu/");
    const [home] = await crawler.scrapePages([website]);
    expect(homeHits("www.lakesidebakery.example")).toBe(1);
    expect(homeHits("www.lakesidebakery.example", "/en/")).toBe(1);
    expect(home.finalUrl).toBe("https://www.lakesidebakery.example/en/");
    expect(home.title).toBe("Lakeside Bakery");

    const [fresh] = await newCrawler().scrapePages([website]);
    expect(withoutTiming(home)).toEqual(withoutTiming(fresh));
  });

  it("does not share fetched pages between crawler instances", async () => {
    await newCrawler().mapUrls("https://www.lakesidebakery.example/");
    const before = homeHits("www.lakesidebakery.example");
    const [home] = await newCrawler().scrapePages(["https://www.lakesidebakery.example/"]);
    expect(homeHits("www.lakesidebakery.example")).toBe(before + 1);
    expect(home.error).toBeUndefined();
  });

  it("reports a home page that answered 500 while mapping as the same failure", async () => {
    const website = "https://www.rivercityplumbing.example/";
    const crawler = newCrawler();
    const mapped = await crawler.mapUrls(website);
    expect(mapped[0]).toEqual({ url: website, source: "home" });
    const [home] = await crawler.scrapePages([website]);
    expect(homeHits("www.rivercityplumbing.example")).toBe(1);
    expect(home.statusCode).toBe(500);
    expect(home.error).toBe(`HTTP 500 from ${website}`);
    expect(home.html).toBe("");

    const [fresh] = await newCrawler().scrapePages([website]);
    expect(withoutTiming(home)).toEqual(withoutTiming(fresh));
  });

  it("reports a home page that timed out while mapping as a timeout, without waiting again", async () => {
    const website = "https://www.slowsalon.example/";
    const crawler = newCrawler();
    await crawler.mapUrls(website);
    const [home] = await crawler.scrapePages([website]);
    expect(homeHits("www.slowsalon.example")).toBe(1);
    expect(home.error).toMatch(/Timed out after 2000 ms fetching https:\/\/www\.slowsalon\.example\//);
    expect(home.statusCode).toBe(0);
    expect(home.markdown).toBe("");

    const [fresh] = await newCrawler().scrapePages([website]);
    expect(withoutTiming(home)).toEqual(withoutTiming(fresh));
  });

  it("still applies robots.txt of the URL asked for", async () => {
    const crawler = newCrawler();
    await crawler.mapUrls("https://oldtownbarber.example/");
    expect(homeHits("www.oldtownbarber.example")).toBe(1); // the redirect target, fetched while mapping
    const [home] = await crawler.scrapePages(["https://www.oldtownbarber.example/"]);
    expect(home.error).toMatch(/Disallowed by robots\.txt \(https:\/\/www\.oldtownbarber\.example\/robots\.txt\)/);
    expect(home.html).toBe("");
    expect(homeHits("www.oldtownbarber.example")).toBe(1);
  });
});
