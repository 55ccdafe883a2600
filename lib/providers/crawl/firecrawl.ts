import { createHash } from "node:crypto";
import Firecrawl from "@mendable/firecrawl-js";
import { z } from "zod";
import { CrawlBudget, CrawlBudgetExceeded, type CrawlBudgetLimits } from "../../crawl/budget";
import { isSameSite, normalizeCrawlUrl } from "../../crawl/links";
import { capUtf8, MAX_MARKDOWN_BYTES } from "../../crawl/markdown";
import { pageKey } from "../../crawl/pageRanking";
import { DEFAULT_MAX_BODY_BYTES } from "../../crawl/safeFetch";
import { gateFor, raceSignal, RATE_WINDOW_MS, type AccountGate, type AccountLimits } from "./requestGate";
import { CrawlError, type CrawlOptions, type CrawlProvider, type MappedUrl, type ScrapedPage } from "./types";
import type { UsageMeter } from "../../usage";

export interface FirecrawlCrawlerOptions {
  apiKey: string;
  /** Default https://api.firecrawl.dev (self-hosted or test servers otherwise). */
  apiUrl?: string;
  /** Firecrawl's own per-page scrape timeout (default 30 s). */
  scrapeTimeoutMs?: number;
  /** Requests in flight at once per account (default 2: the free plan's concurrent browsers). */
  concurrency?: number;
  /** Requests started per minute per account (default 10: the free plan's /scrape and /map limit). */
  requestsPerMinute?: number;
  /** URLs asked of /v2/map (default: the budget's maxCandidateUrls, 5,000). */
  mapLimit?: number;
  /** Firecrawl's own /v2/map timeout (default 30 s, never past the audit's deadline). */
  mapTimeoutMs?: number;
  /** Limits of the per-audit budget (the deadline bounds map and scrape alike). */
  budget?: Partial<CrawlBudgetLimits>;
  /** Raw HTML kept per page (default 2 MB). */
  maxBodyBytes?: number;
  /** The SDK's own retries (it only retries HTTP 502); default 1 = no retry, the workflow retries. */
  maxRetries?: number;
  /** Counts the credits Firecrawl charged (a scrape's `creditsUsed`, 1 per map) and the pages scraped. */
  meter?: UsageMeter;
  /**
   * The account's gate, held where every process of the deployment sees it (the audit action passes
   * one backed by Convex tables: convex/firecrawlGate/). Without it, a gate in this process ({@link gateFor}).
   * @param account an opaque id of the account (a hash of the API URL and key; the key itself never leaves)
   */
  gate?: (account: string, limits: AccountLimits) => AccountGate;
}

/** The account an API URL and key stand for, as the gates know it: a hash, so no key is ever stored. */
export function firecrawlAccount(apiUrl: string | undefined, apiKey: string): string {
  return createHash("sha256")
    .update(`${apiUrl ?? "https://api.firecrawl.dev"}|${apiKey}`)
    .digest("hex")
    .slice(0, 32);
}

/** The SDK waits a request's `timeout` plus 5 s; a slot is held at most that and a margin. */
const HOLD_MARGIN_MS = 10_000;

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
    return new CrawlError(
      "PAYMENT_REQUIRED",
      `Firecrawl has no credits left for FIRECRAWL_API_KEY (HTTP 402) while trying to ${action}: top up the Firecrawl plan, or unset FIRECRAWL_API_KEY to use the built-in crawler. ${detail}`,
      false,
    );
  }
  if (status === 429) {
    return new CrawlError("RATE_LIMITED", `Firecrawl rate limit reached while trying to ${action} (HTTP 429). ${detail}`, true, retryAfterMs(error, detail));
  }
  if (status === 408 || /timeout|ECONNABORTED/i.test(detail))
    return new CrawlError("TIMEOUT", `Firecrawl timed out while trying to ${action}. ${detail}`, true);
  if (status !== undefined && status < 500) return new CrawlError("UPSTREAM", `Firecrawl refused to ${action} (HTTP ${status}): ${detail}`, false);
  return new CrawlError("UPSTREAM", `Firecrawl failed to ${action}${status ? ` (HTTP ${status})` : ""}: ${detail}`, true);
}

/**
 * How long Firecrawl asks us to wait after a 429: `details.retryAfterSeconds`, or the
 * "retry after 42s" its message carries (the SDK does not pass the Retry-After header on);
 * a full minute when it says nothing (its limits are per minute).
 */
export function retryAfterMs(error: unknown, detail: string): number {
  const details = (error as { details?: { retryAfterSeconds?: unknown; retryAfter?: unknown } })?.details;
  const fromDetails = Number(details?.retryAfterSeconds ?? details?.retryAfter);
  if (Number.isFinite(fromDetails) && fromDetails > 0) return Math.round(fromDetails * 1000);
  const match = /retry after (\d+(?:\.\d+)?)\s*s/i.exec(detail);
  if (match) return Math.round(Number(match[1]) * 1000);
  return 60_000;
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
  private readonly gate: AccountGate;

  constructor(private readonly options: FirecrawlCrawlerOptions) {
    this.client = new Firecrawl({ apiKey: options.apiKey, apiUrl: options.apiUrl, maxRetries: options.maxRetries ?? 1 });
    const limits = { concurrency: options.concurrency ?? 2, requestsPerMinute: options.requestsPerMinute ?? 10, windowMs: RATE_WINDOW_MS };
    this.gate = (options.gate ?? gateFor)(firecrawlAccount(options.apiUrl, options.apiKey), limits);
  }

  createBudget(signal?: AbortSignal): CrawlBudget {
    return new CrawlBudget(this.options.budget ?? {}, signal);
  }

  async mapUrls(siteUrl: string, options: CrawlOptions = {}): Promise<MappedUrl[]> {
    const home = normalizeCrawlUrl(siteUrl);
    if (!home) throw new CrawlError("INVALID_URL", `Not a crawlable http(s) URL: ${siteUrl}`, false);
    const { budget, owned } = this.budgetFor(options);
    let raw: unknown;
    try {
      const limit = Math.min(this.options.mapLimit ?? budget.limits.maxCandidateUrls, budget.limits.maxCandidateUrls);
      raw = await this.call(
        budget,
        options.signal,
        options.tenant,
        this.options.mapTimeoutMs ?? 30_000,
        (timeout) => this.client.map(home, { limit, sitemap: "include", includeSubdomains: false, timeout }),
        "map the site",
      );
    } finally {
      if (owned) budget.dispose();
    }
    // Firecrawl charges a map once it answers, whatever its shape.
    this.options.meter?.add({ firecrawlCredits: 1 });
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
    const { budget, owned } = this.budgetFor(options);
    const stop: { error?: CrawlError } = {};
    try {
      const pages = await Promise.all(
        list.map(async (url): Promise<ScrapedPage> => {
          const page = await this.scrapeOne(url, budget, options.signal, options.tenant, stop);
          if (page instanceof CrawlError) return failed(url, page.message);
          return page;
        }),
      );
      if (stop.error) throw stop.error;
      return pages;
    } finally {
      if (owned) budget.dispose();
    }
  }

  private budgetFor(options: CrawlOptions): { budget: CrawlBudget; owned: boolean } {
    if (options.budget) return { budget: options.budget, owned: false };
    return { budget: this.createBudget(options.signal), owned: true };
  }

  /** A Firecrawl timeout that ends before the audit's deadline (Firecrawl wants at least 1 s). */
  private timeoutWithin(budget: CrawlBudget, wanted: number): number {
    return Math.max(1_000, Math.min(wanted, Math.floor(budget.remainingMs()) - 500));
  }

  /**
   * One API call through the account's gate, inside the budget. A 429 pauses the gate for
   * what Firecrawl asks and tries once more if that fits in the budget; otherwise it throws.
   * `request` gets Firecrawl's timeout, fixed when the slot is granted (the budget may have shrunk while waiting).
   */
  private async call<T>(
    budget: CrawlBudget,
    cancel: AbortSignal | undefined,
    tenant: string | undefined,
    wantedTimeoutMs: number,
    request: (timeoutMs: number) => Promise<T>,
    action: string,
  ): Promise<T> {
    const signal = cancel ? AbortSignal.any([budget.signal, cancel]) : budget.signal;
    for (let attempt = 0; ; attempt++) {
      // Waiting for the account's slot does not spend the crawl's deadline (the budget's queue limit bounds it).
      const slot = budget.waitForSlot();
      try {
        // The slot is held at most the request's timeout as it stands now (it only shrinks) plus the SDK's margin.
        const holdMs = this.timeoutWithin(budget, wantedTimeoutMs) + HOLD_MARGIN_MS;
        return await raceSignal(
          this.gate.run(
            () => {
              slot.granted();
              return request(this.timeoutWithin(budget, wantedTimeoutMs));
            },
            { signal, tenant, holdMs },
          ),
          signal,
        );
      } catch (error) {
        slot.done();
        if (signal.aborted) {
          const reason: unknown = signal.reason;
          if (reason instanceof CrawlBudgetExceeded)
            throw new CrawlError("BUDGET_EXCEEDED", `${reason.message} while waiting to ${action} with Firecrawl`, false);
          throw new CrawlError("TIMEOUT", `Firecrawl request to ${action} was cancelled`, false);
        }
        const crawlError = crawlErrorFromFirecrawl(error, action);
        if (crawlError.code === "RATE_LIMITED") {
          const wait = crawlError.retryAfterMs ?? 60_000;
          // The whole account is limited: every process waits (a shared gate stores the pause).
          await this.gate.pause(wait).catch(() => undefined);
          if (attempt === 0 && wait < budget.remainingMs() - 1_000) continue;
        }
        throw crawlError;
      } finally {
        slot.done();
      }
    }
  }

  /** `stop.error` is the account error a page hit (set before its slot frees): no more calls are made then. */
  private async scrapeOne(
    url: string,
    budget: CrawlBudget,
    cancel: AbortSignal | undefined,
    tenant: string | undefined,
    stop: { error?: CrawlError },
  ): Promise<ScrapedPage | CrawlError> {
    const started = performance.now();
    let raw: unknown;
    try {
      raw = await this.call(
        budget,
        cancel,
        tenant,
        this.options.scrapeTimeoutMs ?? 30_000,
        (timeout) => {
          if (stop.error) return Promise.reject(stop.error);
          const request = this.client.scrape(url, {
            formats: ["markdown", "rawHtml", "links"],
            onlyMainContent: false,
            timeout,
            autoResume: false,
          });
          return request.catch((error: unknown) => {
            const crawlError = crawlErrorFromFirecrawl(error, `scrape ${url}`);
            if (crawlError.code === "AUTH" || crawlError.code === "PAYMENT_REQUIRED") stop.error ??= crawlError;
            throw error;
          });
        },
        `scrape ${url}`,
      );
    } catch (error) {
      const crawlError = crawlErrorFromFirecrawl(error, `scrape ${url}`);
      if (isAccountError(crawlError)) {
        stop.error ??= crawlError;
        return crawlError;
      }
      return { ...failed(url, crawlError.message), elapsedMs: Math.round(performance.now() - started), failureKind: crawlError.kind };
    }
    const elapsedMs = Math.round(performance.now() - started);
    const credits = (raw as { metadata?: { creditsUsed?: unknown } } | null)?.metadata?.creditsUsed;
    this.options.meter?.add({ firecrawlCredits: typeof credits === "number" && credits >= 0 ? credits : 1 });
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
    if (!error) this.options.meter?.add({ pagesCrawled: 1 });
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
