import { vetUrl, type AddressGuardOptions } from "../../crawl/addressGuard";
import { decodeBody } from "../../crawl/charset";
import {
  appendScriptFragments,
  clientIncludeUrls,
  hasEmptyPagePart,
  inlineClientIncludes,
  MAX_INCLUDE_BYTES,
  sameSiteScriptUrls,
  scriptFragmentUrls,
} from "../../crawl/clientIncludes";
import { createHostLimiter } from "../../crawl/concurrencyLimit";
import { extractSameSiteLinks, isSameSite, normalizeCrawlUrl, siteHostKey } from "../../crawl/links";
import { htmlToMarkdown } from "../../crawl/markdown";
import { pageKey } from "../../crawl/pageRanking";
import { CrawlBudget, CrawlBudgetExceeded, type CrawlBudgetLimits } from "../../crawl/budget";
import { disallowAllPolicy, disallowsSite, fetchRobotsPolicy, robotsUrlFor, type RobotsPolicy } from "../../crawl/robots";
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_REDIRECTS,
  FetchFailure,
  isDemoHost,
  safeFetch,
  type DemoRoute,
  type SafeFetchOptions,
  type SafeFetchResponse,
} from "../../crawl/safeFetch";
import { collectSitemapUrls, MAX_SITEMAP_URLS } from "../../crawl/sitemap";
import { CrawlError, type CrawlFailureKind, type CrawlOptions, type CrawlProvider, type MappedUrl, type ScrapedPage } from "./types";
import type { UsageMeter } from "../../usage";

export interface BuiltinCrawlerOptions {
  /** Pages fetched at once across all hosts (default 6). */
  globalConcurrency?: number;
  /** Pages fetched at once from one host (default 3). */
  perHostConcurrency?: number;
  /** Per page, redirects and body included (default 10 s). */
  pageTimeoutMs?: number;
  /** Per robots.txt or sitemap file (default: pageTimeoutMs). */
  metaTimeoutMs?: number;
  /** Decoded HTML kept per page (default 2 MB); longer pages are marked truncated. */
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** URLs collected from sitemaps (default: the budget's maxCandidateUrls). */
  maxSitemapUrls?: number;
  /** URLs mapUrls returns at most (default: the budget's maxCandidateUrls, 5,000). */
  maxMappedUrls?: number;
  /** Limits of the per-audit crawl budget used when the caller passes none (lib/crawl/budget.ts). */
  budget?: Partial<CrawlBudgetLimits>;
  /** Route `*.example` hosts to the local demo web server (Host header kept). */
  demoRoute?: DemoRoute;
  /** Address guard settings (an injected resolver, loopback for tests). */
  guard?: AddressGuardOptions;
  userAgent?: string;
  /** Counts the pages fetched (free: no provider bills them). */
  meter?: UsageMeter;
}

const ROBOTS_CACHE_MS = 24 * 60 * 60 * 1000;
/** Pages mapUrls fetched that scrapePages may still take over (one per mapped site). */
const MAX_MAPPED_PAGES = 8;
const MAPPED_PAGE_REUSE_MS = 5 * 60 * 1000;

/** A page mapUrls fetched (or failed to), kept for the scrapePages call that follows. */
interface MappedFetch {
  at: number;
  /** The normalised URL mapUrls asked for. */
  requestUrl: string;
  /** The page as scrapeOne would have built it for requestUrl. */
  page: ScrapedPage;
  /** Set when the fetch threw; the page is rebuilt from it for the spelling asked for. */
  failure?: FetchFailure;
}

/** The keyless crawler: robots.txt + sitemaps + home-page links, then guarded, bounded fetches. */
export class BuiltinCrawler implements CrawlProvider {
  readonly name = "builtin" as const;
  private readonly robotsCache = new Map<string, { at: number; policy: Promise<RobotsPolicy> }>();
  private readonly mappedFetches: MappedFetch[] = [];
  private readonly crawlDelayGates = new Map<string, Promise<void>>();

  constructor(private readonly options: BuiltinCrawlerOptions = {}) {}

  createBudget(signal?: AbortSignal): CrawlBudget {
    return new CrawlBudget(this.options.budget ?? {}, signal);
  }

  /** A budget for this call (owned: disposed by the caller of this helper) unless the caller shares one. */
  private budgetFor(options: CrawlOptions): { budget: CrawlBudget; owned: boolean } {
    if (options.budget) return { budget: options.budget, owned: false };
    return { budget: new CrawlBudget(this.options.budget ?? {}, options.signal), owned: true };
  }

  async mapUrls(siteUrl: string, options: CrawlOptions = {}): Promise<MappedUrl[]> {
    const { budget, owned } = this.budgetFor(options);
    try {
      return await this.mapWithin(siteUrl, budget, options.signal);
    } finally {
      if (owned) budget.dispose();
    }
  }

  private async mapWithin(siteUrl: string, budget: CrawlBudget, cancel?: AbortSignal): Promise<MappedUrl[]> {
    const home = normalizeCrawlUrl(siteUrl);
    if (!home) throw new CrawlError("INVALID_URL", `Not a crawlable http(s) URL: ${siteUrl}`, false);
    // A site on a refused address fails as a whole (demo hosts are routed, not resolved).
    if (!this.isRouted(home)) await vetUrl(home, this.options.guard);
    const signal = cancel ? AbortSignal.any([budget.signal, cancel]) : budget.signal;

    const robots = await this.robotsFor(home, budget, signal).catch((error: unknown) => {
      throw this.budgetError(budget, cancel) ?? error;
    });
    // "Disallow all" (or robots.txt unreachable, RFC 9309): nothing on the site is ours to fetch, sitemaps included.
    if (disallowsSite(robots, home)) {
      const why =
        robots.rule === "disallow-all"
          ? `robots.txt at ${robots.robotsUrl} could not be read${robots.statusCode ? ` (HTTP ${robots.statusCode})` : ""}, which means disallow all`
          : `robots.txt at ${robots.robotsUrl} disallows our crawler`;
      throw new CrawlError("ROBOTS_DISALLOWED", why, false);
    }
    const maxCandidates = this.options.maxMappedUrls ?? budget.limits.maxCandidateUrls;
    const mapped = new Map<string, MappedUrl>();
    const add = (entry: MappedUrl) => {
      if (mapped.size >= maxCandidates || !isSameSite(entry.url, home)) return;
      const key = pageKey(entry.url);
      const existing = mapped.get(key);
      if (!existing) mapped.set(key, entry);
      else if (!existing.title && entry.title) existing.title = entry.title;
    };

    let homeTitle: string | undefined;
    let homeFinalUrl = home;
    let links: { url: string; text: string }[] = [];
    const started = performance.now();
    try {
      const response = await safeFetch(home, this.fetchOptions(signal, budget));
      budget.spendBytes(response.body.length);
      const page = pageFromResponse(home, response);
      this.rememberMappedFetch({ at: Date.now(), requestUrl: home, page });
      if (!page.error && isSameSite(response.finalUrl, home)) {
        homeFinalUrl = response.finalUrl;
        homeTitle = page.title;
        links = extractSameSiteLinks(page.html, response.finalUrl);
      }
    } catch (error) {
      if (error instanceof FetchFailure && error.kind === "ABORTED") throw this.budgetError(budget, cancel) ?? error;
      if (error instanceof FetchFailure && error.kind === "BLOCKED_ADDRESS") {
        throw new CrawlError("BLOCKED_ADDRESS", error.message, false);
      }
      // Any other home-page failure is reported when the page is scraped (from this fetch).
      if (error instanceof FetchFailure) {
        const page = pageFromFetchFailure(home, error, Math.round(performance.now() - started));
        this.rememberMappedFetch({ at: Date.now(), requestUrl: home, page, failure: error });
      }
    }
    add({ url: home, title: homeTitle, source: "home" });

    const finalRobots = new URL(homeFinalUrl).origin === new URL(home).origin ? robots : await this.robotsFor(homeFinalUrl, budget, signal).catch(() => robots);
    const sitemapRoots = [...new Set([...robots.sitemaps, ...finalRobots.sitemaps, new URL("/sitemap.xml", homeFinalUrl).href])].filter(
      (url) => robots.isAllowed(url) && finalRobots.isAllowed(url),
    );
    // Sitemaps get a share of the time left, so a hostile fan-out cannot eat the scrape's time.
    const sitemaps = await collectSitemapUrls(sitemapRoots, {
      fetchOptions: this.fetchOptions(cancel, budget, this.options.metaTimeoutMs),
      maxUrls: Math.min(this.options.maxSitemapUrls ?? MAX_SITEMAP_URLS, maxCandidates),
      keep: (url) => isSameSite(url, home),
      budget,
      stopSignal: AbortSignal.timeout(Math.max(1, Math.round(budget.remainingMs() * budget.limits.sitemapTimeShare))),
    });
    for (const url of sitemaps.urls) add({ url, source: "sitemap" });
    for (const link of links) add({ url: link.url, title: link.text || undefined, source: "link" });
    const budgetError = this.budgetError(budget, cancel);
    if (budgetError) throw budgetError;

    // robots.txt of each origin the candidates live on, once, in parallel; origins over the budget are dropped.
    const origins = new Map<string, Promise<RobotsPolicy | undefined>>();
    for (const entry of mapped.values()) {
      const origin = new URL(entry.url).origin;
      if (origins.has(origin)) continue;
      origins.set(origin, budget.admitOrigin(origin) ? this.robotsFor(entry.url, budget, signal).catch(() => undefined) : Promise.resolve(undefined));
    }
    const policies = new Map<string, RobotsPolicy | undefined>();
    await Promise.all([...origins].map(async ([origin, policy]) => policies.set(origin, await policy)));
    const allowed: MappedUrl[] = [];
    for (const entry of mapped.values()) {
      if (policies.get(new URL(entry.url).origin)?.isAllowed(entry.url)) allowed.push(entry);
    }
    return allowed;
  }

  /** The budget's own reason when it ran out (not a cancel from the caller). */
  private budgetError(budget: CrawlBudget, cancel?: AbortSignal): CrawlError | undefined {
    if (cancel?.aborted || !budget.exhausted) return undefined;
    const reason = budget.reason;
    return new CrawlError(
      "BUDGET_EXCEEDED",
      reason instanceof CrawlBudgetExceeded ? reason.message : `Crawl stopped: ${reason?.message ?? "cancelled"}`,
      false,
    );
  }

  async scrapePages(urls: readonly string[], options: CrawlOptions = {}): Promise<ScrapedPage[]> {
    const list = urls.slice(0, options.maxPages ?? urls.length);
    const { budget, owned } = this.budgetFor(options);
    const limiterFor = createHostLimiter(this.options.globalConcurrency ?? 6, this.options.perHostConcurrency ?? 3);
    try {
      const pages = await Promise.all(
        list.map(async (url) => {
          let host: string;
          try {
            // www and bare spellings usually share one server: one per-host budget.
            host = siteHostKey(new URL(url).hostname);
          } catch {
            return failedPage(url, `Not a valid URL: ${url}`, 0, "invalid_url");
          }
          return limiterFor(host)(async () => this.withClientIncludes(await this.scrapeOne(url, budget, options.signal), budget, options.signal));
        }),
      );
      this.options.meter?.add({ pagesCrawled: pages.filter((p) => !p.error).length });
      return pages;
    } finally {
      if (owned) budget.dispose();
    }
  }

  private async scrapeOne(url: string, budget: CrawlBudget, cancel?: AbortSignal): Promise<ScrapedPage> {
    const started = performance.now();
    const signal = cancel ? AbortSignal.any([budget.signal, cancel]) : budget.signal;
    try {
      const origin = new URL(url).origin;
      const robots = budget.admitOrigin(origin) ? await this.robotsFor(url, budget, signal) : disallowAllPolicy(robotsUrlFor(url));
      if (!robots.isAllowed(url)) return robotsRefusal(url, robots);
      const reused = signal.aborted ? undefined : this.takeMappedFetch(url);
      if (reused) return reused;
      if (robots.crawlDelayMs) await this.politeTurn(origin, robots.crawlDelayMs, budget);
      if (signal.aborted) throw new FetchFailure("ABORTED", `Fetch of ${url} was cancelled`, url);
      const response = await safeFetch(url, this.fetchOptions(signal, budget));
      budget.spendBytes(response.body.length);
      return pageFromResponse(url, response);
    } catch (error) {
      const budgetError = this.budgetError(budget, cancel);
      if (budgetError) return failedPage(url, budgetError.message, 0, "budget");
      if (error instanceof FetchFailure) return pageFromFetchFailure(url, error, Math.round(performance.now() - started));
      return failedPage(url, error instanceof Error ? error.message : String(error), 0, "network");
    }
  }

  /**
   * A page whose scripts load parts of it from fragments of the site (lib/crawl/clientIncludes.ts): placeholders
   * (`<div data-include-path="footer.html">`) get their fragment spliced in; fragments its own scripts fetch
   * (`fetch("components/footer.html")`; its scripts are read only when the page has an empty header, footer or menu)
   * are added to its body. As a browser shows it: fetched one at a time, robots.txt and the budget honoured; a
   * fragment that fails is left out.
   */
  private async withClientIncludes(page: ScrapedPage, budget: CrawlBudget, cancel?: AbortSignal): Promise<ScrapedPage> {
    if (page.error || !page.html) return page;
    const pageUrl = page.finalUrl || page.url;
    const signal = cancel ? AbortSignal.any([budget.signal, cancel]) : budget.signal;
    const fetchText = async (url: string, script = false): Promise<string | undefined> => {
      if (signal.aborted) return undefined;
      try {
        if (!(await this.robotsFor(url, budget, signal)).isAllowed(url)) return undefined;
        const options = this.fetchOptions(signal, budget);
        const response = await safeFetch(url, {
          ...options,
          maxBytes: Math.min(options.maxBytes ?? MAX_INCLUDE_BYTES, MAX_INCLUDE_BYTES),
          ...(script ? { acceptContentType: (type) => /javascript|ecmascript|text\/plain/i.test(type ?? ""), accept: "*/*" } : {}),
        });
        budget.spendBytes(response.body.length);
        if (response.statusCode < 200 || response.statusCode >= 300 || response.truncated) return undefined;
        return decodeBody(response.body, response.contentType);
      } catch {
        // A missing fragment is a missing part of the page, not a failed page.
        return undefined;
      }
    };
    const fragments = new Map<string, string>();
    for (const url of clientIncludeUrls(page.html, pageUrl)) {
      const text = await fetchText(url);
      if (text !== undefined) fragments.set(url, text);
    }
    let html = inlineClientIncludes(page.html, pageUrl, fragments);
    const scripts: string[] = [];
    for (const url of hasEmptyPagePart(page.html) ? sameSiteScriptUrls(page.html, pageUrl) : []) {
      const code = await fetchText(url, true);
      if (code !== undefined) scripts.push(code);
    }
    const fetched = scriptFragmentUrls(page.html, pageUrl, scripts).filter((url) => !fragments.has(url));
    for (const url of fetched) {
      const text = await fetchText(url);
      if (text !== undefined) fragments.set(url, text);
    }
    html = appendScriptFragments(html, fetched, fragments);
    if (html === page.html) return page;
    const { markdown, title } = htmlToMarkdown(html);
    return { ...page, html, markdown, title: page.title ?? title };
  }

  /**
   * Honours robots.txt Crawl-delay: fetches of one origin start at least the delay apart
   * (clamped by the budget's maxCrawlDelayMs, and never past its deadline).
   */
  private async politeTurn(origin: string, delayMs: number, budget: CrawlBudget): Promise<void> {
    const previous = this.crawlDelayGates.get(origin) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.crawlDelayGates.set(origin, mine);
    await previous;
    void budget.delay(delayMs).then(release);
  }

  private rememberMappedFetch(entry: MappedFetch): void {
    const same = this.mappedFetches.findIndex((e) => e.requestUrl === entry.requestUrl);
    if (same >= 0) this.mappedFetches.splice(same, 1);
    this.mappedFetches.push(entry);
    if (this.mappedFetches.length > MAX_MAPPED_PAGES) this.mappedFetches.shift();
  }

  /**
   * The page mapUrls already fetched for this URL, handed over once, so an audit fetches its
   * home page once instead of twice. It matches the URL mapUrls asked for, or (for a page that
   * answered) the URL it ended at after redirects, as a fresh fetch of that URL would. Spellings
   * are compared after URL normalisation (host case, default port, empty path, fragment) but
   * not by pageKey: http/https, www/bare and /index.html can answer differently (NO_SSL).
   */
  private takeMappedFetch(url: string): ScrapedPage | undefined {
    const wanted = normalizeCrawlUrl(url);
    if (!wanted) return undefined;
    const now = Date.now();
    const index = this.mappedFetches.findIndex(
      (e) => now - e.at < MAPPED_PAGE_REUSE_MS && (e.requestUrl === wanted || (!e.failure && e.page.finalUrl === wanted)),
    );
    if (index < 0) return undefined;
    const [entry] = this.mappedFetches.splice(index, 1);
    if (entry.failure) return pageFromFetchFailure(url, entry.failure, entry.page.elapsedMs);
    if (entry.requestUrl === wanted) return { ...entry.page, url };
    // Asked for where the redirects ended: a direct fetch there would follow none.
    return { ...entry.page, url, redirectedToHttps: false };
  }

  private isRouted(url: string): boolean {
    return this.options.demoRoute !== undefined && isDemoHost(new URL(url).hostname);
  }

  private fetchOptions(signal: AbortSignal | undefined, budget?: CrawlBudget, timeoutMs = this.options.pageTimeoutMs): SafeFetchOptions {
    const maxBytes = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const timeout = timeoutMs ?? this.options.pageTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    return {
      ...this.options.guard,
      // Never longer than what is left of the audit's deadline.
      timeoutMs: budget ? Math.max(1, Math.min(timeout, Math.ceil(budget.remainingMs()))) : timeout,
      maxBytes: budget ? Math.max(1, Math.min(maxBytes, budget.bytesLeft())) : maxBytes,
      maxRedirects: this.options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      demoRoute: this.options.demoRoute,
      userAgent: this.options.userAgent,
      signal,
    };
  }

  /**
   * robots.txt per origin, fetched once (with the budget's short robots timeout) and cached
   * for at most 24 h (RFC 9309). A fetch cut by a cancel or the budget is not cached.
   */
  private robotsFor(url: string, budget: CrawlBudget, signal?: AbortSignal): Promise<RobotsPolicy> {
    const origin = new URL(url).origin;
    const cached = this.robotsCache.get(origin);
    if (cached && Date.now() - cached.at < ROBOTS_CACHE_MS) return cached.policy;
    // Short, and never more than a quarter of what is left: a silent robots.txt must leave time to report it.
    const timeoutMs = Math.max(
      1,
      Math.min(budget.limits.robotsTimeoutMs, this.options.metaTimeoutMs ?? budget.limits.robotsTimeoutMs, Math.floor(budget.remainingMs() / 4)),
    );
    const policy = fetchRobotsPolicy(url, this.fetchOptions(signal, budget, timeoutMs)).then((p) => {
      // A robots.txt that timed out because the audit's budget ended says nothing about the site.
      if (budget.exhausted) throw this.budgetError(budget) ?? new Error("Crawl stopped");
      return p;
    });
    this.robotsCache.set(origin, { at: Date.now(), policy });
    policy.catch(() => this.robotsCache.delete(origin));
    return policy;
  }
}

/** One fetched URL as a ScrapedPage: HTTP errors are reported on the page, HTML becomes Markdown. */
function pageFromResponse(url: string, response: SafeFetchResponse): ScrapedPage {
  const base = {
    url,
    finalUrl: response.finalUrl,
    statusCode: response.statusCode,
    contentType: response.contentType,
    bytes: response.bytes,
    elapsedMs: response.elapsedMs,
    truncated: response.truncated,
    redirectedToHttps: response.redirectedToHttps,
  };
  if (response.statusCode < 200 || response.statusCode >= 300) {
    const failureKind: CrawlFailureKind = response.statusCode >= 500 ? "http_5xx" : "http_4xx";
    return { ...base, html: "", markdown: "", error: `HTTP ${response.statusCode} from ${response.finalUrl}`, failureKind };
  }
  const html = decodeBody(response.body, response.contentType);
  const { markdown, title } = htmlToMarkdown(html);
  return { ...base, title, html, markdown };
}

const FETCH_FAILURE_KINDS: Record<FetchFailure["kind"], CrawlFailureKind> = {
  TIMEOUT: "timeout",
  ABORTED: "budget",
  BLOCKED_ADDRESS: "blocked",
  INVALID_URL: "invalid_url",
  TOO_MANY_REDIRECTS: "network",
  UNSUPPORTED_CONTENT_TYPE: "not_html",
  NETWORK: "network",
};

function pageFromFetchFailure(url: string, error: FetchFailure, elapsedMs: number): ScrapedPage {
  const kind = error.kind === "NETWORK" && /ENOTFOUND|EAI_AGAIN|Could not resolve/.test(error.message) ? "dns" : FETCH_FAILURE_KINDS[error.kind];
  return {
    ...failedPage(url, error.message, error.details.statusCode, kind),
    finalUrl: error.details.finalUrl ?? url,
    contentType: error.details.contentType,
    elapsedMs: error.details.elapsedMs ?? elapsedMs,
  };
}

/** A page robots.txt keeps us from: a robots.txt answering 5xx means the server is failing (RFC 9309: disallow all). */
function robotsRefusal(url: string, robots: RobotsPolicy): ScrapedPage {
  const status = robots.statusCode;
  if (status !== undefined && status >= 500) {
    return failedPage(url, `Disallowed by robots.txt answering HTTP ${status} (${robots.robotsUrl})`, status, "server_error");
  }
  return failedPage(url, `Disallowed by robots.txt (${robots.robotsUrl})`, 0, "robots");
}

function failedPage(url: string, error: string, statusCode = 0, failureKind?: CrawlFailureKind): ScrapedPage {
  return { url, finalUrl: url, statusCode, html: "", markdown: "", bytes: 0, elapsedMs: 0, truncated: false, error, ...(failureKind ? { failureKind } : {}) };
}
