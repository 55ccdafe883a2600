import { vetUrl, type AddressGuardOptions } from "../../crawl/addressGuard";
import { decodeBody } from "../../crawl/charset";
import { createHostLimiter } from "../../crawl/concurrencyLimit";
import { extractSameSiteLinks, isSameSite, normalizeCrawlUrl, siteHostKey } from "../../crawl/links";
import { htmlToMarkdown } from "../../crawl/markdown";
import { pageKey } from "../../crawl/pageRanking";
import { fetchRobotsPolicy, type RobotsPolicy } from "../../crawl/robots";
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
import { CrawlError, type CrawlOptions, type CrawlProvider, type MappedUrl, type ScrapedPage } from "./types";

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
  /** URLs collected from sitemaps (default 50,000). */
  maxSitemapUrls?: number;
  /** URLs mapUrls returns at most (default 5,000). */
  maxMappedUrls?: number;
  /** Route `*.example` hosts to the local demo web server (Host header kept). */
  demoRoute?: DemoRoute;
  /** Address guard settings (an injected resolver, loopback for tests). */
  guard?: AddressGuardOptions;
  userAgent?: string;
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

  constructor(private readonly options: BuiltinCrawlerOptions = {}) {}

  async mapUrls(siteUrl: string, options: CrawlOptions = {}): Promise<MappedUrl[]> {
    const home = normalizeCrawlUrl(siteUrl);
    if (!home) throw new CrawlError("INVALID_URL", `Not a crawlable http(s) URL: ${siteUrl}`, false);
    // A site on a refused address fails as a whole (demo hosts are routed, not resolved).
    if (!this.isRouted(home)) await vetUrl(home, this.options.guard);

    const metaFetch = this.fetchOptions(options.signal, this.options.metaTimeoutMs);
    const robots = await this.robotsFor(home, options.signal);
    const mapped = new Map<string, MappedUrl>();
    const add = (entry: MappedUrl) => {
      if (!isSameSite(entry.url, home)) return;
      const key = pageKey(entry.url);
      const existing = mapped.get(key);
      if (!existing) mapped.set(key, entry);
      else if (!existing.title && entry.title) existing.title = entry.title;
    };

    let homeTitle: string | undefined;
    let homeFinalUrl = home;
    let links: { url: string; text: string }[] = [];
    if (robots.isAllowed(home)) {
      const started = performance.now();
      try {
        const response = await safeFetch(home, this.fetchOptions(options.signal));
        const page = pageFromResponse(home, response);
        this.rememberMappedFetch({ at: Date.now(), requestUrl: home, page });
        if (!page.error && isSameSite(response.finalUrl, home)) {
          homeFinalUrl = response.finalUrl;
          homeTitle = page.title;
          links = extractSameSiteLinks(page.html, response.finalUrl);
        }
      } catch (error) {
        if (error instanceof FetchFailure && error.kind === "ABORTED") throw error;
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
    }

    const finalRobots = new URL(homeFinalUrl).origin === new URL(home).origin ? robots : await this.robotsFor(homeFinalUrl, options.signal).catch(() => robots);
    const sitemapRoots = [...new Set([...robots.sitemaps, ...finalRobots.sitemaps, new URL("/sitemap.xml", homeFinalUrl).href])];
    const sitemaps = await collectSitemapUrls(sitemapRoots, {
      fetchOptions: metaFetch,
      maxUrls: this.options.maxSitemapUrls ?? MAX_SITEMAP_URLS,
      keep: (url) => isSameSite(url, home),
    });
    for (const url of sitemaps.urls) add({ url, source: "sitemap" });
    for (const link of links) add({ url: link.url, title: link.text || undefined, source: "link" });

    const allowed: MappedUrl[] = [];
    for (const entry of mapped.values()) {
      const policy = await this.robotsFor(entry.url, options.signal).catch(() => undefined);
      if (policy?.isAllowed(entry.url)) allowed.push(entry);
    }
    return allowed.slice(0, this.options.maxMappedUrls ?? 5000);
  }

  async scrapePages(urls: readonly string[], options: CrawlOptions = {}): Promise<ScrapedPage[]> {
    const list = urls.slice(0, options.maxPages ?? urls.length);
    const limiterFor = createHostLimiter(this.options.globalConcurrency ?? 6, this.options.perHostConcurrency ?? 3);
    return Promise.all(
      list.map(async (url) => {
        let host: string;
        try {
          // www and bare spellings usually share one server: one per-host budget.
          host = siteHostKey(new URL(url).hostname);
        } catch {
          return failedPage(url, `Not a valid URL: ${url}`);
        }
        return limiterFor(host)(() => this.scrapeOne(url, options.signal));
      }),
    );
  }

  private async scrapeOne(url: string, signal?: AbortSignal): Promise<ScrapedPage> {
    const started = performance.now();
    try {
      const robots = await this.robotsFor(url, signal);
      if (!robots.isAllowed(url)) return robotsRefusal(url, robots);
      const reused = signal?.aborted ? undefined : this.takeMappedFetch(url);
      if (reused) return reused;
      const response = await safeFetch(url, this.fetchOptions(signal));
      return pageFromResponse(url, response);
    } catch (error) {
      if (error instanceof FetchFailure) return pageFromFetchFailure(url, error, Math.round(performance.now() - started));
      return failedPage(url, error instanceof Error ? error.message : String(error));
    }
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

  private fetchOptions(signal: AbortSignal | undefined, timeoutMs = this.options.pageTimeoutMs): SafeFetchOptions {
    return {
      ...this.options.guard,
      timeoutMs: timeoutMs ?? this.options.pageTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
      maxBytes: this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      maxRedirects: this.options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      demoRoute: this.options.demoRoute,
      userAgent: this.options.userAgent,
      signal,
    };
  }

  /** robots.txt per origin, fetched once and cached for at most 24 h (RFC 9309). */
  private robotsFor(url: string, signal?: AbortSignal): Promise<RobotsPolicy> {
    const origin = new URL(url).origin;
    const cached = this.robotsCache.get(origin);
    if (cached && Date.now() - cached.at < ROBOTS_CACHE_MS) return cached.policy;
    const policy = fetchRobotsPolicy(url, this.fetchOptions(signal, this.options.metaTimeoutMs));
    this.robotsCache.set(origin, { at: Date.now(), policy });
    // A cancelled fetch must not poison the cache.
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
    return { ...base, html: "", markdown: "", error: `HTTP ${response.statusCode} from ${response.finalUrl}` };
  }
  const html = decodeBody(response.body, response.contentType);
  const { markdown, title } = htmlToMarkdown(html);
  return { ...base, title, html, markdown };
}

function pageFromFetchFailure(url: string, error: FetchFailure, elapsedMs: number): ScrapedPage {
  return {
    ...failedPage(url, error.message, error.details.statusCode),
    finalUrl: error.details.finalUrl ?? url,
    contentType: error.details.contentType,
    elapsedMs: error.details.elapsedMs ?? elapsedMs,
  };
}

/** A page robots.txt keeps us from: a robots.txt answering 5xx means the server is failing (RFC 9309: disallow all). */
function robotsRefusal(url: string, robots: RobotsPolicy): ScrapedPage {
  const status = robots.statusCode;
  if (status !== undefined && status >= 500) {
    return { ...failedPage(url, `Disallowed by robots.txt answering HTTP ${status} (${robots.robotsUrl})`, status), failureKind: "server_error" };
  }
  return { ...failedPage(url, `Disallowed by robots.txt (${robots.robotsUrl})`), failureKind: "robots" };
}

function failedPage(url: string, error: string, statusCode = 0): ScrapedPage {
  return { url, finalUrl: url, statusCode, html: "", markdown: "", bytes: 0, elapsedMs: 0, truncated: false, error };
}
