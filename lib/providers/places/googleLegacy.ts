import { Client } from "@googlemaps/google-maps-services-js";
import { z } from "zod";
import type { UsageMeter } from "../../usage";
import { clampPageSize } from "./pageSize";
import { cityFromAddress, knownBusinessStatus, preferredPhone, withoutUndefined } from "./placeFields";
import { PlacesError, type PlaceResult, type PlacesPage, type PlacesPageRequest, type PlacesProvider, type PlacesSearchRequest } from "./types";

export const GOOGLE_MAPS_DEFAULT_BASE_URL = "https://maps.googleapis.com";
export const GOOGLE_LEGACY_DEFAULT_TIMEOUT_MS = 15_000;
/** Place Details calls in flight at once (one per search result). */
const DETAILS_CONCURRENCY = 5;

/** Contact and status fields; Details bills by the fields asked for. */
export const LEGACY_DETAILS_FIELDS = [
  "place_id",
  "name",
  "formatted_address",
  "address_components",
  "formatted_phone_number",
  "international_phone_number",
  "website",
  "rating",
  "user_ratings_total",
  "business_status",
  "types",
];

export interface GoogleLegacyPlacesConfig {
  apiKey: string;
  /** Default https://maps.googleapis.com; the client's request paths are kept under it. */
  baseUrl?: string;
  /** Per request. Default 15 s. */
  timeoutMs?: number;
  /**
   * A legacy `next_page_token` only becomes valid a short while after it is
   * issued (Google answers INVALID_REQUEST before that): wait this long before
   * using it, and again between attempts. Default 2 s.
   */
  pageTokenDelayMs?: number;
  /** Counts every Text Search and Place Details request Google answered (each a billed SKU). */
  meter?: UsageMeter;
}

export const LEGACY_PAGE_TOKEN_DELAY_MS = 2_000;
/** Attempts at a page token that is not valid yet before giving up on the page. */
const PAGE_TOKEN_ATTEMPTS = 3;

const legacyAddressComponentSchema = z.object({
  long_name: z.string().optional(),
  short_name: z.string().optional(),
  types: z.array(z.string()).default([]),
});

const legacyPlaceSchema = z.object({
  place_id: z.string().min(1).optional(),
  name: z.string().optional(),
  formatted_address: z.string().optional(),
  address_components: z.array(legacyAddressComponentSchema).optional(),
  formatted_phone_number: z.string().optional(),
  international_phone_number: z.string().optional(),
  website: z.string().optional(),
  rating: z.number().min(0).max(5).optional(),
  user_ratings_total: z.number().int().min(0).optional(),
  business_status: z.string().optional(),
  types: z.array(z.string()).optional(),
});
type LegacyPlace = z.infer<typeof legacyPlaceSchema>;

const legacyStatusSchema = z.object({ status: z.string(), error_message: z.string().optional() });
const textSearchResponseSchema = legacyStatusSchema.extend({
  results: z.array(legacyPlaceSchema).default([]),
  next_page_token: z.string().optional(),
});
const detailsResponseSchema = legacyStatusSchema.extend({ result: legacyPlaceSchema.optional() });

/**
 * Legacy Places Text Search, then one Place Details call per result for phone
 * and website (legacy search returns neither). Google no longer enables the
 * legacy API for new Cloud projects; prefer the New API provider.
 */
export class GoogleLegacyPlacesProvider implements PlacesProvider {
  readonly name = "google-legacy" as const;
  private readonly client: Client;
  private readonly baseUrl: string;

  constructor(private readonly config: GoogleLegacyPlacesConfig) {
    this.baseUrl = (config.baseUrl ?? GOOGLE_MAPS_DEFAULT_BASE_URL).replace(/\/+$/, "");
    // The client retries 429/5xx three times by default; the workflow owns retries, so turn that off.
    this.client = new Client({
      config: { timeout: config.timeoutMs ?? GOOGLE_LEGACY_DEFAULT_TIMEOUT_MS, raxConfig: { retry: 0, noResponseRetries: 0 } },
    });
  }

  async searchText(request: PlacesSearchRequest): Promise<PlaceResult[]> {
    return (await this.page({ textQuery: request.textQuery }, clampPageSize(request.maxResults))).places;
  }

  async searchPage(request: PlacesPageRequest): Promise<PlacesPage> {
    return await this.page(request, 20);
  }

  private async textSearch(request: PlacesPageRequest) {
    const delayMs = this.config.pageTokenDelayMs ?? LEGACY_PAGE_TOKEN_DELAY_MS;
    for (let attempt = 1; ; attempt++) {
      if (request.pageToken) await new Promise((resolve) => setTimeout(resolve, delayMs));
      try {
        return await this.call("Text Search", "placesLegacyTextSearch", textSearchResponseSchema, () =>
          this.client.textSearch({
            url: `${this.baseUrl}/maps/api/place/textsearch/json`,
            // With a pagetoken Google ignores the other parameters; the query is sent for clarity.
            params: request.pageToken
              ? { query: request.textQuery, pagetoken: request.pageToken, key: this.config.apiKey }
              : { query: request.textQuery, key: this.config.apiKey },
          }),
        );
      } catch (error) {
        const tokenNotReady = request.pageToken && error instanceof PlacesError && error.code === "INVALID_REQUEST";
        if (!tokenNotReady || attempt >= PAGE_TOKEN_ATTEMPTS) throw error;
      }
    }
  }

  private async page(request: PlacesPageRequest, maxResults: number): Promise<PlacesPage> {
    const search = await this.textSearch(request);
    if (search.status === "ZERO_RESULTS") return { places: [] };
    const found = search.results.filter((r) => r.place_id).slice(0, maxResults);

    const detailed: LegacyPlace[] = [];
    for (let i = 0; i < found.length; i += DETAILS_CONCURRENCY) {
      const batch = found.slice(i, i + DETAILS_CONCURRENCY);
      detailed.push(...(await Promise.all(batch.map((place) => this.details(place)))));
    }
    const places = detailed.flatMap((place) => {
      const name = place.name?.trim();
      if (!place.place_id || !name) return [];
      const parts = place.address_components?.map((c) => ({ name: c.long_name, shortName: c.short_name, types: c.types }));
      return [
        withoutUndefined<PlaceResult>({
          placeId: place.place_id,
          name,
          address: place.formatted_address,
          city: cityFromAddress(parts),
          phone: preferredPhone(place.international_phone_number, place.formatted_phone_number, parts),
          website: place.website,
          rating: place.rating,
          reviewsCount: place.user_ratings_total,
          businessStatus: knownBusinessStatus(place.business_status),
          types: place.types,
        }),
      ];
    });
    return { places, nextPageToken: search.next_page_token || undefined };
  }

  /** Details merged over the search result; a place gone since the search keeps its search data. */
  private async details(place: LegacyPlace): Promise<LegacyPlace> {
    const response = await this.call(
      "Place Details",
      "placesLegacyDetails",
      detailsResponseSchema,
      () =>
        this.client.placeDetails({
          url: `${this.baseUrl}/maps/api/place/details/json`,
          params: { place_id: place.place_id!, fields: LEGACY_DETAILS_FIELDS, key: this.config.apiKey },
        }),
      ["NOT_FOUND"],
    );
    return response.result ? { ...place, ...withoutUndefined(response.result) } : place;
  }

  /** One client call: transport errors, Google's status field and the body shape, each to a PlacesError. */
  private async call<T extends { status: string; error_message?: string }>(
    what: string,
    billedAs: "placesLegacyTextSearch" | "placesLegacyDetails",
    schema: z.ZodType<T>,
    send: () => Promise<{ data: unknown }>,
    tolerated: readonly string[] = [],
  ): Promise<T> {
    let data: unknown;
    try {
      data = (await send()).data;
    } catch (error) {
      data = responseDataOf(error);
      if (data === undefined) throw transportError(error, what);
      const status = legacyStatusSchema.safeParse(data);
      if (!status.success) throw httpError(error, what);
      // The client turns some statuses into HTTP errors (NOT_FOUND → 404); those we tolerate fall through.
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new PlacesError("BAD_RESPONSE", `Google Places ${what} returned an unexpected response: ${parsed.error.issues[0]?.message ?? "invalid"}.`, false);
    }
    const { status, error_message } = parsed.data;
    if (status === "OK" || status === "ZERO_RESULTS" || tolerated.includes(status)) {
      this.config.meter?.add({ [billedAs]: 1 });
      return parsed.data;
    }
    throw statusError(status, error_message, what);
  }
}

interface AxiosLikeError {
  code?: string;
  message?: string;
  response?: { status?: number; data?: unknown };
}

function responseDataOf(error: unknown): unknown {
  return (error as AxiosLikeError | undefined)?.response?.data;
}

function transportError(error: unknown, what: string): PlacesError {
  const { code, message } = (error ?? {}) as AxiosLikeError;
  if (code === "ECONNABORTED" || code === "ETIMEDOUT" || /timeout/i.test(message ?? "")) {
    return new PlacesError("TIMEOUT", `Google Places ${what} timed out.`, true);
  }
  return new PlacesError("UPSTREAM", `Could not reach Google Places ${what}: ${message ?? String(error)}.`, true);
}

function httpError(error: unknown, what: string): PlacesError {
  const status = (error as AxiosLikeError).response?.status ?? 0;
  if (status === 401 || status === 403) {
    return new PlacesError("AUTH", `Google Places ${what} refused the request (HTTP ${status}). Check GOOGLE_PLACES_API_KEY.`, false);
  }
  if (status === 429) return new PlacesError("QUOTA", `Google Places ${what} quota exceeded (HTTP 429).`, true);
  if (status >= 500) return new PlacesError("UPSTREAM", `Google Places ${what} failed (HTTP ${status}).`, true);
  return new PlacesError("INVALID_REQUEST", `Google Places ${what} answered HTTP ${status}; check GOOGLE_PLACES_BASE_URL if you set one.`, false);
}

function statusError(status: string, errorMessage: string | undefined, what: string): PlacesError {
  const detail = errorMessage ? `${status}: ${errorMessage}` : status;
  switch (status) {
    case "OVER_QUERY_LIMIT":
      return new PlacesError("QUOTA", `Google Places ${what} quota exceeded (${detail}); retrying later.`, true);
    case "OVER_DAILY_LIMIT":
      // Also what Google says when billing is off or the key is missing: retrying will not help.
      return new PlacesError("QUOTA", `Google Places ${what} daily limit reached (${detail}). Check billing and GOOGLE_PLACES_API_KEY.`, false);
    case "REQUEST_DENIED":
      return new PlacesError(
        "AUTH",
        `Google Places ${what} denied the request (${detail}). Check GOOGLE_PLACES_API_KEY: the key must be valid and allowed to call the legacy Places API.`,
        false,
      );
    case "INVALID_REQUEST":
      return new PlacesError("INVALID_REQUEST", `Google Places ${what} rejected the request (${detail}).`, false);
    case "UNKNOWN_ERROR":
      return new PlacesError("UPSTREAM", `Google Places ${what} had a server error (${detail}).`, true);
    default:
      return new PlacesError("BAD_RESPONSE", `Google Places ${what} returned an unknown status (${detail}).`, false);
  }
}
