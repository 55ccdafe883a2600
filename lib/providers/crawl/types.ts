import { CrawlBudget } from "../../crawl/budget";
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
  /** http:// URLs that redirected to https (for the NO_SSL check). */
  redirectedToHttps?: boolean;
  /** Why this page failed, as a kind the auditor and the UI can branch on (set with `error`; lib/audit/websiteOutcome.ts reads `error` and `statusCode` when absent). */
  failureKind?: CrawlFailureKind;
}

/**
 * Why a crawl (or one page of it) failed, in words a user can act on:
 * dns (the name does not resolve), timeout, http_4xx/http_5xx, server_error (robots.txt answering 5xx), robots (robots.txt
 * refuses us), budget (the audit's crawl budget ran out), blocked (a refused address),
 * credits (Firecrawl 402), auth, rate_limited, not_html, invalid_url, network, upstream.
 */
export type CrawlFailureKind =
  | "dns"
  | "timeout"
  | "http_4xx"
  | "http_5xx"
  | "server_error"
  | "robots"
  | "budget"
  | "blocked"
  | "credits"
  | "auth"
  | "rate_limited"
  | "not_html"
  | "invalid_url"
  | "network"
  | "upstream";

export interface CrawlFailure {
  kind: CrawlFailureKind;
  message: string;
}

export interface CrawlOptions {
  /** Pages to fetch at most (after filtering). */
  maxPages?: number;
  /** Cancels the crawl (e.g. the run was cancelled). */
  signal?: AbortSignal;
  /**
   * The audit's crawl budget (lib/crawl/budget.ts), shared by mapUrls and scrapePages.
   * Without one each call gets a default budget of its own.
   */
  budget?: CrawlBudget;
  /**
   * Whose crawl this is (the agency id): a provider limit shared by several agencies (Firecrawl's
   * concurrency and requests per minute) is shared fairly between them.
   */
  tenant?: string;
}

export interface CrawlProvider {
  readonly name: "builtin" | "firecrawl";
  /** map_urls: every same-site page we can find for a website. */
  mapUrls(siteUrl: string, options?: CrawlOptions): Promise<MappedUrl[]>;
  /** scrape_content: fetch pages (bounded concurrency), failures reported per page, never thrown. */
  scrapePages(urls: readonly string[], options?: CrawlOptions): Promise<ScrapedPage[]>;
  /**
   * One audit's crawl budget with this provider's configured limits, to pass to both
   * mapUrls and scrapePages; `signal` (the caller's cancel) aborts it too. Dispose it after.
   */
  createBudget(signal?: AbortSignal): CrawlBudget;
}

export type CrawlErrorCode =
  "AUTH" | "RATE_LIMITED" | "PAYMENT_REQUIRED" | "UPSTREAM" | "BLOCKED_ADDRESS" | "TIMEOUT" | "INVALID_URL" | "ROBOTS_DISALLOWED" | "BUDGET_EXCEEDED";

/** A whole-site failure (bad key, rate limited, refused address); per-page failures live on ScrapedPage.error. */
export class CrawlError extends Error {
  constructor(
    readonly code: CrawlErrorCode,
    message: string,
    readonly retryable: boolean,
    /** For RATE_LIMITED: how long the provider asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "CrawlError";
  }

  /** The failure kind this error stands for. */
  get kind(): CrawlFailureKind {
    return crawlErrorKind(this);
  }
}

/**
 * A configuration problem every audit of the run would hit (a rejected key, no credits):
 * the run fails naming the variable to fix instead of failing each lead alike.
 */
export function isCrawlConfigError(error: unknown): error is CrawlError {
  return error instanceof CrawlError && (error.code === "AUTH" || error.code === "PAYMENT_REQUIRED");
}

function crawlErrorKind(error: CrawlError): CrawlFailureKind {
  switch (error.code) {
    case "AUTH":
      return "auth";
    case "PAYMENT_REQUIRED":
      return "credits";
    case "RATE_LIMITED":
      return "rate_limited";
    case "BLOCKED_ADDRESS":
      return "blocked";
    case "TIMEOUT":
      return "timeout";
    case "INVALID_URL":
      return "invalid_url";
    case "ROBOTS_DISALLOWED":
      return "robots";
    case "BUDGET_EXCEEDED":
      return "budget";
    case "UPSTREAM":
      return /ENOTFOUND|EAI_AGAIN|Could not resolve/.test(error.message) ? "dns" : "upstream";
  }
}

/** Any error thrown by a crawl, as `{ kind, message }` (the message keeps the real cause). */
export function describeCrawlFailure(error: unknown): CrawlFailure {
  if (error instanceof CrawlError) return { kind: error.kind, message: `${error.code}: ${error.message}` };
  const message = error instanceof Error ? error.message : String(error);
  const kind: CrawlFailureKind = /ENOTFOUND|EAI_AGAIN/.test(message) ? "dns" : /timed? ?out|ETIMEDOUT/i.test(message) ? "timeout" : "network";
  return { kind, message };
}
