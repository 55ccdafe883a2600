import { z } from "zod";

export const BUSINESS_STATUSES = ["OPERATIONAL", "CLOSED_TEMPORARILY", "CLOSED_PERMANENTLY"] as const;

/** One business as every Places provider returns it, validated at the boundary. */
export const placeResultSchema = z.object({
  placeId: z.string().min(1),
  name: z.string().min(1),
  address: z.string().optional(),
  city: z.string().optional(),
  /** As Places gives it; international format when the provider has one. */
  phone: z.string().optional(),
  website: z.string().optional(),
  rating: z.number().min(0).max(5).optional(),
  reviewsCount: z.number().int().min(0).optional(),
  businessStatus: z.enum(BUSINESS_STATUSES).optional(),
  types: z.array(z.string()).optional(),
});
export type PlaceResult = z.infer<typeof placeResultSchema>;

export interface PlacesSearchRequest {
  textQuery: string;
  /** 1–20: one page of Places results. */
  maxResults: number;
}

/** One page of a text search: up to 20 places, and the token of the next page when Places has one. */
export interface PlacesPage {
  places: PlaceResult[];
  nextPageToken?: string;
}

export interface PlacesPageRequest {
  textQuery: string;
  /** The previous page's `nextPageToken`; absent for the first page. */
  pageToken?: string;
}

export interface PlacesProvider {
  readonly name: "google" | "google-legacy" | "demo";
  /** The first page only (up to `maxResults`, at most 20). */
  searchText(request: PlacesSearchRequest): Promise<PlaceResult[]>;
  /** One page of 20; follow `nextPageToken` for the next (Places stops after 60 results). */
  searchPage(request: PlacesPageRequest): Promise<PlacesPage>;
}

export type PlacesErrorCode = "AUTH" | "QUOTA" | "UPSTREAM" | "BAD_RESPONSE" | "INVALID_REQUEST" | "TIMEOUT";

/**
 * A Places failure with a code the run can show. `retryable` says whether the
 * workflow should try again (quota, 5xx, timeouts) or give up at once (bad key).
 */
export class PlacesError extends Error {
  constructor(
    readonly code: PlacesErrorCode,
    message: string,
    readonly retryable: boolean,
    /** How long Places asked us to wait before retrying (its RetryInfo / Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "PlacesError";
  }
}
