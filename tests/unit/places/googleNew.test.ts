import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GooglePlacesProvider, TEXT_SEARCH_FIELD_MASK } from "../../../lib/providers/places/googleNew";
import { PlacesError, placeResultSchema } from "../../../lib/providers/places/types";
import { answerLater, sendJson, startRecordingServer, type RecordingServer } from "../../fakes/recordingServer";
import { googleError, newApiSearchResponse, PLACE_IDS } from "../../fakes/googleFixtures";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const provider = (timeoutMs?: number) => new GooglePlacesProvider({ apiKey: "test-key-123", baseUrl: server.baseUrl, timeoutMs });
const search = (maxResults = 20, timeoutMs?: number) => provider(timeoutMs).searchText({ textQuery: "dentists in Seattle, WA", maxResults });

async function placesError(promise: Promise<unknown>): Promise<PlacesError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlacesError);
  return error as PlacesError;
}

describe("GooglePlacesProvider (Places API (New) Text Search)", () => {
  it("sends one POST to /v1/places:searchText with key, field mask and JSON body", async () => {
    server.respond((_req, res) => sendJson(res, 200, newApiSearchResponse()));
    await search();
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe("POST");
    expect(request.url.pathname).toBe("/v1/places:searchText");
    expect(request.headers["x-goog-api-key"]).toBe("test-key-123");
    expect(request.headers["x-goog-fieldmask"]).toBe(TEXT_SEARCH_FIELD_MASK);
    expect(request.headers["x-goog-fieldmask"]?.toString().split(",")).toEqual(
      expect.arrayContaining(["places.id", "places.displayName", "places.internationalPhoneNumber", "places.websiteUri", "places.addressComponents"]),
    );
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(request.body)).toEqual({ textQuery: "dentists in Seattle, WA", pageSize: 20 });
  });

  it("asks for at most one page of 20 and never fewer than 1", async () => {
    server.respond((_req, res) => sendJson(res, 200, {}));
    await search(50);
    await search(5);
    await search(0);
    expect(server.requests.map((r) => JSON.parse(r.body).pageSize)).toEqual([20, 5, 1]);
  });

  it("maps 20 places, tolerating missing fields", async () => {
    server.respond((_req, res) => sendJson(res, 200, newApiSearchResponse()));
    const places = await search();
    expect(places).toHaveLength(20);
    for (const place of places) expect(placeResultSchema.safeParse(place).success).toBe(true);
    expect(places.map((p) => p.placeId)).toEqual(PLACE_IDS);

    expect(places[0]).toEqual({
      placeId: PLACE_IDS[0],
      name: "Eastlake Dental 0",
      address: "1500 Eastlake Ave E, Seattle, WA 98102, USA",
      city: "Seattle",
      phone: "+1 206-320-4400",
      website: "https://www.dentist0.example/",
      rating: 4,
      reviewsCount: 10,
      businessStatus: "OPERATIONAL",
      types: ["dentist", "health", "point_of_interest", "establishment"],
    });
    expect(places[3]).not.toHaveProperty("website");
    expect(places[5]).not.toHaveProperty("phone");
    // National-only number made international with the place's country.
    expect(places[7].phone).toBe("+1 206 327 4407");
    expect(places[9]).not.toHaveProperty("rating");
    expect(places[9].reviewsCount).toBe(0);
    expect(places[11].businessStatus).toBe("CLOSED_PERMANENTLY");
    // UK addresses carry the city as postal_town, not locality.
    expect(places[13]).toMatchObject({ name: "Zoë's Dental Café", city: "London", phone: "+44 20 7123 4567" });
    expect(places[15]).not.toHaveProperty("city");
    expect(places[15].address).toContain("Seattle");
    expect(places[17]).not.toHaveProperty("businessStatus");
    expect(places[19].website).toBe("https://www.facebook.com/eastlakedental19/");
  });

  it("returns [] for Google's empty answer {}", async () => {
    server.respond((_req, res) => sendJson(res, 200, {}));
    await expect(search()).resolves.toEqual([]);
  });

  it("skips a place that has no display name", async () => {
    const body = newApiSearchResponse();
    delete (body.places[2] as { displayName?: unknown }).displayName;
    server.respond((_req, res) => sendJson(res, 200, body));
    const places = await search();
    expect(places).toHaveLength(19);
    expect(places.map((p) => p.placeId)).not.toContain(PLACE_IDS[2]);
  });

  it("maps 429 RESOURCE_EXHAUSTED to a retryable QUOTA error", async () => {
    server.respond((_req, res) =>
      sendJson(
        res,
        429,
        googleError(
          429,
          "RESOURCE_EXHAUSTED",
          "Quota exceeded for quota metric 'Text Search requests' and limit 'Text Search requests per minute'.",
          "RATE_LIMIT_EXCEEDED",
        ),
      ),
    );
    const error = await placesError(search());
    expect(error.code).toBe("QUOTA");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("RESOURCE_EXHAUSTED");
  });

  it("keeps the retry delay Google sends with a 429 (RetryInfo, or Retry-After)", async () => {
    server.respond((_req, res) =>
      sendJson(res, 429, {
        error: {
          code: 429,
          message: "Quota exceeded for quota metric 'Text Search requests'.",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "12s" }],
        },
      }),
    );
    const fromBody = await placesError(search());
    expect(fromBody).toMatchObject({ code: "QUOTA", retryable: true, retryAfterMs: 12_000 });
    expect(fromBody.message).toContain("in 12 s, as Google asked");
    server.respond((_req, res) => {
      res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "3" });
      res.end(JSON.stringify(googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded.")));
    });
    expect((await placesError(search())).retryAfterMs).toBe(3_000);
  });

  it("asks for page 2 with the pageToken of page 1, and returns Google's nextPageToken", async () => {
    server.respond((req, res) => {
      const body = JSON.parse(req.body) as { pageToken?: string };
      sendJson(res, 200, { ...newApiSearchResponse(), ...(body.pageToken ? {} : { nextPageToken: "next-token-1" }) });
    });
    const p = provider();
    const first = await p.searchPage({ textQuery: "dentists in Seattle, WA" });
    expect(first.nextPageToken).toBe("next-token-1");
    const second = await p.searchPage({ textQuery: "dentists in Seattle, WA", pageToken: first.nextPageToken });
    expect(second.nextPageToken).toBeUndefined();
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { textQuery: "dentists in Seattle, WA", pageSize: 20 },
      { textQuery: "dentists in Seattle, WA", pageSize: 20, pageToken: "next-token-1" },
    ]);
    expect(String(server.requests[0].headers["x-goog-fieldmask"])).toContain("nextPageToken");
  });

  it("maps 403 PERMISSION_DENIED to AUTH, not retryable, pointing at GOOGLE_PLACES_API_KEY", async () => {
    server.respond((_req, res) =>
      sendJson(
        res,
        403,
        googleError(403, "PERMISSION_DENIED", "Places API (New) has not been used in project 123 before or it is disabled.", "SERVICE_DISABLED"),
      ),
    );
    const error = await placesError(search());
    expect(error.code).toBe("AUTH");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("GOOGLE_PLACES_API_KEY");
    expect(error.message).toContain("has not been used in project");
  });

  it("maps 401 UNAUTHENTICATED to AUTH", async () => {
    server.respond((_req, res) => sendJson(res, 401, googleError(401, "UNAUTHENTICATED", "Request is missing required authentication credential.")));
    const error = await placesError(search());
    expect(error.code).toBe("AUTH");
    expect(error.retryable).toBe(false);
  });

  it("treats Google's 400 API_KEY_INVALID as AUTH (that is how a bad key is reported)", async () => {
    server.respond((_req, res) =>
      sendJson(res, 400, googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID")),
    );
    const error = await placesError(search());
    expect(error.code).toBe("AUTH");
    expect(error.message).toContain("GOOGLE_PLACES_API_KEY");
  });

  it("maps any other 400 INVALID_ARGUMENT to INVALID_REQUEST, not retryable", async () => {
    server.respond((_req, res) => sendJson(res, 400, googleError(400, "INVALID_ARGUMENT", 'Invalid JSON payload received. Unknown name "pagesize".')));
    const error = await placesError(search());
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Unknown name");
  });

  it("maps HTTP 500 (and an HTML 503) to a retryable UPSTREAM error", async () => {
    server.respond((_req, res) => sendJson(res, 500, googleError(500, "INTERNAL", "Internal error encountered.")));
    const internal = await placesError(search());
    expect([internal.code, internal.retryable]).toEqual(["UPSTREAM", true]);

    server.respond((_req, res) => {
      res.writeHead(503, { "Content-Type": "text/html" });
      res.end("<html><body><h1>503 Service Unavailable</h1></body></html>");
    });
    const unavailable = await placesError(search());
    expect([unavailable.code, unavailable.retryable]).toEqual(["UPSTREAM", true]);
  });

  it("gives up with a retryable TIMEOUT when Google is slower than the configured timeout", async () => {
    server.respond(answerLater(5_000, (_req, res) => sendJson(res, 200, newApiSearchResponse())));
    const error = await placesError(search(20, 100));
    expect(error.code).toBe("TIMEOUT");
    expect(error.retryable).toBe(true);
  });

  it("rejects a 200 that is not JSON as BAD_RESPONSE", async () => {
    server.respond((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"places": [{"id": "ChIJ');
    });
    const error = await placesError(search());
    expect(error.code).toBe("BAD_RESPONSE");
  });

  it("rejects JSON of the wrong shape as BAD_RESPONSE", async () => {
    server.respond((_req, res) => sendJson(res, 200, { places: [{ id: "ChIJx", displayName: { text: "X" }, rating: "five stars" }] }));
    expect((await placesError(search())).code).toBe("BAD_RESPONSE");
    server.respond((_req, res) => sendJson(res, 200, { places: "none" }));
    expect((await placesError(search())).code).toBe("BAD_RESPONSE");
  });

  it("reports an unreachable host as a retryable UPSTREAM error", async () => {
    const closed = await startRecordingServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const error = await placesError(new GooglePlacesProvider({ apiKey: "k", baseUrl }).searchText({ textQuery: "dentists in Seattle", maxResults: 5 }));
    expect(error.code).toBe("UPSTREAM");
    expect(error.retryable).toBe(true);
  });
});
