import { DemoPlacesProvider } from "./demo";
import { GOOGLE_PLACES_DEFAULT_BASE_URL, GooglePlacesProvider } from "./googleNew";
import { GOOGLE_MAPS_DEFAULT_BASE_URL, GoogleLegacyPlacesProvider } from "./googleLegacy";
import type { UsageMeter } from "../../usage";
import { PlacesError, type PlacesProvider } from "./types";

export { DemoPlacesProvider } from "./demo";
export { GooglePlacesProvider } from "./googleNew";
export { GoogleLegacyPlacesProvider } from "./googleLegacy";
export { loadDemoDataset } from "./demoDataset";
export * from "./types";

/**
 * Environment variables that choose the Places provider:
 * - `PLACES_PROVIDER`: `demo` | `google`. Default: `google` when `GOOGLE_PLACES_API_KEY` is set, else `demo`.
 * - `GOOGLE_PLACES_API_KEY`: the Google Cloud key (Places API (New), or legacy Places API).
 * - `GOOGLE_PLACES_API`: `new` (default) | `legacy` (Text Search + Place Details via @googlemaps/google-maps-services-js).
 * - `GOOGLE_PLACES_BASE_URL`: overrides Google's host (for tests on 127.0.0.1 or an HTTP proxy).
 * - `GOOGLE_PLACES_TIMEOUT_MS`: per-request timeout, default 15000.
 */
export type PlacesEnv = Record<string, string | undefined>;

type PlacesChoice = { kind: "demo" } | { kind: "google" | "google-legacy"; apiKey: string; baseUrl: string; timeoutMs?: number };

function choosePlacesProvider(env: PlacesEnv): PlacesChoice {
  const apiKey = env.GOOGLE_PLACES_API_KEY?.trim();
  const requested = env.PLACES_PROVIDER?.trim().toLowerCase() || (apiKey ? "google" : "demo");
  if (requested === "demo") return { kind: "demo" };
  if (requested !== "google") {
    throw new PlacesError("INVALID_REQUEST", `PLACES_PROVIDER must be "demo" or "google", not "${env.PLACES_PROVIDER}".`, false);
  }
  if (!apiKey) {
    throw new PlacesError(
      "AUTH",
      "PLACES_PROVIDER=google needs GOOGLE_PLACES_API_KEY. Set the key, or set PLACES_PROVIDER=demo to use the bundled demo businesses.",
      false,
    );
  }
  const api = env.GOOGLE_PLACES_API?.trim().toLowerCase() || "new";
  if (api !== "new" && api !== "legacy") {
    throw new PlacesError("INVALID_REQUEST", `GOOGLE_PLACES_API must be "new" or "legacy", not "${env.GOOGLE_PLACES_API}".`, false);
  }
  const kind = api === "legacy" ? "google-legacy" : "google";
  const baseUrl = env.GOOGLE_PLACES_BASE_URL?.trim() || (kind === "google" ? GOOGLE_PLACES_DEFAULT_BASE_URL : GOOGLE_MAPS_DEFAULT_BASE_URL);
  const timeoutMs = parseTimeout(env.GOOGLE_PLACES_TIMEOUT_MS);
  return { kind, apiKey, baseUrl, timeoutMs };
}

function parseTimeout(raw: string | undefined): number | undefined {
  if (!raw?.trim()) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new PlacesError("INVALID_REQUEST", `GOOGLE_PLACES_TIMEOUT_MS must be a positive whole number of milliseconds, not "${raw}".`, false);
  }
  return ms;
}

/**
 * The Places provider the environment asks for (see {@link PlacesEnv}).
 * @throws PlacesError AUTH when Google is asked for without a key; INVALID_REQUEST on an unknown setting.
 */
export function createPlacesProvider(env: PlacesEnv, options: { meter?: UsageMeter } = {}): PlacesProvider {
  const choice = choosePlacesProvider(env);
  switch (choice.kind) {
    case "demo":
      return new DemoPlacesProvider(undefined, options.meter);
    case "google":
      return new GooglePlacesProvider({ ...choice, meter: options.meter });
    case "google-legacy":
      return new GoogleLegacyPlacesProvider({ ...choice, meter: options.meter });
  }
}

/** One line for logs and the README, e.g. "google (Places API (New), https://places.googleapis.com)". Never shows the key. */
export function describePlacesProvider(env: PlacesEnv): string {
  let choice: PlacesChoice;
  try {
    choice = choosePlacesProvider(env);
  } catch (error) {
    return `misconfigured: ${error instanceof Error ? error.message : String(error)}`;
  }
  switch (choice.kind) {
    case "demo":
      return "demo (bundled dataset of demo businesses, no API key)";
    case "google":
      return `google (Places API (New) Text Search, ${choice.baseUrl})`;
    case "google-legacy":
      return `google-legacy (legacy Text Search + Place Details, ${choice.baseUrl})`;
  }
}
