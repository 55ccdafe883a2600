import { formatUsd } from "../../lib/costEstimate";
import type { UsageTotals } from "../../lib/usage";

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** What a run (or month) cost: "$0.04", or "demo — no charge" when only free providers were used. */
export function costLabel(usage: UsageTotals | undefined): string {
  if (!usage) return "no paid calls yet";
  if (!usage.charged) return "demo — no charge";
  return formatUsd(usage.costUsd);
}

/** "1 Places request · 6 pages crawled · 14 Firecrawl credits · 9,370 + 1,560 OpenAI tokens"; empty parts left out. */
export function usageSummary(usage: UsageTotals | undefined): string {
  if (!usage) return "";
  const parts = [
    usage.placesRequests ? count(usage.placesRequests, "Places request") : "",
    usage.pagesCrawled ? `${count(usage.pagesCrawled, "page")} crawled` : "",
    usage.firecrawlCredits ? count(usage.firecrawlCredits, "Firecrawl credit") : "",
    usage.openaiInputTokens || usage.openaiOutputTokens
      ? `${usage.openaiInputTokens.toLocaleString("en-US")} + ${usage.openaiOutputTokens.toLocaleString("en-US")} OpenAI tokens`
      : "",
  ];
  return parts.filter(Boolean).join(" · ");
}

/** The first moment of the current UTC month: a stable query argument for "this month" (budgets are per UTC month). */
export function utcMonthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
