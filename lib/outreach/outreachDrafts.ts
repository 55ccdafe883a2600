import type { ApprovedClaim } from "../claims";
import type { OutreachDrafts, TalkingPoint } from "../audit/types";
import { soldGaps, wordingFacts } from "../audit/talkingPoints";
import { SIGNAL_CATALOGUE, type Signal, isSignal } from "../signals";
import { SIGNAL_WORDING } from "../signalWording";
import { formatPhoneForDisplay } from "../phone";
import { draftProblems } from "../plainText";

/** What the drafts are built from: the lead, the agency's approved claims and CTA, the dossier. */
export interface OutreachInput {
  lead: {
    name: string;
    city?: string;
    targetVertical: string;
    email?: string;
    website?: string;
    rating?: number;
    reviewsCount?: number;
  };
  agency: {
    name: string;
    leadQualificationCriteria: readonly string[];
    approvedClaims: readonly ApprovedClaim[];
    /** Call-to-action fields of the agency profile, when set (a booking page, a phone number). */
    bookingUrl?: string;
    contactPhone?: string;
  };
  dossier: {
    talking_points: readonly TalkingPoint[];
    identified_gaps: readonly { key: string; value: string; source_url?: string }[];
  };
  /** One sentence comparing the lead with the top businesses of the same search, when a benchmark exists. */
  benchmarkSentence?: string;
}

/** Talking points (claims) a draft uses at most, with every problem each answers (a cold email stays short). */
export const MAX_DRAFT_POINTS = 3;

interface Pitch {
  problems: string[];
  claims: string[];
  topSignal?: Signal;
}

/**
 * The problems to raise and the claims that answer them: the dossier's first
 * talking points (still-approved claims only) with the gaps each pitches, else
 * the gaps it found that the agency sells, without a claim.
 */
function pitchOf(input: OutreachInput): Pitch {
  const facts = wordingFacts(input.lead);
  const claimById = new Map(input.agency.approvedClaims.map((c) => [c.id, c]));
  const signals: Signal[] = [];
  const claims: string[] = [];
  for (const point of input.dossier.talking_points) {
    const claim = claimById.get(point.approved_claim_id);
    if (!claim || claims.length >= MAX_DRAFT_POINTS) continue;
    const keys = (point.gap_keys ?? []).filter((k): k is Signal => isSignal(k) && k !== "NEEDS_WEB_AUDIT" && !signals.includes(k));
    if (keys.length === 0) continue;
    signals.push(...keys);
    if (!claims.includes(claim.text.trim())) claims.push(claim.text.trim());
  }
  if (signals.length === 0) {
    for (const gap of soldGaps(input.dossier.identified_gaps, input.agency.leadQualificationCriteria).slice(0, MAX_DRAFT_POINTS)) signals.push(gap.key);
  }
  const top = [...signals].sort((a, b) => SIGNAL_CATALOGUE[b].weight - SIGNAL_CATALOGUE[a].weight)[0];
  return { problems: signals.map((s) => SIGNAL_WORDING[s].problem(facts)), claims, topSignal: top };
}

function topic(signal: Signal | undefined): string {
  if (signal === "LOW_GOOGLE_RATING") return "Google reviews";
  if (signal === "MISSING_WEBSITE" || signal === "WEAK_WEB_PRESENCE") return "online presence";
  return signal ? "website" : "online presence";
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

function bullets(lines: readonly string[]): string {
  return lines.map((l) => `- ${l}`).join("\n");
}

/** The ask, with the agency's booking page or phone when its profile has them. */
function callToAction(input: OutreachInput): string {
  const ask = "Would you be open to a 15-minute call this week? I can walk you through what we found.";
  if (input.agency.bookingUrl) return `${ask} You can pick a time that suits you here: ${input.agency.bookingUrl}`;
  // Stored as E.164 ("+12065550148"); written as people read it ("+1 206 555 0148").
  if (input.agency.contactPhone) return `${ask} Or call us directly on ${formatPhoneForDisplay(input.agency.contactPhone)}.`;
  return `${ask} Just reply to this email with a time that suits you.`;
}

/** Collapses runs of blank lines left by optional paragraphs. */
function tidy(text: string): string {
  return text.replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * A cold email (subject + body) and a call script for one lead, written to the
 * business owner in plain English from the dossier's talking points, the
 * agency's approved claims and, when given, the benchmark sentence. Pure and
 * deterministic; never leaves a placeholder (checked by `draftProblems`).
 */
export function writeOutreachDrafts(input: OutreachInput): OutreachDrafts {
  const { lead, agency } = input;
  const pitch = pitchOf(input);
  const where = lead.city ? ` in ${lead.city}` : "";
  const benchmark = input.benchmarkSentence?.trim();

  const emailSubject = `A quick idea for ${possessive(lead.name)} ${topic(pitch.topSignal)}`;
  const findings = pitch.problems.length
    ? `We took a look at how ${lead.name} shows up online and noticed ${pitch.problems.length === 1 ? "something that may be" : "a few things that may be"} costing you customers:\n\n${bullets(pitch.problems)}`
    : `We help ${lead.targetVertical}${where} win more customers online, and ${lead.name} caught our eye.`;
  const help = pitch.claims.length ? `Here is how we can help:\n\n${bullets(pitch.claims)}` : "";
  const emailBody = tidy(
    [
      `Hi ${lead.name} team,`,
      `I'm reaching out from ${agency.name}. ${findings}`,
      benchmark ?? "",
      help,
      callToAction(input),
      `Best regards,\nThe ${agency.name} team`,
    ]
      .filter(Boolean)
      .join("\n\n"),
  );

  const followUp = lead.email ? `Can I send a short summary to ${lead.email}?` : "What is the best email address to send a short summary to?";
  const callScript = tidy(
    [
      `Opening: Hi, I'm calling from ${agency.name}. Am I speaking with the owner or manager of ${lead.name}? Do you have two minutes for a quick question about your ${topic(pitch.topSignal)}?`,
      pitch.problems.length
        ? `Why I'm calling: We looked at how ${lead.name} shows up online and noticed:\n${bullets(pitch.problems)}`
        : `Why I'm calling: We help ${lead.targetVertical}${where} win more customers online.`,
      benchmark ? `For context: ${benchmark}` : "",
      pitch.claims.length ? `What we do: ${pitch.claims.join(" ")}` : "",
      "The ask: Would you be open to a 15-minute call this week to go over it together?",
      `If they're busy: No problem at all. ${followUp}`,
      "If they're not interested: Thanks for your time, and good luck with the business.",
    ]
      .filter(Boolean)
      .join("\n\n"),
  );
  return { emailSubject, emailBody, callScript };
}

/** What is wrong with a set of drafts (placeholders, codes, markup, empty), each prefixed with the draft's name; [] when ready. */
export function outreachProblems(drafts: OutreachDrafts): string[] {
  return [
    ...draftProblems(drafts.emailSubject).map((p) => `email subject: ${p}`),
    ...draftProblems(drafts.emailBody).map((p) => `email body: ${p}`),
    ...draftProblems(drafts.callScript).map((p) => `call script: ${p}`),
  ];
}
