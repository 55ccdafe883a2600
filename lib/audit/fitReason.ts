import { signalScores } from "../scoring";
import { SIGNALS, SIGNAL_CATALOGUE, type Signal } from "../signals";
import { SIGNAL_WORDING, joinWords } from "../signalWording";

/** Signals the agency scores, heaviest first (catalogue order breaks ties); NEEDS_WEB_AUDIT never appears. */
export function rankedAgencySignals(signals: readonly Signal[], criteria: readonly string[]): Signal[] {
  return [...new Set(signals)]
    .filter((s) => s !== "NEEDS_WEB_AUDIT" && signalScores(s, criteria))
    .sort((a, b) => SIGNAL_CATALOGUE[b].weight - SIGNAL_CATALOGUE[a].weight || SIGNALS.indexOf(a) - SIGNALS.indexOf(b));
}

/**
 * One line on why the lead fits the agency, from the top-weighted signals it
 * solves, in plain English (lib/signalWording.ts):
 * "Opportunity: a Google rating under 4 stars and no way to book online."
 */
export function describeFitReason(signals: readonly Signal[], criteria: readonly string[], maxReasons = 2): string {
  const top = rankedAgencySignals(signals, criteria).slice(0, maxReasons);
  if (top.length === 0) return "No confirmed problem matches the agency's qualification criteria.";
  return `Opportunity: ${joinWords(top.map((s) => SIGNAL_WORDING[s].phrase))}.`;
}
