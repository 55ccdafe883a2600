import { parseWebsite } from "../domains";
import { LOW_RATING_THRESHOLD, detectPlacesSignals } from "../placesSignals";
import { type DeepSignal, PLACES_SIGNALS, type PlacesSignal, type Signal } from "../signals";
import { describeFitReason } from "./fitReason";
import { type PageAudit, auditPages } from "./heuristicAuditor";
import { SIGNAL_WORDING, joinWords } from "../signalWording";
import { matchTalkingPoints, wordingFacts } from "./talkingPoints";
import type { AuditInput, AuditLead, Dossier, DossierWriter, IdentifiedGap } from "./types";

/** Places-based gaps with their Places field as evidence ("places:websiteUri", "places:rating"). */
export function placesGaps(lead: AuditLead): IdentifiedGap[] {
  const detected = detectPlacesSignals({ website: lead.website, rating: lead.rating, reviewsCount: lead.reviewsCount }, []);
  const signals = new Set<PlacesSignal>([
    ...detected.filter((s): s is PlacesSignal => s !== "NEEDS_WEB_AUDIT"),
    ...lead.signals.filter((s): s is PlacesSignal => (PLACES_SIGNALS as readonly string[]).includes(s) && s !== "NEEDS_WEB_AUDIT"),
  ]);
  const gaps: IdentifiedGap[] = [];
  if (signals.has("MISSING_WEBSITE"))
    gaps.push({ key: "MISSING_WEBSITE", value: "No website is listed on the Google Business Profile.", source_url: "places:websiteUri" });
  if (signals.has("WEAK_WEB_PRESENCE")) {
    gaps.push({
      key: "WEAK_WEB_PRESENCE",
      value: `The website listed on Google is a social or directory page (${lead.website ?? "unknown"}), not a site of its own.`,
      source_url: "places:websiteUri",
    });
  }
  if (signals.has("LOW_GOOGLE_RATING")) {
    const rating = lead.rating !== undefined ? `${lead.rating.toFixed(1)}★ from ${lead.reviewsCount ?? "?"} reviews` : "low";
    gaps.push({ key: "LOW_GOOGLE_RATING", value: `Google rating is ${rating} (below ${LOW_RATING_THRESHOLD.toFixed(1)}).`, source_url: "places:rating" });
  }
  return gaps;
}

function describeLead(lead: AuditLead): string {
  if (lead.rating === undefined) return `${lead.name} has no Google rating yet.`;
  const reviews = lead.reviewsCount ?? 0;
  return `${lead.name} has a ${lead.rating.toFixed(1)}-star Google rating from ${reviews} review${reviews === 1 ? "" : "s"}.`;
}

/** What the audit found, to the owner and in plain English (lib/signalWording.ts); the evidence stays in the gaps. */
function describeAudit(lead: AuditLead, audit: PageAudit): string {
  const parsedSite = parseWebsite(lead.website);
  if (!parsedSite) return "You don't have a website listed on Google, so there was no site for us to check.";
  if (parsedSite.isSocialOrDirectory)
    return `Your only web presence is a page on ${parsedSite.hostname.replace(/^www\./, "")}, so there was no website of your own to check.`;
  const pages = `${audit.pagesAudited} page${audit.pagesAudited === 1 ? "" : "s"} of your website (${parsedSite.hostname})`;
  const email = audit.email ? ` Contact email: ${audit.email}.` : "";
  if (audit.findings.length === 0) return `We checked ${pages} and found no major problems.${email}`;
  const signals = [...new Set(audit.findings.map((f) => f.signal))];
  const things = signals.length === 1 ? "one thing" : `${signals.length} things`;
  return `We checked ${pages} and found ${things} that may be costing you customers: ${joinWords(signals.map((s) => SIGNAL_WORDING[s].phrase))}.${email}`;
}

/** Why the website could not be checked, without the crawler's jargon (that stays on the audit job). */
function describeAuditFailure(audit: PageAudit): string {
  if (audit.outcome === "unreachable") return "it didn't open when we tried it";
  if (audit.outcome === "robots_blocked") return "it asks automated visitors like ours to stay out";
  return "we couldn't read its pages";
}

/** The deterministic dossier: plain-English summary, every finding as a gap (with its evidence), claim-matched talking points. */
export function buildHeuristicDossier(input: AuditInput, audit: PageAudit): Dossier {
  const { lead, agency } = input;
  // A failed audit is told by `auditFailure` (the technical reason); the summary stays plain English.
  const summary = audit.homeFailed
    ? `We couldn't check your website: ${describeAuditFailure(audit)}. ${describeLead(lead)}`
    : `${describeLead(lead)} ${describeAudit(lead, audit)}`;
  const identified_gaps: IdentifiedGap[] = [...placesGaps(lead), ...audit.findings.map((f) => ({ key: f.signal, value: f.detail, source_url: f.source_url }))];
  const confirmedSignals: DeepSignal[] = [...new Set(audit.findings.map((f) => f.signal))];
  const allSignals: Signal[] = [...identified_gaps.map((g) => g.key as Signal), ...confirmedSignals];
  const { talking_points, unpitchedSignals } = matchTalkingPoints(identified_gaps, agency.approvedClaims, agency.leadQualificationCriteria, wordingFacts(lead));
  return {
    summary,
    identified_gaps,
    talking_points,
    unpitchedSignals,
    fit_reason: describeFitReason(allSignals, agency.leadQualificationCriteria),
    confirmedSignals,
    email: audit.email,
    emailProvenance: audit.emailProvenance,
    websiteOutcome: audit.outcome,
    ...(audit.technology ? { technology: audit.technology } : {}),
    provider: "heuristic",
    ...(audit.homeFailed ? { auditFailure: audit.homeFailure ?? "unknown error" } : {}),
  };
}

/** The keyless default: deterministic checks over the HTML and Places data. */
export class HeuristicDossierWriter implements DossierWriter {
  readonly name = "heuristic" as const;

  /** @param clock audit date source (copyright age); fixed in tests. */
  constructor(private readonly clock: () => Date = () => new Date()) {}

  async writeDossier(input: AuditInput): Promise<Dossier> {
    return buildHeuristicDossier(input, auditPages(input, this.clock()));
  }
}
