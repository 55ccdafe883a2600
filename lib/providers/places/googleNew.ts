import { z } from "zod";
import type { UsageMeter } from "../../usage";
import { clampPageSize, MAX_PAGE_SIZE } from "./pageSize";
import { cityFromAddress, knownBusinessStatus, preferredPhone, withoutUndefined } from "./placeFields";
import { PlacesError, type PlaceResult, type PlacesPage, type PlacesPageRequest, type PlacesProvider, type PlacesSearchRequest } from "./types";

export const GOOGLE_PLACES_DEFAULT_BASE_URL = "https://places.googleapis.com";
export const GOOGLE_PLACES_DEFAULT_TIMEOUT_MS = 15_000;

/** Every field we read; Text Search (New) has no default mask and bills by the richest field. */
export const TEXT_SEARCH_FIELD_MASK = [
  "places.id",
  "places.displayName",
  "places.formattedAddress",
  "places.addressComponents",
  "places.internationalPhoneNumber",
  "places.nationalPhoneNumber",
  "places.websiteUri",
  "places.rating",
  "places.userRatingCount",
  "places.businessStatus",
  "places.types",
  // Without it in the mask Google never returns the token, so there is no page 2.
  "nextPageToken",
].join(",");

export interface GooglePlacesConfig {
  apiKey: string;
  /** Default https://places.googleapis.com; tests and proxies point it elsewhere. */
  baseUrl?: string;
  /** Whole-request timeout (connect, headers, body). Default 15 s. */
  timeoutMs?: number;
  /** Counts every request Google answered (each is billed at the Enterprise SKU our field mask triggers). */
  meter?: UsageMeter;
}

const addressComponentSchema = z.object({
  longText: z.string().optional(),
  shortText: z.string().optional(),
  types: z.array(z.string()).default([]),
});

const newPlaceSchema = z.object({
  id: z.string().min(1),
  displayName: z.object({ text: z.string(), languageCode: z.string().optional() }).optional(),
  formattedAddress: z.string().optional(),
  addressComponents: z.array(addressComponentSchema).optional(),
  internationalPhoneNumber: z.string().optional(),
  nationalPhoneNumber: z.string().optional(),
  websiteUri: z.string().optional(),
  rating: z.number().min(0).max(5).optional(),
  userRatingCount: z.number().int().min(0).optional(),
  businessStatus: z.string().optional(),
  types: z.array(z.string()).optional(),
});

/** `places:searchText` response; Google answers `{}` when nothing matches. */
export const searchTextResponseSchema = z.object({
  places: z.array(newPlaceSchema).optional(),
  nextPageToken: z.string().optional(),
});

/** Google's standard error body (google.rpc.Status). */
const googleErrorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.object({ reason: z.string().optional(), retryDelay: z.string().optional() }).passthrough()).optional(),
  }),
});

/** Places API (New) Text Search: one request returns a page of up to 20 places with phone and website. */
export class GooglePlacesProvider implements PlacesProvider {
  readonly name = "google" as const;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly config: GooglePlacesConfig) {
    this.baseUrl = (config.baseUrl ?? GOOGLE_PLACES_DEFAULT_BASE_URL).replace(/\/+$/, "");
    this.timeoutMs = config.timeoutMs ?? GOOGLE_PLACES_DEFAULT_TIMEOUT_MS;
  }

  async searchText(request: PlacesSearchRequest): Promise<PlaceResult[]> {
    return (await this.request({ textQuery: request.textQuery, pageSize: clampPageSize(request.maxResults) })).places;
  }

  async searchPage(request: PlacesPageRequest): Promise<PlacesPage> {
    return await this.request({ textQuery: request.textQuery, pageSize: MAX_PAGE_SIZE, pageToken: request.pageToken });
  }

  private async request(body: { textQuery: string; pageSize: number; pageToken?: string }): Promise<PlacesPage> {
    const url = `${this.baseUrl}/v1/places:searchText`;
    let status: number;
    let text: string;
    let retryAfterHeader: string | null = null;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Goog-Api-Key": this.config.apiKey,
          "X-Goog-FieldMask": TEXT_SEARCH_FIELD_MASK,
        },
        // Google requires the other parameters of a page-2+ request to equal the first request's.
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      retryAfterHeader = response.headers.get("retry-after");
      text = await response.text();
    } catch (error) {
      throw transportError(error, url, this.timeoutMs);
    }

    const json = parseJson(text);
    if (status < 200 || status > 299) throw httpError(status, json, retryAfterHeader);
    this.config.meter?.add({ placesTextSearch: 1 });
    if (json === undefined) throw new PlacesError("BAD_RESPONSE", "Google Places returned a response that is not JSON.", false);
    const parsed = searchTextResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new PlacesError("BAD_RESPONSE", `Google Places returned an unexpected response shape: ${parsed.error.issues[0]?.message ?? "invalid"}.`, false);
    }
    const places = (parsed.data.places ?? []).flatMap((place) => {
      const name = place.displayName?.text.trim();
      if (!name) return []; // a place without a name cannot become a lead
      const parts = place.addressComponents?.map((c) => ({ name: c.longText, shortName: c.shortText, types: c.types }));
      return [
        withoutUndefined<PlaceResult>({
          placeId: place.id,
          name,
          address: place.formattedAddress,
          city: cityFromAddress(parts),
          phone: preferredPhone(place.internationalPhoneNumber, place.nationalPhoneNumber, parts),
          website: place.websiteUri,
          rating: place.rating,
          reviewsCount: place.userRatingCount,
          businessStatus: knownBusinessStatus(place.businessStatus),
          types: place.types,
        }),
      ];
    });
    return { places, nextPageToken: parsed.data.nextPageToken || undefined };
  }
}

/**
 * How long Google asked us to wait: google.rpc.RetryInfo's `retryDelay`
 * ("30s", "1.5s") in the error details, else an HTTP Retry-After in seconds.
 */
export function retryDelayMs(details: readonly { retryDelay?: string }[] | undefined, retryAfterHeader: string | null): number | undefined {
  const delay = details?.find((d) => d.retryDelay)?.retryDelay;
  const fromDetails = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay.trim()) : null;
  if (fromDetails) return Math.round(Number(fromDetails[1]) * 1000);
  const seconds = retryAfterHeader ? Number(retryAfterHeader.trim()) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}

function parseJson(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function transportError(error: unknown, url: string, timeoutMs: number): PlacesError {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return new PlacesError("TIMEOUT", `Google Places did not answer within ${timeoutMs} ms.`, true);
  }
  const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  return new PlacesError("UPSTREAM", `Could not reach Google Places at ${url}: ${cause}.`, true);
}

/** Map Google's HTTP status and error body to a code the run can show and a retry decision. */
function httpError(status: number, body: unknown, retryAfterHeader: string | null = null): PlacesError {
  const parsed = googleErrorSchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : undefined;
  const detail = error ? `${error.status ?? status}: ${error.message ?? "no message"}` : `HTTP ${status}`;
  // An invalid key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not a 401/403.
  const keyInvalid = error?.details?.some((d) => d.reason === "API_KEY_INVALID") ?? false;
  if (status === 401 || status === 403 || keyInvalid) {
    return new PlacesError(
      "AUTH",
      `Google Places refused the request (${detail}). Check GOOGLE_PLACES_API_KEY: the key must be valid, allowed to call the Places API (New), and on a project with billing enabled.`,
      false,
    );
  }
  if (status === 429) {
    const waitMs = retryDelayMs(error?.details, retryAfterHeader);
    return new PlacesError(
      "QUOTA",
      `Google Places quota exceeded (${detail}); retrying ${waitMs !== undefined ? `in ${Math.ceil(waitMs / 1000)} s, as Google asked` : "later"}.`,
      true,
      waitMs,
    );
  }
  if (status >= 500) return new PlacesError("UPSTREAM", `Google Places failed (${detail}).`, true);
  if (status === 400) return new PlacesError("INVALID_REQUEST", `Google Places rejected the search (${detail}).`, false);
  return new PlacesError("INVALID_REQUEST", `Google Places answered ${detail}; check GOOGLE_PLACES_BASE_URL if you set one.`, false);
}
