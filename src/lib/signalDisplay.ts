import { SIGNAL_CATALOGUE, isSignal } from "../../lib/signals";
import { signalPoints } from "../../lib/scoring";

/** Badge colour family: red/yellow/purple for Places signals, grey placeholder, orange deep-audit findings. */
export type SignalTone = "red" | "yellow" | "purple" | "grey" | "orange";

export function signalTone(signal: string): SignalTone {
  if (signal === "MISSING_WEBSITE" || signal === "WEBSITE_DOWN") return "red";
  if (signal === "LOW_GOOGLE_RATING") return "yellow";
  if (signal === "WEAK_WEB_PRESENCE") return "purple";
  if (isSignal(signal) && SIGNAL_CATALOGUE[signal].kind === "deep") return "orange";
  return "grey";
}

export interface SignalDisplay {
  label: string;
  description: string;
  tone: SignalTone;
  /** Points it adds for this agency; undefined when the agency profile is not loaded. */
  points?: number;
}

/** Label, description and points of a signal; unknown codes are shown as-is rather than hidden. */
export function describeSignal(signal: string, criteria?: readonly string[]): SignalDisplay {
  if (!isSignal(signal)) return { label: signal, description: "Unknown signal", tone: "grey" };
  const info = SIGNAL_CATALOGUE[signal];
  return {
    label: info.label,
    description: info.description,
    tone: signalTone(signal),
    points: criteria ? signalPoints(signal, criteria) : undefined,
  };
}

export function signalTooltip(display: SignalDisplay): string {
  if (display.points === undefined) return display.description;
  return `${display.description} (${display.points > 0 ? `+${display.points}` : "0"} points)`;
}
