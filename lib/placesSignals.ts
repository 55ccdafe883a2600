import { parseWebsite } from "./domains";
import { wantsDeepAudit } from "./scoring";
import type { Signal } from "./signals";

export const LOW_RATING_THRESHOLD = 4.0;
export const LOW_RATING_MIN_REVIEWS = 5;

export interface PlacesFacts {
  website?: string;
  rating?: number;
  reviewsCount?: number;
}

/** Has a website of its own that a crawler can audit (not a social or directory listing). */
export function hasCrawlableWebsite(website: string | undefined): boolean {
  const parsed = parseWebsite(website);
  return parsed !== undefined && !parsed.isSocialOrDirectory;
}

/** Signals visible from Places data alone (docs/architecture.md §5). */
export function detectPlacesSignals(place: PlacesFacts, criteria: readonly string[]): Signal[] {
  const signals: Signal[] = [];
  const parsed = parseWebsite(place.website);
  if (!parsed) signals.push("MISSING_WEBSITE");
  else if (parsed.isSocialOrDirectory) signals.push("WEAK_WEB_PRESENCE");
  if (place.rating !== undefined && place.rating < LOW_RATING_THRESHOLD && (place.reviewsCount ?? 0) > LOW_RATING_MIN_REVIEWS) {
    signals.push("LOW_GOOGLE_RATING");
  }
  if (parsed && !parsed.isSocialOrDirectory && wantsDeepAudit(criteria)) signals.push("NEEDS_WEB_AUDIT");
  return signals;
}
