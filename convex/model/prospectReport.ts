/**
 * The prospect report's content, built from a lead, its latest dossier, its run's Places snapshot and the
 * agency: graded sections with their findings and evidence (lib/reportCard.ts), the competitor benchmark
 * (lib/benchmark.ts) and "what we'd do" from the talking points. The shared page (reports.getSharedReport)
 * and the signed-in report (reports.getScorecard) show the same figures.
 *
 * Only what the page shows leaves here: no ids, no agency settings (criteria, minimum score, claims list,
 * owner), no other leads beyond the names and ratings of the search's top businesses (public Google data).
 */
import { literals } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import { benchmarkSentence, buildBenchmark, websiteSentence } from "../../lib/benchmark";
import { buildReportCard, GRADE_BANDS, REPORT_SECTIONS } from "../../lib/reportCard";
import { SIGNAL_CATALOGUE } from "../../lib/signals";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

const vGrade = literals(...GRADE_BANDS.map((b) => b.grade));
const vWebsiteState = literals("own", "social", "none");
const vBusiness = v.object({ name: v.string(), rating: v.optional(v.number()), reviews: v.number(), website: vWebsiteState });
const vAverages = v.union(v.object({ rating: v.optional(v.number()), reviews: v.number() }), v.null());

export const vReportCard = v.object({
  overall: v.union(v.object({ score: v.number(), grade: vGrade }), v.null()),
  sections: v.array(
    v.object({
      id: literals(...REPORT_SECTIONS.map((s) => s.id)),
      label: v.string(),
      question: v.string(),
      score: v.union(v.number(), v.null()),
      grade: v.union(vGrade, v.null()),
      note: v.optional(v.string()),
      /** Each finding of the section: what it is, what was seen, and where ("places:rating" or a page URL). */
      findings: v.array(v.object({ label: v.string(), detail: v.string(), evidence: v.optional(v.string()) })),
    }),
  ),
});

export const vBenchmark = v.object({
  sentence: v.string(),
  websiteSentence: v.string(),
  vertical: v.string(),
  prospect: vBusiness,
  competitorCount: v.number(),
  top: v.array(vBusiness),
  topAverage: vAverages,
  median: vAverages,
  withOwnWebsite: v.number(),
});

/** A talking point as the prospect reads it, with the agency's approved promise behind it when not already quoted. */
export const vWhatWeDo = v.object({ text: v.string(), promise: v.optional(v.string()) });

export type ReportCardView = Infer<typeof vReportCard>;
export type BenchmarkView = Infer<typeof vBenchmark>;

/** The lead's latest dossier (as opportunities.get reads it). */
export async function latestDossier(ctx: QueryCtx, opportunityId: Doc<"client_opportunities">["_id"]) {
  return await ctx.db
    .query("audit_dossier")
    .withIndex("by_opportunity", (q) => q.eq("opportunityId", opportunityId))
    .order("desc")
    .first();
}

export function reportCardView(opportunity: Doc<"client_opportunities">, dossier: Doc<"audit_dossier"> | null): ReportCardView {
  const card = buildReportCard({
    signals: opportunity.signals,
    websiteOutcome: dossier?.websiteOutcome ?? opportunity.websiteOutcome,
    hasWebsite: Boolean(opportunity.website),
  });
  const gaps = dossier?.identified_gaps ?? [];
  return {
    overall: card.overall,
    sections: card.sections.map((section) => ({
      id: section.id,
      label: section.label,
      question: section.question,
      score: section.score,
      grade: section.grade,
      ...(section.note ? { note: section.note } : {}),
      findings: section.signals.flatMap((signal) => {
        const label = SIGNAL_CATALOGUE[signal].label;
        const seen = gaps.filter((g) => g.key === signal);
        if (seen.length === 0) return [{ label, detail: SIGNAL_CATALOGUE[signal].description }];
        return seen.map((g) => ({ label, detail: g.value, ...(g.source_url ? { evidence: g.source_url } : {}) }));
      }),
    })),
  };
}

/** The benchmark against the other businesses of the lead's run; null when the run kept no snapshot. */
export function benchmarkView(opportunity: Doc<"client_opportunities">, run: Doc<"lead_gen_flow"> | null): BenchmarkView | null {
  const snapshot = run?.placesSnapshot;
  if (!snapshot) return null;
  const prospect = {
    placeId: opportunity.place_id,
    name: opportunity.name,
    rating: opportunity.rating,
    reviewsCount: opportunity.reviews_count,
    website: opportunity.website,
  };
  const benchmark = buildBenchmark(prospect, snapshot, opportunity.targetVertical);
  return { ...benchmark, sentence: benchmarkSentence(benchmark), websiteSentence: websiteSentence(benchmark) };
}

export function whatWeDoView(dossier: Doc<"audit_dossier"> | null, agency: Doc<"agency_profile">) {
  return (dossier?.talking_points ?? []).map((point) => {
    const promise = agency.approvedClaims.find((c) => c.id === point.approved_claim_id)?.text;
    return { text: point.text, ...(promise && !point.text.includes(promise) ? { promise } : {}) };
  });
}
