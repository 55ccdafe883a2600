import { describe, expect, it } from "vitest";
import { BuiltinCrawler } from "../../../lib/providers/crawl/builtin";
import { crawlErrorFromFirecrawl } from "../../../lib/providers/crawl/firecrawl";
import { CrawlError, describeCrawlFailure, isCrawlConfigError } from "../../../lib/providers/crawl/types";

// Regression: a Firecrawl 402 and a DNS failure both ended as "no pages were crawled".

describe("crawl failure kinds keep the real cause", () => {
  it("a name that does not resolve is a dns failure naming ENOTFOUND", async () => {
    const crawler = new BuiltinCrawler({
      guard: {
        resolve: async () => {
          throw Object.assign(new Error("getaddrinfo ENOTFOUND www.gone-dentist.com"), { code: "ENOTFOUND" });
        },
      },
    });
    const error = await crawler.mapUrls("https://www.gone-dentist.com/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrawlError);
    expect(describeCrawlFailure(error)).toEqual({ kind: "dns", message: "UPSTREAM: Could not resolve www.gone-dentist.com (ENOTFOUND)" });
  });

  it("Firecrawl 402 is a credits failure and a configuration error (it fails the run)", () => {
    const error = crawlErrorFromFirecrawl(Object.assign(new Error("Insufficient credits"), { status: 402 }), "map the site");
    expect(describeCrawlFailure(error).kind).toBe("credits");
    expect(describeCrawlFailure(error).message).toMatch(/^PAYMENT_REQUIRED: .*FIRECRAWL_API_KEY/);
    expect(isCrawlConfigError(error)).toBe(true);
    expect(isCrawlConfigError(new CrawlError("RATE_LIMITED", "slow down", true))).toBe(false);
  });

  it("robots, budget and timeouts have kinds of their own", () => {
    expect(new CrawlError("ROBOTS_DISALLOWED", "robots.txt disallows our crawler", false).kind).toBe("robots");
    expect(new CrawlError("BUDGET_EXCEEDED", "Crawl deadline of 60000 ms reached", false).kind).toBe("budget");
    expect(describeCrawlFailure(new Error("Timed out after 10000 ms")).kind).toBe("timeout");
  });
});
