/**
 * Pieces of the prospect report shared by the public page (/r/<token>) and the signed-in report panel:
 * the grade badge, the section score bars and the competitor benchmark.
 */
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../convex/_generated/api";
import { describeEvidence } from "../../lib/evidence";

export type Scorecard = NonNullable<FunctionReturnType<typeof api.reports.getScorecard>>;
export type ReportCardView = Scorecard["card"];
export type BenchmarkView = NonNullable<Scorecard["benchmark"]>;
export type Grade = NonNullable<ReportCardView["overall"]>["grade"];

/** Grade → tone class (colour in report.css). */
export function gradeTone(grade: Grade | null | undefined): string {
  return grade ? `tone-${grade.toLowerCase()}` : "tone-none";
}

export function GradeBadge({ overall, size = "large" }: { overall: ReportCardView["overall"]; size?: "large" | "small" }) {
  if (!overall) {
    return (
      <div className={`grade-badge grade-${size} tone-none`} data-testid="grade-badge" data-grade="" aria-label="Overall grade: not enough checked yet">
        <span className="grade-letter">–</span>
        <span className="grade-caption">Grade after the website audit</span>
      </div>
    );
  }
  return (
    <div
      className={`grade-badge grade-${size} ${gradeTone(overall.grade)}`}
      data-testid="grade-badge"
      data-grade={overall.grade}
      aria-label={`Overall grade ${overall.grade}, ${overall.score} out of 100`}
    >
      <span className="grade-letter">{overall.grade}</span>
      <span className="grade-caption">{overall.score} / 100</span>
    </div>
  );
}

export function SectionBars({ card }: { card: ReportCardView }) {
  return (
    <ul className="section-bars" data-testid="section-scores">
      {card.sections.map((section) => (
        <li key={section.id} className="section-bar" data-section={section.id} data-score={section.score ?? ""}>
          <span className="section-bar-label">{section.label}</span>
          {section.score === null ? (
            <span className="section-bar-none">{section.note ?? "Not checked"}</span>
          ) : (
            <>
              <span className="section-bar-track" role="img" aria-label={`${section.label}: ${section.score} out of 100`}>
                <span className={`section-bar-fill ${gradeTone(section.grade)}`} style={{ width: `${Math.max(2, section.score)}%` }} />
              </span>
              <span className="section-bar-score">{section.score}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

const WEBSITE_WORDS = { own: "Own website", social: "Social page only", none: "No website" } as const;

function stars(rating: number | undefined): string {
  return rating === undefined ? "—" : `${rating.toFixed(1)}★`;
}
function reviews(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** The prospect against the top 3 and the median of the same search. */
export function BenchmarkTable({ benchmark, prospectLabel = "You" }: { benchmark: BenchmarkView; prospectLabel?: string }) {
  const b = benchmark;
  return (
    <div className="benchmark" data-testid="benchmark">
      <p className="benchmark-sentence" data-testid="benchmark-sentence">
        {b.sentence}
      </p>
      {b.websiteSentence ? <p className="benchmark-website">{b.websiteSentence}</p> : null}
      {b.top.length > 0 ? (
        <table className="benchmark-table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">Rating</th>
              <th scope="col">Reviews</th>
              <th scope="col">Website</th>
            </tr>
          </thead>
          <tbody>
            <tr className="benchmark-you">
              <th scope="row">{prospectLabel}</th>
              <td>{stars(b.prospect.rating)}</td>
              <td>{reviews(b.prospect.reviews)}</td>
              <td>{WEBSITE_WORDS[b.prospect.website]}</td>
            </tr>
            {b.top.map((c, i) => (
              <tr key={`${c.name}-${i}`}>
                <th scope="row">
                  <span className="benchmark-rank">#{i + 1}</span> {c.name}
                </th>
                <td>{stars(c.rating)}</td>
                <td>{reviews(c.reviews)}</td>
                <td>{WEBSITE_WORDS[c.website]}</td>
              </tr>
            ))}
            {b.median ? (
              <tr className="benchmark-median">
                <th scope="row">Median of {b.competitorCount} in this search</th>
                <td>{stars(b.median.rating)}</td>
                <td>{reviews(b.median.reviews)}</td>
                <td>
                  {b.withOwnWebsite} of {b.competitorCount} have one
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** A finding's evidence: a link to the page where it was seen, or the Google listing. */
export function FindingEvidence({ evidence }: { evidence?: string }) {
  const e = describeEvidence(evidence);
  if (e.kind === "url") {
    const url = new URL(e.href);
    return (
      <a className="finding-evidence" href={e.href} target="_blank" rel="noopener noreferrer" data-testid="finding-evidence">
        Seen on {url.hostname.replace(/^www\./, "")}
        {url.pathname === "/" ? "" : url.pathname}
      </a>
    );
  }
  if (e.kind === "places") {
    return (
      <span className="finding-evidence" data-testid="finding-evidence">
        From the Google Business Profile
      </span>
    );
  }
  if (e.kind === "text") return <span className="finding-evidence">{e.text}</span>;
  return null;
}
