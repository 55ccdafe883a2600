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

export function SignalBadges({ signals, criteria }: { signals: readonly string[]; criteria?: readonly string[] }) {
  if (signals.length === 0) return <span className="muted">None</span>;
  return (
    <span className="badge-list">
      {signals.map((s) => (
        <SignalBadge key={s} signal={s} criteria={criteria} />
      ))}
    </span>
  );
}
