import { describe, expect, it } from "vitest";
import { MAX_AUDIT_PAGES } from "../../lib/auditPlan";
import { AUDIT_PAGES_CAP, estimateAuditsCost, estimateRunCost, formatUsd, PROMPT_CAPS } from "../../lib/costEstimate";
import { PLACES_MAX_PAGES } from "../../lib/lifecycle";
import { PRICES } from "../../lib/pricing";
import { MAX_MARKDOWN_CHARS_PER_PAGE, MAX_PROMPT_PAGES } from "../../lib/providers/llm/dossierPrompt";

const FREE = { places: "demo", crawl: "builtin", llm: "heuristic" } as const;

describe("estimateRunCost", () => {
  it("prices up to 3 Places pages, 7 Firecrawl credits and two LLM calls per deep audit (all paid providers, default model)", () => {
    const estimate = estimateRunCost({ numLeads: 10 });
    expect(estimate.places).toEqual({ requests: PLACES_MAX_PAGES, usd: PLACES_MAX_PAGES * PRICES.placesTextSearchEnterprisePerRequest });
    expect(estimate.firecrawl.credits).toBe(70);
    // Dossier prompt (4 pages of 6,000 characters + 2,000 overhead) and page selection (1,500) per audit.
    expect(estimate.openai.inputTokens).toBe(10 * 9_500);
    expect(estimate.openai.outputTokens).toBe(10 * 1_500);
    expect(formatUsd(estimate.totalUsd)).toBe("$0.54");
  });

  it("audits at most maxDeepAudits (default 10) of the leads; the others get a short dossier prompt", () => {
    expect(estimateRunCost({ numLeads: 20 }).firecrawl.credits).toBe(70);
    expect(estimateRunCost({ numLeads: 3 }).firecrawl.credits).toBe(21);
    expect(estimateRunCost({ numLeads: 20 }).openai.inputTokens).toBe(10 * 9_500 + 10 * 2_000);
    const noAudits = estimateRunCost({ numLeads: 20, maxDeepAudits: 0, providers: { places: "google", crawl: "firecrawl", llm: "heuristic" } });
    expect(noAudits.totalUsd).toBeCloseTo(PLACES_MAX_PAGES * PRICES.placesTextSearchEnterprisePerRequest);
  });

  it("costs nothing on the keyless defaults, and prices only the paid providers in use", () => {
    expect(estimateRunCost({ numLeads: 20, providers: FREE }).totalUsd).toBe(0);
    const llmOnly = estimateRunCost({ numLeads: 10, providers: { ...FREE, llm: "openai", llmModel: "gpt-4o-mini" } });
    expect(llmOnly.places.usd + llmOnly.firecrawl.usd).toBe(0);
    expect(llmOnly.openai.usd).toBeCloseTo(95_000 * 0.15e-6 + 15_000 * 0.6e-6);
    // Legacy Places: 3 Text Search pages plus a Place Details call per result (60).
    const legacy = estimateRunCost({ numLeads: 10, providers: { ...FREE, places: "google-legacy" } });
    expect(legacy.totalUsd).toBeCloseTo(3 * 0.032 + 60 * 0.025);
    expect(estimateAuditsCost(1, { ...FREE, crawl: "firecrawl" })).toBeCloseTo(7 * PRICES.firecrawlPerCredit);
    expect(estimateAuditsCost(3, FREE)).toBe(0);
  });

  it("uses the dossier prompt's real caps", () => {
    expect(PROMPT_CAPS).toEqual({ pages: MAX_PROMPT_PAGES, charsPerPage: MAX_MARKDOWN_CHARS_PER_PAGE });
    expect(AUDIT_PAGES_CAP).toBe(MAX_AUDIT_PAGES);
  });

  it("formats dollars", () => {
    expect(formatUsd(0.001)).toBe("< $0.01");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(1.234)).toBe("$1.23");
  });
});
