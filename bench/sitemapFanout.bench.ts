/**
 * Bench 9 — a hostile sitemap fan-out against the embedded backend in its own process (as
 * `npm run dev` runs it): every demo business's website is a loopback server whose robots.txt
 * names a sitemap index of 50,000 sitemaps, each listing 50,000 URLs (every 10th one hangs).
 * A `numLeads: 20` run deep-audits them with the real crawl budget while another client queries
 * the backend every 250 ms. Figures: the backend's RSS (whole process group, from /proc) and
 * the query latency during the crawl, each against the same backend idle just before the run.
 * Done when: RSS < 1 GB and every query < 2 s during the crawl, the run ends inside its deadline.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { anyApi } from "convex/server";
import { openEmbeddedBackendSession, waitForValue } from "./embeddedBackendSession";
import { formatMs, formatRatio, type BenchResult, type BenchSettings } from "./report";
import { percentile } from "./stats";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;

const FAN_OUT = 50_000;
const QUERY_EVERY_MS = 250;
const RSS_LIMIT_MB = 1024;
const QUERY_LIMIT_MS = 2_000;

/** Streams a sitemap index (`<sitemap>`) or a urlset (`<url>`) of FAN_OUT entries, respecting back-pressure. */
function streamList(res: ServerResponse, host: string, kind: "sitemapindex" | "urlset"): void {
  res.writeHead(200, { "content-type": "application/xml" });
  res.write(`<?xml version="1.0" encoding="UTF-8"?><${kind} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`);
  let i = 0;
  const pump = () => {
    while (i < FAN_OUT && !res.destroyed) {
      const chunk = Array.from({ length: 500 }, () =>
        kind === "sitemapindex" ? `<sitemap><loc>http://${host}/sitemap-${i++}.xml</loc></sitemap>` : `<url><loc>http://${host}/page-${i++}/</loc></url>`,
      ).join("");
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    res.end(`</${kind}>`);
  };
  pump();
}

async function startFanOutSite(): Promise<{ origin: string; requests: () => number; close(): Promise<void> }> {
  const held: ServerResponse[] = [];
  let requests = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const host = String(req.headers.host ?? "");
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(`User-agent: *\nAllow: /\nSitemap: http://${host}/sitemap-index.xml\n`);
    }
    if (path === "/sitemap-index.xml") return streamList(res, host, "sitemapindex");
    const child = /^\/sitemap-(\d+)\.xml$/.exec(path);
    if (child) {
      if (Number(child[1]) % 10 === 9) return void held.push(res); // a hanging child
      return streamList(res, host, "urlset");
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><title>${host}</title><meta name="viewport" content="width=device-width"></head><body><h1>${host}</h1><a href="tel:+12065550100">Call us</a></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: async () => {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** RSS of every process in the group (the tsx launcher and the backend it runs), in MB; undefined off Linux. */
function groupRssMb(group: number): { total: number; largest: number } | undefined {
  let total = 0;
  let largest = 0;
  let found = false;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): state ppid pgrp ...
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== group) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (!rss) continue;
      const mb = Number(rss[1]) / 1024;
      total += mb;
      largest = Math.max(largest, mb);
      found = true;
    } catch {
      // The process ended between readdir and read.
    }
  }
  return found ? { total, largest } : undefined;
}

interface RunView {
  run: { workflowStatus: string; error?: string; lastEvent?: { message: string } };
  counts: { persisted: number; ready: number };
}
interface ListedOpportunity {
  status: string;
  audit: null | { status: string; error?: string };
}

export async function runSitemapFanoutBench({ quick, log }: BenchSettings): Promise<BenchResult> {
  // The real per-audit crawl budget (60 s) in the full bench; a short one for --quick.
  const crawlDeadlineMs = quick ? 10_000 : 60_000;
  const numLeads = quick ? 5 : 20;
  const site = await startFanOutSite();
  try {
    const session = await openEmbeddedBackendSession({ DEMO_WEB_ORIGIN: site.origin, CRAWL_DEADLINE_MS: String(crawlDeadlineMs) });
    try {
      const { client } = session;
      await client.mutation(api.agency.ensureDemo, {});
      const watcher = session.openClient();

      const latencies = { idle: [] as number[], crawl: [] as number[] };
      /** Queries slower than 1 s during the run: when they started (s after the run's start) and how long they took. */
      const slow: { at: number; ms: number }[] = [];
      let runStarted = 0;
      // The bench process's own timer lag: when it stalls too, the machine (shared, 2 cores) was starved, not the backend.
      let benchLagMax = { idle: 0, crawl: 0 };
      let lastTick = performance.now();
      const lagTimer = setInterval(() => {
        const now = performance.now();
        const lag = now - lastTick - 50;
        lastTick = now;
        if (phase !== "done") benchLagMax = { ...benchLagMax, [phase]: Math.max(benchLagMax[phase], lag) };
      }, 50);
      const rss = { idle: [] as number[], crawl: [] as number[] };
      type Phase = "idle" | "crawl" | "done";
      let phase = "idle" as Phase;
      let sampling = true;
      // Another client (a second tab) keeps asking a query; each answer's latency counts for the phase it started in.
      const sampler = (async () => {
        while (sampling) {
          const started = performance.now();
          const at: Phase = phase;
          await watcher.query(api.agency.get, {});
          const ms = performance.now() - started;
          const mem = groupRssMb(session.processGroup);
          if (at !== "done") {
            latencies[at].push(ms);
            if (at === "crawl" && ms > 1_000) slow.push({ at: (started - runStarted) / 1000, ms });
            if (mem) rss[at].push(mem.total);
          }
          await new Promise((resolve) => setTimeout(resolve, QUERY_EVERY_MS));
        }
      })();

      // Baseline: the same backend, idle, for a few seconds.
      await new Promise((resolve) => setTimeout(resolve, quick ? 2_000 : 5_000));
      log(`sitemap fan-out: numLeads ${numLeads}, crawl deadline ${crawlDeadlineMs / 1000} s, ${FAN_OUT.toLocaleString("en-US")} × ${FAN_OUT.toLocaleString("en-US")}`);
      phase = "crawl";
      const started = performance.now();
      runStarted = started;
      const { jobId } = (await client.mutation(api.marketing.startLeadGenWorkflow, { numLeads })) as { jobId: string };
      const runDeadlineMs = crawlDeadlineMs * 3 + 60_000;
      const finished = await waitForValue<RunView | null>(
        (onValue, onError) => client.onUpdate(api.marketing.getRun, { jobId }, onValue, onError),
        (view) => view !== null && view.run.workflowStatus !== "running",
        runDeadlineMs,
        "the run to finish",
      );
      const wallMs = performance.now() - started;
      phase = "done";
      sampling = false;
      await sampler;
      clearInterval(lagTimer);
      if (!finished) throw new Error("run disappeared");
      const leads = (await client.query(api.opportunities.listByRun, { jobId })) as ListedOpportunity[];
      const audits = leads.filter((l) => l.audit !== null);
      const outcomes = new Map<string, number>();
      for (const l of audits) {
        const key = l.audit!.status === "completed" ? "completed" : `${l.audit!.status}: ${(l.audit!.error ?? "").slice(0, 60)}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }

      const peak = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
      const idleP99 = percentile(latencies.idle, 0.99);
      const crawlP99 = percentile(latencies.crawl, 0.99);
      const crawlMax = peak(latencies.crawl);
      const rssIdle = peak(rss.idle);
      const rssPeak = peak(rss.crawl);
      const status = finished.run.workflowStatus;
      const met = rssPeak < RSS_LIMIT_MB && crawlMax < QUERY_LIMIT_MS && status !== "running";
      const notes = [
        `every demo business's *.example site is a loopback server: robots.txt → sitemap index of ${FAN_OUT.toLocaleString("en-US")} sitemaps × ${FAN_OUT.toLocaleString("en-US")} URLs each, every 10th sitemap hangs; ${site.requests()} requests reached it`,
        `embedded backend in a child process (tsx server/embedded/main.ts), crawler inside it; RSS = the process group's VmRSS (tsx launcher + backend) sampled with each query`,
        `another ConvexClient runs agency.get every ${QUERY_EVERY_MS} ms: ${latencies.idle.length} queries idle, ${latencies.crawl.length} during the run`,
        `audits: ${[...outcomes].map(([k, n]) => `${n} ${k}`).join("; ") || "none"}`,
        `queries over 1 s during the run: ${slow.map((q) => `${formatMs(q.ms)} starting ${q.at.toFixed(1)} s after the run started`).join(", ") || "none"}`,
        `the bench process's own longest timer lag (machine load, not the backend): idle ${formatMs(benchLagMax.idle)}, during the run ${formatMs(benchLagMax.crawl)}`,
        `done-when (RSS < ${RSS_LIMIT_MB} MB, every query < ${QUERY_LIMIT_MS / 1000} s during the crawl, run settled): ${met ? "met" : "NOT met"}`,
      ];
      if (status !== "completed") notes.push(`WARNING: run ended ${status}: ${finished.run.error ?? finished.run.lastEvent?.message ?? ""}`);
      if (session.stderrLines.length > 0) notes.push(`backend wrote ${session.stderrLines.length} stderr line(s), first: ${session.stderrLines[0].slice(0, 200)}`);
      return {
        name: "9. sitemap fan-out vs the embedded backend",
        headline: `query p99 during crawl/idle: ${formatRatio(crawlP99 / idleP99)} (${formatMs(crawlP99)} vs ${formatMs(idleP99)}, max ${formatMs(crawlMax)}); RSS peak ${rssPeak.toFixed(0)} MB (idle ${rssIdle.toFixed(0)} MB, ${formatRatio(rssPeak / rssIdle)}); run ${status} in ${formatMs(wallMs)}`,
        figures: [
          { label: "query latency idle (median / p99)", value: `${formatMs(percentile(latencies.idle, 0.5))} / ${formatMs(idleP99)}` },
          { label: "query latency during crawl (median / p99 / max)", value: `${formatMs(percentile(latencies.crawl, 0.5))} / ${formatMs(crawlP99)} / ${formatMs(crawlMax)}` },
          { label: "backend RSS idle / peak during crawl", value: `${rssIdle.toFixed(0)} MB / ${rssPeak.toFixed(0)} MB` },
          { label: `run (numLeads ${numLeads}) wall time → ${status}`, value: formatMs(wallMs) },
          { label: "deep audits", value: `${audits.length} (crawl deadline ${crawlDeadlineMs / 1000} s each)` },
        ],
        notes,
      };
    } finally {
      await session.close();
    }
  } finally {
    await site.close();
  }
}
