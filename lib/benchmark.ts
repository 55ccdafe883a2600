/**
 * Competitor benchmark from data a run already fetched: the prospect's Google rating, review count and
 * website against the top 3 businesses and the median of the same Places search (the run's placesSnapshot).
 * Pure, no Convex imports; no extra Places call is ever made for it.
 */
import { parseWebsite } from "./domains";

/** A business of the search as the run's snapshot holds it. */
export interface BenchmarkPlace {
  placeId: string;
  name: string;
  rating?: number;
  reviewsCount?: number;
  website?: string;
  businessStatus?: string;
  dropReason?: string;
}

export type WebsiteState = "own" | "social" | "none";

export interface BenchmarkBusiness {
  name: string;
  rating?: number;
  reviews: number;
  website: WebsiteState;
}

export interface Benchmark {
  /** "dentists", as the search was typed (used in sentences). */
  vertical: string;
  prospect: BenchmarkBusiness;
  /** Other businesses of the search compared with (closed and duplicate listings left out). */
  competitorCount: number;
  /** Up to 3, best first (see `rankScore`). */
  top: BenchmarkBusiness[];
  /** Mean rating (of those rated) and mean review count of `top`; null when there is no competitor. */
  topAverage: { rating?: number; reviews: number } | null;
  /** Median rating (of those rated) and median review count of every competitor; null when there is none. */
  median: { rating?: number; reviews: number } | null;
  /** Competitors with a website of their own (not a social or directory page). */
  withOwnWebsite: number;
}

/** Listings that are not separate competitors. */
const NOT_A_COMPETITOR: ReadonlySet<string> = new Set(["DUPLICATE_PLACE", "DUPLICATE_DOMAIN", "CLOSED"]);
/**
 * Reviews a rating needs before it is trusted (the Bayesian prior's weight): at least this many, or the
 * search's median review count when higher, so 4.9★ from 9 reviews does not outrank 4.7★ from 300.
 */
const MIN_PRIOR_REVIEWS = 10;

export function websiteState(website: string | undefined): WebsiteState {
  const parsed = parseWebsite(website);
  if (!parsed) return "none";
  return parsed.isSocialOrDirectory ? "social" : "own";
}

function toBusiness(place: BenchmarkPlace): BenchmarkBusiness {
  return {
    name: place.name,
    ...(place.rating !== undefined ? { rating: place.rating } : {}),
    // Places leaves the count out when there are no reviews.
    reviews: place.reviewsCount ?? 0,
    website: websiteState(place.website),
  };
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mean(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * How a business ranks among its competitors: its rating pulled toward the search's mean rating by
 * `priorReviews` phantom reviews (a Bayesian average), so many good reviews beat a few perfect ones.
 * Unrated businesses rank last.
 */
function rankScore(business: BenchmarkBusiness, meanRating: number, priorReviews: number): number {
  if (business.rating === undefined) return -1;
  const n = business.reviews;
  return (n * business.rating + priorReviews * meanRating) / (n + priorReviews);
}

/**
 * The benchmark of `prospect` against the other businesses of `search` (the prospect itself, closed
 * and duplicate listings are left out). Ties rank by review count, then name.
 */
export function buildBenchmark(prospect: BenchmarkPlace, search: readonly BenchmarkPlace[], vertical: string): Benchmark {
  const competitors = search
    .filter((p) => p.placeId !== prospect.placeId && !NOT_A_COMPETITOR.has(p.dropReason ?? "") && p.businessStatus !== "CLOSED_PERMANENTLY")
    .map(toBusiness);
  const rated = competitors.filter((c) => c.rating !== undefined).map((c) => c.rating!);
  const meanRating = mean(rated) ?? 0;
  const medianReviews = median(competitors.map((c) => c.reviews)) ?? 0;
  const prior = Math.max(MIN_PRIOR_REVIEWS, medianReviews);
  const top = [...competitors]
    .sort((a, b) => rankScore(b, meanRating, prior) - rankScore(a, meanRating, prior) || b.reviews - a.reviews || a.name.localeCompare(b.name))
    .slice(0, 3);
  const average = (list: BenchmarkBusiness[]) => {
    const rating = mean(list.filter((b) => b.rating !== undefined).map((b) => b.rating!));
    return { ...(rating !== undefined ? { rating } : {}), reviews: mean(list.map((b) => b.reviews))! };
  };
  const medianRating = median(rated);
  return {
    vertical: vertical.trim(),
    prospect: toBusiness(prospect),
    competitorCount: competitors.length,
    top,
    topAverage: top.length > 0 ? average(top) : null,
    median:
      competitors.length > 0 ? { ...(medianRating !== undefined ? { rating: medianRating } : {}), reviews: median(competitors.map((c) => c.reviews))! } : null,
    withOwnWebsite: competitors.filter((c) => c.website === "own").length,
  };
}

const stars = (rating: number) => `${rating.toFixed(1)}★`;
const count = (n: number, one: string, many: string) => `${Math.round(n).toLocaleString("en-US")} ${Math.round(n) === 1 ? one : many}`;

/** "dentists" stays; "auto repair" becomes "auto repair businesses"; empty becomes "businesses". */
function pluralVertical(vertical: string): string {
  const v = vertical.trim().toLowerCase();
  if (!v) return "businesses";
  return /s$/.test(v) ? v : `${v} businesses`;
}

/**
 * The benchmark in one sentence addressed to the business owner, for the report and the outreach writer:
 * "You have 4.1★ from 23 reviews; the top 3 dentists in this search average 4.8★ from 410."
 */
export function benchmarkSentence(b: Benchmark): string {
  const you =
    b.prospect.rating !== undefined
      ? `You have ${stars(b.prospect.rating)} from ${count(b.prospect.reviews, "review", "reviews")}`
      : b.prospect.reviews > 0
        ? `You have ${count(b.prospect.reviews, "review", "reviews")} on Google`
        : "You have no Google reviews yet";
  const plural = pluralVertical(b.vertical);
  if (!b.topAverage || b.top.length === 0) return `${you}; no other ${plural} in this search to compare with.`;
  const avg = b.topAverage;
  const theirs =
    avg.rating !== undefined
      ? `${stars(avg.rating)} from ${Math.round(avg.reviews).toLocaleString("en-US")}`
      : `${count(avg.reviews, "review", "reviews")} and no rating`;
  if (b.top.length === 1) {
    const single = avg.rating !== undefined ? `${stars(avg.rating)} from ${count(avg.reviews, "review", "reviews")}` : theirs;
    return `${you}; the top-rated of the other ${plural} in this search has ${single}.`;
  }
  return `${you}; the top ${b.top.length} ${plural} in this search average ${theirs}.`;
}

/** "You have a website of your own, like 9 of the 12 other dentists in this search." */
export function websiteSentence(b: Benchmark): string {
  const plural = pluralVertical(b.vertical);
  const others = `${b.withOwnWebsite} of the ${b.competitorCount} other ${plural} in this search`;
  if (b.competitorCount === 0) return "";
  if (b.prospect.website === "own") return `You have a website of your own, like ${others}.`;
  const yours = b.prospect.website === "social" ? "Your only web presence is a social or directory page" : "You have no website";
  return `${yours}; ${others} have one of their own.`;
}
