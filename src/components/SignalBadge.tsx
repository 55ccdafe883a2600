import { WEBSITE_OUTCOME_LABELS, type WebsiteOutcome } from "../../lib/audit/websiteOutcome";
import { describeSignal, signalTooltip } from "../lib/signalDisplay";

export function SignalBadge({ signal, criteria, showPoints = false }: { signal: string; criteria?: readonly string[]; showPoints?: boolean }) {
  const display = describeSignal(signal, criteria);
  // A signal outside the agency's criteria adds nothing to the score: shown hollow, never like one that counts.
  const outside = display.points === 0;
  const tooltip = outside ? `${signalTooltip(display)} — not something you sell, so it does not count` : signalTooltip(display);
  return (
    <span
      className={`badge badge-${display.tone}${outside ? " badge-outside" : ""}`}
      data-testid="signal-badge"
      data-signal={signal}
      data-counts={outside ? "false" : "true"}
      title={tooltip}
      aria-label={`${display.label}: ${tooltip}`}
    >
      {display.label}
      {showPoints && display.points !== undefined ? <span className="badge-points"> +{display.points}</span> : null}
    </span>
  );
}

/**
 * A lead's signals, plus its website outcome when no signal tells it: "No website", "Social-only site" and
 * "Website down" are signals; a site whose robots.txt kept us out or whose audit failed gets a grey outcome badge.
 */
export function SignalBadges({ signals, criteria, outcome }: { signals: readonly string[]; criteria?: readonly string[]; outcome?: WebsiteOutcome }) {
  const outcomeBadge = outcome === "robots_blocked" || outcome === "audit_failed" ? WEBSITE_OUTCOME_LABELS[outcome] : undefined;
  if (signals.length === 0 && !outcomeBadge) return <span className="muted">None</span>;
  return (
    <span className="badge-list">
      {signals.map((s) => (
        <SignalBadge key={s} signal={s} criteria={criteria} />
      ))}
      {outcomeBadge ? (
        <span className="badge badge-grey" data-testid="outcome-badge" data-outcome={outcome} title="What happened when we tried the website">
          {outcomeBadge}
        </span>
      ) : null}
    </span>
  );
}
