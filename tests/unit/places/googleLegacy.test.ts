import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GoogleLegacyPlacesProvider, LEGACY_DETAILS_FIELDS } from "../../../lib/providers/places/googleLegacy";
import { PlacesError, placeResultSchema } from "../../../lib/providers/places/types";
import { answerLater, sendJson, startRecordingServer, type RecordingServer, type FakeHandler } from "../../fakes/recordingServer";
import { legacyDetailsResponse, legacySearchResponse, PLACE_IDS } from "../../fakes/googleFixtures";

const SEARCH_PATH = "/maps/api/place/textsearch/json";
const DETAILS_PATH = "/maps/api/place/details/json";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const search = (maxResults = 20, timeoutMs?: number) =>
  new GoogleLegacyPlacesProvider({ apiKey: "legacy-key", baseUrl: server.baseUrl, timeoutMs }).searchText({
    textQuery: "plumbers in Austin, TX",
    maxResults,
  });

/** Google's legacy hosts: search and details, each answer overridable. */
function legacyGoogle(overrides: { search?: FakeHandler; details?: (index: number) => FakeHandler | undefined } = {}): FakeHandler {
  return (req, res) => {
    if (req.url.pathname === SEARCH_PATH) {
      return overrides.search ? overrides.search(req, res) : sendJson(res, 200, legacySearchResponse());
    }
    if (req.url.pathname === DETAILS_PATH) {
      const index = PLACE_IDS.indexOf(req.url.searchParams.get("place_id") ?? "");
      const custom = overrides.details?.(index);
      return custom ? custom(req, res) : sendJson(res, 200, legacyDetailsResponse(index));
    }
    sendJson(res, 404, "not found");
  };
}

async function placesError(promise: Promise<unknown>): Promise<PlacesError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlacesError);
  return error as PlacesError;
}

const status = (value: string, error_message?: string) => (_req: unknown, res: Parameters<FakeHandler>[1]) =>
  sendJson(res, 200, { html_attributions: [], results: [], status: value, ...(error_message ? { error_message } : {}) });

describe("GoogleLegacyPlacesProvider (Text Search + Place Details)", () => {
  it("runs one text search, then Place Details per result with the contact fields", async () => {
    server.respond(legacyGoogle());
    await search();
    const searches = server.requests.filter((r) => r.url.pathname === SEARCH_PATH);
    const details = server.requests.filter((r) => r.url.pathname === DETAILS_PATH);
    expect(searches).toHaveLength(1);
    expect(searches[0].method).toBe("GET");
    expect(searches[0].url.searchParams.get("query")).toBe("plumbers in Austin, TX");
    expect(searches[0].url.searchParams.get("key")).toBe("legacy-key");
    expect(details).toHaveLength(20);
    expect(details.map((d) => d.url.searchParams.get("place_id")).sort()).toEqual([...PLACE_IDS].sort());
    for (const d of details) {
      expect(d.method).toBe("GET");
      expect(d.url.searchParams.get("key")).toBe("legacy-key");
      expect(d.url.searchParams.get("fields")?.split(",")).toEqual(LEGACY_DETAILS_FIELDS);
    }
    expect(LEGACY_DETAILS_FIELDS).toEqual(
      expect.arrayContaining(["formatted_phone_number", "international_phone_number", "website", "business_status", "address_components"]),
    );
  });

  it("merges details into results in search order", async () => {
    server.respond(legacyGoogle());
    const places = await search();
    expect(places.map((p) => p.placeId)).toEqual(PLACE_IDS);
    for (const place of places) expect(placeResultSchema.safeParse(place).success).toBe(true);
    expect(places[0]).toEqual({
      placeId: PLACE_IDS[0],
      name: "Eastlake Dental 0",
      address: "1500 Eastlake Ave E, Seattle, WA 98102, USA",
      city: "Seattle",
      phone: "+1 206-320-4400",
      website: "http://dentist0.example/",
      rating: 4.5,
      reviewsCount: 40,
      businessStatus: "OPERATIONAL",
      types: ["dentist", "health", "point_of_interest", "establishment"],
    });
    expect(places[3]).not.toHaveProperty("website");
    expect(places[7].phone).toBe("+1 206 327 4407"); // formatted_phone_number only, made international
    expect(places[11].businessStatus).toBe("CLOSED_PERMANENTLY");
    expect(places[13]).toMatchObject({ city: "London", phone: "+44 20 7123 4567" });
  });

  it("only fetches details for the results it returns", async () => {
    server.respond(legacyGoogle());
    const places = await search(5);
    expect(places).toHaveLength(5);
    expect(server.requests.filter((r) => r.url.pathname === DETAILS_PATH)).toHaveLength(5);
  });

  it("returns [] on ZERO_RESULTS without any details call", async () => {
    server.respond(legacyGoogle({ search: status("ZERO_RESULTS") }));
    await expect(search()).resolves.toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("maps OVER_QUERY_LIMIT to a retryable QUOTA error, without retrying on its own", async () => {
    server.respond(legacyGoogle({ search: status("OVER_QUERY_LIMIT", "You have exceeded your rate-limit for this API.") }));
    const error = await placesError(search());
    expect([error.code, error.retryable]).toEqual(["QUOTA", true]);
    expect(error.message).toContain("exceeded your rate-limit");
    expect(server.requests).toHaveLength(1); // the client's built-in retries are off: the workflow retries
  });

  it("maps REQUEST_DENIED to AUTH, pointing at GOOGLE_PLACES_API_KEY", async () => {
    server.respond(legacyGoogle({ search: status("REQUEST_DENIED", "The provided API key is invalid.") }));
    const error = await placesError(search());
    expect([error.code, error.retryable]).toEqual(["AUTH", false]);
    expect(error.message).toContain("GOOGLE_PLACES_API_KEY");
    expect(error.message).toContain("The provided API key is invalid.");
  });

  it("maps INVALID_REQUEST to INVALID_REQUEST and UNKNOWN_ERROR to a retryable UPSTREAM", async () => {
    server.respond(legacyGoogle({ search: status("INVALID_REQUEST") }));
    const invalid = await placesError(search());
    expect([invalid.code, invalid.retryable]).toEqual(["INVALID_REQUEST", false]);

    server.respond(legacyGoogle({ search: status("UNKNOWN_ERROR") }));
    const unknown = await placesError(search());
    expect([unknown.code, unknown.retryable]).toEqual(["UPSTREAM", true]);
  });

  it("maps HTTP 500 to a retryable UPSTREAM error after a single request", async () => {
    server.respond(
      legacyGoogle({
        search: (_req, res) => {
          res.writeHead(500, { "Content-Type": "text/html" });
          res.end("<html><title>Error 500 (Server Error)!!1</title></html>");
        },
      }),
    );
    const error = await placesError(search());
    expect([error.code, error.retryable]).toEqual(["UPSTREAM", true]);
    expect(server.requests).toHaveLength(1);
  });

  it("maps HTTP 403 without a status body to AUTH", async () => {
    server.respond(legacyGoogle({ search: (_req, res) => sendJson(res, 403, "Forbidden") }));
    expect((await placesError(search())).code).toBe("AUTH");
  });

  it("gives up with a retryable TIMEOUT when Google is too slow", async () => {
    server.respond(legacyGoogle({ search: answerLater(5_000, (_req, res) => sendJson(res, 200, legacySearchResponse())) }));
    const error = await placesError(search(20, 100));
    expect([error.code, error.retryable]).toEqual(["TIMEOUT", true]);
  });

  it("rejects invalid JSON and wrong shapes as BAD_RESPONSE", async () => {
    server.respond(
      legacyGoogle({
        search: (_req, res) => {
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end('{"results": [ {"place_id": ');
        },
      }),
    );
    expect((await placesError(search())).code).toBe("BAD_RESPONSE");

    server.respond(legacyGoogle({ search: (_req, res) => sendJson(res, 200, { status: "OK", results: [{ place_id: "x", rating: "high" }] }) }));
    expect((await placesError(search())).code).toBe("BAD_RESPONSE");
  });

  it("keeps search data for a place whose details are NOT_FOUND", async () => {
    server.respond(legacyGoogle({ details: (i) => (i === 2 ? status("NOT_FOUND") : undefined) }));
    const places = await search();
    expect(places).toHaveLength(20);
    expect(places[2]).toMatchObject({ placeId: PLACE_IDS[2], name: "Eastlake Dental 2", rating: 4.5 });
    expect(places[2]).not.toHaveProperty("phone");
    expect(places[1].phone).toBe("+1 206-321-4401");
  });

  it("fails the search when a details call hits the quota", async () => {
    server.respond(legacyGoogle({ details: (i) => (i === 4 ? status("OVER_QUERY_LIMIT") : undefined) }));
    const error = await placesError(search());
    expect([error.code, error.retryable]).toEqual(["QUOTA", true]);
  });
});
