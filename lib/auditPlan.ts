import { describeFitReason, rankedAgencySignals } from "./audit/fitReason";
import { hasCrawlableWebsite } from "./placesSignals";
import { mergeAuditedSignals, scoreSignals } from "./scoring";
import type { DeepSignal, Signal } from "./signals";

/** Pages fetched per deep audit: home plus the ones that matter most (contact, services, about, booking...). */
export const MAX_AUDIT_PAGES = 6;

/**
 * Which leads get a deep audit: the top `maxDeepAudits` by score among those
 * with a crawlable website (not a social or directory link). Input is ranked.
 */
export function selectDeepAudits<T extends { website?: string }>(rankedLeads: readonly T[], maxDeepAudits: number): { deep: T[]; placesOnly: T[] } {
  const deep: T[] = [];
  const placesOnly: T[] = [];
  for (const lead of rankedLeads) {
    if (deep.length < maxDeepAudits && hasCrawlableWebsite(lead.website)) deep.push(lead);
    else placesOnly.push(lead);
  }
  return { deep, placesOnly };
}

/**
 * A lead's final signals, score and fit reason (finalize_rank). The audit
 * placeholder is replaced by what the audit confirmed; a lead that was not
 * audited, or whose audit failed (`confirmed` undefined), keeps its Places-based signals.
 */
export function finalizeLead(initialSignals: readonly Signal[], confirmed: readonly DeepSignal[] | undefined, criteria: readonly string[]) {
  const signals = mergeAuditedSignals(initialSignals, confirmed);
  const reason = describeFitReason(signals, criteria);
  // Not audited (yet): never say "no problem confirmed" about a website nobody looked at.
  const unaudited = signals.includes("NEEDS_WEB_AUDIT") && scoreSignals(["NEEDS_WEB_AUDIT"], criteria) > 0;
  const fit_reason = !unaudited
    ? reason
    : rankedAgencySignals(signals, criteria).length === 0
      ? "Website not audited yet: it may have problems you solve (use Re-run audit to check)."
      : `${reason} Website not audited yet.`;
  return { signals, qualificationScore: scoreSignals(signals, criteria), fit_reason };
}
