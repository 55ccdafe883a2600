import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuiltinCrawler, createCrawlProvider, CrawlError, FirecrawlCrawler } from "../../../lib/providers/crawl";
import { sendHtml, startLocalServer, type LocalServer } from "./localServer";

describe("createCrawlProvider", () => {
  it("defaults to the built-in crawler without a Firecrawl key", () => {
    expect(createCrawlProvider({})).toBeInstanceOf(BuiltinCrawler);
    expect(createCrawlProvider({ FIRECRAWL_API_KEY: "  " }).name).toBe("builtin");
  });

  it("defaults to Firecrawl when FIRECRAWL_API_KEY is set", () => {
    expect(createCrawlProvider({ FIRECRAWL_API_KEY: "fc-123" })).toBeInstanceOf(FirecrawlCrawler);
  });

  it("lets CRAWL_PROVIDER override the default", () => {
    expect(createCrawlProvider({ CRAWL_PROVIDER: "builtin", FIRECRAWL_API_KEY: "fc-123" }).name).toBe("builtin");
    expect(createCrawlProvider({ CRAWL_PROVIDER: "Firecrawl", FIRECRAWL_API_KEY: "fc-123" }).name).toBe("firecrawl");
  });

  it("explains a Firecrawl choice without a key", () => {
    const error = (() => {
      try {
        createCrawlProvider({ CRAWL_PROVIDER: "firecrawl" });
      } catch (e) {
        return e;
      }
    })() as CrawlError;
    expect(error).toBeInstanceOf(CrawlError);
    expect(error.code).toBe("AUTH");
    expect(error.message).toContain("FIRECRAWL_API_KEY");
  });

  it("rejects an unknown provider or a malformed URL", () => {
    expect(() => createCrawlProvider({ CRAWL_PROVIDER: "scrapy" })).toThrow(/CRAWL_PROVIDER/);
    expect(() => createCrawlProvider({ DEMO_WEB_ORIGIN: "127.0.0.1:4500" })).toThrow(/DEMO_WEB_ORIGIN/);
  });

  describe("DEMO_WEB_ORIGIN", () => {
    let server: LocalServer;
    beforeAll(async () => {
      server = await startLocalServer((req, res) => {
        if (req.path === "/robots.txt") {
          res.writeHead(404);
          res.end();
          return;
        }
        sendHtml(res, `<title>${req.host}</title><h1>Demo site</h1>`);
      });
    });
    afterAll(() => server.close());

    it("routes *.example hosts of the built-in crawler to the demo web server", async () => {
      const crawler = createCrawlProvider({ DEMO_WEB_ORIGIN: `${server.origin}/` });
      const [page] = await crawler.scrapePages(["https://www.rosethornflorist.example/"]);
      expect(page.error).toBeUndefined();
      expect(page.title).toBe("www.rosethornflorist.example");
    });

    it("does not route without DEMO_WEB_ORIGIN", async () => {
      const before = server.requests.length;
      const crawler = createCrawlProvider(
        {},
        {
          builtin: {
            guard: {
              resolve: async () => {
                throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
              },
            },
          },
        },
      );
      const [page] = await crawler.scrapePages(["https://www.rosethornflorist.example/"]);
      expect(page.error).toBeDefined();
      expect(server.requests.length).toBe(before);
    });
  });
});
