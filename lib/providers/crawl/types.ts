/**
 * The crawl provider contract shared by the built-in crawler and Firecrawl.
 * Pages travel in memory inside one audit action; only capped Markdown is stored.
 */
export interface MappedUrl {
  url: string;
  title?: string;
  /** Where we learned of it. */
  source: "home" | "sitemap" | "link" | "firecrawl";
}

export interface ScrapedPage {
  /** The URL asked for. */
  url: string;
  /** After redirects. */
  finalUrl: string;
  statusCode: number;
  contentType?: string;
  title?: string;
  /** Raw HTML, capped at the body limit; the auditor reads it, nobody stores it. */
  html: string;
  markdown: string;
  /** Bytes received (before any cap). */
  bytes: number;
  /** Time to the full response. */
  elapsedMs: number;
  /** The body hit the size cap. */
  truncated: boolean;
  /** Set when this page failed (timeout, refused address, non-HTML...); html/markdown are then empty. */
  error?: string;
  /** Why it failed, when the crawler knows (lib/audit/websiteOutcome.ts reads `error` and `statusCode` otherwise). */
  failureKind?: "dns" | "timeout" | "refused" | "server_error" | "robots" | "other";
  /** http:// URLs that redirected to https (for the NO_SSL check). */
  redirectedToHttps?: boolean;
}

export interface CrawlOptions {
  /** Pages to fetch at most (after filtering). */
  maxPages?: number;
  signal?: AbortSignal;
}

export interface CrawlProvider {
  readonly name: "builtin" | "firecrawl";
  /** map_urls: every same-site page we can find for a website. */
  mapUrls(siteUrl: string, options?: CrawlOptions): Promise<MappedUrl[]>;
  /** scrape_content: fetch pages (bounded concurrency), failures reported per page, never thrown. */
  scrapePages(urls: readonly string[], options?: CrawlOptions): Promise<ScrapedPage[]>;
}

export type CrawlErrorCode = "AUTH" | "RATE_LIMITED" | "PAYMENT_REQUIRED" | "UPSTREAM" | "BLOCKED_ADDRESS" | "TIMEOUT" | "INVALID_URL" | "ROBOTS_DISALLOWED";

/** A whole-site failure (bad key, rate limited, refused address); per-page failures live on ScrapedPage.error. */
export class CrawlError extends Error {
  constructor(
    readonly code: CrawlErrorCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "CrawlError";
  }
}
