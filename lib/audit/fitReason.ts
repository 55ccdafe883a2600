import { signalScores } from "../scoring";
import { SIGNALS, SIGNAL_CATALOGUE, type Signal } from "../signals";
import { SIGNAL_PHRASES } from "./signalPhrases";

/** Signals the agency scores, heaviest first (catalogue order breaks ties); NEEDS_WEB_AUDIT never appears. */
export function rankedAgencySignals(signals: readonly Signal[], criteria: readonly string[]): Signal[] {
  return [...new Set(signals)]
    .filter((s) => s !== "NEEDS_WEB_AUDIT" && signalScores(s, criteria))
    .sort((a, b) => SIGNAL_CATALOGUE[b].weight - SIGNAL_CATALOGUE[a].weight || SIGNALS.indexOf(a) - SIGNALS.indexOf(b));
}

/**
 * One line on why the lead fits the agency, from the top-weighted signals it
 * solves: "Opportunity: low Google rating & no clear call-to-action on website."
 */
export function describeFitReason(signals: readonly Signal[], criteria: readonly string[], maxReasons = 2): string {
  const top = rankedAgencySignals(signals, criteria).slice(0, maxReasons);
  if (top.length === 0) return "No confirmed problem matches the agency's qualification criteria.";
  const phrases = top.map((s) => SIGNAL_PHRASES[s]);
  const text = phrases.join(" & ");
  return `Opportunity: ${text}.`;
}
