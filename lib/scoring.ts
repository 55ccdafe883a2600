import { DEEP_SIGNALS, SIGNAL_CATALOGUE, type Signal, isDeepSignal } from "./signals";

export const MAX_SCORE = 100;

/** Does the agency want any criterion that only a website audit can confirm? */
export function wantsDeepAudit(criteria: readonly string[]): boolean {
  return criteria.some(isDeepSignal);
}

/**
 * Whether a signal counts towards the score for an agency: only signals it
 * solves, with NEEDS_WEB_AUDIT standing in for any deep criterion.
 */
export function signalScores(signal: Signal, criteria: readonly string[]): boolean {
  if (signal === "NEEDS_WEB_AUDIT") return wantsDeepAudit(criteria);
  return criteria.includes(signal);
}

export function clampScore(score: number): number {
  return Math.max(0, Math.min(MAX_SCORE, Math.round(score)));
}

/** Score = sum of the weights of the signals the agency cares about, clamped 0–100. */
export function scoreSignals(signals: readonly Signal[], criteria: readonly string[]): number {
  const unique = [...new Set(signals)];
  const total = unique.filter((s) => signalScores(s, criteria)).reduce((sum, s) => sum + SIGNAL_CATALOGUE[s].weight, 0);
  return clampScore(total);
}

/** Per-signal points for display ("+50 No website"); 0 when the agency does not solve it. */
export function signalPoints(signal: Signal, criteria: readonly string[]): number {
  return signalScores(signal, criteria) ? SIGNAL_CATALOGUE[signal].weight : 0;
}

/**
 * Final signals after an audit: the NEEDS_WEB_AUDIT placeholder is replaced by
 * the deep signals the audit confirmed. Without an audit the placeholder stays.
 */
export function mergeAuditedSignals(initial: readonly Signal[], confirmedDeep: readonly Signal[] | undefined): Signal[] {
  if (confirmedDeep === undefined) return [...new Set(initial)];
  const deep = confirmedDeep.filter((s) => (DEEP_SIGNALS as readonly string[]).includes(s));
  return [...new Set([...initial.filter((s) => s !== "NEEDS_WEB_AUDIT"), ...deep])];
}
