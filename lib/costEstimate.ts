import { DEFAULT_MAX_DEEP_AUDITS } from "./lifecycle";
import { PRICES } from "./pricing";

/**
 * The dossier prompt's caps (lib/providers/llm/dossierPrompt.ts), repeated so the dashboard bundle does not pull in
 * the HTML parser that module imports; tests/unit/costEstimate.test.ts fails if they drift apart.
 */
export const PROMPT_CAPS = { pages: 4, charsPerPage: 6000 } as const;
/** Pages scraped per deep audit at most (MAX_AUDIT_PAGES in lib/auditPlan.ts, which imports the domain parser). */
export const AUDIT_PAGES_CAP = 6;

/** Per deep audit with OpenAI: the dossier prompt's pages (~4 characters a token) plus instructions and lead. */
const PROMPT_OVERHEAD_TOKENS = 2_000;
const DOSSIER_OUTPUT_TOKENS = 1_200;

export type RunCostEstimate = {
  places: { requests: number; usd: number };
  firecrawl: { credits: number; usd: number };
  openai: { inputTokens: number; outputTokens: number; usd: number };
  totalUsd: number;
};

/**
 * The most a run can cost on the paid providers (Google Places, Firecrawl, OpenAI), before it starts: one Text
 * Search request (≤ 20 results, one page), and per deep audit one Firecrawl map plus up to AUDIT_PAGES_CAP scrapes
 * and one dossier prompt of up to PROMPT_CAPS.pages pages. The keyless defaults (demo Places, built-in crawler,
 * heuristic auditor) cost nothing.
 */
export function estimateRunCost(input: { numLeads: number; maxDeepAudits?: number }): RunCostEstimate {
  const audits = Math.max(0, Math.min(input.numLeads, input.maxDeepAudits ?? DEFAULT_MAX_DEEP_AUDITS));
  const requests = 1;
  const credits = audits * (1 + AUDIT_PAGES_CAP);
  const inputTokens = audits * (Math.ceil((PROMPT_CAPS.pages * PROMPT_CAPS.charsPerPage) / 4) + PROMPT_OVERHEAD_TOKENS);
  const outputTokens = audits * DOSSIER_OUTPUT_TOKENS;
  const places = { requests, usd: requests * PRICES.placesTextSearchEnterprisePerRequest };
  const firecrawl = { credits, usd: credits * PRICES.firecrawlPerCredit };
  const openai = { inputTokens, outputTokens, usd: inputTokens * PRICES.openaiInputPerToken + outputTokens * PRICES.openaiOutputPerToken };
  return { places, firecrawl, openai, totalUsd: places.usd + firecrawl.usd + openai.usd };
}

/** "$0.43", "< $0.01". */
export function formatUsd(usd: number): string {
  return usd > 0 && usd < 0.005 ? "< $0.01" : `$${usd.toFixed(2)}`;
}
