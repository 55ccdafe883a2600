import { describe, expect, it } from "vitest";
import { openaiTokenPrice, PRICES } from "../../lib/pricing";
import { addUsageTotals, checkBudget, monthKey, monthLabel, toUsageTotals, usd, UsageMeter, usageCostUsd } from "../../lib/usage";

describe("usage cost", () => {
  it("prices each item at its SKU: Places (New) Enterprise, legacy search + details, Firecrawl credits, OpenAI tokens per model", () => {
    const meter = new UsageMeter();
    meter.add({ placesTextSearch: 2, placesLegacyTextSearch: 1, placesLegacyDetails: 20, firecrawlCredits: 14, pagesCrawled: 12 });
    meter.addOpenAiTokens("gpt-4o-mini", 10_000, 2_000);
    meter.addOpenAiTokens("gpt-4.1-mini", 1_000_000, 0);
    const expected = 2 * 0.035 + 0.032 + 20 * 0.025 + 14 * (16 / 3000) + (10_000 * 0.15 + 2_000 * 0.6) / 1e6 + 0.4;
    expect(usageCostUsd(meter.usage)).toBeCloseTo(expected, 10);
    const totals = toUsageTotals(meter.usage);
    expect(totals).toMatchObject({
      placesRequests: 23,
      pagesCrawled: 12,
      firecrawlCredits: 14,
      openaiInputTokens: 1_010_000,
      openaiOutputTokens: 2_000,
      charged: true,
    });
    expect(totals.costUsd).toBeCloseTo(expected, 10);
  });

  it("counts demo usage (demo Places pages, built-in crawler pages) at no charge", () => {
    const meter = new UsageMeter();
    meter.add({ placesDemo: 3, pagesCrawled: 40 });
    expect(toUsageTotals(meter.usage)).toEqual({
      placesRequests: 3,
      pagesCrawled: 40,
      firecrawlCredits: 0,
      openaiInputTokens: 0,
      openaiOutputTokens: 0,
      costUsd: 0,
      charged: false,
    });
  });

  it("ignores nonsense counts and adds totals", () => {
    const meter = new UsageMeter();
    meter.add({ firecrawlCredits: Number.NaN, pagesCrawled: -4 });
    meter.addOpenAiTokens("gpt-4o-mini", Number.NaN, 10);
    expect(toUsageTotals(meter.usage)).toMatchObject({ firecrawlCredits: 0, pagesCrawled: 0, openaiInputTokens: 0, openaiOutputTokens: 10 });
    const a = toUsageTotals({ ...meter.usage, placesDemo: 1 });
    const sum = addUsageTotals(addUsageTotals(undefined, a), { ...a, charged: false });
    expect(sum.placesRequests).toBe(2);
    expect(sum.charged).toBe(true);
  });

  it("prices a dated model snapshot at its family's price and an unknown model at the default model's", () => {
    expect(openaiTokenPrice("gpt-4.1-mini-2025-04-14")).toEqual(PRICES.openaiPerToken["gpt-4.1-mini"]);
    expect(openaiTokenPrice("gpt-4.1-2025-04-14")).toEqual(PRICES.openaiPerToken["gpt-4.1"]);
    expect(openaiTokenPrice("llama-3.1-8b")).toEqual(PRICES.openaiPerToken["gpt-4.1-mini"]);
    expect(openaiTokenPrice(undefined)).toEqual(PRICES.openaiPerToken["gpt-4.1-mini"]);
  });
});

describe("months are UTC calendar months", () => {
  it("keys a moment by its UTC month, whatever the local time zone", () => {
    expect(monthKey(Date.UTC(2026, 11, 31, 23, 59, 59))).toBe("2026-12");
    expect(monthKey(Date.UTC(2027, 0, 1, 0, 0, 0))).toBe("2027-01");
    // 23:30 on Nov 30 in New York is already December in UTC.
    expect(monthKey(Date.parse("2026-11-30T23:30:00-05:00"))).toBe("2026-12");
    expect(monthLabel("2026-12")).toBe("December 2026");
  });
});

describe("checkBudget", () => {
  it("writes small amounts to a tenth of a cent so they do not read as equal", () => {
    expect([usd(0), usd(0.035), usd(0.036), usd(0.0043), usd(0.1), usd(0.54), usd(12.5)]).toEqual([
      "$0.00",
      "$0.035",
      "$0.036",
      "$0.004",
      "$0.10",
      "$0.54",
      "$12.50",
    ]);
  });

  const base = { what: "This run of 10 leads", month: "2026-12" };
  it("allows anything without a budget, and up to the budget exactly", () => {
    expect(checkBudget({ ...base, spentUsd: 1_000, estimateUsd: 5 })).toEqual({ ok: true });
    expect(checkBudget({ ...base, spentUsd: 4.5, budgetUsd: 5, estimateUsd: 0.5 })).toEqual({ ok: true });
  });

  it("refuses work whose estimate would pass the budget, with the figures in plain words", () => {
    const check = checkBudget({ ...base, spentUsd: 4.8, budgetUsd: 5, estimateUsd: 0.54 });
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.message).toBe(
        "This run of 10 leads could cost up to $0.54, and your agency has spent $4.80 of its $5.00 budget for December 2026 ($0.20 left). " +
          "Raise the monthly budget in the agency setup, ask for fewer leads, or wait for next month.",
      );
    }
    expect(checkBudget({ ...base, spentUsd: 0, budgetUsd: 0, estimateUsd: 0.01 }).ok).toBe(false);
    expect(checkBudget({ ...base, spentUsd: 9, budgetUsd: 5, estimateUsd: 0.01 }).ok).toBe(false);
  });

  it("counts what work still running could yet cost as spent, and says how much of the budget it holds", () => {
    // $3.00 spent, a run still running could cost $1.50 more: a $0.54 run no longer fits a $5.00 budget.
    expect(checkBudget({ ...base, spentUsd: 3, budgetUsd: 5, estimateUsd: 0.54 })).toEqual({ ok: true });
    const check = checkBudget({ ...base, spentUsd: 3, heldUsd: 1.5, budgetUsd: 5, estimateUsd: 0.54 });
    expect(check).toEqual({
      ok: false,
      message:
        "This run of 10 leads could cost up to $0.54, and your agency has spent $3.00 of its $5.00 budget for December 2026, " +
        "with work still running that could cost up to $1.50 more ($0.50 left). Raise the monthly budget in the agency setup, ask for fewer leads, or wait for next month.",
    });
    expect(checkBudget({ ...base, spentUsd: 3, heldUsd: 1.46, budgetUsd: 5, estimateUsd: 0.54 })).toEqual({ ok: true });
  });

  it("never holds back free work (the keyless defaults), even past the budget", () => {
    expect(checkBudget({ ...base, spentUsd: 9, budgetUsd: 5, estimateUsd: 0 })).toEqual({ ok: true });
  });
});
