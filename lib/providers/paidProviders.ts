/**
 * Which provider of each concern the environment selects, decided without loading any client, so a mutation (the
 * budget check before a run) can price a run for the providers it will really use. It follows the factories' rules
 * (createPlacesProvider, createCrawlProvider, resolveLlmSettings); tests/unit/paidProviders.test.ts holds them to it.
 */
export interface ActiveProviderKinds {
  places: "google" | "google-legacy" | "demo";
  crawl: "firecrawl" | "builtin";
  llm: "openai" | "heuristic";
  /** OPENAI_MODEL when set (else the default model). */
  llmModel?: string;
}

/** Every paid provider with the default model: what the run form's estimate prices ("with Google Places, Firecrawl and OpenAI"). */
export const ALL_PAID_PROVIDERS: ActiveProviderKinds = { places: "google", crawl: "firecrawl", llm: "openai" };

const setting = (env: Record<string, string | undefined>, name: string) => env[name]?.trim() || undefined;

export function activeProviderKinds(env: Record<string, string | undefined>): ActiveProviderKinds {
  const placesRequested = (setting(env, "PLACES_PROVIDER") ?? (setting(env, "GOOGLE_PLACES_API_KEY") ? "google" : "demo")).toLowerCase();
  const places = placesRequested !== "google" ? "demo" : setting(env, "GOOGLE_PLACES_API")?.toLowerCase() === "legacy" ? "google-legacy" : "google";
  const crawlRequested = setting(env, "CRAWL_PROVIDER")?.toLowerCase() ?? (setting(env, "FIRECRAWL_API_KEY") ? "firecrawl" : "builtin");
  const llm = setting(env, "LLM_PROVIDER") ?? (setting(env, "OPENAI_API_KEY") ? "openai" : "heuristic");
  return {
    places,
    crawl: crawlRequested === "firecrawl" ? "firecrawl" : "builtin",
    llm: llm === "openai" ? "openai" : "heuristic",
    llmModel: llm === "openai" ? setting(env, "OPENAI_MODEL") : undefined,
  };
}
