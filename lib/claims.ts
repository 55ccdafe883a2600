import { SIGNALS, type Signal } from "./signals";

/**
 * Approved claims and the signals they answer: which claim may pitch which
 * problem. A claim lists its signals (`signals`, edited in setup); a claim
 * saved before claims listed them is read through the keyword table below.
 */
export interface ApprovedClaim {
  id: string;
  text: string;
  /** The signal codes this claim answers; absent on profiles saved before claims listed them. */
  signals?: Signal[];
}

/**
 * Words in a claim's text that show it answers a signal, matched on word
 * starts ("review" matches "reviews"). Only for claims without `signals`, and
 * to pre-tick the setup checkboxes of such a claim.
 */
export const SIGNAL_CLAIM_KEYWORDS: Record<Signal, readonly string[]> = {
  MISSING_WEBSITE: ["website", "web site", "online presence", "web design"],
  WEAK_WEB_PRESENCE: ["website", "web site", "online presence", "social"],
  LOW_GOOGLE_RATING: ["review", "rating", "reputation", "stars"],
  NEEDS_WEB_AUDIT: [],
  WEBSITE_NOT_MOBILE_FRIENDLY: ["mobile", "responsive", "smartphone", "phone-friendly"],
  NO_CALL_TO_ACTION: ["call-to-action", "call to action", "cta", "click-to-call", "conversion", "convert", "enquir", "inquir"],
  NO_SSL: ["https", "ssl", "secure", "security", "certificate"],
  MIXED_CONTENT: ["https", "ssl", "mixed content"],
  POOR_SEO: ["seo", "search", "ranking", "google maps", "visibility"],
  NO_CONTACT_EMAIL: ["email", "e-mail", "inbox"],
  NO_ONLINE_BOOKING: ["book", "appointment", "scheduling", "schedule", "reservation"],
  OUTDATED_WEBSITE: ["redesign", "modern", "outdated", "refresh", "rebuild", "new website"],
  SLOW_OR_HEAVY_PAGE: ["speed", "fast", "slow", "load", "performance"],
  WEBSITE_DOWN: ["hosting", "uptime", "downtime", "rebuild", "new website"],
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The signals a claim's wording suggests (never the NEEDS_WEB_AUDIT placeholder), in catalogue order. */
export function suggestClaimSignals(text: string): Signal[] {
  return SIGNALS.filter((signal) => SIGNAL_CLAIM_KEYWORDS[signal].some((keyword) => new RegExp(`\\b${escapeRegExp(keyword)}`, "i").test(text)));
}

/** The signals a claim answers: its own list, or for an old claim without one, what its wording suggests. */
export function claimSignals(claim: ApprovedClaim): readonly Signal[] {
  return claim.signals ?? suggestClaimSignals(claim.text);
}

export function claimAnswers(claim: ApprovedClaim, signal: string): boolean {
  return (claimSignals(claim) as readonly string[]).includes(signal);
}

/**
 * The claim that pitches a signal: among the claims answering it, the most
 * specific (fewest signals answered), then the first in the agency's order.
 * Undefined when no claim answers it.
 */
export function claimForSignal(signal: Signal, claims: readonly ApprovedClaim[]): ApprovedClaim | undefined {
  let best: { claim: ApprovedClaim; breadth: number } | undefined;
  for (const claim of claims) {
    if (!claimAnswers(claim, signal)) continue;
    const breadth = claimSignals(claim).length;
    if (!best || breadth < best.breadth) best = { claim, breadth };
  }
  return best?.claim;
}

/**
 * Next free `claim-N` id: one past the highest number in the list. Pass the
 * saved claims too, so a removed claim's id is not given to new text that old
 * talking points would then appear to cite.
 */
export function nextClaimId(claims: readonly { id: string }[]): string {
  const highest = claims.reduce((max, c) => {
    const match = /^claim-(\d+)$/.exec(c.id);
    return match ? Math.max(max, Number(match[1])) : max;
  }, 0);
  return `claim-${highest + 1}`;
}
