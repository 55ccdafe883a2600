/**
 * What the paid services a run can use cost, in USD: the one price table (edit it here when a price changes).
 * Prices as listed on the providers' pricing pages on the date below, at the lowest volume tier; the legacy Places
 * rows and the per-model OpenAI rows other than gpt-4o-mini were added later from the same pages' list prices
 * without an online re-check (this machine has no internet): verify them before relying on a bill. A recorded run
 * keeps the cost computed when it ran; a new price applies to later usage only.
 */
export const PRICES = {
  checkedOn: "2025-06-01",
  /**
   * Google Places API (New) Text Search, Enterprise SKU — the SKU our field mask triggers (phone, website, rating
   * and review count are Enterprise fields; a request is billed at its highest field's SKU). $35 per 1,000 requests
   * for 0–100,000 requests a month. Source: https://developers.google.com/maps/billing-and-pricing/pricing
   */
  placesTextSearchEnterprisePerRequest: 35 / 1000,
  /**
   * Legacy Places API Text Search (`GOOGLE_PLACES_API=legacy`): $32 per 1,000 requests.
   * Source: https://developers.google.com/maps/billing-and-pricing/pricing (legacy SKUs)
   */
  placesLegacyTextSearchPerRequest: 32 / 1000,
  /**
   * Legacy Place Details with our fields (lib/providers/places/googleLegacy.ts LEGACY_DETAILS_FIELDS): the Details
   * SKU ($17 per 1,000) plus the Contact Data ($3, phone and website) and Atmosphere Data ($5, rating and review
   * count) SKUs it triggers. Source: https://developers.google.com/maps/billing-and-pricing/pricing (legacy SKUs)
   */
  placesLegacyDetailsPerRequest: (17 + 3 + 5) / 1000,
  /**
   * Firecrawl: one credit per `map` and per scraped page; Hobby plan, 3,000 credits for $16 a month (billed yearly).
   * Source: https://www.firecrawl.dev/pricing
   */
  firecrawlPerCredit: 16 / 3000,
  /**
   * OpenAI, USD per token (input, output), by model. Source: https://openai.com/api/pricing
   * A model not listed here (e.g. one served by an OpenAI-compatible server) is priced as OPENAI_DEFAULT_PRICED_MODEL.
   */
  openaiPerToken: {
    "gpt-4.1-mini": { input: 0.4 / 1_000_000, output: 1.6 / 1_000_000 },
    "gpt-4.1-nano": { input: 0.1 / 1_000_000, output: 0.4 / 1_000_000 },
    "gpt-4.1": { input: 2 / 1_000_000, output: 8 / 1_000_000 },
    "gpt-4o-mini": { input: 0.15 / 1_000_000, output: 0.6 / 1_000_000 },
    "gpt-4o": { input: 2.5 / 1_000_000, output: 10 / 1_000_000 },
  } as Record<string, { input: number; output: number }>,
} as const;

/** The default OPENAI_MODEL (lib/providers/llm/openaiClient.ts DEFAULT_OPENAI_MODEL), also the price of unlisted models. */
export const OPENAI_DEFAULT_PRICED_MODEL = "gpt-4.1-mini";

/** USD per input and output token of `model` (dated snapshots such as "gpt-4o-mini-2024-07-18" use their family's price). */
export function openaiTokenPrice(model: string | undefined): { input: number; output: number } {
  const name = (model ?? OPENAI_DEFAULT_PRICED_MODEL).toLowerCase().replace(/^.*\//, "");
  const table = PRICES.openaiPerToken;
  if (table[name]) return table[name];
  // Longest listed name the model starts with: "gpt-4.1-mini-2025-04-14" → "gpt-4.1-mini", not "gpt-4.1".
  const family = Object.keys(table)
    .filter((known) => name.startsWith(`${known}-`))
    .sort((a, b) => b.length - a.length)[0];
  return table[family ?? OPENAI_DEFAULT_PRICED_MODEL];
}
