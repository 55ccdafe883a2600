import Firecrawl from "@mendable/firecrawl-js";
import { z } from "zod";
import { createLimiter } from "../../crawl/concurrencyLimit";
import { isSameSite, normalizeCrawlUrl } from "../../crawl/links";
import { capUtf8, MAX_MARKDOWN_BYTES } from "../../crawl/markdown";
import { pageKey } from "../../crawl/pageRanking";
import { DEFAULT_MAX_BODY_BYTES } from "../../crawl/safeFetch";
import { CrawlError, type CrawlOptions, type CrawlProvider, type MappedUrl, type ScrapedPage } from "./types";

export interface FirecrawlCrawlerOptions {
  apiKey: string;
  /** Default https://api.firecrawl.dev (self-hosted or test servers otherwise). */
  apiUrl?: string;
  /** Firecrawl's own per-page scrape timeout (default 30 s). */
  scrapeTimeoutMs?: number;
  /** Scrape calls in flight at once (default 3; Firecrawl plans cap requests per minute). */
  concurrency?: number;
  /** URLs asked of /v2/map (default 5,000). */
  mapLimit?: number;
  /** Raw HTML kept per page (default 2 MB). */
  maxBodyBytes?: number;
  /** The SDK's own retries (it only retries HTTP 502); default 1 = no retry, the workflow retries. */
  maxRetries?: number;
}

const vMapResponse = z.object({
  links: z.array(z.object({ url: z.string(), title: z.string().nullish(), description: z.string().nullish() })),
});

const vScrapeDocument = z.object({
  markdown: z.string().nullish(),
  rawHtml: z.string().nullish(),
  links: z.array(z.string()).nullish(),
  metadata: z
    .object({
      title: z.union([z.string(), z.array(z.string())]).nullish(),
      statusCode: z.number().nullish(),
      sourceURL: z.string().nullish(),
      url: z.string().nullish(),
      contentType: z.string().nullish(),
      error: z.string().nullish(),
    })
    .passthrough()
    .nullish(),
});

/** Turns an SDK error (SdkError carries the HTTP status) into our error codes. */
export function crawlErrorFromFirecrawl(error: unknown, action: string): CrawlError {
  if (error instanceof CrawlError) return error;
  const status = typeof (error as { status?: unknown })?.status === "number" ? (error as { status: number }).status : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  if (status === 401 || status === 403) {
    return new CrawlError("AUTH", `Firecrawl rejected the API key while trying to ${action} (HTTP ${status}): check FIRECRAWL_API_KEY. ${detail}`, false);
  }
  if (status === 402) {
    return new CrawlError("PAYMENT_REQUIRED", `Firecrawl credits are exhausted (HTTP 402) while trying to ${action}: top up the plan or unset FIRECRAWL_API_KEY to use the built-in crawler. ${detail}`, false);
  }
  if (status === 429) return new CrawlError("RATE_LIMITED", `Firecrawl rate limit reached while trying to ${action} (HTTP 429). ${detail}`, true);
  if (status === 408 || /timeout|ECONNABORTED/i.test(detail)) return new CrawlError("TIMEOUT", `Firecrawl timed out while trying to ${action}. ${detail}`, true);
  if (status !== undefined && status < 500) return new CrawlError("UPSTREAM", `Firecrawl refused to ${action} (HTTP ${status}): ${detail}`, false);
  return new CrawlError("UPSTREAM", `Firecrawl failed to ${action}${status ? ` (HTTP ${status})` : ""}: ${detail}`, true);
}

/** Errors that concern the account, not one page: stop the batch and surface them. */
function isAccountError(error: CrawlError): boolean {
  return error.code === "AUTH" || error.code === "PAYMENT_REQUIRED" || error.code === "RATE_LIMITED";
}

/**
 * Firecrawl v2 (map + scrape). Account-level failures (401/402/429) throw CrawlError so the
 * audit step can fail or retry as a unit; other per-page failures go on ScrapedPage.error.
 */
export class FirecrawlCrawler implements CrawlProvider {
  readonly name = "firecrawl" as const;
  private readonly client: Firecrawl;

  constructor(private readonly options: FirecrawlCrawlerOptions) {
    this.client = new Firecrawl({ apiKey: options.apiKey, apiUrl: options.apiUrl, maxRetries: options.maxRetries ?? 1 });
  }

  async mapUrls(siteUrl: string, _options: CrawlOptions = {}): Promise<MappedUrl[]> {
    const home = normalizeCrawlUrl(siteUrl);
    if (!home) throw new CrawlError("INVALID_URL", `Not a crawlable http(s) URL: ${siteUrl}`, false);
    let raw: unknown;
    try {
      raw = await this.client.map(home, { limit: this.options.mapLimit ?? 5000, sitemap: "include", includeSubdomains: false });
    } catch (error) {
      throw crawlErrorFromFirecrawl(error, "map the site");
    }
    const parsed = vMapResponse.safeParse(raw);
    if (!parsed.success) throw new CrawlError("UPSTREAM", `Firecrawl map returned an unexpected shape: ${parsed.error.message}`, true);
    const seen = new Set<string>([pageKey(home)]);
    const mapped: MappedUrl[] = [{ url: home, source: "home" }];
    for (const link of parsed.data.links) {
      const url = normalizeCrawlUrl(link.url);
      if (!url || !isSameSite(url, home)) continue;
      const key = pageKey(url);
      if (seen.has(key)) {
        if (key === pageKey(home) && link.title && !mapped[0].title) mapped[0].title = link.title;
        continue;
      }
      seen.add(key);
      mapped.push({ url, title: link.title ?? undefined, source: "firecrawl" });
    }
    return mapped;
  }

  async scrapePages(urls: readonly string[], options: CrawlOptions = {}): Promise<ScrapedPage[]> {
    const list = urls.slice(0, options.maxPages ?? urls.length);
    const limit = createLimiter(this.options.concurrency ?? 3);
    let accountError: CrawlError | undefined;
    const pages = await Promise.all(
      list.map((url) =>
        limit(async (): Promise<ScrapedPage> => {
          if (accountError) return failed(url, accountError.message);
          if (options.signal?.aborted) return failed(url, "Crawl was cancelled");
          const page = await this.scrapeOne(url);
          if (page instanceof CrawlError) {
            accountError ??= page;
            return failed(url, page.message);
          }
          return page;
        }),
      ),
    );
    if (accountError) throw accountError;
    return pages;
  }

  private async scrapeOne(url: string): Promise<ScrapedPage | CrawlError> {
    const started = performance.now();
    let raw: unknown;
    try {
      raw = await this.client.scrape(url, {
        formats: ["markdown", "rawHtml", "links"],
        onlyMainContent: false,
        timeout: this.options.scrapeTimeoutMs ?? 30_000,
        autoResume: false,
      });
    } catch (error) {
      const crawlError = crawlErrorFromFirecrawl(error, `scrape ${url}`);
      if (isAccountError(crawlError)) return crawlError;
      return { ...failed(url, crawlError.message), elapsedMs: Math.round(performance.now() - started) };
    }
    const elapsedMs = Math.round(performance.now() - started);
    const parsed = vScrapeDocument.safeParse(raw);
    if (!parsed.success) return { ...failed(url, `Firecrawl scrape returned an unexpected shape: ${parsed.error.message}`), elapsedMs };
    const doc = parsed.data;
    const metadata = doc.metadata ?? {};
    const finalUrl = metadata.url ?? metadata.sourceURL ?? url;
    const statusCode = metadata.statusCode ?? 200;
    const rawHtml = doc.rawHtml ?? "";
    const html = capUtf8(rawHtml, this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    const title = Array.isArray(metadata.title) ? metadata.title[0] : metadata.title;
    const error = metadata.error ?? (statusCode >= 400 ? `HTTP ${statusCode} from ${finalUrl}` : undefined);
    return {
      url,
      finalUrl,
      statusCode,
      contentType: metadata.contentType ?? undefined,
      title: title?.trim() || undefined,
      html: error ? "" : html.text,
      markdown: error ? "" : capUtf8(doc.markdown ?? "", MAX_MARKDOWN_BYTES).text,
      bytes: Buffer.byteLength(rawHtml, "utf8"),
      elapsedMs,
      truncated: html.truncated,
      redirectedToHttps: url.startsWith("http://") && finalUrl.startsWith("https://") ? true : undefined,
      ...(error ? { error } : {}),
    };
  }
}

function failed(url: string, error: string): ScrapedPage {
  return { url, finalUrl: url, statusCode: 0, html: "", markdown: "", bytes: 0, elapsedMs: 0, truncated: false, error };
}
