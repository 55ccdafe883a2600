import type { DeepSignal, Signal } from "../signals";
import type { ScrapedPage } from "../providers/crawl/types";
import type { EmailProvenance } from "./emails";
import type { SiteTechnology } from "./technology";
import type { WebsiteOutcome } from "./websiteOutcome";

export interface ApprovedClaim {
  id: string;
  text: string;
}

/** What the auditor knows about a lead before reading its website. */
export interface AuditLead {
  name: string;
  website?: string;
  phone?: string;
  address?: string;
  city?: string;
  rating?: number;
  reviewsCount?: number;
  targetVertical: string;
  targetGeography: string;
  /** Places signals already detected. */
  signals: Signal[];
}

export interface AuditAgency {
  name: string;
  leadQualificationCriteria: string[];
  approvedClaims: ApprovedClaim[];
}

/** `identified_gaps` entry: evidence is a source URL or a Places field ("places:rating"). */
export interface IdentifiedGap {
  key: string;
  value: string;
  source_url?: string;
}

export interface TalkingPoint {
  text: string;
  approved_claim_id: string;
  source_url?: string;
}

/** One heuristic check's confirmed finding. */
export interface Finding {
  signal: DeepSignal;
  /** Human-readable evidence, e.g. "No <meta name=viewport> on the home page". */
  detail: string;
  source_url: string;
  /** A verbatim quote from the page (its HTML or visible text) that shows the problem, when the problem is something present. */
  evidence?: string;
}

export interface AuditInput {
  lead: AuditLead;
  agency: AuditAgency;
  /** Scraped pages, home page first; may be empty when the lead has no crawlable website. */
  pages: ScrapedPage[];
}

export interface Dossier {
  summary: string;
  identified_gaps: IdentifiedGap[];
  talking_points: TalkingPoint[];
  fit_reason: string;
  /** Deep signals the audit confirmed (replace NEEDS_WEB_AUDIT). Empty when nothing was crawled. */
  confirmedSignals: DeepSignal[];
  email?: string;
  /** Where each address came from (page, method) and how far to trust it, best first. */
  emailProvenance?: EmailProvenance[];
  /** What happened with the website: none, social only, unreachable, blocked by robots.txt, audited. */
  websiteOutcome?: WebsiteOutcome;
  /** CMS/site builder, analytics (or its absence), booking and chat widgets seen on the pages. */
  technology?: SiteTechnology;
  provider: "heuristic" | "openai";
  /** Set when the lead has a website that could not be audited (home page failed): why. */
  auditFailure?: string;
  /** e.g. "LLM answer was invalid; heuristic dossier used." */
  note?: string;
}

export interface DossierWriter {
  readonly name: "heuristic" | "openai";
  writeDossier(input: AuditInput): Promise<Dossier>;
}
