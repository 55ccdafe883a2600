import { parseWebsite } from "../domains";
import { type ApprovedClaim, claimForSignal } from "../claims";
import { signalScores } from "../scoring";
import { SIGNAL_CATALOGUE, SIGNALS, type Signal, isSignal } from "../signals";
import { SIGNAL_WORDING, type WordingFacts } from "../signalWording";
import type { AuditLead, IdentifiedGap, TalkingPoint } from "./types";

/** The lead facts owner-facing sentences quote (rating, social page host). */
export function wordingFacts(lead: Pick<AuditLead, "rating" | "reviewsCount" | "website">): WordingFacts {
  const parsed = parseWebsite(lead.website);
  return { rating: lead.rating, reviewsCount: lead.reviewsCount, ...(parsed?.isSocialOrDirectory ? { socialHost: parsed.hostname } : {}) };
}

/** The gaps the agency sells (its criteria), heaviest first, catalogue order breaking ties; each signal once. */
export function soldGaps(gaps: readonly IdentifiedGap[], criteria: readonly string[]): (IdentifiedGap & { key: Signal })[] {
  const seen = new Set<string>();
  return gaps
    .filter((g): g is IdentifiedGap & { key: Signal } => isSignal(g.key) && g.key !== "NEEDS_WEB_AUDIT" && signalScores(g.key, criteria))
    .filter((g) => !seen.has(g.key) && Boolean(seen.add(g.key)))
    .sort((a, b) => SIGNAL_CATALOGUE[b.key].weight - SIGNAL_CATALOGUE[a.key].weight || SIGNALS.indexOf(a.key) - SIGNALS.indexOf(b.key));
}

/** One talking point: the problems it pitches in plain English, then the claim that answers them. */
export function talkingPointText(signals: readonly Signal[], claim: ApprovedClaim, facts: WordingFacts): string {
  return [...signals.map((s) => SIGNAL_WORDING[s].problem(facts)), claim.text.trim()].join(" ");
}

/**
 * Pitch each gap the agency sells with the approved claim that answers it
 * (lib/claims.ts claimForSignal). Gaps answered by the same claim share one
 * talking point, so a claim is said once. A sold gap no claim answers gets no
 * talking point and is returned in `unpitchedSignals`.
 */
export function matchTalkingPoints(
  gaps: readonly IdentifiedGap[],
  claims: readonly ApprovedClaim[],
  criteria: readonly string[],
  facts: WordingFacts = {},
): { talking_points: TalkingPoint[]; unpitchedSignals: Signal[] } {
  const groups = new Map<string, { claim: ApprovedClaim; gaps: (IdentifiedGap & { key: Signal })[] }>();
  const unpitchedSignals: Signal[] = [];
  for (const gap of soldGaps(gaps, criteria)) {
    const claim = claimForSignal(gap.key, claims);
    if (!claim) {
      unpitchedSignals.push(gap.key);
      continue;
    }
    const group = groups.get(claim.id) ?? { claim, gaps: [] };
    group.gaps.push(gap);
    groups.set(claim.id, group);
  }
  const talking_points = [...groups.values()].map(({ claim, gaps: answered }) => {
    const source_url = answered.find((g) => g.source_url)?.source_url;
    return {
      text: talkingPointText(
        answered.map((g) => g.key),
        claim,
        facts,
      ),
      approved_claim_id: claim.id,
      ...(source_url ? { source_url } : {}),
      gap_keys: answered.map((g) => g.key),
    };
  });
  return { talking_points, unpitchedSignals };
}
