import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FirecrawlCrawler } from "../../../lib/providers/crawl/firecrawl";
import { CrawlBudget } from "../../../lib/crawl/budget";
import { CrawlError } from "../../../lib/providers/crawl/types";
import { UsageMeter } from "../../../lib/usage";
import { startLocalServer, type LocalServer } from "./localServer";

const SITE = "https://www.harborviewdental.example";

// Error bodies as Firecrawl's v2 API sends them, keyed by the API key the test uses.
const ACCOUNT_ERRORS: Record<string, [number, string]> = {
  "fc-bad": [401, "Unauthorized: Invalid token"],
  "fc-broke": [402, "Insufficient credits to perform this request. For more credits, you can upgrade your plan at https://firecrawl.dev/pricing"],
  "fc-busy": [
    429,
    "Rate limit exceeded. Consumed (req/min): 11, Remaining (req/min): 0. Upgrade your plan at https://firecrawl.dev/pricing for increased rate limits or please retry after 42s, resets at Tue Jan 07 2025 10:01:00 GMT+0000",
  ],
  "fc-gateway": [502, "Bad Gateway"],
  "fc-busy-briefly": [
    429,
    "Rate limit exceeded. Consumed (req/min): 11, Remaining (req/min): 0. Upgrade your plan at https://firecrawl.dev/pricing for increased rate limits or please retry after 1s, resets at Tue Jan 07 2025 10:01:00 GMT+0000",
  ],
  "fc-down": [500, "An unexpected error occurred. Please contact help@firecrawl.com for help. Your exception ID is 4c1d..."],
};

let busyBrieflyServed = 0;

describe("FirecrawlCrawler against a fake Firecrawl v2 server", () => {
  let server: LocalServer;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(body));
      };
      const key = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
      const accountError = ACCOUNT_ERRORS[key];
      // Busy once, then fine: the second call must wait the 1 s Firecrawl asked for.
      if (key === "fc-busy-briefly" && busyBrieflyServed++ > 0) return json(200, { success: true, links: [{ url: `${SITE}/services/` }] });
      if (accountError) return json(accountError[0], { success: false, error: accountError[1] });
      const body = JSON.parse(req.body || "{}") as { url: string };
      if (req.method === "POST" && req.path === "/v2/map") {
        return json(200, {
          success: true,
          links: [
            { url: `${SITE}/`, title: "Harbor View Dental | Portland Family Dentist", description: "Gentle dentistry" },
            { url: `${SITE}/services/`, title: "Dental Services" },
            { url: `${SITE}/contact-us/#form`, title: "Contact Us" },
            { url: "https://harborviewdental.example/contact-us/" },
            { url: "https://www.facebook.com/harborviewdental" },
            { url: `${SITE}/blog/teeth-whitening-myths/`, description: "Five myths" },
          ],
        });
      }
      if (req.method === "POST" && req.path === "/v2/scrape") {
        const path = new URL(body.url).pathname;
        if (path === "/flaky/") return json(500, { success: false, error: "Scrape job failed: all engines failed" });
        if (path === "/missing/") {
          return json(200, {
            success: true,
            data: {
              markdown: "# Page not found",
              rawHtml: "<h1>Page not found</h1>",
              links: [],
              metadata: { title: "Not Found", statusCode: 404, sourceURL: body.url, url: body.url },
            },
          });
        }
        const finalUrl = body.url.replace("http://", "https://");
        return json(200, {
          success: true,
          data: {
            markdown: `# Gentle dentistry in Portland\n\n[Call (503) 555-0142](tel:+15035550142)`,
            rawHtml: `<!doctype html><html><head><title>Harbor View Dental</title></head><body><h1>Gentle dentistry in Portland</h1><a href="tel:+15035550142">Call (503) 555-0142</a></body></html>`,
            links: ["tel:+15035550142", `${SITE}/contact-us/`],
            metadata: {
              title: "Harbor View Dental",
              statusCode: 200,
              sourceURL: body.url,
              url: finalUrl,
              contentType: "text/html; charset=utf-8",
              proxyUsed: "basic",
              creditsUsed: 1,
            },
          },
        });
      }
      json(404, { success: false, error: `No route ${req.method} ${req.path}` });
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const crawler = (apiKey = "fc-good") => new FirecrawlCrawler({ apiKey, apiUrl: server.origin, scrapeTimeoutMs: 15_000 });

  it("maps a site with /v2/map and keeps same-site URLs once", async () => {
    const mapped = await crawler().mapUrls(`${SITE}/`);
    expect(mapped).toEqual([
      { url: `${SITE}/`, source: "home", title: "Harbor View Dental | Portland Family Dentist" },
      { url: `${SITE}/services/`, title: "Dental Services", source: "firecrawl" },
      { url: `${SITE}/contact-us/`, title: "Contact Us", source: "firecrawl" },
      { url: `${SITE}/blog/teeth-whitening-myths/`, title: undefined, source: "firecrawl" },
    ]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v2/map");
    expect(request.headers.authorization).toBe("Bearer fc-good");
    expect(JSON.parse(request.body)).toMatchObject({ url: `${SITE}/`, sitemap: "include", includeSubdomains: false, limit: 5000 });
  });

  it("scrapes markdown + rawHtml + links with the full page (not only main content)", async () => {
    const [page] = await crawler().scrapePages(["http://www.harborviewdental.example/"]);
    expect(page.error).toBeUndefined();
    expect(page.statusCode).toBe(200);
    expect(page.title).toBe("Harbor View Dental");
    expect(page.finalUrl).toBe(`${SITE}/`);
    expect(page.redirectedToHttps).toBe(true);
    expect(page.markdown).toContain("tel:+15035550142");
    expect(page.html).toContain("<h1>Gentle dentistry in Portland</h1>");
    expect(page.bytes).toBe(Buffer.byteLength(page.html));
    expect(page.contentType).toBe("text/html; charset=utf-8");
    const sent = JSON.parse(server.requests[0].body);
    expect(server.requests[0].path).toBe("/v2/scrape");
    expect(sent).toMatchObject({
      url: "http://www.harborviewdental.example/",
      formats: ["markdown", "rawHtml", "links"],
      onlyMainContent: false,
      timeout: 15_000,
    });
    expect(sent).not.toHaveProperty("autoResume");
  });

  it("counts credits as Firecrawl charges them (1 per map, a scrape's creditsUsed) and the pages it read", async () => {
    const meter = new UsageMeter();
    const counted = new FirecrawlCrawler({ apiKey: "fc-good", apiUrl: server.origin, scrapeTimeoutMs: 15_000, meter });
    await counted.mapUrls(`${SITE}/`);
    await counted.scrapePages([`${SITE}/`, `${SITE}/services/`, `${SITE}/missing/`, `${SITE}/flaky/`]);
    // map 1 + two pages (creditsUsed: 1) + the 404 page Firecrawl still scraped (no creditsUsed: 1); the 500 is not charged.
    expect(meter.usage.firecrawlCredits).toBe(4);
    expect(meter.usage.pagesCrawled).toBe(2);
  });

  it("puts per-page failures on the page and keeps the rest", async () => {
    const pages = await crawler().scrapePages([`${SITE}/`, `${SITE}/flaky/`, `${SITE}/missing/`]);
    expect(pages.map((p) => p.url)).toEqual([`${SITE}/`, `${SITE}/flaky/`, `${SITE}/missing/`]);
    expect(pages[0].error).toBeUndefined();
    expect(pages[1].error).toMatch(/HTTP 500.*all engines failed/);
    expect(pages[1].html).toBe("");
    expect(pages[2].statusCode).toBe(404);
    expect(pages[2].error).toMatch(/HTTP 404/);
    // The SDK's own retries are off: one request per page, the workflow owns retries.
    expect(server.requests.filter((r) => JSON.parse(r.body).url === `${SITE}/flaky/`)).toHaveLength(1);
  });

  it("maps 401 to AUTH naming FIRECRAWL_API_KEY, not retryable", async () => {
    const error = (await crawler("fc-bad")
      .mapUrls(`${SITE}/`)
      .catch((e: unknown) => e)) as CrawlError;
    expect(error).toBeInstanceOf(CrawlError);
    expect(error.code).toBe("AUTH");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("FIRECRAWL_API_KEY");
  });

  it("maps 402 to PAYMENT_REQUIRED and 429 to RATE_LIMITED (retryable)", async () => {
    const payment = (await crawler("fc-broke")
      .mapUrls(`${SITE}/`)
      .catch((e: unknown) => e)) as CrawlError;
    expect(payment.code).toBe("PAYMENT_REQUIRED");
    expect(payment.retryable).toBe(false);
    expect(payment.message).toMatch(/no credits left for FIRECRAWL_API_KEY/);
    expect(payment.kind).toBe("credits");
    // 42 s does not fit in a 3 s budget: no second attempt, a retryable error instead.
    const budget = new CrawlBudget({ deadlineMs: 3_000 });
    const limited = (await crawler("fc-busy")
      .mapUrls(`${SITE}/`, { budget })
      .catch((e: unknown) => e)) as CrawlError;
    budget.dispose();
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.retryAfterMs).toBe(42_000);
    expect(limited.retryable).toBe(true);
    expect(limited.message).toContain("retry after 42s");
  });

  it("waits the Retry-After Firecrawl sends on a 429, then asks again", async () => {
    const started = performance.now();
    const mapped = await crawler("fc-busy-briefly").mapUrls(`${SITE}/`);
    expect(mapped.map((m) => m.url)).toEqual([`${SITE}/`, `${SITE}/services/`]);
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("sends no more than the configured requests at once (2 by default, the free plan)", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = new FirecrawlCrawler({ apiKey: "fc-good", apiUrl: server.origin, concurrency: 2, requestsPerMinute: 1000 });
    // Count through the server: each scrape is a request; the fake answers at once, so measure by wrapping.
    const client = (slow as unknown as { client: { scrape: (...a: unknown[]) => Promise<unknown> } }).client;
    const scrape = client.scrape.bind(client);
    client.scrape = async (...args: unknown[]) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 30));
      try {
        return await scrape(...args);
      } finally {
        inFlight--;
      }
    };
    const pages = await slow.scrapePages([`${SITE}/`, `${SITE}/a/`, `${SITE}/b/`, `${SITE}/c/`, `${SITE}/d/`]);
    expect(pages.every((p) => p.statusCode === 200)).toBe(true);
    expect(most).toBe(2);
  });

  it("shares the account's slots fairly between agencies: a second agency's audit is not queued behind a big run", async () => {
    // Two audits in one process on one Firecrawl account (one slot): agency A asks for 12 pages, then agency B for 1.
    const options = { apiKey: "fc-fair", apiUrl: server.origin, concurrency: 1, requestsPerMinute: 1000 };
    const bigRun = new FirecrawlCrawler(options).scrapePages(
      Array.from({ length: 12 }, (_, i) => `${SITE}/a-${i}/`),
      { tenant: "agency-a" },
    );
    await new Promise((resolve) => setImmediate(resolve));
    const other = new FirecrawlCrawler(options).scrapePages([`${SITE}/b-only/`], { tenant: "agency-b" });
    await Promise.all([bigRun, other]);
    const order = server.requests.map((r) => new URL((JSON.parse(r.body) as { url: string }).url).pathname);
    expect(order).toHaveLength(13);
    // B's page is served in the first round (after A's request in flight and the one A had queued first),
    // not after A's backlog (13th, as a first-come-first-served queue would).
    expect(order.indexOf("/b-only/")).toBeLessThanOrEqual(2);
  });

  it("maps 5xx on map to UPSTREAM (retryable), sent once", async () => {
    const error = (await crawler("fc-down")
      .mapUrls(`${SITE}/`)
      .catch((e: unknown) => e)) as CrawlError;
    expect(error.code).toBe("UPSTREAM");
    expect(error.retryable).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("does not let the SDK retry a 502 by itself", async () => {
    const error = (await crawler("fc-gateway")
      .mapUrls(`${SITE}/`)
      .catch((e: unknown) => e)) as CrawlError;
    expect(error.code).toBe("UPSTREAM");
    expect(server.requests).toHaveLength(1);
  });

  it("stops scraping and throws when the account is refused (bad key)", async () => {
    const error = (await crawler("fc-bad")
      .scrapePages([`${SITE}/`, `${SITE}/services/`, `${SITE}/about/`, `${SITE}/contact/`, `${SITE}/pricing/`])
      .catch((e: unknown) => e)) as CrawlError;
    expect(error.code).toBe("AUTH");
    // At most the first wave of concurrent requests (2) went out; the rest were not sent.
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });
});
