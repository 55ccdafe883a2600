import { z } from "zod";
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

const vCrawlEnv = z.object({
  CRAWL_PROVIDER: z.preprocess(
    (v) => (typeof blankToUndefined(v) === "string" ? String(v).trim().toLowerCase() : undefined),
    z.enum(["builtin", "firecrawl"], { message: 'CRAWL_PROVIDER must be "builtin" or "firecrawl"' }).optional(),
  ),
  FIRECRAWL_API_KEY: z.preprocess(blankToUndefined, z.string().trim().optional()),
  FIRECRAWL_API_URL: httpOrigin,
  DEMO_WEB_ORIGIN: httpOrigin,
  CRAWL_PAGE_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
});

export interface CreateCrawlProviderOptions {
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
    return new FirecrawlCrawler({ ...options.firecrawl, apiKey: config.FIRECRAWL_API_KEY ?? "", apiUrl: config.FIRECRAWL_API_URL });
  }
  return new BuiltinCrawler({
    pageTimeoutMs: config.CRAWL_PAGE_TIMEOUT_MS,
    ...options.builtin,
    demoRoute: config.DEMO_WEB_ORIGIN ? { origin: new URL(config.DEMO_WEB_ORIGIN).origin } : undefined,
  });
}
