import { describe, expect, it } from "vitest";
import { createPlacesProvider, describePlacesProvider, PlacesError } from "../../../lib/providers/places";
import { startRecordingServer, sendJson } from "../../fakes/recordingServer";

function thrown(fn: () => unknown): PlacesError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PlacesError);
    return error as PlacesError;
  }
  throw new Error("expected a PlacesError");
}

describe("createPlacesProvider", () => {
  it("defaults to the demo provider without a key, and to Google with one", () => {
    expect(createPlacesProvider({}).name).toBe("demo");
    expect(createPlacesProvider({ GOOGLE_PLACES_API_KEY: "  " }).name).toBe("demo");
    expect(createPlacesProvider({ GOOGLE_PLACES_API_KEY: "k" }).name).toBe("google");
  });

  it("lets PLACES_PROVIDER force either one", () => {
    expect(createPlacesProvider({ PLACES_PROVIDER: "demo", GOOGLE_PLACES_API_KEY: "k" }).name).toBe("demo");
    expect(createPlacesProvider({ PLACES_PROVIDER: "Google", GOOGLE_PLACES_API_KEY: "k" }).name).toBe("google");
  });

  it("picks the legacy client with GOOGLE_PLACES_API=legacy", () => {
    expect(createPlacesProvider({ GOOGLE_PLACES_API_KEY: "k", GOOGLE_PLACES_API: "legacy" }).name).toBe("google-legacy");
  });

  it("refuses PLACES_PROVIDER=google without a key, with an AUTH error saying what to set", () => {
    const error = thrown(() => createPlacesProvider({ PLACES_PROVIDER: "google" }));
    expect(error.code).toBe("AUTH");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("GOOGLE_PLACES_API_KEY");
    expect(error.message).toContain("PLACES_PROVIDER=demo");
  });

  it("rejects unknown settings by name", () => {
    expect(thrown(() => createPlacesProvider({ PLACES_PROVIDER: "bing" })).message).toContain("PLACES_PROVIDER");
    expect(thrown(() => createPlacesProvider({ GOOGLE_PLACES_API_KEY: "k", GOOGLE_PLACES_API: "v2" })).message).toContain("GOOGLE_PLACES_API");
    expect(thrown(() => createPlacesProvider({ GOOGLE_PLACES_API_KEY: "k", GOOGLE_PLACES_TIMEOUT_MS: "soon" })).message).toContain("GOOGLE_PLACES_TIMEOUT_MS");
  });

  it("sends requests to GOOGLE_PLACES_BASE_URL with the configured key", async () => {
    const server = await startRecordingServer();
    try {
      server.respond((_req, res) => sendJson(res, 200, {}));
      const provider = createPlacesProvider({ GOOGLE_PLACES_API_KEY: "env-key", GOOGLE_PLACES_BASE_URL: `${server.baseUrl}/` });
      await expect(provider.searchText({ textQuery: "roofers in Denver, CO", maxResults: 3 })).resolves.toEqual([]);
      expect(server.requests.map((r) => [r.url.pathname, r.headers["x-goog-api-key"]])).toEqual([["/v1/places:searchText", "env-key"]]);
    } finally {
      await server.close();
    }
  });

  it("serves the demo dataset when chosen", async () => {
    const places = await createPlacesProvider({}).searchText({ textQuery: "Roofers in Denver, CO", maxResults: 20 });
    expect(places.length).toBeGreaterThanOrEqual(10);
  });
});

describe("describePlacesProvider", () => {
  it("names the provider and endpoint, never the key", () => {
    expect(describePlacesProvider({})).toMatch(/^demo/);
    const google = describePlacesProvider({ GOOGLE_PLACES_API_KEY: "secret-key" });
    expect(google).toContain("https://places.googleapis.com");
    expect(google).not.toContain("secret-key");
    expect(describePlacesProvider({ GOOGLE_PLACES_API_KEY: "k", GOOGLE_PLACES_API: "legacy", GOOGLE_PLACES_BASE_URL: "http://127.0.0.1:9" })).toBe(
      "google-legacy (legacy Text Search + Place Details, http://127.0.0.1:9)",
    );
  });

  it("explains a misconfiguration instead of throwing", () => {
    expect(describePlacesProvider({ PLACES_PROVIDER: "google" })).toMatch(/^misconfigured: .*GOOGLE_PLACES_API_KEY/);
  });
});
