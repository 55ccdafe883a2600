/**
 * Which provider each concern uses with this environment, for the dashboard's "where am I" badge and settings
 * panel: names and what each variable does, never a value (a key is only ever "set" or "not set").
 * Pure and free of provider SDKs so a Convex query can call it; the choice rules are the factories' own
 * (lib/providers/places, crawl, llm; README "Environment variables"), and tests/unit/providerSummary.test.ts
 * checks both agree.
 */
import { resolveLlmSettings } from "./llm/llmSettings";

type Env = Record<string, string | undefined>;
export type ProviderConcern = "places" | "crawl" | "llm";

export interface ProviderStatus {
  concern: ProviderConcern;
  /** "Places", "Website crawler", "Dossier writer (LLM)". */
  title: string;
  /** The provider's name as the factories call it: demo, google, google-legacy, builtin, firecrawl, heuristic, openai. */
  provider: string;
  /** A paid, keyed service (Google Places, Firecrawl, OpenAI) rather than a keyless default. */
  live: boolean;
  /** One line a user understands, e.g. "Bundled demo businesses (8 verticals × 7 cities)". */
  detail: string;
  /** Set when the env asks for something that cannot work (the run would fail naming the variable). */
  problem?: string;
}

export interface EnvVariableInfo {
  name: string;
  concern: ProviderConcern | "demo";
  set: boolean;
  description: string;
}

export interface ProviderSummary {
  /** "Demo data", or the live providers, e.g. "Live: Google Places · Firecrawl · OpenAI". */
  badge: string;
  /** True when Places is the bundled demo dataset: every lead is made up. */
  demoData: boolean;
  /** `*.example` websites are served by the local demo web server (DEMO_WEB_ORIGIN). */
  demoWebsites: boolean;
  providers: ProviderStatus[];
  variables: EnvVariableInfo[];
}

/** Every variable the settings panel explains (the README's table, shortened). Values are never shown. */
export const ENV_VARIABLES: readonly Omit<EnvVariableInfo, "set">[] = [
  { name: "PLACES_PROVIDER", concern: "places", description: '"google" or "demo"; default google when GOOGLE_PLACES_API_KEY is set, else demo.' },
  {
    name: "GOOGLE_PLACES_API_KEY",
    concern: "places",
    description: "Google Cloud key with Places API (New) enabled: real businesses instead of the demo dataset.",
  },
  { name: "GOOGLE_PLACES_API", concern: "places", description: '"new" (default, one Text Search call) or "legacy" (Text Search + Place Details).' },
  { name: "CRAWL_PROVIDER", concern: "crawl", description: '"builtin" or "firecrawl"; default firecrawl when FIRECRAWL_API_KEY is set, else builtin.' },
  { name: "FIRECRAWL_API_KEY", concern: "crawl", description: "Firecrawl key: hosted crawling (map + scrape) instead of the built-in crawler." },
  { name: "FIRECRAWL_API_URL", concern: "crawl", description: "A self-hosted Firecrawl's address." },
  { name: "CRAWL_DEADLINE_MS", concern: "crawl", description: "Crawl budget per website (default 60000 ms for map and scrape together)." },
  { name: "LLM_PROVIDER", concern: "llm", description: '"openai" or "heuristic"; default openai when OPENAI_API_KEY is set, else heuristic.' },
  { name: "OPENAI_API_KEY", concern: "llm", description: "OpenAI (or compatible) key: LLM-written dossiers and onboarding drafts." },
  { name: "OPENAI_MODEL", concern: "llm", description: "The model (default gpt-4.1-mini); it must support structured outputs." },
  { name: "OPENAI_BASE_URL", concern: "llm", description: "Any OpenAI-compatible server's address." },
  { name: "DEMO_WEB_ORIGIN", concern: "demo", description: "Routes *.example websites (and only those) to the local demo web server; set by npm run dev." },
];

const blank = (value: string | undefined) => !value || value.trim() === "";

function places(env: Env): ProviderStatus {
  const requested = env.PLACES_PROVIDER?.trim().toLowerCase() || (blank(env.GOOGLE_PLACES_API_KEY) ? "demo" : "google");
  const base = { concern: "places" as const, title: "Places (businesses)" };
  if (requested === "demo") return { ...base, provider: "demo", live: false, detail: "Bundled demo businesses (8 verticals × 7 cities), no API key" };
  if (requested !== "google")
    return { ...base, provider: requested, live: false, detail: "Unknown provider", problem: 'PLACES_PROVIDER must be "demo" or "google".' };
  const legacy = env.GOOGLE_PLACES_API?.trim().toLowerCase() === "legacy";
  const status = {
    ...base,
    provider: legacy ? "google-legacy" : "google",
    live: true,
    detail: legacy ? "Google Places (legacy Text Search + Place Details)" : "Google Places API (New) Text Search",
  };
  return blank(env.GOOGLE_PLACES_API_KEY) ? { ...status, problem: "PLACES_PROVIDER=google needs GOOGLE_PLACES_API_KEY." } : status;
}

function crawl(env: Env): ProviderStatus {
  const requested = env.CRAWL_PROVIDER?.trim().toLowerCase() || (blank(env.FIRECRAWL_API_KEY) ? "builtin" : "firecrawl");
  const base = { concern: "crawl" as const, title: "Website crawler" };
  if (requested === "firecrawl") {
    const status = { ...base, provider: "firecrawl", live: true, detail: `Firecrawl (${env.FIRECRAWL_API_URL?.trim() || "https://api.firecrawl.dev"})` };
    return blank(env.FIRECRAWL_API_KEY) && blank(env.FIRECRAWL_API_URL) ? { ...status, problem: "CRAWL_PROVIDER=firecrawl needs FIRECRAWL_API_KEY." } : status;
  }
  if (requested !== "builtin")
    return { ...base, provider: requested, live: false, detail: "Unknown provider", problem: 'CRAWL_PROVIDER must be "builtin" or "firecrawl".' };
  const demo = !blank(env.DEMO_WEB_ORIGIN);
  return {
    ...base,
    provider: "builtin",
    live: false,
    detail: `Built-in crawler (robots.txt, sitemaps, SSRF guard)${demo ? "; demo websites (*.example) served locally" : ""}`,
  };
}

function llm(env: Env): ProviderStatus {
  const base = { concern: "llm" as const, title: "Dossier writer (LLM)" };
  try {
    const settings = resolveLlmSettings(env);
    if (settings.provider === "heuristic") return { ...base, provider: "heuristic", live: false, detail: "Heuristic auditor: deterministic checks, no LLM" };
    return { ...base, provider: "openai", live: true, detail: `OpenAI-compatible (${settings.connection.model ?? "gpt-4.1-mini"})` };
  } catch (error) {
    return { ...base, provider: "misconfigured", live: false, detail: "Misconfigured", problem: error instanceof Error ? error.message : String(error) };
  }
}

const LIVE_NAMES: Record<string, string> = { google: "Google Places", "google-legacy": "Google Places", firecrawl: "Firecrawl", openai: "OpenAI" };

export function summarizeProviders(env: Env): ProviderSummary {
  const providers = [places(env), crawl(env), llm(env)];
  const demoData = providers[0].provider === "demo";
  const live = providers.filter((p) => p.live).map((p) => LIVE_NAMES[p.provider] ?? p.provider);
  const badge = demoData ? (live.length ? `Demo data · ${live.join(" · ")}` : "Demo data") : `Live: ${live.join(" · ")}`;
  return {
    badge,
    demoData,
    demoWebsites: providers[1].provider === "builtin" && !blank(env.DEMO_WEB_ORIGIN),
    providers,
    variables: ENV_VARIABLES.map((v) => ({ ...v, set: !blank(env[v.name]) })),
  };
}
