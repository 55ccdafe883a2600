import { phaseStatusLabel } from "../../lib/labels";
import { briefText } from "../lib/errorMessage";
import { formatDuration, phaseDuration } from "../lib/timeFormat";

export interface TimelinePhase {
  name: string;
  status: string;
  startedAt?: number;
  completedAt?: number;
  error?: string;
}

function PhaseIcon({ status }: { status: string }) {
  if (status === "running") return <span className="spinner spinner-small" aria-hidden="true" />;
  const glyph = status === "complete" ? "✓" : status === "error" ? "✗" : status === "skipped" ? "–" : "";
  return (
    <span className="phase-dot" aria-hidden="true">
      {glyph}
    </span>
  );
}

/** The run's (or an audit's) phases in order: grey pending, spinner running, ✓ with duration, ✗ with message. */
export function PhaseTimeline({
  phases,
  labelOf,
  now,
  ariaLabel,
  testIdPrefix,
}: {
  phases: readonly TimelinePhase[];
  labelOf: (name: string) => string;
  now: number;
  ariaLabel: string;
  /** When set, each phase gets `data-testid="<prefix><name>"`. */
  testIdPrefix?: string;
}) {
  return (
    <ol className="timeline" aria-label={ariaLabel}>
      {phases.map((phase) => {
        const duration = phaseDuration(phase, now);
        const label = labelOf(phase.name);
        return (
          <li
            key={phase.name}
            className={`timeline-step step-${phase.status}`}
            data-testid={testIdPrefix ? `${testIdPrefix}${phase.name}` : undefined}
            data-status={phase.status}
            aria-current={phase.status === "running" ? "step" : undefined}
          >
            <PhaseIcon status={phase.status} />
            <span className="step-text">
              <span className="step-label">{label}</span>
              <span className="step-meta">
                {phaseStatusLabel(phase.status)}
                {duration !== undefined && (phase.status === "complete" || phase.status === "running" || phase.status === "error")
                  ? ` · ${formatDuration(duration)}`
                  : ""}
              </span>
              {phase.status === "error" && phase.error ? (
                <span className="step-error-text" title={phase.error}>
                  {briefText(phase.error, 120)}
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** Four dots for a lead's audit, with the current phase named beside them. */
export function MiniAuditTimeline({ phases, labelOf }: { phases: readonly TimelinePhase[]; labelOf: (name: string) => string }) {
  const current = phases.find((p) => p.status === "running") ?? phases.find((p) => p.status === "error");
  const summary = phases.map((p) => `${labelOf(p.name)}: ${phaseStatusLabel(p.status)}`).join(", ");
  return (
    <span className="mini-timeline" title={summary} aria-label={`Audit progress. ${summary}`}>
      <span className="mini-dots" aria-hidden="true">
        {phases.map((p) => (
          <span key={p.name} className={`mini-dot step-${p.status}`} />
        ))}
      </span>
      {current ? <span className="mini-current">{labelOf(current.name)}</span> : null}
    </span>
  );
}
