import { useMutation, useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import { onboardingPhaseLabel } from "../../../lib/onboarding/draft";
import type { OnboardingFlowId } from "../../apiTypes";
import { useMutationState } from "../../hooks/useMutationState";
import { useNow } from "../../hooks/useNow";
import { briefText } from "../../lib/errorMessage";
import { formatRelativeTime } from "../../lib/timeFormat";
import { AgencySetup, pagePath } from "../AgencySetup";
import { PhaseTimeline } from "../PhaseTimeline";
import { EmptyState, InlineError, Loading } from "../QueryStates";

/**
 * An onboarding live (the run's phase timeline and latest event, with Cancel while it reads), then its draft for
 * review and approval. Cancelling goes back to the setup choice: nothing was saved.
 */
export function OnboardingReview({ onboardingFlowId, onRestart }: { onboardingFlowId: OnboardingFlowId; onRestart: () => void }) {
  const flow = useQuery(api.onboarding.get, { onboardingFlowId });
  const cancelOnboarding = useMutation(api.onboarding.cancel);
  const { busy, error, run } = useMutationState<"cancel">();
  const running = flow?.workflowStatus === "running";
  const now = useNow(1000, running);

  async function cancel() {
    const done = await run("cancel", () => cancelOnboarding({ onboardingFlowId }));
    if (done !== undefined) onRestart();
  }

  if (flow === undefined) return <Loading label="Loading your onboarding…" />;
  if (flow === null) {
    return (
      <EmptyState title="Onboarding not found">
        <button type="button" className="button" onClick={onRestart}>
          Start again
        </button>
      </EmptyState>
    );
  }
  const host = (() => {
    try {
      return new URL(flow.url).host;
    } catch {
      return flow.url;
    }
  })();
  const readPages = flow.pages?.filter((p) => !p.error) ?? [];
  return (
    <>
      <section className="card onboarding-view" data-testid="onboarding-view" data-status={flow.workflowStatus} aria-labelledby="onboarding-title">
        <div className="run-header">
          <div>
            <h2 id="onboarding-title">{running ? `Reading ${host}…` : flow.workflowStatus === "completed" ? `Read ${host}` : `Could not read ${host}`}</h2>
            <p className="muted small">
              {flow.url} · started {formatRelativeTime(flow.startedAt, now)}
              {flow.provider ? ` · drafted by ${flow.provider === "heuristic" ? "the rule-based extractor" : flow.provider}` : ""}
            </p>
          </div>
          <span className="run-actions">
            <span className={`status-badge status-${flow.workflowStatus}`} data-testid="onboarding-status">
              {flow.workflowStatus === "completed" ? "draft ready" : flow.workflowStatus}
            </span>
            {running ? (
              <button type="button" className="button button-ghost" disabled={busy !== undefined} onClick={() => void cancel()} data-testid="onboarding-cancel">
                {busy === "cancel" ? "Cancelling…" : "Cancel"}
              </button>
            ) : null}
          </span>
        </div>
        <InlineError message={error} />
        <PhaseTimeline phases={flow.phases} labelOf={onboardingPhaseLabel} now={now} ariaLabel="Onboarding phases" testIdPrefix="onboarding-phase-" />
        <p className="last-event" aria-live="polite">
          <span data-testid="onboarding-event" title={flow.lastEvent.message}>
            {briefText(flow.lastEvent.message, 240)}
          </span>
        </p>
        {flow.note ? <p className="muted small">{flow.note}</p> : null}
        {readPages.length > 0 ? (
          <p className="muted small" data-testid="onboarding-pages">
            Pages read: {readPages.map((p) => pagePath(p.url)).join(" · ")}
          </p>
        ) : null}
        {flow.workflowStatus === "failed" || flow.workflowStatus === "cancelled" ? (
          <div className="banner banner-error" role="alert">
            <p className="banner-text">{flow.workflowStatus === "cancelled" ? "Cancelled: nothing was saved." : (flow.error ?? "Onboarding stopped.")}</p>
            <button type="button" className="button" onClick={onRestart} data-testid="onboarding-restart">
              Try another address
            </button>
          </div>
        ) : null}
      </section>
      {flow.workflowStatus === "completed" && flow.draft ? (
        <AgencySetup key={flow._id} review={{ onboardingFlowId: flow._id, draft: flow.draft }} onCancel={onRestart} />
      ) : null}
    </>
  );
}
