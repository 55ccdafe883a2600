/** Every Places request that Google answers is counted at its SKU, where it happens (the clients' meter). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPlacesProvider } from "../../../lib/providers/places";
import { UsageMeter, toUsageTotals } from "../../../lib/usage";
import { googleError, legacyDetailsResponse, legacySearchResponse, newApiSearchResponse, PLACE_IDS } from "../../fakes/googleFixtures";
import { sendJson, startRecordingServer, type RecordingServer } from "../../fakes/recordingServer";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe("Places usage", () => {
  it("Places API (New): one Enterprise request per answered page; a refused request is not counted", async () => {
    const meter = new UsageMeter();
    const provider = createPlacesProvider({ GOOGLE_PLACES_API_KEY: "k", GOOGLE_PLACES_BASE_URL: server.baseUrl }, { meter });
    server.respond((_req, res) => sendJson(res, 200, newApiSearchResponse()));
    await provider.searchPage({ textQuery: "dentists in Seattle" });
    await provider.searchPage({ textQuery: "dentists in Seattle", pageToken: "next" });
    server.respond((_req, res) => sendJson(res, 403, googleError(403, "PERMISSION_DENIED", "Requests from this API key are blocked.")));
    await expect(provider.searchPage({ textQuery: "dentists in Seattle" })).rejects.toThrow(/GOOGLE_PLACES_API_KEY/);
    expect(server.requests).toHaveLength(3);
    expect(meter.usage.placesTextSearch).toBe(2);
    expect(toUsageTotals(meter.usage)).toMatchObject({ placesRequests: 2, costUsd: 2 * 0.035, charged: true });
  });

  it("legacy API: the Text Search plus one Place Details per result, each at its own SKU", async () => {
    const meter = new UsageMeter();
    const provider = createPlacesProvider({ GOOGLE_PLACES_API_KEY: "k", GOOGLE_PLACES_API: "legacy", GOOGLE_PLACES_BASE_URL: server.baseUrl }, { meter });
    server.respond((req, res) => {
      if (req.url.pathname.endsWith("/textsearch/json")) return sendJson(res, 200, legacySearchResponse(5));
      sendJson(res, 200, legacyDetailsResponse(PLACE_IDS.indexOf(req.url.searchParams.get("place_id") ?? "")));
    });
    const places = await provider.searchText({ textQuery: "dentists in Seattle", maxResults: 5 });
    expect(places).toHaveLength(5);
    expect(meter.usage).toMatchObject({ placesLegacyTextSearch: 1, placesLegacyDetails: 5 });
    expect(toUsageTotals(meter.usage).costUsd).toBeCloseTo(0.032 + 5 * 0.025, 10);
  });

  it("demo provider: pages counted, no charge", async () => {
    const meter = new UsageMeter();
    const provider = createPlacesProvider({}, { meter });
    await provider.searchPage({ textQuery: "dentists in Austin, TX" });
    expect(toUsageTotals(meter.usage)).toMatchObject({ placesRequests: 1, costUsd: 0, charged: false });
  });
});
