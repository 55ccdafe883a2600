/**
 * What the paid services a run can use cost, in USD: the one price table (edit it here when a price changes).
 * Prices as listed on the providers' pricing pages on the date below, at the lowest volume tier.
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
   * Firecrawl: one credit per `map` and per scraped page; Hobby plan, 3,000 credits for $16 a month (billed yearly).
   * Source: https://www.firecrawl.dev/pricing
   */
  firecrawlPerCredit: 16 / 3000,
  /** OpenAI gpt-4o-mini (the default OPENAI_MODEL): $0.15 per 1M input tokens. Source: https://openai.com/api/pricing */
  openaiInputPerToken: 0.15 / 1_000_000,
  /** OpenAI gpt-4o-mini: $0.60 per 1M output tokens. Source: https://openai.com/api/pricing */
  openaiOutputPerToken: 0.6 / 1_000_000,
} as const;
