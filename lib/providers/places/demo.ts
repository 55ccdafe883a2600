import { loadDemoDataset } from "./demoDataset";
import type { DemoDataset, DemoPlace } from "./demoDatasetSchema";
import { matchDemoQuery } from "./demoQuery";
import { clampPageSize } from "./pageSize";
import type { PlaceResult, PlacesProvider, PlacesSearchRequest } from "./types";

/**
 * The keyless default: answers text searches from the bundled dataset of
 * realistic businesses. Like Google, it returns the raw listing (duplicates,
 * closed businesses, bad phones included), in a stable order; the pipeline
 * filters. An unknown vertical or city finds nothing, as a real search would.
 */
export class DemoPlacesProvider implements PlacesProvider {
  readonly name = "demo" as const;

  constructor(private readonly dataset: DemoDataset = loadDemoDataset()) {}

  async searchText(request: PlacesSearchRequest): Promise<PlaceResult[]> {
    const match = matchDemoQuery(this.dataset, request.textQuery);
    if (!match) return [];
    return this.dataset.places
      .filter((p) => p.vertical === match.vertical && p.geography === match.geography)
      .slice(0, clampPageSize(request.maxResults))
      .map(toPlaceResult);
  }
}

function toPlaceResult({ vertical: _vertical, geography: _geography, ...place }: DemoPlace): PlaceResult {
  const result: PlaceResult = { ...place };
  if (place.types) result.types = [...place.types]; // callers may mutate; the dataset is shared
  return result;
}
