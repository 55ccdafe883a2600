import { describe, expect, it } from "vitest";
import { emptyUsageTotals } from "../../../lib/usage";
import { costLabel, usageSummary, utcMonthStart } from "../../../src/lib/usageDisplay";

describe("usage display", () => {
  it("says a run on the demo providers cost nothing, and shows a paid run's dollars", () => {
    const demo = { ...emptyUsageTotals(), placesRequests: 1, pagesCrawled: 40 };
    expect(costLabel(demo)).toBe("demo — no charge");
    expect(usageSummary(demo)).toBe("1 Places request · 40 pages crawled");
    const paid = { ...demo, firecrawlCredits: 14, openaiInputTokens: 9370, openaiOutputTokens: 1560, costUsd: 0.1234, charged: true };
    expect(costLabel(paid)).toBe("$0.12");
    expect(usageSummary(paid)).toBe("1 Places request · 40 pages crawled · 14 Firecrawl credits · 9,370 + 1,560 OpenAI tokens");
    expect(costLabel(undefined)).toBe("no paid calls yet");
  });

  it("asks for this month by its first UTC moment, so the query does not change within a month", () => {
    expect(utcMonthStart(Date.UTC(2026, 11, 31, 23, 59))).toBe(Date.UTC(2026, 11, 1));
    expect(utcMonthStart(Date.UTC(2026, 11, 1, 0, 0, 1))).toBe(Date.UTC(2026, 11, 1));
  });
});
