/**
 * Bench 1 — crawl concurrency: the same demo sites mapped and their top pages scraped
 * by the built-in crawler, one page at a time vs. the way the workflow crawls
 * (a crawler per audit at its default concurrency, up to 10 audits at once).
 */
import { MAX_AUDIT_PAGES } from "../lib/auditPlan";
import { createLimiter } from "../lib/crawl/concurrencyLimit";
import { rankPagesForAudit } from "../lib/crawl/pageRanking";
import { BuiltinCrawler, type BuiltinCrawlerOptions } from "../lib/providers/crawl/builtin";
import { startDemoWebServer } from "../server/demoWeb/server";
import { pickBenchSites, type BenchSite } from "./demoSiteSelection";
import { formatMs, formatRatio, type BenchResult, type BenchSettings } from "./report";
import { timed } from "./stats";

const INJECTED_LATENCY_MS = 50;
/** The workpool's maxParallelism (convex/workflows/manager.ts): audits running at once. */
const PARALLEL_AUDITS = 10;

interface SiteCrawl {
  mapped: number;
  scraped: number;
  ok: number;
}

async function crawlSite(site: BenchSite, options: BuiltinCrawlerOptions): Promise<SiteCrawl> {
  // A fresh crawler per site, as each audit action creates its own.
  const crawler = new BuiltinCrawler(options);
  const mapped = await crawler.mapUrls(site.website);
  const chosen = rankPagesForAudit(
    mapped.map((m) => m.url),
    { homeUrl: site.website, limit: MAX_AUDIT_PAGES },
  );
  const pages = await crawler.scrapePages(chosen.map((p) => p.url));
  return { mapped: mapped.length, scraped: pages.length, ok: pages.filter((p) => !p.error).length };
}

async function crawlAll(sites: readonly BenchSite[], siteConcurrency: number, options: BuiltinCrawlerOptions): Promise<SiteCrawl> {
  const limit = createLimiter(siteConcurrency);
  const crawls = await Promise.all(sites.map((site) => limit(() => crawlSite(site, options))));
  return crawls.reduce((sum, c) => ({ mapped: sum.mapped + c.mapped, scraped: sum.scraped + c.scraped, ok: sum.ok + c.ok }), { mapped: 0, scraped: 0, ok: 0 });
}

export async function runCrawlConcurrencyBench({ quick, log }: BenchSettings): Promise<BenchResult> {
  const sites = pickBenchSites(quick ? 4 : 12);
  const demoWeb = await startDemoWebServer({ port: 0, host: "127.0.0.1", latencyMs: INJECTED_LATENCY_MS });
  try {
    const demoRoute = { origin: demoWeb.origin };
    const sequentialOptions: BuiltinCrawlerOptions = { demoRoute, globalConcurrency: 1, perHostConcurrency: 1 };
    const defaultOptions: BuiltinCrawlerOptions = { demoRoute };

    log(`crawl: warm-up over ${sites.length} sites`);
    await crawlAll(sites, PARALLEL_AUDITS, defaultOptions);
    log("crawl: sequential baseline");
    const sequential = await timed(() => crawlAll(sites, 1, sequentialOptions));
    log("crawl: default concurrency, sites in parallel");
    const parallel = await timed(() => crawlAll(sites, PARALLEL_AUDITS, defaultOptions));

    const speedUp = sequential.ms / parallel.ms;
    const pages = (c: SiteCrawl) => `${c.scraped} pages fetched, ${c.ok} 2xx (${c.mapped} URLs mapped)`;
    const notes = [
      `${sites.length} demo sites: ${sites.map((s) => s.domain).join(", ")}`,
      `${INJECTED_LATENCY_MS} ms injected per request (robots.txt, sitemaps and pages alike); top ${MAX_AUDIT_PAGES} pages per site (non-2xx = the demo sites' deliberate broken links); demo server in this process; after one untimed warm-up pass`,
    ];
    if (sequential.result.ok !== parallel.result.ok)
      notes.push(`WARNING: the two runs fetched different page counts (${sequential.result.ok} vs ${parallel.result.ok})`);
    return {
      name: "1. crawl concurrency",
      headline: `${formatRatio(speedUp)} faster than sequential (${formatMs(sequential.ms)} → ${formatMs(parallel.ms)}, ${parallel.result.scraped} pages)`,
      figures: [
        { label: "sequential (concurrency 1, one site at a time)", value: `${formatMs(sequential.ms)}  ${pages(sequential.result)}` },
        { label: `default concurrency, ≤ ${PARALLEL_AUDITS} sites at once`, value: `${formatMs(parallel.ms)}  ${pages(parallel.result)}` },
        { label: "speed-up", value: formatRatio(speedUp) },
      ],
      notes,
    };
  } finally {
    await demoWeb.close();
  }
}
