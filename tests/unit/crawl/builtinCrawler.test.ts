import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rankPagesForAudit } from "../../../lib/crawl/pageRanking";
import { BuiltinCrawler } from "../../../lib/providers/crawl/builtin";
import { CrawlError } from "../../../lib/providers/crawl/types";
import { sendHtml, startLocalServer, type LocalServer, type SeenRequest } from "./localServer";

const SITE = "https://www.harborviewdental.example";

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><script>var ga=1</script></head><body>${body}</body></html>`;

const HOME = page(
  "Harbor View Dental | Portland Family Dentist",
  `<header><a href="/"><img src="/logo.png"></a>
   <nav><a href="/services/">Services</a> <a href="/contact-us/">Contact</a> <a href="book-online">Book Online</a>
   <a href="/patient-portal/login">Patient Portal</a> <a href="/blog/">Blog</a> <a href="/old-services">Old services</a></nav>
   <a href="tel:+15035550142">Call now</a> <a href="https://www.facebook.com/harborview">Facebook</a></header>
   <main><h1>Gentle dentistry in Portland</h1><p>New patients welcome.</p></main>`,
);

const SITEMAP_INDEX = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>${SITE}/page-sitemap.xml</loc></sitemap></sitemapindex>`;

const PAGE_SITEMAP = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  ${["/", "/services/", "/about-us/", "/contact-us/", "/patient-portal/records", "/blog/teeth-whitening-myths/", "/privacy-policy/"]
    .map((p) => `<url><loc>${SITE}${p}</loc></url>`)
    .join("\n  ")}
  <url><loc>https://www.someone-else.com/</loc></url>
</urlset>`;

function serveSite(req: SeenRequest, res: ServerResponse, state: { inFlight: number; maxInFlight: number }): void {
  const [path] = req.path.split("?");
  if (req.host === "robots-down.example") {
    res.writeHead(503);
    res.end();
    return;
  }
  if (req.headers["x-forwarded-proto"] === "http" && req.host === "www.harborviewdental.example") {
    res.writeHead(301, { location: `https://${req.host}${req.path}` });
    res.end();
    return;
  }
  if (path.startsWith("/parallel/")) {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    setTimeout(() => {
      state.inFlight--;
      sendHtml(res, page(`Parallel ${path}`, "<p>ok</p>"));
    }, 40);
    return;
  }
  switch (path) {
    case "/robots.txt":
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`User-agent: *\nDisallow: /patient-portal/\n\nSitemap: ${SITE}/sitemap_index.xml\n`);
      return;
    case "/sitemap_index.xml":
      res.writeHead(200, { "content-type": "application/xml" });
      res.end(SITEMAP_INDEX);
      return;
    case "/page-sitemap.xml":
      res.writeHead(200, { "content-type": "text/xml; charset=UTF-8" });
      res.end(PAGE_SITEMAP);
      return;
    case "/":
      return sendHtml(res, HOME);
    case "/services/":
      return sendHtml(res, page("Dental Services", "<h1>Our services</h1><ul><li>Cleanings</li><li>Implants</li></ul>"));
    case "/contact-us/":
      return sendHtml(res, page("Contact Us", `<h1>Contact</h1><p>Call <a href="tel:+15035550142">503-555-0142</a></p>`));
    case "/old-services":
      res.writeHead(301, { location: "/services/" });
      res.end();
      return;
    case "/slow-page/":
      return; // never answers: the crawler's timeout must fire
    case "/error-page/":
      return sendHtml(res, page("Error", "<h1>Internal Server Error</h1>"), 500);
    case "/huge-page/": {
      const paragraph = "<p>Our hygienists have decades of experience with anxious patients.</p>\n";
      const body = page("Huge", paragraph.repeat(Math.ceil((3 * 1024 * 1024) / paragraph.length)));
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    case "/brochure.pdf":
      res.writeHead(200, { "content-type": "application/pdf" });
      res.end("%PDF-1.4 fake");
      return;
    case "/latin1/":
      res.writeHead(200, { "content-type": "text/html; charset=iso-8859-1" });
      res.end(Buffer.from(page("Caf\u00e9 Ol\u00e9", "<p>Se\u00f1or</p>"), "latin1"));
      return;
    default:
      if (path.startsWith("/loop/")) {
        const n = Number(path.slice("/loop/".length));
        res.writeHead(302, { location: `/loop/${n + 1}` });
        res.end();
        return;
      }
      sendHtml(res, page("Not found", "<h1>404</h1>"), 404);
  }
}

describe("BuiltinCrawler against a local demo site", () => {
  let server: LocalServer;
  let crawler: BuiltinCrawler;
  const state = { inFlight: 0, maxInFlight: 0 };

  beforeAll(async () => {
    server = await startLocalServer((req, res) => serveSite(req, res, state));
    crawler = new BuiltinCrawler({ demoRoute: { origin: server.origin }, pageTimeoutMs: 3_000 });
  });
  afterAll(() => server.close());

  it("maps sitemap URLs and home-page links, same site only, robots-disallowed removed", async () => {
    const mapped = await crawler.mapUrls(`${SITE}/`);
    const bySource = (source: string) => mapped.filter((m) => m.source === source).map((m) => m.url.replace(SITE, ""));
    expect(mapped[0]).toEqual({ url: `${SITE}/`, source: "home", title: "Harbor View Dental | Portland Family Dentist" });
    expect(bySource("sitemap")).toEqual(["/services/", "/about-us/", "/contact-us/", "/blog/teeth-whitening-myths/", "/privacy-policy/"]);
    expect(bySource("link")).toEqual(["/book-online", "/blog/", "/old-services"]);
    expect(mapped.some((m) => m.url.includes("patient-portal"))).toBe(false);
    expect(mapped.some((m) => m.url.includes("someone-else") || m.url.includes("facebook"))).toBe(false);
    expect(mapped.find((m) => m.url.endsWith("/services/"))?.title).toBe("Services");
    const hosts = new Set(server.requests.map((r) => r.host));
    expect(hosts).toEqual(new Set(["www.harborviewdental.example"]));
  });

  it("feeds page ranking: home, contact, services first", async () => {
    const mapped = await crawler.mapUrls(`${SITE}/`);
    const top = rankPagesForAudit(
      mapped.map((m) => m.url),
      { homeUrl: `${SITE}/`, limit: 5 },
    );
    // /old-services redirects to /services/, which only a fetch can tell.
    expect(top.map((p) => p.url.replace(SITE, ""))).toEqual(["/", "/contact-us/", "/old-services", "/services/", "/about-us/"]);
  });

  it("scrapes pages into Markdown with title, bytes and final URL", async () => {
    const [home, services] = await crawler.scrapePages([`${SITE}/`, `${SITE}/old-services`]);
    expect(home.error).toBeUndefined();
    expect(home.statusCode).toBe(200);
    expect(home.title).toBe("Harbor View Dental | Portland Family Dentist");
    expect(home.markdown).toContain("# Gentle dentistry in Portland");
    expect(home.markdown).not.toContain("var ga");
    expect(home.html).toContain("<nav>");
    expect(home.bytes).toBe(Buffer.byteLength(HOME));
    expect(home.truncated).toBe(false);
    expect(services.finalUrl).toBe(`${SITE}/services/`);
    expect(services.title).toBe("Dental Services");
  });

  it("records an http → https redirect", async () => {
    const [page] = await crawler.scrapePages(["http://www.harborviewdental.example/contact-us/"]);
    expect(page.finalUrl).toBe(`${SITE}/contact-us/`);
    expect(page.redirectedToHttps).toBe(true);
    expect(page.markdown).toContain("503-555-0142");
  });

  it("reports failures per page instead of throwing", async () => {
    const urls = ["/slow-page/", "/error-page/", "/huge-page/", "/loop/0", "/brochure.pdf", "/patient-portal/records", "/services/"].map((p) => `${SITE}${p}`);
    const pages = await crawler.scrapePages(urls);
    const [slow, error, huge, loop, pdf, disallowed, ok] = pages;

    expect(pages.map((p) => p.url)).toEqual(urls);
    expect(slow.error).toMatch(/Timed out after 3000 ms/);
    expect(slow.statusCode).toBe(0);

    expect(error.statusCode).toBe(500);
    expect(error.error).toMatch(/HTTP 500/);
    expect(error.markdown).toBe("");

    expect(huge.error).toBeUndefined();
    expect(huge.truncated).toBe(true);
    expect(Buffer.byteLength(huge.html)).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(huge.bytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(huge.markdown.length).toBeGreaterThan(0);

    expect(loop.error).toMatch(/More than 5 redirects/);
    expect(server.requests.filter((r) => r.path.startsWith("/loop/")).map((r) => r.path)).toEqual([
      "/loop/0",
      "/loop/1",
      "/loop/2",
      "/loop/3",
      "/loop/4",
      "/loop/5",
    ]);

    expect(pdf.error).toMatch(/application\/pdf/);
    expect(pdf.html).toBe("");
    expect(pdf.contentType).toBe("application/pdf");

    expect(disallowed.error).toMatch(/robots\.txt/);
    expect(server.requests.some((r) => r.path.startsWith("/patient-portal"))).toBe(false);

    expect(ok.error).toBeUndefined();
  });

  it("decodes pages in their declared charset", async () => {
    const [page] = await crawler.scrapePages([`${SITE}/latin1/`]);
    expect(page.title).toBe("Café Olé");
    expect(page.markdown).toContain("Señor");
  });

  it("keeps to the per-host and global concurrency limits", async () => {
    const limited = new BuiltinCrawler({ demoRoute: { origin: server.origin }, perHostConcurrency: 2, globalConcurrency: 6 });
    state.maxInFlight = 0;
    await limited.scrapePages(Array.from({ length: 8 }, (_, i) => `${SITE}/parallel/${i}`));
    expect(state.maxInFlight).toBe(2);

    const global = new BuiltinCrawler({ demoRoute: { origin: server.origin }, perHostConcurrency: 3, globalConcurrency: 4 });
    state.maxInFlight = 0;
    const hosts = ["www.harborviewdental.example", "www.rosethornflorist.example", "www.rivercityplumbing.example"];
    const pages = await global.scrapePages(hosts.flatMap((h) => Array.from({ length: 4 }, (_, i) => `https://${h}/parallel/${i}`)));
    expect(pages.every((p) => p.statusCode === 200)).toBe(true);
    expect(state.maxInFlight).toBe(4);
  });

  // Regression: "disallow all" used to map nothing yet still fetch /sitemap.xml, and the
  // audit then said "no pages were crawled" instead of naming robots.txt.
  it("refuses a site whose robots.txt answers 5xx (disallow all) without fetching its sitemap", async () => {
    const before = server.requests.length;
    const error = await crawler.mapUrls("https://robots-down.example/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrawlError);
    expect(error).toMatchObject({ code: "ROBOTS_DISALLOWED", kind: "robots" });
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(["/robots.txt"]);
    const [page] = await crawler.scrapePages(["https://robots-down.example/contact"]);
    expect(page.error).toMatch(/Disallowed by robots\.txt answering HTTP 5\d\d/);
    // A robots.txt answering 5xx is a failing server (the lead's "website down" pitch), not a site that asks us to stay out.
    expect(page.failureKind).toBe("server_error");
  });

  it("refuses a site on a private address as a whole", async () => {
    const error = await crawler.mapUrls("http://192.168.0.10/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrawlError);
    expect((error as CrawlError).code).toBe("BLOCKED_ADDRESS");
    const [page] = await crawler.scrapePages(["http://[::ffff:10.0.0.1]/admin"]);
    expect(page.error).toMatch(/not a public address/);
  });

  it("rejects a URL that is not http(s)", async () => {
    await expect(crawler.mapUrls("javascript:alert(1)")).rejects.toMatchObject({ code: "INVALID_URL" });
  });
});
