/**
 * What one audit's crawl may spend, whatever the website does: an overall deadline
 * (carried to every fetch as an AbortSignal), sitemap files, candidate URLs kept,
 * decoded bytes and origins. One budget is shared by mapUrls and scrapePages.
 */
export interface CrawlBudgetLimits {
  /** Wall time for the whole crawl (map + scrape), default 60 s. */
  deadlineMs: number;
  /** Sitemap files fetched at most (indexes included), default 20. */
  maxSitemapFiles: number;
  /** Candidate page URLs kept from sitemaps and links, default 5,000. */
  maxCandidateUrls: number;
  /** Decoded bytes read across every fetch (pages, sitemaps, robots.txt), default 32 MiB. */
  maxTotalBytes: number;
  /** Per robots.txt fetch, default 3 s (an unreachable robots.txt means "disallow all"). */
  robotsTimeoutMs: number;
  /** Distinct origins (scheme + host + port) whose robots.txt is fetched, default 6. */
  maxOrigins: number;
  /** Longest robots.txt Crawl-delay honoured; a longer one is clamped, default 5 s. */
  maxCrawlDelayMs: number;
  /** Share of the remaining time sitemap discovery may take, default 0.4. */
  sitemapTimeShare: number;
}

export const DEFAULT_CRAWL_BUDGET: CrawlBudgetLimits = {
  deadlineMs: 60_000,
  maxSitemapFiles: 20,
  maxCandidateUrls: 5_000,
  maxTotalBytes: 32 * 1024 * 1024,
  robotsTimeoutMs: 3_000,
  maxOrigins: 6,
  maxCrawlDelayMs: 5_000,
  sitemapTimeShare: 0.4,
};

/** Why a budget ran out, for the audit job's error. */
export type BudgetExhaustion = "deadline" | "bytes";

export class CrawlBudgetExceeded extends Error {
  constructor(
    readonly reason: BudgetExhaustion,
    message: string,
  ) {
    super(message);
    this.name = "CrawlBudgetExceeded";
  }
}

export class CrawlBudget {
  readonly limits: CrawlBudgetLimits;
  /** Aborts at the deadline, when the bytes run out, or when the parent signal aborts. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly started = performance.now();
  private readonly timer: ReturnType<typeof setTimeout>;
  private sitemapFiles = 0;
  private bytes = 0;
  private readonly origins = new Set<string>();

  constructor(limits: Partial<CrawlBudgetLimits> = {}, parent?: AbortSignal) {
    this.limits = { ...DEFAULT_CRAWL_BUDGET, ...definedOnly(limits) };
    this.timer = setTimeout(
      () => this.controller.abort(new CrawlBudgetExceeded("deadline", `Crawl deadline of ${this.limits.deadlineMs} ms reached`)),
      this.limits.deadlineMs,
    );
    // Never keeps a process (or a test) alive by itself.
    (this.timer as { unref?: () => void }).unref?.();
    this.signal = parent ? AbortSignal.any([this.controller.signal, parent]) : this.controller.signal;
    this.signal.addEventListener("abort", () => clearTimeout(this.timer), { once: true });
  }

  get elapsedMs(): number {
    return Math.round(performance.now() - this.started);
  }

  remainingMs(): number {
    return Math.max(0, this.limits.deadlineMs - (performance.now() - this.started));
  }

  get exhausted(): boolean {
    return this.signal.aborted;
  }

  /** The reason the budget aborted, as an error (deadline, bytes, or the parent's reason). */
  get reason(): Error | undefined {
    if (!this.signal.aborted) return undefined;
    const reason: unknown = this.signal.reason;
    return reason instanceof Error ? reason : new Error(String(reason ?? "Crawl cancelled"));
  }

  /** Claims one sitemap file; false when the file budget is spent. */
  takeSitemapFile(): boolean {
    if (this.sitemapFiles >= this.limits.maxSitemapFiles || this.exhausted) return false;
    this.sitemapFiles++;
    return true;
  }

  get sitemapFilesLeft(): number {
    return Math.max(0, this.limits.maxSitemapFiles - this.sitemapFiles);
  }

  /** Bytes any one fetch may still read. */
  bytesLeft(): number {
    return Math.max(0, this.limits.maxTotalBytes - this.bytes);
  }

  /** Records decoded bytes read; aborts the budget when they run out. */
  spendBytes(count: number): void {
    this.bytes += count;
    if (this.bytes >= this.limits.maxTotalBytes && !this.exhausted) {
      this.controller.abort(new CrawlBudgetExceeded("bytes", `Crawl byte budget of ${this.limits.maxTotalBytes} bytes spent`));
    }
  }

  get bytesSpent(): number {
    return this.bytes;
  }

  /** Admits an origin (robots.txt fetched for it); false once maxOrigins distinct origins were admitted. */
  admitOrigin(origin: string): boolean {
    if (this.origins.has(origin)) return true;
    if (this.origins.size >= this.limits.maxOrigins) return false;
    this.origins.add(origin);
    return true;
  }

  /** A signal for one part of the crawl: aborts with the budget or after `ms`, whichever is first. */
  slice(ms: number): AbortSignal {
    return AbortSignal.any([this.signal, AbortSignal.timeout(Math.max(1, Math.round(ms)))]);
  }

  /** Waits `ms` (a Crawl-delay), clamped to maxCrawlDelayMs; resolves early when the budget ends. */
  async delay(ms: number): Promise<void> {
    const wait = Math.min(ms, this.limits.maxCrawlDelayMs, this.remainingMs());
    if (wait <= 0 || this.exhausted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      this.signal.addEventListener("abort", done, { once: true });
    });
  }

  /** Stops the deadline timer (the crawl is over). */
  dispose(): void {
    clearTimeout(this.timer);
  }
}

function definedOnly<T extends object>(value: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
