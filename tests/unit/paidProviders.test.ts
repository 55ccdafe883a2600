import { describe, expect, it } from "vitest";
import { createCrawlProvider } from "../../lib/providers/crawl";
import { resolveLlmSettings } from "../../lib/providers/llm/llmSettings";
import { activeProviderKinds } from "../../lib/providers/paidProviders";
import { createPlacesProvider } from "../../lib/providers/places";

/** Environments a deployment may have; the budget check must price the providers the factories really build. */
const ENVS: Record<string, string | undefined>[] = [
  {},
  { GOOGLE_PLACES_API_KEY: "k" },
  { GOOGLE_PLACES_API_KEY: "  " },
  { GOOGLE_PLACES_API_KEY: "k", PLACES_PROVIDER: "demo" },
  { GOOGLE_PLACES_API_KEY: "k", PLACES_PROVIDER: "Google", GOOGLE_PLACES_API: "legacy" },
  { FIRECRAWL_API_KEY: "fc" },
  { FIRECRAWL_API_KEY: "fc", CRAWL_PROVIDER: "builtin" },
  { CRAWL_PROVIDER: "FIRECRAWL", FIRECRAWL_API_URL: "http://127.0.0.1:3002" },
  { OPENAI_API_KEY: "sk" },
  { OPENAI_API_KEY: "sk", LLM_PROVIDER: "heuristic" },
  { OPENAI_API_KEY: "sk", OPENAI_MODEL: "gpt-4o" },
];

describe("activeProviderKinds", () => {
  it.each(ENVS.map((env) => [JSON.stringify(env), env] as const))("matches the factories for %s", (_name, env) => {
    const kinds = activeProviderKinds(env);
    expect(kinds.places).toBe(createPlacesProvider(env).name);
    expect(kinds.crawl).toBe(createCrawlProvider(env).name);
    const llm = resolveLlmSettings(env);
    expect(kinds.llm).toBe(llm.provider);
    if (llm.provider === "openai") expect(kinds.llmModel).toBe(llm.connection.model);
  });
});
