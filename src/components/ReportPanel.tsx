import { useMutation, useQuery } from "convex/react";
import { formatPhoneForDisplay } from "../../lib/phone";
import { useState } from "react";
import { api } from "../../convex/_generated/api";
import { type AgencyProfile, type OpportunityId, type OpportunityReport } from "../apiTypes";
import { useMutationState } from "../hooks/useMutationState";
import { useNow } from "../hooks/useNow";
import { briefText } from "../lib/errorMessage";
import { describeEvidence, mailtoHref, safeHttpUrl, telHref } from "../lib/evidence";
import { auditJobStatusLabel, auditPhaseLabel } from "../../lib/labels";
import { WEBSITE_OUTCOME_LABELS } from "../../lib/audit/websiteOutcome";
import { describeSignal } from "../lib/signalDisplay";
import { Dialog } from "./Dialog";
import { LeadPipeline } from "./LeadPipeline";
import { EMAIL_CONFIDENCE_LABELS, EMAIL_METHOD_LABELS } from "../lib/emailSource";
import { explainPageError, splitCrawledPages } from "../lib/pageStatus";
import { OutreachDrafts } from "./OutreachDrafts";
import { PhaseTimeline } from "./PhaseTimeline";
import { ProspectReportSection } from "./report/ProspectReportSection";
import { EmptyState, InlineError, Loading, QueryErrorBoundary } from "./QueryStates";
import { ScoreBar } from "./ScoreBar";
import { SignalBadge } from "./SignalBadge";
import { StatusChip } from "./StatusChip";

/** One opportunity's report, as a modal side panel. Escape or the close button closes it. */
export function ReportPanel({ opportunityId, agency, onClose }: { opportunityId: OpportunityId; agency: AgencyProfile; onClose: () => void }) {
  return (
    <Dialog variant="panel" onClose={onClose} labelledBy="report-title" testId="report-panel">
      {/* Outside the content so it stays the focused element while the report loads and re-renders. */}
      <button type="button" className="button button-ghost close-button" onClick={onClose} aria-label="Close report" data-autofocus>
        ✕
      </button>
      <QueryErrorBoundary
        what="this opportunity"
        hint="The link may be mistyped or from another deployment."
        action={{ label: "Close", onClick: onClose }}
        key={opportunityId}
      >
        <ReportContent opportunityId={opportunityId} agency={agency} onDeleted={onClose} />
      </QueryErrorBoundary>
    </Dialog>
  );
}

function ReportContent({ opportunityId, agency, onDeleted }: { opportunityId: OpportunityId; agency: AgencyProfile; onDeleted: () => void }) {
  const report = useQuery(api.opportunities.get, { opportunityId });
  if (report === undefined) {
    return (
      <>
        <div className="panel-header">
          <h2 id="report-title">Opportunity report</h2>
        </div>
        <Loading label="Loading report…" />
      </>
    );
  }
  if (report === null) {
    return (
      <>
        <div className="panel-header">
          <h2 id="report-title">Opportunity not found</h2>
        </div>
        <EmptyState title="This opportunity no longer exists." />
      </>
    );
  }
  return <Report report={report} agency={agency} onDeleted={onDeleted} />;
}

function Report({ report, agency, onDeleted }: { report: OpportunityReport; agency: AgencyProfile; onDeleted: () => void }) {
  const { opportunity: o, dossier, auditJob, pages, outreach, outreachEdits } = report;
  const auditRunning = auditJob?.status === "queued" || auditJob?.status === "running";
  const now = useNow(1000, auditRunning);
  const website = safeHttpUrl(o.website);
  const email = o.email ? mailtoHref(o.email) : undefined;
  const claimText = (id: string) => agency.approvedClaims.find((c) => c.id === id)?.text;

  return (
    <>
      <div className="panel-header">
        <div>
          <h2 id="report-title">{o.name}</h2>
          <p className="muted small">
            {o.targetVertical} in {o.targetGeography}
          </p>
        </div>
      </div>

      <div className="panel-summary">
        <ScoreBar score={o.qualificationScore} />
        <StatusChip status={o.status} />
      </div>

      <ReportActions opportunityId={o._id} status={o.status} auditRunning={auditRunning} />
      <LeadPipeline opportunity={o} onDeleted={onDeleted} />

      <ProspectReportSection opportunityId={o._id} />

      <section className="report-section" aria-labelledby="report-places">
        <h3 id="report-places">Business details</h3>
        <dl className="details">
          <dt>Phone</dt>
          <dd>{o.phone ? <a href={telHref(o.phone)}>{formatPhoneForDisplay(o.phone)}</a> : <span className="muted">—</span>}</dd>
          <dt>Website</dt>
          <dd>
            {website ? (
              <a href={website} target="_blank" rel="noopener noreferrer">
                {o.domain ?? website}
              </a>
            ) : o.website ? (
              <span>{o.website}</span>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
          <dt>Rating</dt>
          <dd>
            {o.rating !== undefined ? (
              <span>
                <span aria-hidden="true">★ </span>
                {o.rating.toFixed(1)}
                <span className="muted"> ({o.reviews_count ?? 0} reviews)</span>
              </span>
            ) : (
              <span className="muted">No rating</span>
            )}
          </dd>
          <dt>Address</dt>
          <dd>{o.address ?? o.city ?? <span className="muted">—</span>}</dd>
          <dt>Email</dt>
          <dd>
            {email ? <a href={email}>{o.email}</a> : o.email ? o.email : <span className="muted">Not found</span>}
            <EmailSource provenance={dossier?.emailProvenance} email={o.email} />
          </dd>
          <dt>Website</dt>
          <dd data-testid="website-outcome">{websiteOutcomeText(dossier?.websiteOutcome ?? o.websiteOutcome, o.website)}</dd>
        </dl>
        {o.fit_reason ? (
          <p className="fit-reason">
            <strong>Why they fit: </strong>
            {o.fit_reason}
          </p>
        ) : null}
      </section>

      <section className="report-section" aria-labelledby="report-signals">
        <h3 id="report-signals">Signals</h3>
        {o.signals.length === 0 ? (
          <p className="muted">No signals.</p>
        ) : (
          <ul className="signal-list">
            {o.signals.map((signal) => {
              const d = describeSignal(signal, agency.leadQualificationCriteria);
              return (
                <li key={signal}>
                  <SignalBadge signal={signal} criteria={agency.leadQualificationCriteria} />
                  <span className="signal-points">{d.points ? `+${d.points}` : "0"} pts</span>
                  <span className="muted small">{d.description}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="report-section" aria-labelledby="report-dossier">
        <h3 id="report-dossier">Audit dossier</h3>
        {!dossier ? (
          <p className="muted">{auditRunning ? "The audit is running; the dossier appears here when it is written." : "No dossier yet."}</p>
        ) : (
          <>
            <p data-testid="dossier-summary" className="dossier-summary">
              {dossier.summary}
            </p>
            <h4>Identified gaps</h4>
            {dossier.identified_gaps.length === 0 ? (
              <p className="muted">No gaps identified.</p>
            ) : (
              <ul className="gaps">
                {dossier.identified_gaps.map((gap, i) => (
                  <li key={`${gap.key}-${i}`}>
                    <span className="gap-key" title={gap.key}>
                      {describeSignal(gap.key).label}
                    </span>{" "}
                    {gap.value} <Evidence sourceUrl={gap.source_url} />
                  </li>
                ))}
              </ul>
            )}
            <h4>Talking points</h4>
            <WriterCheckNote check={dossier.writerCheck} />
            {dossier.talking_points.length === 0 ? (
              <p className="muted">No talking points.</p>
            ) : (
              <ol className="talking-points" data-testid="talking-points">
                {dossier.talking_points.map((tp, i) => {
                  const claim = claimText(tp.approved_claim_id);
                  return (
                    <li key={i}>
                      <p>{tp.text}</p>
                      <p className="claim-cite small">
                        {tp.gap_keys?.length ? <>Answers {tp.gap_keys.map((k) => describeSignal(k).label).join(", ")} · </> : null}
                        {!claim ? (
                          <span className="warning">Cites a claim that is no longer in your approved claims.</span>
                        ) : tp.text.includes(claim.trim()) ? (
                          <>Backed by your approved claim ✓</>
                        ) : (
                          <>Backed by your approved claim: “{claim}”</>
                        )}
                      </p>
                    </li>
                  );
                })}
              </ol>
            )}
            {dossier.unpitchedSignals?.length ? (
              <ul className="unpitched" data-testid="unpitched-gaps">
                {dossier.unpitchedSignals.map((signal) => (
                  <li key={signal} className="warning">
                    Add a claim that answers “{describeSignal(signal).label}” to pitch this gap.
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </section>

      {outreach ? (
        <section className="report-section" aria-labelledby="report-outreach">
          <h3 id="report-outreach">Outreach drafts</h3>
          <OutreachDrafts
            key={`${o._id}\n${outreach.emailSubject}\n${outreach.emailBody}\n${outreach.callScript}`}
            opportunityId={o._id}
            drafts={outreach}
            edits={outreachEdits}
            email={o.email}
          />
        </section>
      ) : null}

      <section className="report-section" aria-labelledby="report-audit">
        <h3 id="report-audit">Website audit</h3>
        {!auditJob ? (
          <p className="muted">{o.website ? "Not audited." : "No website to audit."}</p>
        ) : (
          <>
            <p className="small">
              Audit status: <strong data-status={auditJob.status}>{auditJobStatusLabel(auditJob.status)}</strong>
            </p>
            <PhaseTimeline phases={auditJob.phases} labelOf={auditPhaseLabel} now={now} ariaLabel="Audit phases" />
            {auditJob.error ? (
              <p className="banner banner-error" role="alert" title={auditJob.error}>
                {briefText(auditJob.error, 300)}
              </p>
            ) : null}
          </>
        )}
        {dossier?.technology ? <TechnologyList technology={dossier.technology} /> : null}
        <CrawledPages pages={pages} />
      </section>
    </>
  );
}

type Dossier = NonNullable<OpportunityReport["dossier"]>;

/** Whether the LLM's answer passed the checks, was repaired, or was replaced by the built-in auditor's. */
function WriterCheckNote({ check }: { check: Dossier["writerCheck"] }) {
  if (!check) return null;
  const title =
    check.outcome === "passed" ? "AI-written, checked" : check.outcome === "repaired" ? "AI-written, repaired" : "Built-in dossier (AI answer not used)";
  return (
    <p className={`writer-check ${check.outcome === "passed" ? "muted" : "warning"}`} data-testid="writer-check" data-outcome={check.outcome}>
      <strong>{title}: </strong>
      {check.detail}
    </p>
  );
}

function PageLink({ page }: { page: OpportunityReport["pages"][number] }) {
  const href = safeHttpUrl(page.url);
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {page.title || page.url}
    </a>
  ) : (
    <span>{page.title || page.url}</span>
  );
}

/** Pages that loaded, then the pages that returned errors, each with what its error means. */
function CrawledPages({ pages }: { pages: OpportunityReport["pages"] }) {
  const { loaded, errors } = splitCrawledPages(pages);
  return (
    <>
      <h4>Crawled pages</h4>
      {loaded.length === 0 ? (
        <p className="muted">No pages read.</p>
      ) : (
        <ul className="pages">
          {loaded.map((page) => (
            <li key={page.url}>
              <span title={`HTTP ${page.statusCode}`} className="http-status http-ok">
                {page.statusCode}
              </span>{" "}
              <PageLink page={page} />
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 ? (
        <>
          <h4>Pages that returned errors</h4>
          <ul className="pages" data-testid="error-pages">
            {errors.map((page) => (
              <li key={page.url}>
                <span className="http-status http-bad">{page.statusCode || "—"}</span> <PageLink page={page} />
                <span className="muted small"> — {explainPageError(page)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** No website, social page only, unreachable, blocked by robots.txt, audited — or not checked yet. */
function websiteOutcomeText(outcome: Dossier["websiteOutcome"], website?: string): string {
  if (outcome) return WEBSITE_OUTCOME_LABELS[outcome];
  return website ? "Not checked yet" : WEBSITE_OUTCOME_LABELS.no_website;
}

/** Where the contact email came from: page, method, confidence. */
function EmailSource({ provenance, email }: { provenance?: Dossier["emailProvenance"]; email?: string }) {
  const source = provenance?.find((p) => p.address.toLowerCase() === email?.toLowerCase());
  if (!source) return null;
  const page = safeHttpUrl(source.pageUrl);
  return (
    <span className="muted small email-source" data-testid="email-source">
      {" "}
      — found in {EMAIL_METHOD_LABELS[source.method]} on{" "}
      {page ? (
        <a href={page} target="_blank" rel="noopener noreferrer">
          {new URL(page).pathname}
        </a>
      ) : (
        source.pageUrl
      )}{" "}
      ({EMAIL_CONFIDENCE_LABELS[source.confidence]})
    </span>
  );
}

function TechnologyList({ technology }: { technology: NonNullable<Dossier["technology"]> }) {
  const byCategory = (category: string) => technology.found.filter((t) => t.category === category);
  const row = (label: string, category: string, none: string) => {
    const items = byCategory(category);
    return (
      <>
        <dt>{label}</dt>
        <dd>
          {items.length === 0 ? (
            <span className="muted">{none}</span>
          ) : (
            items.map((t) => (
              <span key={t.name} title={t.evidence} className="tech-chip">
                {t.name}{" "}
              </span>
            ))
          )}
        </dd>
      </>
    );
  };
  return (
    <>
      <h4>Technology</h4>
      <dl className="details" data-testid="technology">
        {row("Site built with", "cms", "Not recognised")}
        {row("Analytics", "analytics", "None found — no analytics or tag manager")}
        {row("Booking", "booking", "No booking widget")}
        {row("Chat", "chat", "No chat widget")}
      </dl>
    </>
  );
}

function Evidence({ sourceUrl }: { sourceUrl?: string }) {
  const evidence = describeEvidence(sourceUrl);
  if (evidence.kind === "url") {
    return (
      <a className="evidence" data-testid="gap-evidence" href={evidence.href} target="_blank" rel="noopener noreferrer">
        evidence
      </a>
    );
  }
  if (evidence.kind === "places") {
    return (
      <span className="evidence evidence-places" data-testid="gap-evidence" title="From the Google Places listing">
        Places: {evidence.field}
      </span>
    );
  }
  if (evidence.kind === "text") {
    return (
      <span className="evidence" data-testid="gap-evidence">
        {evidence.text}
      </span>
    );
  }
  return null;
}

function ReportActions({ opportunityId, status, auditRunning }: { opportunityId: OpportunityId; status: string; auditRunning: boolean }) {
  const runDeepAudit = useMutation(api.audits.runDeepAudit);
  const markContacted = useMutation(api.opportunities.markContacted);
  const { busy, error, run } = useMutationState<"audit" | "contacted">();
  const [notice, setNotice] = useState<string>();

  async function start(kind: "audit" | "contacted") {
    setNotice(undefined);
    if (kind === "audit") {
      if ((await run("audit", () => runDeepAudit({ opportunityId }))) !== undefined) setNotice("Audit started.");
    } else {
      await run("contacted", () => markContacted({ opportunityId }));
    }
  }

  return (
    <div className="report-actions">
      <div className="button-row">
        <button type="button" className="button" onClick={() => void start("audit")} disabled={busy !== undefined || auditRunning} data-testid="rerun-audit">
          {busy === "audit" ? "Starting…" : auditRunning ? "Audit running…" : "Re-run audit"}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void start("contacted")}
          disabled={busy !== undefined || status === "CONTACTED"}
          data-testid="mark-contacted"
        >
          {status === "CONTACTED" ? "Contacted ✓" : busy === "contacted" ? "Saving…" : "Mark contacted"}
        </button>
      </div>
      {notice ? (
        <p className="notice small" role="status">
          {notice}
        </p>
      ) : null}
      <InlineError message={error} />
    </div>
  );
}
