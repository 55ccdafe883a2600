/**
 * `npm run bench` (`tsx bench/run.ts`): every bench in sequence, then a summary table.
 * `--quick` runs smaller inputs for a fast sanity check; `--only 2,4` runs a subset.
 * Everything runs on 127.0.0.1 with random ports; figures are ratios against a baseline
 * measured in the same run, since absolute times depend on the machine and its load.
 */
import { runCrawlConcurrencyBench } from "./crawlConcurrency.bench";
import { runDemoRunBench } from "./demoRun.bench";
import { runMarkdownAuditThroughputBench } from "./markdownAuditThroughput.bench";
import { renderReport, type BenchResult, type BenchSettings } from "./report";
import { printRealWebCorpusFigures } from "./realWebCorpus.bench";
import { runSyncFairnessBench } from "./syncFairness.bench";
import { runCriticalPathBench } from "./runCriticalPath.bench";
import { runScaleBench } from "./scale.bench";
import { runSitemapFanoutBench } from "./sitemapFanout.bench";
import { runSyncLatencyBench } from "./syncLatency.bench";

const BENCHES: ((settings: BenchSettings) => Promise<BenchResult>)[] = [
  runCrawlConcurrencyBench,
  runMarkdownAuditThroughputBench,
  runDemoRunBench,
  runSyncLatencyBench,
  runSyncFairnessBench,
  runCriticalPathBench,
  runScaleBench,
];
/** Numbered after the real-web corpus (bench BENCHES.length + 1), so earlier numbers keep their meaning. */
const LATER_BENCHES: ((settings: BenchSettings) => Promise<BenchResult>)[] = [runSitemapFanoutBench];
const CORPUS_BENCH = BENCHES.length + 1;
const LAST_BENCH = CORPUS_BENCH + LATER_BENCHES.length;

/** The whole run is bounded: a hung server or run fails the bench instead of hanging CI. */
const OVERALL_DEADLINE_MS = { quick: 180_000, full: 600_000 };
/** After the report, open handles get this long to close before the process is ended. */
const EXIT_GRACE_MS = 5_000;

function parseArgs(argv: readonly string[]): { quick: boolean; only?: Set<number> } {
  const quick = argv.includes("--quick");
  const onlyAt = argv.findIndex((a) => a === "--only" || a.startsWith("--only="));
  let only: Set<number> | undefined;
  if (onlyAt >= 0) {
    const raw = argv[onlyAt].includes("=") ? argv[onlyAt].split("=")[1] : argv[onlyAt + 1];
    only = new Set((raw ?? "").split(",").map(Number));
    if ([...only].some((n) => !Number.isInteger(n) || n < 1 || n > LAST_BENCH)) {
      throw new Error(`--only takes bench numbers 1–${LAST_BENCH} (${CORPUS_BENCH}: real-web corpus accuracy), e.g. --only 2,4`);
    }
  }
  return { quick, only };
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const deadline = setTimeout(
    () => {
      process.stderr.write(`bench: gave up after ${OVERALL_DEADLINE_MS[quick ? "quick" : "full"] / 1000} s\n`);
      process.exit(1);
    },
    OVERALL_DEADLINE_MS[quick ? "quick" : "full"],
  );
  deadline.unref();

  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  const started = performance.now();
  const results: BenchResult[] = [];
  for (const [index, bench] of BENCHES.entries()) {
    if (only && !only.has(index + 1)) continue;
    results.push(await bench({ quick, log }));
  }
  for (const [index, bench] of LATER_BENCHES.entries()) {
    if (only && !only.has(CORPUS_BENCH + 1 + index)) continue;
    results.push(await bench({ quick, log }));
  }
  if (results.length > 0) process.stdout.write(`${renderReport(results, performance.now() - started, quick)}\n`);
  // Last: accuracy on the real-web corpus (figures, not timings).
  if (!only || only.has(CORPUS_BENCH)) printRealWebCorpusFigures();

  // Every bench closes what it opened; anything still open past the grace period is a leak to report.
  const leftover = setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((kind) => kind !== "Timeout" && kind !== "TTYWrap");
    process.stderr.write(`bench: process still busy ${EXIT_GRACE_MS / 1000} s after the report (open: ${open.join(", ") || "timers"}); exiting\n`);
    process.exit(0);
  }, EXIT_GRACE_MS);
  leftover.unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
