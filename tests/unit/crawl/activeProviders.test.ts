import { describe, expect, it } from "vitest";
import { describeActiveProviders } from "../../../lib/providers/activeProviders";

describe("describeActiveProviders (the line npm run dev prints)", () => {
  it("names the keyless defaults", () => {
    expect(describeActiveProviders({})).toBe(
      "providers: places=demo (bundled dataset of demo businesses, no API key) · crawl=builtin · llm=heuristic (no LLM)",
    );
  });

  it("names the real providers when keys are set, and never shows a key", () => {
    const line = describeActiveProviders({
      GOOGLE_PLACES_API_KEY: "AIza-secret-places",
      FIRECRAWL_API_KEY: "fc-secret-crawl",
      OPENAI_API_KEY: "sk-secret-llm",
      OPENAI_MODEL: "gpt-5-mini",
    });
    expect(line).toMatch(/places=google \(Places API \(New\)/);
    expect(line).toMatch(/crawl=firecrawl \(https:\/\/api\.firecrawl\.dev, 2 at once, 10\/min\)/);
    expect(line).toMatch(/llm=openai \(gpt-5-mini\)/);
    expect(line).not.toMatch(/secret/);
  });

  it("says what is misconfigured instead of throwing", () => {
    expect(describeActiveProviders({ LLM_PROVIDER: "openai" })).toMatch(/llm=misconfigured: LLM_PROVIDER=openai needs OPENAI_API_KEY/);
  });
});
