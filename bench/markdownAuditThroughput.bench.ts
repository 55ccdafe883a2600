/**
 * Bench 2 — HTML → Markdown + heuristic audit throughput, in memory, over demo pages
 * fetched once, against a plain pass over the same bytes (length + lower-case + one regex scan).
 */
import { MAX_AUDIT_PAGES } from "../lib/auditPlan";
import { auditPages } from "../lib/audit/heuristicAuditor";
import type { AuditInput } from "../lib/audit/types";
import { htmlToMarkdown } from "../lib/crawl/markdown";
import { rankPagesForAudit } from "../lib/crawl/pageRanking";
import { DEMO_AGENCY } from "../lib/demoAgency";
import { BuiltinCrawler } from "../lib/providers/crawl/builtin";
import type { ScrapedPage } from "../lib/providers/crawl/types";
import { startDemoWebServer } from "../server/demoWeb/server";
import { pickBenchSites, type BenchSite } from "./demoSiteSelection";
import { formatRatio, type BenchResult, type BenchSettings } from "./report";
import { median } from "./stats";

/** The audit date: the demo sites' reference year, so copyright checks do not drift. */
const AUDIT_DATE = new Date(Date.UTC(2026, 0, 15));
const BYTES_PER_MB = 1_000_000;

interface SiteSample {
  input: AuditInput;
}

async function fetchSamplePages(sites: readonly BenchSite[]): Promise<SiteSample[]> {
  const demoWeb = await startDemoWebServer({ port: 0, host: "127.0.0.1" });
  try {
    const crawler = new BuiltinCrawler({ demoRoute: { origin: demoWeb.origin } });
    return await Promise.all(
      sites.map(async (site) => {
        const mapped = await crawler.mapUrls(site.website);
        const chosen = rankPagesForAudit(
          mapped.map((m) => m.url),
          { homeUrl: site.website, limit: MAX_AUDIT_PAGES },
        );
        const pages = (await crawler.scrapePages(chosen.map((p) => p.url))).filter((p) => !p.error && p.html);
        const input: AuditInput = {
          lead: {
            name: site.domain,
            website: site.website,
            targetVertical: DEMO_AGENCY.targetVertical,
            targetGeography: DEMO_AGENCY.targetGeography,
            signals: ["NEEDS_WEB_AUDIT"],
          },
          agency: DEMO_AGENCY,
          pages,
        };
        return { input };
      }),
    );
  } finally {
    await demoWeb.close();
  }
}

// Results land here so no pass can be optimised away.
let sink = 0;

function plainScan(samples: readonly SiteSample[]): void {
  for (const { input } of samples) {
    for (const page of input.pages) {
      const lower = page.html.toLowerCase();
      sink += Buffer.byteLength(page.html, "utf8") + lower.length + (lower.match(/href\s*=\s*["'][^"']*["']/g)?.length ?? 0);
    }
  }
}

function markdownOnly(samples: readonly SiteSample[]): void {
  for (const { input } of samples) for (const page of input.pages) sink += htmlToMarkdown(page.html).markdown.length;
}

function auditOnly(samples: readonly SiteSample[]): void {
  for (const { input } of samples) sink += auditPages(input, AUDIT_DATE).findings.length;
}

/** What an audit does to a site's pages after fetching them: Markdown per page, then the audit. */
function markdownThenAudit(samples: readonly SiteSample[]): void {
  for (const { input } of samples) {
    const pages: ScrapedPage[] = input.pages.map((page) => ({ ...page, markdown: htmlToMarkdown(page.html).markdown }));
    sink += auditPages({ ...input, pages }, AUDIT_DATE).findings.length;
  }
}

/** MB/s of one sample: the pass repeated until at least `minMs` has elapsed. */
function throughput(pass: (samples: readonly SiteSample[]) => void, samples: readonly SiteSample[], bytes: number, minMs: number): number {
  let rounds = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    pass(samples);
    rounds += 1;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  return (bytes * rounds) / BYTES_PER_MB / (elapsed / 1000);
}

export async function runMarkdownAuditThroughputBench({ quick, log }: BenchSettings): Promise<BenchResult> {
  const sites = pickBenchSites(quick ? 3 : 10);
  log(`markdown+audit: fetching pages of ${sites.length} demo sites`);
  const samples = await fetchSamplePages(sites);
  const pages = samples.flatMap((s) => s.input.pages);
  const bytes = pages.reduce((sum, p) => sum + Buffer.byteLength(p.html, "utf8"), 0);

  const passes = { plain: plainScan, markdown: markdownOnly, audit: auditOnly, combined: markdownThenAudit };
  type PassName = keyof typeof passes;
  const names = Object.keys(passes) as PassName[];
  const warmUps = quick ? 1 : 3;
  const repetitions = quick ? 3 : 7;
  const minSampleMs = quick ? 20 : 60;
  log(`markdown+audit: ${warmUps} warm-up + ${repetitions} measured repetitions over ${pages.length} pages`);
  for (let i = 0; i < warmUps; i++) for (const name of names) throughput(passes[name], samples, bytes, minSampleMs);
  const rates: Record<PassName, number[]> = { plain: [], markdown: [], audit: [], combined: [] };
  // Interleaved, so drift (another process taking a core) hits every pass alike.
  for (let i = 0; i < repetitions; i++) for (const name of names) rates[name].push(throughput(passes[name], samples, bytes, minSampleMs));
  if (sink === 42) log("");

  const rate = (name: PassName) => median(rates[name]);
  const mbps = (value: number) => `${value.toFixed(2)} MB/s`;
  const perPageMs = (name: PassName) => `${(((bytes / BYTES_PER_MB / rate(name)) * 1000) / pages.length).toFixed(2)} ms/page`;
  const ratio = (name: PassName) => `${formatRatio(rate(name) / rate("plain"))} of baseline (${(rate("plain") / rate(name)).toFixed(0)}× slower)`;
  return {
    name: "2. HTML → Markdown + audit",
    headline: `${mbps(rate("combined"))} (${perPageMs("combined")}) = ${formatRatio(rate("combined") / rate("plain"))} of a plain scan (${mbps(rate("plain"))})`,
    figures: [
      { label: "baseline: byteLength + toLowerCase + href regex", value: `${mbps(rate("plain"))}  ${perPageMs("plain")}` },
      { label: "htmlToMarkdown", value: `${mbps(rate("markdown"))}  ${perPageMs("markdown")}  ${ratio("markdown")}` },
      { label: "auditPages", value: `${mbps(rate("audit"))}  ${perPageMs("audit")}  ${ratio("audit")}` },
      { label: "htmlToMarkdown + auditPages", value: `${mbps(rate("combined"))}  ${perPageMs("combined")}  ${ratio("combined")}` },
    ],
    notes: [
      `${pages.length} pages from ${sites.length} demo sites, ${(bytes / BYTES_PER_MB).toFixed(2)} MB of HTML (MB = 10^6 bytes), top ${MAX_AUDIT_PAGES} pages per site`,
      `median of ${repetitions} repetitions after ${warmUps} warm-up(s); each repetition loops its pass for ≥ ${minSampleMs} ms`,
    ],
  };
}
