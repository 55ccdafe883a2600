import { DEFAULT_MAX_DEEP_AUDITS, PLACES_MAX_PAGES, PLACES_PAGE_SIZE } from "./lifecycle";
import { openaiTokenPrice, PRICES } from "./pricing";
import { ALL_PAID_PROVIDERS, type ActiveProviderKinds } from "./providers/paidProviders";

/**
 * The dossier prompt's caps (lib/providers/llm/dossierPrompt.ts), repeated so the dashboard bundle does not pull in
 * the HTML parser that module imports; tests/unit/costEstimate.test.ts fails if they drift apart.
 */
export const PROMPT_CAPS = { pages: 4, charsPerPage: 6000 } as const;
/** Pages scraped per deep audit at most (MAX_AUDIT_PAGES in lib/auditPlan.ts, which imports the domain parser). */
export const AUDIT_PAGES_CAP = 6;

/** Per dossier prompt: instructions, the lead's Places facts and the agency's claims, beside the pages (~4 characters a token). */
const PROMPT_OVERHEAD_TOKENS = 2_000;
const DOSSIER_OUTPUT_TOKENS = 1_200;
/** Per deep audit with OpenAI: the page-selection call (a shortlist of ≤ 30 URLs) and its short answer. */
const PAGE_SELECTION_INPUT_TOKENS = 1_500;
const PAGE_SELECTION_OUTPUT_TOKENS = 300;

export type RunCostEstimate = {
  places: { requests: number; usd: number };
  firecrawl: { credits: number; usd: number };
  openai: { inputTokens: number; outputTokens: number; usd: number };
  totalUsd: number;
};

/** The most one deep audit can cost with these providers: a Firecrawl map + AUDIT_PAGES_CAP scrapes, page selection and one dossier prompt. */
function auditsCost(audits: number, placesOnlyDossiers: number, providers: ActiveProviderKinds) {
  const credits = providers.crawl === "firecrawl" ? audits * (1 + AUDIT_PAGES_CAP) : 0;
  const llm = providers.llm === "openai";
  const inputTokens = llm
    ? audits * (Math.ceil((PROMPT_CAPS.pages * PROMPT_CAPS.charsPerPage) / 4) + PROMPT_OVERHEAD_TOKENS + PAGE_SELECTION_INPUT_TOKENS) +
      placesOnlyDossiers * PROMPT_OVERHEAD_TOKENS
    : 0;
  const outputTokens = llm ? audits * (DOSSIER_OUTPUT_TOKENS + PAGE_SELECTION_OUTPUT_TOKENS) + placesOnlyDossiers * DOSSIER_OUTPUT_TOKENS : 0;
  const price = openaiTokenPrice(providers.llmModel);
  return {
    firecrawl: { credits, usd: credits * PRICES.firecrawlPerCredit },
    openai: { inputTokens, outputTokens, usd: inputTokens * price.input + outputTokens * price.output },
  };
}

/**
 * The most a run can cost on the paid providers (Google Places, Firecrawl, OpenAI), before it starts: up to
 * PLACES_MAX_PAGES Text Search pages (plus, on the legacy API, one Place Details call per result); per deep audit one
 * Firecrawl map plus up to AUDIT_PAGES_CAP scrapes, an LLM page selection and one dossier prompt of up to
 * PROMPT_CAPS.pages pages; a short dossier prompt per other lead. `providers` defaults to every paid provider; the
 * keyless defaults (demo Places, built-in crawler, heuristic auditor) cost nothing.
 */
export function estimateRunCost(input: { numLeads: number; maxDeepAudits?: number; providers?: ActiveProviderKinds }): RunCostEstimate {
  const providers = input.providers ?? ALL_PAID_PROVIDERS;
  const audits = Math.max(0, Math.min(input.numLeads, input.maxDeepAudits ?? DEFAULT_MAX_DEEP_AUDITS));
  const requests = PLACES_MAX_PAGES;
  const placesUsd =
    providers.places === "google"
      ? requests * PRICES.placesTextSearchEnterprisePerRequest
      : providers.places === "google-legacy"
        ? requests * PRICES.placesLegacyTextSearchPerRequest + requests * PLACES_PAGE_SIZE * PRICES.placesLegacyDetailsPerRequest
        : 0;
  const { firecrawl, openai } = auditsCost(audits, Math.max(0, input.numLeads - audits), providers);
  const places = { requests, usd: placesUsd };
  return { places, firecrawl, openai, totalUsd: places.usd + firecrawl.usd + openai.usd };
}

/** The most `audits` deep audits (and `placesOnlyDossiers` Places-based dossiers) can cost with these providers; a re-audit is one audit. */
export function estimateAuditsCost(audits: number, providers: ActiveProviderKinds, placesOnlyDossiers = 0): number {
  const { firecrawl, openai } = auditsCost(audits, placesOnlyDossiers, providers);
  return firecrawl.usd + openai.usd;
}

/** "$0.43", "< $0.01". */
export function formatUsd(usd: number): string {
  return usd > 0 && usd < 0.005 ? "< $0.01" : `$${usd.toFixed(2)}`;
}
