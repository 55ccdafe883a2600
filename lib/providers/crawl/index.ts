import { z } from "zod";
import type { UsageMeter } from "../../usage";
import type { CrawlBudgetLimits } from "../../crawl/budget";
import { BuiltinCrawler, type BuiltinCrawlerOptions } from "./builtin";
import { FirecrawlCrawler, type FirecrawlCrawlerOptions } from "./firecrawl";
import { CrawlError, type CrawlProvider } from "./types";

export { BuiltinCrawler, type BuiltinCrawlerOptions } from "./builtin";
export { FirecrawlCrawler, type FirecrawlCrawlerOptions } from "./firecrawl";
export * from "./types";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const httpOrigin = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .url()
    .refine((value) => /^https?:\/\//i.test(value), "must be an http(s) URL")
    .optional(),
);

const positiveInt = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

const vCrawlEnv = z.object({
  CRAWL_PROVIDER: z.preprocess(
    (v) => (typeof blankToUndefined(v) === "string" ? String(v).trim().toLowerCase() : undefined),
    z.enum(["builtin", "firecrawl"], { message: 'CRAWL_PROVIDER must be "builtin" or "firecrawl"' }).optional(),
  ),
  FIRECRAWL_API_KEY: z.preprocess(blankToUndefined, z.string().trim().optional()),
  FIRECRAWL_API_URL: httpOrigin,
  DEMO_WEB_ORIGIN: httpOrigin,
  CRAWL_PAGE_TIMEOUT_MS: positiveInt,
  CRAWL_DEADLINE_MS: positiveInt,
  CRAWL_MAX_SITEMAP_FILES: positiveInt,
  CRAWL_MAX_URLS: positiveInt,
  CRAWL_MAX_BYTES: positiveInt,
  FIRECRAWL_CONCURRENCY: positiveInt,
  FIRECRAWL_REQUESTS_PER_MINUTE: positiveInt,
});

/** The per-audit crawl budget limits the env sets (README "Limits"); defaults elsewhere. */
function budgetFromEnv(config: z.infer<typeof vCrawlEnv>): Partial<CrawlBudgetLimits> {
  return {
    deadlineMs: config.CRAWL_DEADLINE_MS,
    maxSitemapFiles: config.CRAWL_MAX_SITEMAP_FILES,
    maxCandidateUrls: config.CRAWL_MAX_URLS,
    maxTotalBytes: config.CRAWL_MAX_BYTES,
  };
}

export interface CreateCrawlProviderOptions {
  /** The step's usage meter: pages crawled, Firecrawl credits. */
  meter?: UsageMeter;
  builtin?: Omit<BuiltinCrawlerOptions, "demoRoute">;
  firecrawl?: Omit<Partial<FirecrawlCrawlerOptions>, "apiKey" | "apiUrl">;
}

/**
 * Picks the crawl provider from the environment: CRAWL_PROVIDER wins; otherwise Firecrawl
 * when FIRECRAWL_API_KEY is set, else the built-in crawler. DEMO_WEB_ORIGIN routes `*.example`
 * hosts of the built-in crawler to the demo web server.
 */
export function createCrawlProvider(env: Record<string, string | undefined>, options: CreateCrawlProviderOptions = {}): CrawlProvider {
  const parsed = vCrawlEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid crawl configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const config = parsed.data;
  const provider = config.CRAWL_PROVIDER ?? (config.FIRECRAWL_API_KEY ? "firecrawl" : "builtin");
  if (provider === "firecrawl") {
    // A self-hosted Firecrawl (FIRECRAWL_API_URL) may run without a key; the cloud never does.
    if (!config.FIRECRAWL_API_KEY && !config.FIRECRAWL_API_URL) {
      throw new CrawlError("AUTH", "CRAWL_PROVIDER=firecrawl needs FIRECRAWL_API_KEY (or FIRECRAWL_API_URL for a self-hosted Firecrawl)", false);
    }
    return new FirecrawlCrawler({
      concurrency: config.FIRECRAWL_CONCURRENCY,
      requestsPerMinute: config.FIRECRAWL_REQUESTS_PER_MINUTE,
      budget: budgetFromEnv(config),
      ...definedOnly(options.firecrawl ?? {}),
      meter: options.meter,
      apiKey: config.FIRECRAWL_API_KEY ?? "",
      apiUrl: config.FIRECRAWL_API_URL,
    });
  }
  return new BuiltinCrawler({
    pageTimeoutMs: config.CRAWL_PAGE_TIMEOUT_MS,
    budget: budgetFromEnv(config),
    ...definedOnly(options.builtin ?? {}),
    meter: options.meter,
    demoRoute: config.DEMO_WEB_ORIGIN ? { origin: new URL(config.DEMO_WEB_ORIGIN).origin } : undefined,
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
