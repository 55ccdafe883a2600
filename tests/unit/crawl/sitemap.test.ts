import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSitemapUrls, parseSitemapXml } from "../../../lib/crawl/sitemap";
import { startLocalServer, type LocalServer } from "./localServer";

const URLSET = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="//www.harborviewdental.example/wp-content/plugins/wordpress-seo/css/main-sitemap.xsl"?>
<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
  xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://www.harborviewdental.example/</loc>
    <lastmod>2024-03-02T17:21:09+00:00</lastmod>
  </url>
  <url>
    <loc>
      https://www.harborviewdental.example/services/
    </loc>
    <image:image><image:loc>https://www.harborviewdental.example/wp-content/uploads/chair.jpg</image:loc></image:image>
  </url>
  <url><loc><![CDATA[https://www.harborviewdental.example/contact-us/]]></loc></url>
  <url><loc>https://www.harborviewdental.example/search?q=a&amp;page=2</loc></url>
</urlset>`;

const INDEX = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://shop.example/page-sitemap.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
  <sitemap><loc>https://shop.example/post-sitemap.xml.gz</loc></sitemap>
  <sitemap><loc>https://shop.example/nested-index.xml</loc></sitemap>
  <sitemap><loc>https://cdn.other-host.com/sitemap.xml</loc></sitemap>
</sitemapindex>`;

describe("parseSitemapXml", () => {
  it("reads page <loc>s of a urlset, ignoring image:loc and decoding entities and CDATA", () => {
    expect(parseSitemapXml(URLSET)).toEqual({
      kind: "urlset",
      locs: [
        "https://www.harborviewdental.example/",
        "https://www.harborviewdental.example/services/",
        "https://www.harborviewdental.example/contact-us/",
        "https://www.harborviewdental.example/search?q=a&page=2",
      ],
    });
  });

  it("recognises a sitemap index", () => {
    const parsed = parseSitemapXml(INDEX);
    expect(parsed.kind).toBe("sitemapindex");
    expect(parsed.locs).toHaveLength(4);
  });

  it("keeps what it can read from malformed XML", () => {
    const broken = `<urlset><url><loc>https://shop.example/a</loc></url><url><loc>https://shop.example/b</loc><url><loc>https://shop.example/c`;
    expect(parseSitemapXml(broken).locs).toEqual(["https://shop.example/a", "https://shop.example/b"]);
  });

  it("returns nothing for an HTML page served at /sitemap.xml", () => {
    expect(parseSitemapXml("<!doctype html><html><body><a href='/x'><loc>nope</loc></a></body></html>")).toEqual({ kind: "unknown", locs: [] });
  });

  it("stops at the URL cap", () => {
    const many = `<urlset>${Array.from({ length: 20 }, (_, i) => `<url><loc>https://shop.example/p${i}</loc></url>`).join("")}</urlset>`;
    expect(parseSitemapXml(many, 5).locs).toHaveLength(5);
  });
});

describe("collectSitemapUrls", () => {
  let server: LocalServer;
  const urlset = (paths: string[]) => `<urlset>${paths.map((p) => `<url><loc>https://shop.example${p}</loc></url>`).join("")}</urlset>`;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const xml = (body: string | Buffer, headers: Record<string, string> = {}) => {
        res.writeHead(200, { "content-type": "application/xml", ...headers });
        res.end(body);
      };
      switch (req.path) {
        case "/sitemap_index.xml":
          return xml(INDEX);
        case "/page-sitemap.xml":
          return xml(urlset(["/", "/services", "/about"]));
        case "/post-sitemap.xml.gz":
          res.writeHead(200, { "content-type": "application/x-gzip" });
          return res.end(gzipSync(urlset(["/blog/spring-cleaning-tips", "/about"])));
        case "/encoded-sitemap.xml":
          return xml(gzipSync(urlset(["/pricing"])), { "content-encoding": "gzip" });
        case "/nested-index.xml":
          return xml(
            `<sitemapindex><sitemap><loc>https://shop.example/deep-index.xml</loc></sitemap><sitemap><loc>https://shop.example/team-sitemap.xml</loc></sitemap></sitemapindex>`,
          );
        case "/team-sitemap.xml":
          return xml(urlset(["/team"]));
        case "/deep-index.xml":
          return xml(`<sitemapindex><sitemap><loc>https://shop.example/too-deep.xml</loc></sitemap></sitemapindex>`);
        case "/too-deep.xml":
          return xml(urlset(["/should-not-appear"]));
        default:
          res.writeHead(404, { "content-type": "text/html" });
          return res.end("<h1>404</h1>");
      }
    });
  });
  afterAll(() => server.close());

  it("follows an index (gzip included), dedupes, keeps same-site URLs, stops at depth 2", async () => {
    const result = await collectSitemapUrls(["https://shop.example/sitemap_index.xml"], {
      fetchOptions: { demoRoute: { origin: server.origin } },
      keep: (url) => new URL(url).hostname === "shop.example",
    });
    expect(result.urls).toEqual([
      "https://shop.example/",
      "https://shop.example/services",
      "https://shop.example/about",
      "https://shop.example/blog/spring-cleaning-tips",
      "https://shop.example/team",
    ]);
    expect(server.requests.map((r) => r.path)).not.toContain("/too-deep.xml");
    expect(server.requests.map((r) => r.host)).not.toContain("cdn.other-host.com");
  });

  it("reads a sitemap sent with Content-Encoding: gzip", async () => {
    const result = await collectSitemapUrls(["https://shop.example/encoded-sitemap.xml"], { fetchOptions: { demoRoute: { origin: server.origin } } });
    expect(result.urls).toEqual(["https://shop.example/pricing"]);
  });

  it("records missing sitemaps as failures without throwing", async () => {
    const result = await collectSitemapUrls(["https://shop.example/sitemap.xml"], { fetchOptions: { demoRoute: { origin: server.origin } } });
    expect(result.urls).toEqual([]);
    expect(result.failures).toEqual([{ url: "https://shop.example/sitemap.xml", error: "HTTP 404" }]);
  });

  it("caps the number of URLs across files", async () => {
    const result = await collectSitemapUrls(["https://shop.example/sitemap_index.xml"], {
      fetchOptions: { demoRoute: { origin: server.origin } },
      maxUrls: 2,
    });
    expect(result.urls).toHaveLength(2);
  });
});
