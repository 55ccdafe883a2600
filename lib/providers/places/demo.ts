import { loadDemoDataset } from "./demoDataset";
import type { DemoDataset, DemoPlace } from "./demoDatasetSchema";
import { matchDemoQuery } from "./demoQuery";
import type { UsageMeter } from "../../usage";
import { clampPageSize } from "./pageSize";
import { PlacesError, type PlaceResult, type PlacesPage, type PlacesPageRequest, type PlacesProvider, type PlacesSearchRequest } from "./types";

/** The demo pages like Google: 20 a page, at most 3 pages (60 results). */
const DEMO_PAGE_SIZE = 20;
const DEMO_MAX_RESULTS = 60;
const TOKEN_PREFIX = "demo-page:";

/**
 * The keyless default: answers text searches from the bundled dataset of
 * realistic businesses. Like Google, it returns the raw listing (duplicates,
 * closed businesses, bad phones included), in a stable order; the pipeline
 * filters. An unknown vertical or city finds nothing, as a real search would.
 */
export class DemoPlacesProvider implements PlacesProvider {
  readonly name = "demo" as const;

  constructor(
    private readonly dataset: DemoDataset = loadDemoDataset(),
    /** Counts the pages served, as Google's requests would be (at no charge). */
    private readonly meter?: UsageMeter,
  ) {}

  async searchText(request: PlacesSearchRequest): Promise<PlaceResult[]> {
    const { places } = await this.searchPage({ textQuery: request.textQuery });
    return places.slice(0, clampPageSize(request.maxResults));
  }

  async searchPage(request: PlacesPageRequest): Promise<PlacesPage> {
    this.meter?.add({ placesDemo: 1 });
    const match = matchDemoQuery(this.dataset, request.textQuery);
    if (!match) return { places: [] };
    let offset = 0;
    if (request.pageToken !== undefined) {
      // Like Google's, a token belongs to one query: reusing it for another search is a bad request.
      const [prefix, query, at] = [TOKEN_PREFIX, ...request.pageToken.slice(TOKEN_PREFIX.length).split("@")];
      offset = Number(at);
      if (!request.pageToken.startsWith(prefix) || query !== encodeURIComponent(request.textQuery) || !Number.isInteger(offset) || offset <= 0) {
        throw new PlacesError("INVALID_REQUEST", "The demo Places provider got a page token it did not issue for this search.", false);
      }
    }
    const all = this.dataset.places.filter((p) => p.vertical === match.vertical && p.geography === match.geography).slice(0, DEMO_MAX_RESULTS);
    const next = offset + DEMO_PAGE_SIZE;
    return {
      places: all.slice(offset, next).map(toPlaceResult),
      nextPageToken: next < all.length ? `${TOKEN_PREFIX}${encodeURIComponent(request.textQuery)}@${next}` : undefined,
    };
  }

  /** What the demo covers, to tell a user whose search found nothing. */
  coverage(): { verticals: string[]; geographies: string[] } {
    return { verticals: this.dataset.verticals.map((v) => v.label), geographies: this.dataset.geographies.map((g) => g.label) };
  }
}

function toPlaceResult({ vertical: _vertical, geography: _geography, ...place }: DemoPlace): PlaceResult {
  const result: PlaceResult = { ...place };
  if (place.types) result.types = [...place.types]; // callers may mutate; the dataset is shared
  return result;
}
