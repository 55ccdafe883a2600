import { openaiTokenPrice, PRICES } from "./pricing";

/**
 * What the providers of one step really used, counted where each call happens (the Places, Firecrawl and OpenAI
 * clients record into the step's meter), by price item, so the cost follows from the counts and the price table.
 * Demo providers (demo Places, the built-in crawler, the heuristic auditor) count too, at no charge.
 */
export interface MeteredUsage {
  /** Places API (New) Text Search requests answered (Enterprise SKU, our field mask). */
  placesTextSearch: number;
  /** Legacy Text Search requests answered. */
  placesLegacyTextSearch: number;
  /** Legacy Place Details requests answered (one per search result). */
  placesLegacyDetails: number;
  /** Pages served by the demo Places provider (free). */
  placesDemo: number;
  /** Pages fetched successfully, by either crawler. */
  pagesCrawled: number;
  /** Firecrawl credits: the API's `creditsUsed` for a scrape, 1 per map. */
  firecrawlCredits: number;
  /** Tokens from the API's `usage` field of every answered chat completion. */
  openaiInputTokens: number;
  openaiOutputTokens: number;
  /** The OpenAI tokens above priced at their model's price when they were counted. */
  openaiUsd: number;
}

export function emptyMeteredUsage(): MeteredUsage {
  return {
    placesTextSearch: 0,
    placesLegacyTextSearch: 0,
    placesLegacyDetails: 0,
    placesDemo: 0,
    pagesCrawled: 0,
    firecrawlCredits: 0,
    openaiInputTokens: 0,
    openaiOutputTokens: 0,
    openaiUsd: 0,
  };
}

/** One step's counter, handed to every provider the step creates; the step passes `usage` to the mutation that writes its batch. */
export class UsageMeter {
  readonly usage: MeteredUsage = emptyMeteredUsage();

  add(counts: Partial<Omit<MeteredUsage, "openaiUsd">>): void {
    for (const [key, value] of Object.entries(counts) as [keyof MeteredUsage, number | undefined][]) {
      if (value && Number.isFinite(value) && value > 0) this.usage[key] += value;
    }
  }

  /** One chat completion's `usage` (prompt and completion tokens), priced at `model`'s price. */
  addOpenAiTokens(model: string, inputTokens: number, outputTokens: number): void {
    const input = Math.max(0, Math.round(inputTokens || 0));
    const output = Math.max(0, Math.round(outputTokens || 0));
    const price = openaiTokenPrice(model);
    this.usage.openaiInputTokens += input;
    this.usage.openaiOutputTokens += output;
    this.usage.openaiUsd += input * price.input + output * price.output;
  }
}

/**
 * Usage as a run, and an agency's month, keep it (convex/validators.ts vUsage): counts plus their cost, and whether
 * any of it was charged (false on the demo providers: "demo — no charge").
 */
export interface UsageTotals {
  placesRequests: number;
  pagesCrawled: number;
  firecrawlCredits: number;
  openaiInputTokens: number;
  openaiOutputTokens: number;
  costUsd: number;
  /** Some of this usage came from a paid provider (Google Places, Firecrawl, OpenAI). */
  charged: boolean;
}

export function emptyUsageTotals(): UsageTotals {
  return { placesRequests: 0, pagesCrawled: 0, firecrawlCredits: 0, openaiInputTokens: 0, openaiOutputTokens: 0, costUsd: 0, charged: false };
}

/** The cost of metered usage at the price table's prices (OpenAI was priced per model when counted). */
export function usageCostUsd(usage: MeteredUsage): number {
  return (
    usage.placesTextSearch * PRICES.placesTextSearchEnterprisePerRequest +
    usage.placesLegacyTextSearch * PRICES.placesLegacyTextSearchPerRequest +
    usage.placesLegacyDetails * PRICES.placesLegacyDetailsPerRequest +
    usage.firecrawlCredits * PRICES.firecrawlPerCredit +
    usage.openaiUsd
  );
}

/** Metered usage as totals to add to a run and a month. */
export function toUsageTotals(usage: MeteredUsage): UsageTotals {
  const paidCalls =
    usage.placesTextSearch +
    usage.placesLegacyTextSearch +
    usage.placesLegacyDetails +
    usage.firecrawlCredits +
    usage.openaiInputTokens +
    usage.openaiOutputTokens;
  return {
    placesRequests: usage.placesTextSearch + usage.placesLegacyTextSearch + usage.placesLegacyDetails + usage.placesDemo,
    pagesCrawled: usage.pagesCrawled,
    firecrawlCredits: usage.firecrawlCredits,
    openaiInputTokens: usage.openaiInputTokens,
    openaiOutputTokens: usage.openaiOutputTokens,
    costUsd: usageCostUsd(usage),
    charged: paidCalls > 0,
  };
}

export function addUsageTotals(a: UsageTotals | undefined, b: UsageTotals): UsageTotals {
  const base = a ?? emptyUsageTotals();
  return {
    placesRequests: base.placesRequests + b.placesRequests,
    pagesCrawled: base.pagesCrawled + b.pagesCrawled,
    firecrawlCredits: base.firecrawlCredits + b.firecrawlCredits,
    openaiInputTokens: base.openaiInputTokens + b.openaiInputTokens,
    openaiOutputTokens: base.openaiOutputTokens + b.openaiOutputTokens,
    costUsd: base.costUsd + b.costUsd,
    charged: base.charged || b.charged,
  };
}

/** True when there is nothing to record. */
export function isEmptyUsage(usage: UsageTotals): boolean {
  return usage.placesRequests + usage.pagesCrawled + usage.firecrawlCredits + usage.openaiInputTokens + usage.openaiOutputTokens === 0 && usage.costUsd === 0;
}

/** The calendar month a moment belongs to, in UTC: "2026-12". Budgets and spend are per UTC calendar month. */
export function monthKey(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** "December 2026" for "2026-12". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-");
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${year}`;
}
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Dollars for budget messages: cents, with a tenth of a cent under $1 so small figures do not read as equal ("$0.035", "$0.004"). */
export function usd(amount: number): string {
  if (amount >= 1 || amount === 0) return `$${amount.toFixed(2)}`;
  return `$${amount.toFixed(3).replace(/(\.\d\d)0$/, "$1")}`;
}

export type BudgetCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether work estimated at `estimateUsd` may start when `spentUsd` is already spent this month against an optional
 * `budgetUsd` (no budget, or free work: always). `heldUsd` is what the agency's work still running (other runs,
 * re-audits) could yet cost: it counts as spent, so two runs started side by side cannot pass the budget together.
 * Refused when it would push the month's spend over the budget.
 */
export function checkBudget(input: { spentUsd: number; heldUsd?: number; budgetUsd?: number; estimateUsd: number; what: string; month: string }): BudgetCheck {
  const { spentUsd, budgetUsd, estimateUsd } = input;
  const heldUsd = input.heldUsd ?? 0;
  // No budget, or free work (the keyless defaults): nothing to hold back.
  if (budgetUsd === undefined || estimateUsd <= 0) return { ok: true };
  if (spentUsd + heldUsd + estimateUsd <= budgetUsd + 1e-9) return { ok: true };
  const left = Math.max(0, budgetUsd - spentUsd - heldUsd);
  const held = heldUsd > 0 ? `, with work still running that could cost up to ${usd(heldUsd)} more` : "";
  return {
    ok: false,
    message:
      `${input.what} could cost up to ${usd(estimateUsd)}, and your agency has spent ${usd(spentUsd)} of its ${usd(budgetUsd)} budget for ` +
      `${monthLabel(input.month)}${held} (${usd(left)} left). Raise the monthly budget in the agency setup, ask for fewer leads, or wait for next month.`,
  };
}
