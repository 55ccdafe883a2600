import { SIGNAL_CATALOGUE, SIGNALS, type Signal } from "../../lib/signals";
import "./claimsAndOutreach.css";

/** NEEDS_WEB_AUDIT is a placeholder, never a problem a claim answers. */
const ANSWERABLE = SIGNALS.filter((s) => s !== "NEEDS_WEB_AUDIT");

/**
 * Which problems one approved claim answers: a collapsed multi-select whose
 * summary lists the chosen problems in words. Talking points pitch a gap only
 * with a claim that answers it.
 */
export function ClaimSignalsPicker({ index, signals, onChange }: { index: number; signals: readonly Signal[]; onChange: (signals: Signal[]) => void }) {
  const chosen = ANSWERABLE.filter((s) => signals.includes(s));
  return (
    <details className="claim-signals" data-testid="claim-signals">
      <summary>
        {chosen.length === 0 ? (
          <span className="warning">Answers no problem yet: choose what this claim answers</span>
        ) : (
          <>
            <span className="muted">Answers: </span>
            {chosen.map((s) => SIGNAL_CATALOGUE[s].label).join(", ")}
          </>
        )}
      </summary>
      <fieldset className="claim-signals-grid">
        <legend className="visually-hidden">Problems claim {index + 1} answers</legend>
        {ANSWERABLE.map((signal) => (
          <label key={signal} className="claim-signal" title={SIGNAL_CATALOGUE[signal].description}>
            <input
              type="checkbox"
              checked={signals.includes(signal)}
              onChange={(e) => onChange(e.target.checked ? [...signals.filter((s) => s !== signal), signal] : signals.filter((s) => s !== signal))}
            />
            {SIGNAL_CATALOGUE[signal].label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
