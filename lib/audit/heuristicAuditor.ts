import { hasCrawlableWebsite } from "../placesSignals";
import type { AuditedSite } from "./auditedSite";
import { AUDIT_CHECKS } from "./checks";
import { type EmailProvenance, extractEmailCandidatesFromPage, rankEmailProvenance } from "./emails";
import { type SiteTechnology, detectTechnology } from "./technology";
import { FAILURE_PHRASES, type WebsiteOutcome, classifyPageFailure, isUnreachable, websiteOutcome } from "./websiteOutcome";
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
  /** Every address kept, best first, with the page, the method and a confidence. */
  emailProvenance: EmailProvenance[];
  outcome: WebsiteOutcome;
  technology?: SiteTechnology;
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
    const outcome = websiteOutcome(input.lead.website, undefined, undefined);
    return {
      findings: [],
      emails: [],
      pagesAudited: 0,
      homeFailed: crawlable,
      homeFailure: crawlable ? "no pages were crawled" : undefined,
      auditedUrls: [],
      emailProvenance: [],
      outcome,
    };
  }
  const homeFailure = pageFailure(homePage);
  if (homeFailure) {
    const outcome = websiteOutcome(input.lead.website, homePage, homeFailure);
    const kind = classifyPageFailure(homePage);
    // An unreachable website is itself a finding: what failed and when.
    const findings: Finding[] = isUnreachable(kind)
      ? [
          {
            signal: "WEBSITE_DOWN",
            detail: `The website did not work when we checked it on ${now.toISOString().slice(0, 16).replace("T", " ")} UTC: ${FAILURE_PHRASES[kind]} (${homeFailure}).`,
            source_url: homePage.finalUrl || homePage.url,
            evidence: homeFailure,
          },
        ]
      : [];
    return { findings, emails: [], pagesAudited: 0, homeFailed: true, homeFailure, auditedUrls: [], emailProvenance: [], outcome };
  }

  const parsed: ParsedPage[] = input.pages.filter((p) => pageFailure(p) === undefined).map(parsePage);
  const emailProvenance = rankEmailProvenance(parsed.flatMap(extractEmailCandidatesFromPage), input.lead.website ?? parsed[0].url);
  const emails = emailProvenance.map((e) => e.address);
  const site: AuditedSite = { home: parsed[0], pages: parsed, emails, now };
  const findings = AUDIT_CHECKS.map((check) => check(site)).filter((f): f is Finding => f !== null);
  return {
    findings,
    email: emails[0],
    emails,
    pagesAudited: parsed.length,
    homeFailed: false,
    auditedUrls: parsed.map((p) => p.url),
    emailProvenance,
    outcome: "audited",
    technology: detectTechnology(parsed),
  };
}
