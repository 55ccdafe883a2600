import { parseWebsite } from "../domains";
import { LOW_RATING_THRESHOLD, detectPlacesSignals } from "../placesSignals";
import { type DeepSignal, PLACES_SIGNALS, type PlacesSignal, type Signal } from "../signals";
import { describeFitReason } from "./fitReason";
import { type PageAudit, auditPages } from "./heuristicAuditor";
import { SIGNAL_PHRASES } from "./signalPhrases";
import { matchTalkingPoints } from "./talkingPoints";
import type { AuditInput, AuditLead, Dossier, DossierWriter, IdentifiedGap } from "./types";

/** Places-based gaps with their Places field as evidence ("places:websiteUri", "places:rating"). */
export function placesGaps(lead: AuditLead): IdentifiedGap[] {
  const detected = detectPlacesSignals({ website: lead.website, rating: lead.rating, reviewsCount: lead.reviewsCount }, []);
  const signals = new Set<PlacesSignal>([
    ...detected.filter((s): s is PlacesSignal => s !== "NEEDS_WEB_AUDIT"),
    ...lead.signals.filter((s): s is PlacesSignal => (PLACES_SIGNALS as readonly string[]).includes(s) && s !== "NEEDS_WEB_AUDIT"),
  ]);
  const gaps: IdentifiedGap[] = [];
  if (signals.has("MISSING_WEBSITE")) gaps.push({ key: "MISSING_WEBSITE", value: "No website is listed on the Google Business Profile.", source_url: "places:websiteUri" });
  if (signals.has("WEAK_WEB_PRESENCE")) {
    gaps.push({ key: "WEAK_WEB_PRESENCE", value: `The website listed on Google is a social or directory page (${lead.website ?? "unknown"}), not a site of its own.`, source_url: "places:websiteUri" });
  }
  if (signals.has("LOW_GOOGLE_RATING")) {
    const rating = lead.rating !== undefined ? `${lead.rating.toFixed(1)}★ from ${lead.reviewsCount ?? "?"} reviews` : "low";
    gaps.push({ key: "LOW_GOOGLE_RATING", value: `Google rating is ${rating} (below ${LOW_RATING_THRESHOLD.toFixed(1)}).`, source_url: "places:rating" });
  }
  return gaps;
}

function describeLead(lead: AuditLead): string {
  const where = lead.city ?? lead.targetGeography;
  const rating =
    lead.rating !== undefined
      ? `has a ${lead.rating.toFixed(1)}★ Google rating from ${lead.reviewsCount ?? 0} review${lead.reviewsCount === 1 ? "" : "s"}`
      : "has no Google rating yet";
  return `${lead.name} (${lead.targetVertical}, ${where}) ${rating}.`;
}

function describeAudit(lead: AuditLead, audit: PageAudit): string {
  const parsedSite = parseWebsite(lead.website);
  if (!parsedSite) return "It has no website listed on Google, so there was nothing to audit.";
  if (parsedSite.isSocialOrDirectory) return `Its only web presence is ${parsedSite.hostname} (a social or directory page), so there was no website to audit.`;
  const pages = `${audit.pagesAudited} page${audit.pagesAudited === 1 ? "" : "s"} of ${parsedSite.hostname}`;
  const email = audit.email ? ` Contact email: ${audit.email}.` : "";
  if (audit.findings.length === 0) return `We audited ${pages} and found no major issues.${email}`;
  const issues = audit.findings.map((f) => SIGNAL_PHRASES[f.signal]).join(", ");
  return `We audited ${pages} and found ${audit.findings.length} issue${audit.findings.length === 1 ? "" : "s"}: ${issues}.${email}`;
}

/** The deterministic dossier: template summary, every finding as a gap, claim-matched talking points. */
export function buildHeuristicDossier(input: AuditInput, audit: PageAudit): Dossier {
  const { lead, agency } = input;
  const down = audit.findings.find((f) => f.signal === "WEBSITE_DOWN");
  const summary = audit.homeFailed
    ? `AUDIT_FAILED: the website could not be audited (${audit.homeFailure ?? "unknown error"}). ${describeLead(lead)}${down ? ` ${down.detail}` : ""}`
    : `${describeLead(lead)} ${describeAudit(lead, audit)}`;
  const identified_gaps: IdentifiedGap[] = [
    ...placesGaps(lead),
    ...audit.findings.map((f) => ({ key: f.signal, value: f.detail, source_url: f.source_url })),
  ];
  const confirmedSignals: DeepSignal[] = [...new Set(audit.findings.map((f) => f.signal))];
  const allSignals: Signal[] = [...identified_gaps.map((g) => g.key as Signal), ...confirmedSignals];
  return {
    summary,
    identified_gaps,
    talking_points: matchTalkingPoints(identified_gaps, agency.approvedClaims, agency.leadQualificationCriteria),
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
