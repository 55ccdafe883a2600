import { parseWebsite } from "../domains";
import type { CrawlFailureKind, ScrapedPage } from "../providers/crawl/types";

/** What happened when we tried the lead's website: told apart in the table and the report. */
export const WEBSITE_OUTCOMES = ["no_website", "social_only", "unreachable", "robots_blocked", "audit_failed", "audited"] as const;
export type WebsiteOutcome = (typeof WEBSITE_OUTCOMES)[number];

export const WEBSITE_OUTCOME_LABELS: Record<WebsiteOutcome, string> = {
  no_website: "No website",
  social_only: "Social/directory page only",
  unreachable: "Website unreachable",
  robots_blocked: "Blocked by robots.txt",
  audit_failed: "Audit failed",
  audited: "Audited",
};

/** Why a home page failed, in kinds an agency can pitch on ("your site is down") or not (robots.txt). */
export type PageFailureKind = "dns" | "timeout" | "refused" | "server_error" | "robots" | "other";

/**
 * Classify a failed page from the crawl result: its typed `failureKind` when the crawler sets one,
 * else its HTTP status and error message ("Timed out after…", "ENOTFOUND", "HTTP 503 from…", "Disallowed by robots.txt").
 */
export function classifyPageFailure(page: Pick<ScrapedPage, "statusCode" | "error" | "failureKind">): PageFailureKind {
  if (page.failureKind) return CRAWL_KIND_TO_PAGE_FAILURE[page.failureKind];
  const error = page.error ?? "";
  // robots.txt answering 5xx means "disallow all" (RFC 9309), but for the business it is a failing server.
  if (/robots\.txt.*HTTP 5\d\d/i.test(error)) return "server_error";
  if (/robots\.txt/i.test(error)) return "robots";
  if (page.statusCode >= 500) return "server_error";
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|DNS|NXDOMAIN|no such host/i.test(error)) return "dns";
  if (/timed? ?out|ETIMEDOUT|UND_ERR_(?:HEADERS|BODY|CONNECT)_TIMEOUT|deadline/i.test(error)) return "timeout";
  if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up|certificate|CERT_|SSL/i.test(error)) return "refused";
  if (/\bHTTP 5\d\d\b/.test(error)) return "server_error";
  return "other";
}

/** The crawler's failure kinds (lib/providers/crawl/types.ts) as the auditor pitches them. */
const CRAWL_KIND_TO_PAGE_FAILURE: Record<CrawlFailureKind, PageFailureKind> = {
  dns: "dns",
  timeout: "timeout",
  http_4xx: "other",
  http_5xx: "server_error",
  server_error: "server_error",
  robots: "robots",
  budget: "other",
  blocked: "other",
  credits: "other",
  auth: "other",
  rate_limited: "other",
  not_html: "other",
  invalid_url: "other",
  network: "refused",
  upstream: "other",
};

const UNREACHABLE: ReadonlySet<PageFailureKind> = new Set(["dns", "timeout", "refused", "server_error"]);

export function isUnreachable(kind: PageFailureKind): boolean {
  return UNREACHABLE.has(kind);
}

export const FAILURE_PHRASES: Record<PageFailureKind, string> = {
  dns: "its domain name does not resolve (DNS failure)",
  timeout: "it did not answer in time (timeout)",
  refused: "the connection was refused or broke off",
  server_error: "the server answered with an error",
  robots: "its robots.txt asks crawlers to stay out",
  other: "the page could not be read",
};

/** The outcome for a lead: from its Places website and, when crawled, the home page's fate. */
export function websiteOutcome(website: string | undefined, home: ScrapedPage | undefined, homeFailure: string | undefined): WebsiteOutcome {
  const parsed = parseWebsite(website);
  if (!parsed && !home) return "no_website";
  if (parsed?.isSocialOrDirectory && !home) return "social_only";
  if (!home) return "audit_failed";
  if (!homeFailure) return "audited";
  const kind = classifyPageFailure(home);
  if (kind === "robots") return "robots_blocked";
  return isUnreachable(kind) ? "unreachable" : "audit_failed";
}
