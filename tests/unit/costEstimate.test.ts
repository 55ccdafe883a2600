import { describe, expect, it } from "vitest";
import { MAX_AUDIT_PAGES } from "../../lib/auditPlan";
import { AUDIT_PAGES_CAP, estimateRunCost, formatUsd, PROMPT_CAPS } from "../../lib/costEstimate";
import { PRICES } from "../../lib/pricing";
import { MAX_MARKDOWN_CHARS_PER_PAGE, MAX_PROMPT_PAGES } from "../../lib/providers/llm/dossierPrompt";

describe("estimateRunCost", () => {
  it("prices one Places request, 7 Firecrawl credits and one dossier prompt per deep audit", () => {
    const estimate = estimateRunCost({ numLeads: 10 });
    expect(estimate.places).toEqual({ requests: 1, usd: PRICES.placesTextSearchEnterprisePerRequest });
    expect(estimate.firecrawl.credits).toBe(70);
    expect(estimate.openai.inputTokens).toBe(10 * 8_000);
    expect(estimate.openai.outputTokens).toBe(10 * 1_200);
    expect(formatUsd(estimate.totalUsd)).toBe("$0.43");
  });

  it("audits at most maxDeepAudits (default 10) of the leads", () => {
    expect(estimateRunCost({ numLeads: 20 }).firecrawl.credits).toBe(70);
    expect(estimateRunCost({ numLeads: 3 }).firecrawl.credits).toBe(21);
    const noAudits = estimateRunCost({ numLeads: 20, maxDeepAudits: 0 });
    expect(noAudits.totalUsd).toBeCloseTo(PRICES.placesTextSearchEnterprisePerRequest);
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
