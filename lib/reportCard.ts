/**
 * The prospect report's grade: five sections (website, mobile, search visibility, reputation, conversion),
 * each scored 0–100 from the lead's signals, and an overall letter grade A–F. Pure, no Convex imports: the
 * shared page and the signed-in report both get their figures from here.
 *
 * Each signal belongs to exactly one section (SIGNAL_SECTIONS, the one table) and costs that section a fixed
 * number of points. Sections that can only be judged by reading the website (mobile, search visibility,
 * conversion) are "not checked" when the website was not audited, and do not count toward the grade.
 */
import { isSignal, type Signal } from "./signals";

export const REPORT_SECTIONS = [
  { id: "website", label: "Website", question: "Does the business have a working, secure, up-to-date website of its own?" },
  { id: "mobile", label: "Mobile", question: "Does the site work well on a phone?" },
  { id: "search", label: "Search visibility", question: "Can Google understand and show the site in local search?" },
  { id: "reputation", label: "Reputation", question: "What do Google reviews say?" },
  { id: "conversion", label: "Conversion", question: "Can a visitor call, book or get in touch in one step?" },
] as const;
export type SectionId = (typeof REPORT_SECTIONS)[number]["id"];

/**
 * Every signal's section and the points it costs there (a section starts at 100). NEEDS_WEB_AUDIT is a
 * placeholder ("audit pending"), not a finding, so it belongs to none.
 */
export const SIGNAL_SECTIONS: Record<Signal, { section: SectionId; penalty: number } | null> = {
  MISSING_WEBSITE: { section: "website", penalty: 100 },
  WEBSITE_DOWN: { section: "website", penalty: 100 },
  WEAK_WEB_PRESENCE: { section: "website", penalty: 70 },
  NO_SSL: { section: "website", penalty: 40 },
  OUTDATED_WEBSITE: { section: "website", penalty: 35 },
  MIXED_CONTENT: { section: "website", penalty: 20 },
  WEBSITE_NOT_MOBILE_FRIENDLY: { section: "mobile", penalty: 70 },
  SLOW_OR_HEAVY_PAGE: { section: "mobile", penalty: 35 },
  POOR_SEO: { section: "search", penalty: 60 },
  LOW_GOOGLE_RATING: { section: "reputation", penalty: 60 },
  NO_CALL_TO_ACTION: { section: "conversion", penalty: 50 },
  NO_ONLINE_BOOKING: { section: "conversion", penalty: 30 },
  NO_CONTACT_EMAIL: { section: "conversion", penalty: 20 },
  NEEDS_WEB_AUDIT: null,
};

/** Sections judged only by reading the site. */
const NEEDS_AUDITED_SITE: ReadonlySet<SectionId> = new Set(["mobile", "search", "conversion"]);

/** Letter grades by lowest overall score. */
export const GRADE_BANDS = [
  { grade: "A", min: 90 },
  { grade: "B", min: 80 },
  { grade: "C", min: 70 },
  { grade: "D", min: 60 },
  { grade: "F", min: 0 },
] as const;
export type LetterGrade = (typeof GRADE_BANDS)[number]["grade"];

export function letterGrade(score: number): LetterGrade {
  return GRADE_BANDS.find((band) => score >= band.min)!.grade;
}

/** What the lead's website is, as far as the report can tell. */
export type SiteState = "audited" | "no_website" | "social_only" | "unreachable" | "not_audited";

export interface ReportCardInput {
  signals: readonly string[];
  /** The dossier's (or lead's) website outcome when known (lib/audit/websiteOutcome.ts). */
  websiteOutcome?: string;
  /** The lead's website as Places gave it. */
  hasWebsite: boolean;
}

export interface SectionScore {
  id: SectionId;
  label: string;
  question: string;
  /** 0–100, or null when the section could not be judged (see `note`). */
  score: number | null;
  grade: LetterGrade | null;
  /** The signals of this section the lead shows, worst first. */
  signals: Signal[];
  note?: string;
}

export interface ReportCard {
  /** Mean of the judged sections; null when fewer than two could be judged. */
  overall: { score: number; grade: LetterGrade } | null;
  sections: SectionScore[];
  siteState: SiteState;
}

export function siteStateOf(input: ReportCardInput): SiteState {
  const signals = new Set(input.signals);
  if (signals.has("MISSING_WEBSITE") || input.websiteOutcome === "no_website") return "no_website";
  if (signals.has("WEAK_WEB_PRESENCE") || input.websiteOutcome === "social_only") return "social_only";
  if (signals.has("WEBSITE_DOWN") || input.websiteOutcome === "unreachable") return "unreachable";
  if (input.websiteOutcome === "audited") return "audited";
  // Older dossiers carry no outcome: a confirmed deep finding means the site was read.
  const deepFinding = input.signals.some((s) => isSignal(s) && SIGNAL_SECTIONS[s] !== null && NEEDS_AUDITED_SITE.has(SIGNAL_SECTIONS[s]!.section));
  if (input.websiteOutcome === undefined && deepFinding) return "audited";
  return input.hasWebsite ? "not_audited" : "no_website";
}

const NOT_CHECKED_NOTE: Record<Exclude<SiteState, "audited">, string> = {
  no_website: "No website to check.",
  social_only: "Only a social or directory page: no website of its own to check.",
  unreachable: "The website did not answer, so it could not be checked.",
  not_audited: "Not checked yet: the website has not been audited.",
};

/** Section scores and the overall grade from a lead's signals. */
export function buildReportCard(input: ReportCardInput): ReportCard {
  const siteState = siteStateOf(input);
  const known = [...new Set(input.signals)].filter(isSignal);
  const sections = REPORT_SECTIONS.map((section): SectionScore => {
    const signals = known.filter((s) => SIGNAL_SECTIONS[s]?.section === section.id).sort((a, b) => SIGNAL_SECTIONS[b]!.penalty - SIGNAL_SECTIONS[a]!.penalty);
    const base = { id: section.id, label: section.label, question: section.question, signals };
    const judged = section.id === "reputation" || (section.id === "website" ? siteState !== "not_audited" || signals.length > 0 : siteState === "audited");
    if (!judged) return { ...base, score: null, grade: null, note: NOT_CHECKED_NOTE[siteState === "audited" ? "not_audited" : siteState] };
    const penalty = signals.reduce((sum, s) => sum + SIGNAL_SECTIONS[s]!.penalty, 0);
    const score = Math.max(0, 100 - penalty);
    return { ...base, score, grade: letterGrade(score) };
  });
  const judged = sections.filter((s) => s.score !== null).map((s) => s.score!);
  if (judged.length < 2) return { overall: null, sections, siteState };
  const score = Math.round(judged.reduce((a, b) => a + b, 0) / judged.length);
  return { overall: { score, grade: letterGrade(score) }, sections, siteState };
}

/** The section a dossier gap (keyed by signal code) is shown under; undefined for keys that are not findings. */
export function sectionOfGap(key: string): SectionId | undefined {
  return isSignal(key) ? SIGNAL_SECTIONS[key]?.section : undefined;
}
