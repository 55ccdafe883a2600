import { dedupeByPlaceOrDomain } from "./dedupe";
import { canonicalDomain } from "./domains";
import { DEFAULT_MIN_SCORE, PLACES_MAX_RESULTS, type DropReason } from "./lifecycle";
import { checkPhone } from "./phone";
import { detectPlacesSignals } from "./placesSignals";
import type { PlaceResult } from "./providers/places/types";
import { scoreSignals } from "./scoring";
import type { Signal } from "./signals";

/** Places returns at most 60 results per search (3 pages of 20); every one of them gets a snapshot entry. */
export const MAX_CANDIDATES = PLACES_MAX_RESULTS;

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
 * The `source` phase's pure part: clamp to Places' 60, mark permanently closed
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

/** What the agency already has: places (by id) and websites (by canonical domain) from any earlier run. */
export interface KnownLeads {
  placeIds: ReadonlySet<string>;
  domains: ReadonlySet<string>;
}

/** True when the agency already has this business (same place id, or same canonical website domain). */
export function isKnownLead(place: { placeId: string; website?: string }, known: KnownLeads): boolean {
  if (known.placeIds.has(place.placeId)) return true;
  const domain = canonicalDomain(place.website);
  return domain !== undefined && known.domains.has(domain);
}

/** Fields the ranking reads, as a lead in a run or a saved opportunity carries them. */
export interface Rankable {
  score: number;
  reviewsCount?: number;
  name: string;
  placeId: string;
}

/**
 * THE ranking order, used to decide who is kept, who gets a deep audit and how
 * the dashboard lists leads: score, then review count (a busier business is
 * the better prospect among equals), then name, then place id so it is total.
 */
export function compareRank(a: Rankable, b: Rankable): number {
  return (
    b.score - a.score ||
    (b.reviewsCount ?? 0) - (a.reviewsCount ?? 0) ||
    a.name.localeCompare(b.name) ||
    (a.placeId < b.placeId ? -1 : a.placeId > b.placeId ? 1 : 0)
  );
}

/** A saved opportunity in ranking terms. */
export function opportunityRank(o: { qualificationScore: number; reviews_count?: number; name: string; place_id: string }): Rankable {
  return { score: o.qualificationScore, reviewsCount: o.reviews_count, name: o.name, placeId: o.place_id };
}

/** Sort saved opportunities in the ranking order (a copy). */
export function rankOpportunities<T extends { qualificationScore: number; reviews_count?: number; name: string; place_id: string }>(leads: readonly T[]): T[] {
  return [...leads].sort((a, b) => compareRank(opportunityRank(a), opportunityRank(b)));
}

export interface FilterOptions {
  /** Leads must score above this (the agency's minimum score). Default 0. */
  minScore?: number;
  /** Businesses the agency already has: dropped ALREADY_KNOWN. */
  known?: KnownLeads;
}

/**
 * The `filter_rank` phase: hard phone filter, leads the agency already has,
 * signals, score by the agency's criteria (at or below the minimum →
 * NOT_QUALIFIED), rank with {@link compareRank}, keep the top `numLeads`.
 * Every dropped business keeps a reason code.
 */
export function filterAndRank(
  candidates: readonly SnapshotEntry[],
  criteria: readonly string[],
  numLeads: number,
  options: FilterOptions = {},
): { leads: QualifiedLead[]; snapshot: SnapshotEntry[] } {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const scored: { entry: SnapshotEntry; lead?: QualifiedLead }[] = candidates.map((entry) => {
    if (entry.dropReason) return { entry };
    const phone = checkPhone(entry.phone);
    if (!phone.ok) return { entry: { ...entry, dropReason: phone.reason } };
    if (options.known && isKnownLead(entry, options.known)) return { entry: { ...entry, dropReason: "ALREADY_KNOWN" as const } };
    const signals = detectPlacesSignals(entry, criteria);
    const score = scoreSignals(signals, criteria);
    if (score <= minScore) return { entry: { ...entry, signals, score, dropReason: "NOT_QUALIFIED" as const } };
    const lead: QualifiedLead = { ...entry, phone: phone.e164, signals, score };
    return { entry: { ...entry, signals, score }, lead };
  });
  const ranked = scored.filter((s): s is { entry: SnapshotEntry; lead: QualifiedLead } => s.lead !== undefined).sort((a, b) => compareRank(a.lead, b.lead));
  const keep = new Set(ranked.slice(0, numLeads).map((r) => r.lead));
  const snapshot = scored.map((s) => (s.lead && !keep.has(s.lead) ? { ...s.entry, dropReason: "OVER_LIMIT" as const } : s.entry));
  return { leads: ranked.filter((r) => keep.has(r.lead)).map((r) => r.lead), snapshot };
}

/** How many candidates would survive every filter (for the source phase's "enough yet?" check). */
export function countQualified(candidates: readonly SnapshotEntry[], criteria: readonly string[], options: FilterOptions = {}): number {
  return filterAndRank(candidates, criteria, Number.MAX_SAFE_INTEGER, options).leads.length;
}
