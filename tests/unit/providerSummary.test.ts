import { describe, expect, it } from "vitest";
import { createCrawlProvider } from "../../lib/providers/crawl";
import { resolveLlmSettings } from "../../lib/providers/llm/llmSettings";
import { createPlacesProvider } from "../../lib/providers/places";
import { summarizeProviders } from "../../lib/providers/providerSummary";

const KEYS = { GOOGLE_PLACES_API_KEY: "AIza-secret-places", FIRECRAWL_API_KEY: "fc-secret-crawl", OPENAI_API_KEY: "sk-secret-llm" };

describe("the provider summary behind the header badge and the settings panel", () => {
  it('says "Demo data" with no keys, and that demo websites are served locally under npm run dev', () => {
    const summary = summarizeProviders({ DEMO_WEB_ORIGIN: "http://127.0.0.1:4500" });
    expect(summary.badge).toBe("Demo data");
    expect(summary.demoData).toBe(true);
    expect(summary.demoWebsites).toBe(true);
    expect(summary.providers.map((p) => [p.concern, p.provider, p.live])).toEqual([
      ["places", "demo", false],
      ["crawl", "builtin", false],
      ["llm", "heuristic", false],
    ]);
  });

  it("names the live providers when keys are set, and never returns a key", () => {
    const summary = summarizeProviders(KEYS);
    expect(summary.badge).toBe("Live: Google Places · Firecrawl · OpenAI");
    expect(summary.demoData).toBe(false);
    const text = JSON.stringify(summary);
    for (const secret of Object.values(KEYS)) expect(text).not.toContain(secret);
    expect(summary.variables.find((v) => v.name === "OPENAI_API_KEY")).toMatchObject({ set: true });
    expect(summary.variables.find((v) => v.name === "OPENAI_MODEL")).toMatchObject({ set: false });
    expect(summary.variables.every((v) => v.description.length > 10)).toBe(true);
  });

  it("flags a configuration that cannot work, naming the variable", () => {
    const summary = summarizeProviders({ PLACES_PROVIDER: "google", LLM_PROVIDER: "openai" });
    expect(summary.providers[0].problem).toMatch(/GOOGLE_PLACES_API_KEY/);
    expect(summary.providers[2].problem).toMatch(/OPENAI_API_KEY/);
  });

  it.each<Record<string, string>>([
    {},
    KEYS,
    { ...KEYS, PLACES_PROVIDER: "demo", CRAWL_PROVIDER: "builtin", LLM_PROVIDER: "heuristic" },
    { GOOGLE_PLACES_API_KEY: "k", GOOGLE_PLACES_API: "legacy" },
    { OPENAI_API_KEY: "k", OPENAI_MODEL: "gpt-5-mini" },
  ])("agrees with the provider factories for %j", (env) => {
    const [places, crawl, llm] = summarizeProviders(env).providers;
    expect(places.provider).toBe(createPlacesProvider(env).name);
    expect(crawl.provider).toBe(createCrawlProvider(env).name);
    expect(llm.provider).toBe(resolveLlmSettings(env).provider);
  });
});
