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
  /**
   * Time spent only waiting for a shared provider slot (the Firecrawl gate: FIRECRAWL_CONCURRENCY and
   * FIRECRAWL_REQUESTS_PER_MINUTE across the deployment), counted apart from `deadlineMs`, default 4 min: on the
   * free plan ten audits queue for minutes, and that wait is not the website's doing.
   */
  maxQueueWaitMs: number;
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
  maxQueueWaitMs: 240_000,
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
  private timer: ReturnType<typeof setTimeout>;
  // Requests waiting for a shared slot / holding one: while some wait and none is in flight the deadline clock stops.
  private queued = 0;
  private inFlight = 0;
  private pausedSince: number | undefined;
  private pausedMs = 0;
  private sitemapFiles = 0;
  private bytes = 0;
  private readonly origins = new Set<string>();

  constructor(limits: Partial<CrawlBudgetLimits> = {}, parent?: AbortSignal) {
    this.limits = { ...DEFAULT_CRAWL_BUDGET, ...definedOnly(limits) };
    this.timer = this.armDeadline(this.limits.deadlineMs);
    this.signal = parent ? AbortSignal.any([this.controller.signal, parent]) : this.controller.signal;
    this.signal.addEventListener("abort", () => clearTimeout(this.timer), { once: true });
  }

  private armDeadline(ms: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => this.controller.abort(new CrawlBudgetExceeded("deadline", `Crawl deadline of ${this.limits.deadlineMs} ms reached`)), ms);
    // Never keeps a process (or a test) alive by itself.
    (timer as { unref?: () => void }).unref?.();
    return timer;
  }

  private armQueueLimit(ms: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(
      () =>
        this.controller.abort(
          new CrawlBudgetExceeded(
            "deadline",
            `Waited ${Math.round(this.limits.maxQueueWaitMs / 1000)} s in all for a free Firecrawl slot (FIRECRAWL_CONCURRENCY, FIRECRAWL_REQUESTS_PER_MINUTE)`,
          ),
        ),
      ms,
    );
    (timer as { unref?: () => void }).unref?.();
    return timer;
  }

  /** Wall time since the crawl started, queueing included. */
  get elapsedMs(): number {
    return Math.round(performance.now() - this.started);
  }

  /** Time spent only waiting for a shared provider slot (not counted against the deadline). */
  get queuedMs(): number {
    return Math.round(this.pausedMs + (this.pausedSince !== undefined ? performance.now() - this.pausedSince : 0));
  }

  remainingMs(): number {
    return Math.max(0, this.limits.deadlineMs - (performance.now() - this.started - this.queuedMs));
  }

  /**
   * One request's wait for a shared provider slot, then its work: call `granted()` when the slot is granted and
   * `done()` when the request ends (either may be called more than once). While requests of this crawl wait and
   * none is in flight, the deadline clock stops and the queue limit (`maxQueueWaitMs` in all) runs instead.
   */
  waitForSlot(): { granted: () => void; done: () => void } {
    let state: "queued" | "granted" | "done" = "queued";
    this.queued++;
    this.reclock();
    return {
      granted: () => {
        if (state !== "queued") return;
        state = "granted";
        this.queued--;
        this.inFlight++;
        this.reclock();
      },
      done: () => {
        if (state === "done") return;
        if (state === "queued") this.queued--;
        else this.inFlight--;
        state = "done";
        this.reclock();
      },
    };
  }

  private reclock(): void {
    if (this.exhausted) return;
    const pause = this.queued > 0 && this.inFlight === 0;
    const now = performance.now();
    if (pause && this.pausedSince === undefined) {
      this.pausedSince = now;
      clearTimeout(this.timer);
      this.timer = this.armQueueLimit(Math.max(0, this.limits.maxQueueWaitMs - this.pausedMs));
    } else if (!pause && this.pausedSince !== undefined) {
      this.pausedMs += now - this.pausedSince;
      this.pausedSince = undefined;
      clearTimeout(this.timer);
      this.timer = this.armDeadline(this.remainingMs());
    }
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
