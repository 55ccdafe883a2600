import { dedupeByPlaceOrDomain } from "./dedupe";
import type { DropReason } from "./lifecycle";
import { checkPhone } from "./phone";
import { detectPlacesSignals } from "./placesSignals";
import type { PlaceResult } from "./providers/places/types";
import { scoreSignals } from "./scoring";
import type { Signal } from "./signals";

/** Places returns at most 20 results a page; we never keep more candidates than that. */
export const MAX_CANDIDATES = 20;

/** One sourced business as kept in the run's `placesSnapshot`. */
export interface SnapshotEntry extends PlaceResult {
  dropReason?: DropReason;
  signals?: Signal[];
  score?: number;
}

export interface QualifiedLead extends PlaceResult {
  /** E.164, validated. */
  phone: string;
  signals: Signal[];
  score: number;
}

/**
 * The `source` phase's pure part: clamp to one page, mark permanently closed
 * businesses and duplicates (by place id or canonical domain) with their reason.
 */
export function prepareCandidates(results: readonly PlaceResult[]): SnapshotEntry[] {
  const clamped = results.slice(0, MAX_CANDIDATES);
  const open = clamped.filter((p) => p.businessStatus !== "CLOSED_PERMANENTLY");
  const { dropped } = dedupeByPlaceOrDomain(open);
  const reasons = new Map<PlaceResult, DropReason>(dropped.map((d) => [d.item, d.reason]));
  return clamped.map((p) => {
    const reason: DropReason | undefined = p.businessStatus === "CLOSED_PERMANENTLY" ? "CLOSED" : reasons.get(p);
    return reason ? { ...p, dropReason: reason } : { ...p };
  });
}

/**
 * The `filter_rank` phase: hard phone filter, signals, score by the agency's
 * criteria, rank (score, then reviews, then name for a stable order), keep the
 * top `numLeads`. Every dropped business keeps a reason code.
 */
export function filterAndRank(
  candidates: readonly SnapshotEntry[],
  criteria: readonly string[],
  numLeads: number,
): { leads: QualifiedLead[]; snapshot: SnapshotEntry[] } {
  const scored: { entry: SnapshotEntry; lead?: QualifiedLead }[] = candidates.map((entry) => {
    if (entry.dropReason) return { entry };
    const phone = checkPhone(entry.phone);
    if (!phone.ok) return { entry: { ...entry, dropReason: phone.reason } };
    const signals = detectPlacesSignals(entry, criteria);
    const score = scoreSignals(signals, criteria);
    const lead: QualifiedLead = { ...entry, phone: phone.e164, signals, score };
    return { entry: { ...entry, signals, score }, lead };
  });
  const ranked = scored
    .filter((s): s is { entry: SnapshotEntry; lead: QualifiedLead } => s.lead !== undefined)
    .sort(
      (a, b) =>
        b.lead.score - a.lead.score ||
        (b.lead.reviewsCount ?? 0) - (a.lead.reviewsCount ?? 0) ||
        a.lead.name.localeCompare(b.lead.name),
    );
  const keep = new Set(ranked.slice(0, numLeads).map((r) => r.lead));
  const snapshot = scored.map((s) =>
    s.lead && !keep.has(s.lead) ? { ...s.entry, dropReason: "OVER_LIMIT" as const } : s.entry,
  );
  return { leads: ranked.filter((r) => keep.has(r.lead)).map((r) => r.lead), snapshot };
}
