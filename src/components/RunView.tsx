import { useMutation, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { DROP_REASONS, DROP_REASON_LABELS } from "../../lib/lifecycle";
import type { RunDetails, RunId } from "../apiTypes";
import { useMutationState } from "../hooks/useMutationState";
import { useNow } from "../hooks/useNow";
import { briefText } from "../lib/errorMessage";
import { runPhaseLabel, runStatusLabel } from "../../lib/labels";
import { formatDuration, formatRelativeTime } from "../lib/timeFormat";
import { PhaseTimeline } from "./PhaseTimeline";
import { RunCost } from "./RunCost";
import { EmptyState, InlineError, Loading } from "./QueryStates";

/** Live view of one `lead_gen_flow` run: phases, progress, latest event, counts, cancel. */
export function RunView({ jobId }: { jobId: RunId }) {
  const details = useQuery(api.marketing.getRun, { jobId });
  if (details === undefined) return <Loading label="Loading run…" />;
  if (details === null) {
    return (
      <EmptyState title="Run not found">
        <p>This run no longer exists. Pick another one from the run history.</p>
      </EmptyState>
    );
  }
  return <RunDetailsView details={details} />;
}

function RunDetailsView({ details }: { details: RunDetails }) {
  const { run, progress, counts } = details;
  const isRunning = run.workflowStatus === "running";
  const now = useNow(1000, true);
  const percent = Math.max(0, Math.min(100, Math.round(progress.percent)));
  const currentLabel = progress.currentPhase ? runPhaseLabel(progress.currentPhase) : undefined;
  const elapsed = (run.completedAt ?? now) - run.startedAt;
  const droppedTotal = DROP_REASONS.reduce((sum, reason) => sum + (counts.dropped[reason] ?? 0), 0);

  return (
    <section className="card run-view" data-testid="run-view" aria-labelledby="run-title">
      <div className="run-header">
        <div>
          <h2 id="run-title">
            {run.targetVertical} in {run.targetGeography}
          </h2>
          <p className="muted">
            {run.numLeads} leads requested · started {formatRelativeTime(run.startedAt, now)} · {isRunning ? "running for" : "took"} {formatDuration(elapsed)}
          </p>
        </div>
        <div className="run-actions">
          <span
            className={`status-badge status-${run.workflowStatus}`}
            data-testid="run-status"
            data-status={run.workflowStatus}
            aria-label={`Run status: ${runStatusLabel(run.workflowStatus)}`}
          >
            {runStatusLabel(run.workflowStatus)}
          </span>
          {isRunning ? <CancelRunButton jobId={run._id} /> : null}
        </div>
      </div>

      {run.workflowStatus === "failed" ? (
        <div className="banner banner-error" role="alert">
          <p className="banner-text">Run failed{run.error ? `: ${briefText(run.error, 300)}` : "."}</p>
          {run.error && briefText(run.error, 300) !== run.error.trim() ? (
            <details>
              <summary>Technical details</summary>
              <pre className="error-details">{run.error}</pre>
            </details>
          ) : null}
        </div>
      ) : null}
      {run.workflowStatus === "cancelled" ? <p className="banner banner-muted">Run cancelled. Leads saved so far are kept.</p> : null}
      {run.shortfall && run.workflowStatus === "completed" ? (
        <p className="banner shortfall" data-testid="run-shortfall">
          {run.shortfall}
        </p>
      ) : null}

      <div className="progress-block">
        <div
          className="progress"
          role="progressbar"
          data-testid="progress-bar"
          aria-label="Run progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%${currentLabel ? `, ${currentLabel}` : ""}`}
        >
          <span className={`progress-fill progress-${run.workflowStatus}`} style={{ width: `${percent}%` }} />
        </div>
        <p className="progress-text">
          <strong>{percent}%</strong>
          {currentLabel ? <span> · {currentLabel}</span> : null}
          {progress.leadsTotal !== undefined ? (
            <span>
              {" "}
              · {progress.leadsDone ?? 0}/{progress.leadsTotal} leads
            </span>
          ) : null}
        </p>
      </div>

      <PhaseTimeline phases={run.phases} labelOf={runPhaseLabel} now={now} ariaLabel="Run phases" testIdPrefix="phase-" />

      <p className="last-event" aria-live="polite">
        {run.lastEvent ? (
          <>
            <span data-testid="last-event" data-event-type={run.lastEvent.type} title={run.lastEvent.message}>
              {briefText(run.lastEvent.message, 240)}
            </span>{" "}
            <time className="muted" dateTime={new Date(run.lastEvent.at).toISOString()}>
              {formatRelativeTime(run.lastEvent.at, now)}
            </time>
          </>
        ) : (
          <span className="muted" data-testid="last-event">
            Waiting for the first event…
          </span>
        )}
      </p>

      <dl className="counts">
        <div>
          <dt>Fetched</dt>
          <dd>{counts.fetched}</dd>
        </div>
        <div>
          <dt>Dropped</dt>
          <dd>{droppedTotal}</dd>
        </div>
        <div>
          <dt>Saved</dt>
          <dd>{counts.persisted}</dd>
        </div>
        <div>
          <dt>Audited</dt>
          <dd>{counts.audited}</dd>
        </div>
        <div>
          <dt>Ready</dt>
          <dd>{counts.ready}</dd>
        </div>
        {counts.notAFit > 0 ? (
          <div>
            <dt>Not a fit</dt>
            <dd>{counts.notAFit}</dd>
          </div>
        ) : null}
        {run.pagesFetched !== undefined ? (
          <div>
            <dt>Places pages</dt>
            <dd>{run.pagesFetched}</dd>
          </div>
        ) : null}
      </dl>
      <RunCost run={run} />
      {droppedTotal > 0 ? (
        <ul className="drop-reasons" aria-label="Dropped businesses by reason">
          {DROP_REASONS.filter((reason) => (counts.dropped[reason] ?? 0) > 0).map((reason) => (
            <li key={reason} data-reason={reason}>
              {DROP_REASON_LABELS[reason]}: <strong>{counts.dropped[reason]}</strong>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function CancelRunButton({ jobId }: { jobId: RunId }) {
  const cancel = useMutation(api.marketing.cancelLeadGenWorkflow);
  const { busy, error, run } = useMutationState<"cancel">();
  return (
    <>
      <button
        type="button"
        className="button button-danger"
        data-testid="cancel-run"
        onClick={() => void run("cancel", () => cancel({ jobId }))}
        disabled={busy !== undefined}
      >
        {busy ? "Cancelling…" : "Cancel run"}
      </button>
      <InlineError message={error} />
    </>
  );
}
