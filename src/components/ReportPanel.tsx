import { useMutation, useQuery } from "convex/react";
import { formatPhoneForDisplay } from "../../lib/phone";
import { useRef, useState } from "react";
import { api } from "../../convex/_generated/api";
import { type AgencyProfile, type OpportunityId, type OpportunityReport } from "../apiTypes";
import { useDialogFocus } from "../hooks/useDialogFocus";
import { useNow } from "../hooks/useNow";
import { briefText, userErrorMessage } from "../lib/errorMessage";
import { describeEvidence, mailtoHref, safeHttpUrl, telHref } from "../lib/evidence";
import { auditPhaseLabel } from "../lib/phaseLabels";
import { WEBSITE_OUTCOME_LABELS } from "../../lib/audit/websiteOutcome";
import { describeSignal } from "../lib/signalDisplay";
import { PhaseTimeline } from "./PhaseTimeline";
import { ProspectReportSection } from "./report/ProspectReportSection";
import { EmptyState, InlineError, Loading, QueryErrorBoundary } from "./QueryStates";
import { ScoreBar } from "./ScoreBar";
import { SignalBadge } from "./SignalBadge";
import { StatusChip } from "./StatusChip";

/** One opportunity's report, as a modal side panel. Escape or the close button closes it. */
export function ReportPanel({ opportunityId, agency, onClose }: { opportunityId: OpportunityId; agency: AgencyProfile; onClose: () => void }) {
  const panelRef = useRef<HTMLDivElement>(null);
  useDialogFocus(panelRef, onClose);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="panel" role="dialog" aria-modal="true" aria-labelledby="report-title" data-testid="report-panel" ref={panelRef} tabIndex={-1}>
        {/* Outside the content so it stays the focused element while the report loads and re-renders. */}
        <button type="button" className="button button-ghost close-button" onClick={onClose} aria-label="Close report" data-autofocus>
          ✕
        </button>
        <QueryErrorBoundary what="this opportunity" hint="The link may be mistyped or from another deployment." action={{ label: "Close", onClick: onClose }} key={opportunityId}>
          <ReportContent opportunityId={opportunityId} agency={agency} />
        </QueryErrorBoundary>
      </div>
    </div>
  );
}

function ReportContent({ opportunityId, agency }: { opportunityId: OpportunityId; agency: AgencyProfile }) {
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
  return <Report report={report} agency={agency} />;
}

function Report({ report, agency }: { report: OpportunityReport; agency: AgencyProfile }) {
  const { opportunity: o, dossier, auditJob, pages } = report;
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
                    </span> {gap.value} <Evidence sourceUrl={gap.source_url} />
                  </li>
                ))}
              </ul>
            )}
            <h4>Talking points</h4>
            {dossier.talking_points.length === 0 ? (
              <p className="muted">No talking points.</p>
            ) : (
              <ol className="talking-points">
                {dossier.talking_points.map((tp, i) => {
                  const claim = claimText(tp.approved_claim_id);
                  return (
                    <li key={i}>
                      <p>{tp.text}</p>
                      <p className="claim-cite small">
                        {claim ? (
                          <>
                            Backed by claim <code>{tp.approved_claim_id}</code>: “{claim}”
                          </>
                        ) : (
                          <span className="warning">Cites claim {tp.approved_claim_id}, which is no longer in your approved claims.</span>
                        )}
                      </p>
                    </li>
                  );
                })}
              </ol>
            )}
          </>
        )}
      </section>

      <section className="report-section" aria-labelledby="report-audit">
        <h3 id="report-audit">Website audit</h3>
        {!auditJob ? (
          <p className="muted">{o.website ? "Not audited." : "No website to audit."}</p>
        ) : (
          <>
            <p className="small">
              Audit status: <strong>{auditJob.status}</strong>
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
        <h4>Crawled pages</h4>
        {pages.length === 0 ? (
          <p className="muted">No pages crawled.</p>
        ) : (
          <ul className="pages">
            {pages.map((page) => {
              const href = safeHttpUrl(page.url);
              return (
                <li key={page.url}>
                  <span title={page.statusCode === 0 ? "Not fetched" : `HTTP ${page.statusCode}`} className={`http-status ${page.statusCode >= 200 && page.statusCode < 400 ? "http-ok" : "http-bad"}`}>{page.statusCode}</span>{" "}
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {page.title || page.url}
                    </a>
                  ) : (
                    <span>{page.title || page.url}</span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

type Dossier = NonNullable<OpportunityReport["dossier"]>;

/** No website, social page only, unreachable, blocked by robots.txt, audited — or not checked yet. */
function websiteOutcomeText(outcome: Dossier["websiteOutcome"], website?: string): string {
  if (outcome) return WEBSITE_OUTCOME_LABELS[outcome];
  return website ? "Not checked yet" : WEBSITE_OUTCOME_LABELS.no_website;
}

const METHOD_LABELS: Record<NonNullable<Dossier["emailProvenance"]>[number]["method"], string> = {
  mailto: "a mailto link",
  text: "the page text",
  entities: "HTML-entity-encoded text",
  obfuscated: "an obfuscated \"name [at] domain\" text",
  cloudflare: "Cloudflare email protection (decoded)",
  "json-ld": "structured data (JSON-LD)",
};
const CONFIDENCE_LABELS = { high: "on the business's own domain", medium: "another domain", low: "free-mail address" } as const;

/** Where the contact email came from: page, method, confidence. */
function EmailSource({ provenance, email }: { provenance?: Dossier["emailProvenance"]; email?: string }) {
  const source = provenance?.find((p) => p.address.toLowerCase() === email?.toLowerCase());
  if (!source) return null;
  const page = safeHttpUrl(source.pageUrl);
  return (
    <span className="muted small email-source" data-testid="email-source">
      {" "}
      — found in {METHOD_LABELS[source.method]} on {page ? <a href={page} target="_blank" rel="noopener noreferrer">{new URL(page).pathname}</a> : source.pageUrl} ({CONFIDENCE_LABELS[source.confidence]})
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
        <dd>{items.length === 0 ? <span className="muted">{none}</span> : items.map((t) => <span key={t.name} title={t.evidence} className="tech-chip">{t.name} </span>)}</dd>
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
  const [busy, setBusy] = useState<"audit" | "contacted">();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  async function run(kind: "audit" | "contacted") {
    setBusy(kind);
    setError(undefined);
    setNotice(undefined);
    try {
      if (kind === "audit") {
        await runDeepAudit({ opportunityId });
        setNotice("Audit started.");
      } else {
        await markContacted({ opportunityId });
      }
    } catch (e) {
      setError(userErrorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="report-actions">
      <div className="button-row">
        <button type="button" className="button" onClick={() => run("audit")} disabled={busy !== undefined || auditRunning} data-testid="rerun-audit">
          {busy === "audit" ? "Starting…" : auditRunning ? "Audit running…" : "Re-run audit"}
        </button>
        <button type="button" className="button button-primary" onClick={() => run("contacted")} disabled={busy !== undefined || status === "CONTACTED"} data-testid="mark-contacted">
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
