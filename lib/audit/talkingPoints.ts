import { SIGNAL_CATALOGUE, SIGNALS, type Signal, isSignal } from "../signals";
import { signalScores } from "../scoring";
import { SIGNAL_CLAIM_KEYWORDS } from "./signalPhrases";
import type { ApprovedClaim, IdentifiedGap, TalkingPoint } from "./types";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How many of a signal's keywords the claim mentions (word starts, case-insensitive). */
export function claimRelevance(claim: ApprovedClaim, signal: Signal): number {
  return SIGNAL_CLAIM_KEYWORDS[signal].filter((keyword) => new RegExp(`\\b${escapeRegExp(keyword)}`, "i").test(claim.text)).length;
}

/**
 * Pair confirmed gaps with the agency's approved claims: each gap (the ones the
 * agency scores first, then by weight) takes the most relevant unused claim.
 * No claim matches → no talking point; every point cites an existing claim id.
 */
export function matchTalkingPoints(gaps: readonly IdentifiedGap[], claims: readonly ApprovedClaim[], criteria: readonly string[]): TalkingPoint[] {
  const signalGaps = gaps.filter((g): g is IdentifiedGap & { key: Signal } => isSignal(g.key));
  const ordered = [...signalGaps].sort(
    (a, b) =>
      Number(signalScores(b.key, criteria)) - Number(signalScores(a.key, criteria)) ||
      SIGNAL_CATALOGUE[b.key].weight - SIGNAL_CATALOGUE[a.key].weight ||
      SIGNALS.indexOf(a.key) - SIGNALS.indexOf(b.key),
  );
  const used = new Set<string>();
  const points: TalkingPoint[] = [];
  for (const gap of ordered) {
    let best: { claim: ApprovedClaim; relevance: number } | undefined;
    for (const claim of claims) {
      if (used.has(claim.id)) continue;
      const relevance = claimRelevance(claim, gap.key);
      if (relevance > 0 && (!best || relevance > best.relevance)) best = { claim, relevance };
    }
    if (!best) continue;
    used.add(best.claim.id);
    points.push({ text: `${gap.value} — ${best.claim.text}`, approved_claim_id: best.claim.id, source_url: gap.source_url });
  }
  return points;
}
