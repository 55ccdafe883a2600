import { hasCrawlableWebsite } from "../placesSignals";
import type { AuditedSite } from "./auditedSite";
import { AUDIT_CHECKS } from "./checks";
import { extractEmailsFromPage, pickBestEmail } from "./emails";
import { type ParsedPage, pageFailure, parsePage } from "./parsedPage";
import type { AuditInput, Finding } from "./types";

export interface PageAudit {
  findings: Finding[];
  /** Best contact address found on the site. */
  email?: string;
  /** Every address found, best first. */
  emails: string[];
  /** Pages that loaded and were read. */
  pagesAudited: number;
  /** The lead has a website but its home page could not be read: no deep signal is confirmed. */
  homeFailed: boolean;
  /** Why the home page failed (timeout, HTTP 503, no pages crawled...). */
  homeFailure?: string;
  /** URLs of the pages read, home first (evidence the dossier may cite). */
  auditedUrls: string[];
}

/**
 * Run every heuristic check over a lead's scraped pages (home page first).
 * Each page's HTML is parsed once; failed pages are ignored as evidence.
 * @param now the audit date (copyright age); injected so the result is deterministic.
 */
export function auditPages(input: AuditInput, now: Date): PageAudit {
  const [homePage] = input.pages;
  const crawlable = hasCrawlableWebsite(input.lead.website) || input.pages.length > 0;
  if (!homePage) {
    return { findings: [], emails: [], pagesAudited: 0, homeFailed: crawlable, homeFailure: crawlable ? "no pages were crawled" : undefined, auditedUrls: [] };
  }
  const homeFailure = pageFailure(homePage);
  if (homeFailure) {
    return { findings: [], emails: [], pagesAudited: 0, homeFailed: true, homeFailure, auditedUrls: [] };
  }

  const parsed: ParsedPage[] = input.pages.filter((p) => pageFailure(p) === undefined).map(parsePage);
  const found = parsed.flatMap(extractEmailsFromPage);
  const best = pickBestEmail(found, input.lead.website ?? parsed[0].url);
  const emails = best ? [best, ...dedupeCaseInsensitive(found).filter((e) => e.toLowerCase() !== best.toLowerCase())] : [];
  const site: AuditedSite = { home: parsed[0], pages: parsed, emails, now };
  const findings = AUDIT_CHECKS.map((check) => check(site)).filter((f): f is Finding => f !== null);
  return { findings, email: best, emails, pagesAudited: parsed.length, homeFailed: false, auditedUrls: parsed.map((p) => p.url) };
}

function dedupeCaseInsensitive(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
