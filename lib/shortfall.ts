import { PLACES_MAX_RESULTS, type DropReason } from "./lifecycle";

export interface ShortfallInput {
  numLeads: number;
  delivered: number;
  /** Businesses the Places search returned over every page fetched. */
  fetched: number;
  /** Places had no further page (vs. we stopped at Google's 60-result limit). */
  exhausted: boolean;
  provider: string;
  dropped: Partial<Record<DropReason, number>>;
  /** Set in demo mode when the search matched nothing: what the demo covers. */
  demoCoverage?: { verticals: readonly string[]; geographies: readonly string[] };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why a drop removed businesses, in the user's words ("12 had no valid phone"). */
const DROP_PHRASES: [readonly DropReason[], (n: number) => string][] = [
  [["NO_PHONE", "INVALID_PHONE"], (n) => `${n} had no valid phone`],
  [["ALREADY_KNOWN"], (n) => `${n} ${n === 1 ? "is" : "are"} already in your leads`],
  [["NOT_QUALIFIED"], (n) => `${n} ${n === 1 ? "doesn't" : "don't"} match what you sell`],
  [["DUPLICATE_PLACE", "DUPLICATE_DOMAIN"], (n) => `${n} ${n === 1 ? "was a duplicate" : "were duplicates"}`],
  [["CLOSED"], (n) => `${n} ${n === 1 ? "is" : "are"} permanently closed`],
];

/**
 * Plain words for a run that delivered fewer leads than asked, e.g. "Google
 * has 37 businesses for this search (its limit is 60); 12 had no valid phone,
 * 9 are already in your leads, 4 don't match what you sell." Undefined when
 * the run delivered what was asked.
 */
export function describeShortfall(input: ShortfallInput): string | undefined {
  if (input.delivered >= input.numLeads) return undefined;
  const source = input.provider === "demo" ? "The demo dataset" : "Google";
  if (input.fetched === 0) {
    if (input.demoCoverage) {
      return (
        `The demo dataset has no businesses for this search. It covers ${input.demoCoverage.verticals.join(", ")} ` +
        `in ${input.demoCoverage.geographies.join(", ")}; set GOOGLE_PLACES_API_KEY to search anywhere.`
      );
    }
    return `${source} found no businesses for this search; try a broader vertical or area.`;
  }
  const found = input.exhausted
    ? `${source} has ${plural(input.fetched, "business", "businesses")} for this search`
    : `${source} returned ${plural(input.fetched, "business", "businesses")} for this search`;
  const limit = input.provider === "demo" ? "" : ` (its limit is ${PLACES_MAX_RESULTS})`;
  const reasons = DROP_PHRASES.flatMap(([codes, phrase]) => {
    const n = codes.reduce((sum, c) => sum + (input.dropped[c] ?? 0), 0);
    return n > 0 ? [phrase(n)] : [];
  });
  const asked = `You asked for ${input.numLeads}; ${plural(input.delivered, "new qualified lead")} found.`;
  return `${found}${limit}${reasons.length ? `; ${reasons.join(", ")}` : ""}. ${asked}`;
}
