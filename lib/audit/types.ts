import type { ApprovedClaim } from "../claims";
import type { DeepSignal, Signal } from "../signals";
import type { ScrapedPage } from "../providers/crawl/types";
import type { EmailProvenance } from "./emails";
import type { SiteTechnology } from "./technology";
import type { WebsiteOutcome } from "./websiteOutcome";

export type { ApprovedClaim } from "../claims";

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
  /** Written to the business owner: the problems in plain English, then the claim. */
  text: string;
  approved_claim_id: string;
  source_url?: string;
  /** The gaps (signal codes) this point pitches; the cited claim answers each of them. */
  gap_keys?: string[];
}

/** How the LLM's answer was checked: every claim answers its gap, every gap has evidence, plain English. */
export interface WriterCheck {
  outcome: "passed" | "repaired" | "fallback";
  /** What was checked, dropped or replaced, in a sentence the agency can read. */
  detail: string;
}

/** A cold email and a call script for one lead, ready to edit and send from the user's own mail client. */
export interface OutreachDrafts {
  emailSubject: string;
  emailBody: string;
  callScript: string;
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
  /** The lead against the top businesses of its search, in one sentence, when a benchmark exists (LLM drafts may quote it). */
  benchmarkSentence?: string;
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
  /** Gaps the agency sells that no approved claim answers (no talking point): "add a claim that answers…". */
  unpitchedSignals?: Signal[];
  /** Set by the OpenAI writer: whether its answer passed the checks, was repaired, or fell back to the heuristic dossier. */
  writerCheck?: WriterCheck;
  /** Drafts written by the LLM with the dossier (validated); absent = the heuristic drafts are built when the report is read. */
  outreach?: OutreachDrafts;
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
