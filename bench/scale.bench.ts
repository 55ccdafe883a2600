/**
 * Bench 7 — the embedded backend as a store, at 1k / 10k / 50k leads (seeded across 50 campaigns of one
 * agency, in 1,000-lead transactions, through the write-ahead log like any write):
 * - `listByCampaign` latency (all campaigns, as the dashboard opens; and one campaign) at each size, over
 *   HTTP; the headline is its 50k/1k ratio (the baseline is the 1k figure of the same run);
 * - the dashboard's lead table (`opportunities.listLeads`, what "All campaigns" pages through): its first page
 *   unfiltered (score order) and filtered by one vertical while sorted by name (the sort index does not cover
 *   the vertical: a database `.filter` over the agency's name range), at each size, and their 50k/1k ratios;
 * - `agency.get` at each size (should be flat);
 * - the longest event-loop block while a snapshot is written (compaction) at 50k: the CPU-clamped figure and
 *   the raw wall-clock gap (which also sees a wait on the disk or the OS);
 * - RSS of this process (backend + bench) at each size;
 * - kill -9 of a child backend in the middle of a loop of awaited writes, several times: acknowledged
 *   writes missing after restart;
 * - a numLeads-10 demo run SIGKILLed 10 times at random moments: leads vs an uninterrupted run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startEmbeddedBackend } from "../server/embedded/backend";
import { indexRowsRead } from "../server/embedded/convexTestInternals";
import { startDemoWebServer } from "../server/demoWeb/server";
import { leadSearchFields } from "../lib/leadSearch";
import { startChildBackend, type ChildBackend } from "../tests/integration/embedded/childBackend";
import { signUp } from "../tests/integration/embedded/harness";
import { type KilledRunOutcome, runThroughKills, writeThroughKills } from "../tests/integration/embedded/killLoops";
import { formatMs, formatRatio, type BenchFigure, type BenchResult, type BenchSettings } from "./report";
import { median } from "./stats";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURE_APP_DIR = path.join(REPO_DIR, "tests/fixtures/embedded-app");
const CAMPAIGNS = 50;
/** How long a killed run may take to end after its last restart. */
const RUN_END_TIMEOUT_MS = 180_000;
const VERTICALS = ["dentist", "plumber", "auto repair", "med spa", "roofer", "law firm", "bakery", "gym", "florist", "vet"];
const CITIES = ["Austin, TX", "Chicago, IL", "Denver, CO", "Miami, FL", "Seattle, WA"];

function seedLead(agencyId: string, i: number) {
  const campaign = i % CAMPAIGNS;
  const targetVertical = VERTICALS[campaign % VERTICALS.length];
  const targetGeography = CITIES[Math.floor(campaign / VERTICALS.length) % CITIES.length];
  const score = (i * 7919) % 101;
  // Names start with two letters drawn from a hash's high bits, independent of the campaign (i mod 50), so a
  // name-sorted range mixes verticals evenly, as real business names do.
  const hash = Math.imul(i + 1, 2654435761) >>> 0;
  const name = `${String.fromCharCode(97 + ((hash >>> 16) % 26))}${String.fromCharCode(97 + ((hash >>> 24) % 26))} ${targetVertical} ${i}`;
  const domain = `business-${i}.example`;
  return {
    agencyId,
    name,
    domain,
    ...leadSearchFields({ name, domain }),
    website: `https://www.business-${i}.example`,
    phone: `+1 512 555 ${String(1000 + (i % 9000)).padStart(4, "0")}`,
    place_id: `seed_place_${i}`,
    address: `${100 + (i % 900)} Main St`,
    city: targetGeography.split(",")[0],
    rating: 3 + (i % 20) / 10,
    reviews_count: 5 + (i % 300),
    source: "google_places",
    fit_reason: "Seeded for the scale bench: no HTTPS, no online booking.",
    status: "READY" as const,
    targetVertical,
    targetGeography,
    qualificationScore: score,
    signals: ["NO_SSL", "NO_ONLINE_BOOKING"],
  };
}

/** Long seeding lets the server close an idle keep-alive socket just as the client reuses it: retry that once. */
async function retryOnce<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch {
    return await call();
  }
}

/**
 * The fastest of `runs` calls: on a machine shared with other work, the minimum tracks what the query
 * itself costs, while the median also measures whoever else had the CPU.
 */
async function timeFastest(runs: number, call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await retryOnce(call);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return Math.min(...times);
}

/**
 * Longest gap between 5 ms ticks while `work` runs, minus the tick: how long the event loop was held.
 * `cpu`: a gap counts only as long as this process used CPU during it (user + system time, all threads), so
 * time the OS gave to other processes on a shared machine is not blamed on the snapshot writer; but a
 * synchronous wait on the disk (an fsync on the event loop) uses no CPU and is not seen either. `wall`: the
 * raw gap, which sees both (and also any descheduling by the OS).
 */
async function longestBlock(work: () => Promise<void>): Promise<{ cpu: number; wall: number }> {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let cpuWorst = 0;
  let wallWorst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    cpuWorst = Math.max(cpuWorst, Math.min(now - last - 5, cpuMs));
    wallWorst = Math.max(wallWorst, now - last - 5);
    last = now;
    lastCpu = process.cpuUsage();
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(ticker);
  }
  return { cpu: Math.max(0, cpuWorst), wall: Math.max(0, wallWorst) };
}

async function killDuringWrites(kills: number, log: (message: string) => void): Promise<{ acknowledged: number; lost: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-bench-kill-"));
  const dataFile = path.join(dir, "embedded-db.json");
  const children: ChildBackend[] = [];
  try {
    const start = async () => {
      const child = await startChildBackend({ projectDir: FIXTURE_APP_DIR, dataFile, env: { EMBEDDED_COMPACT_AT_BYTES: "65536" } });
      children.push(child);
      return child;
    };
    const { acknowledged, stored } = await writeThroughKills(start, {
      rounds: kills,
      author: "bench",
      // A random moment, 0.3–1 s into each round.
      beforeKill: () => new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700)),
    });
    const storedBodies = new Set(stored);
    const lost = acknowledged.filter((body) => !storedBodies.has(body)).length;
    log(`kill -9: ${kills} kills, ${acknowledged.length} acknowledged writes, ${lost} lost`);
    return { acknowledged: acknowledged.length, lost };
  } finally {
    await Promise.all(children.map((child) => child.kill9()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A numLeads-10 demo run with `kills` kill -9s, each after a random delay of up to `spreadMs` (resume.test.ts runs 3). */
async function demoRunWithKills(demoOrigin: string, kills: number, spreadMs: number): Promise<KilledRunOutcome> {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-bench-resume-"));
  const dataFile = path.join(dir, "embedded-db.json");
  const children: ChildBackend[] = [];
  try {
    const start = async () => {
      const child = await startChildBackend({ projectDir: REPO_DIR, dataFile, env: { DEMO_WEB_ORIGIN: demoOrigin } });
      children.push(child);
      return child;
    };
    return await runThroughKills(
      start,
      Array.from({ length: kills }, () => Math.random() * spreadMs),
      RUN_END_TIMEOUT_MS,
    );
  } finally {
    await Promise.all(children.map((child) => child.kill9()));
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runScaleBench({ quick, log }: BenchSettings): Promise<BenchResult> {
  const sizes = quick ? [1_000, 5_000] : [1_000, 10_000, 50_000];
  const largest = sizes[sizes.length - 1];
  const label = (size: number) => `${size / 1000}k`;
  const figures: BenchFigure[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-bench-scale-"));
  const silent = { log: console.log, info: console.info };
  console.log = () => {};
  console.info = () => {};
  const backend = await startEmbeddedBackend({ projectDir: REPO_DIR, dataFile: path.join(dir, "embedded-db.json"), port: 0, logError: log });
  const byAll = new Map<number, number>();
  const byOne = new Map<number, number>();
  const agencyGet = new Map<number, number>();
  const oneRows = new Map<number, number>();
  const tableFirst = new Map<number, number>();
  const tableFiltered = new Map<number, number>();
  const filteredRowsRead = new Map<number, number>();
  let saveBlockMs = 0;
  let saveBlockWallMs = 0;
  try {
    const http = new ConvexHttpClient(backend.url);
    http.setAuth(await signUp(backend, "owner@bench-scale.test"));
    await http.mutation(api.agency.ensureDemo, {});
    const agencyId = ((await http.query(api.agency.get, {})) as { _id: string })._id;
    let seeded = 0;
    for (const size of sizes) {
      while (seeded < size) {
        const batch = Math.min(1_000, size - seeded);
        const from = seeded;
        await backend.runtime.runTransaction(async (ctx) => {
          for (let i = from; i < from + batch; i++) await ctx.db.insert("client_opportunities", seedLead(agencyId, i));
        });
        seeded += batch;
      }
      byAll.set(size, await timeFastest(15, () => http.query(api.opportunities.listByCampaign, {})));
      byOne.set(size, await timeFastest(15, () => http.query(api.opportunities.listByCampaign, { targetVertical: VERTICALS[3], targetGeography: CITIES[0] })));
      oneRows.set(size, Math.min(200, size / CAMPAIGNS));
      agencyGet.set(size, await timeFastest(25, () => http.query(api.agency.get, {})));
      const firstPage = { paginationOpts: { numItems: 50, cursor: null } };
      tableFirst.set(size, await timeFastest(15, () => http.query(api.opportunities.listLeads, firstPage)));
      const filtered = { ...firstPage, sort: "name", targetVertical: VERTICALS[3] };
      const rowsBefore = indexRowsRead(backend.runtime.internals);
      const filteredPage = (await http.query(api.opportunities.listLeads, filtered)) as { page: { targetVertical: string }[] };
      filteredRowsRead.set(size, indexRowsRead(backend.runtime.internals) - rowsBefore);
      if (filteredPage.page.length !== 50 || filteredPage.page.some((lead) => lead.targetVertical !== VERTICALS[3])) {
        throw new Error(`listLeads(${VERTICALS[3]}, by name) returned ${filteredPage.page.length} rows, not 50 of that vertical`);
      }
      tableFiltered.set(size, await timeFastest(15, () => http.query(api.opportunities.listLeads, filtered)));
      const rss = process.memoryUsage().rss;
      log(
        `scale: ${label(size)} leads: listByCampaign ${formatMs(byAll.get(size)!)}, listLeads ${formatMs(tableFirst.get(size)!)} ` +
          `(one vertical by name ${formatMs(tableFiltered.get(size)!)}, ${filteredRowsRead.get(size)} index rows read), agency.get ${formatMs(agencyGet.get(size)!)}, RSS ${Math.round(rss / 2 ** 20)} MB`,
      );
      figures.push({ label: `RSS at ${label(size)}`, value: `${Math.round(rss / 2 ** 20)} MB` });
      figures.push({ label: `listByCampaign({}) at ${label(size)}`, value: formatMs(byAll.get(size)!) });
      figures.push({ label: `listByCampaign(one campaign) at ${label(size)}`, value: `${formatMs(byOne.get(size)!)} (${oneRows.get(size)} rows)` });
      figures.push({ label: `listLeads first page at ${label(size)}`, value: formatMs(tableFirst.get(size)!) });
      figures.push({
        label: `listLeads(one vertical, by name) first page at ${label(size)}`,
        value: `${formatMs(tableFiltered.get(size)!)} (${filteredRowsRead.get(size)} index rows read)`,
      });
      figures.push({ label: `agency.get at ${label(size)}`, value: formatMs(agencyGet.get(size)!) });
    }
    // A compaction of the whole database (what the log triggers in the background past 32 MiB); median
    // of three, since on a shared machine one pass can be descheduled by the OS.
    const blocks: { cpu: number; wall: number }[] = [];
    for (let i = 0; i < 3; i++) blocks.push(await longestBlock(() => backend.flush()));
    log(
      `scale: snapshot compaction at ${label(largest)}: longest event-loop blocks ${blocks.map((b) => Math.round(b.cpu)).join(", ")} ms ` +
        `(wall clock ${blocks.map((b) => Math.round(b.wall)).join(", ")} ms)`,
    );
    saveBlockMs = median(blocks.map((b) => b.cpu));
    saveBlockWallMs = median(blocks.map((b) => b.wall));
  } finally {
    await backend.close();
    console.log = silent.log;
    console.info = silent.info;
    rmSync(dir, { recursive: true, force: true });
  }
  const ratio = byAll.get(largest)! / byAll.get(sizes[0])!;
  figures.push({ label: `campaign query ${label(largest)}/1k`, value: formatRatio(ratio) });
  figures.push({ label: `agency.get ${label(largest)}/1k`, value: formatRatio(agencyGet.get(largest)! / agencyGet.get(sizes[0])!) });
  const tableRatio = tableFirst.get(largest)! / tableFirst.get(sizes[0])!;
  const filteredRatio = tableFiltered.get(largest)! / tableFiltered.get(sizes[0])!;
  figures.push({ label: `listLeads first page ${label(largest)}/1k`, value: formatRatio(tableRatio) });
  figures.push({ label: `listLeads(one vertical, by name) ${label(largest)}/1k`, value: formatRatio(filteredRatio) });
  figures.push({ label: `save block at ${label(largest)}`, value: `${Math.round(saveBlockMs)} ms` });
  figures.push({ label: `save block at ${label(largest)}, wall clock`, value: `${Math.round(saveBlockWallMs)} ms` });

  const { acknowledged, lost } = await killDuringWrites(quick ? 3 : 6, log);
  figures.push({ label: "acknowledged writes lost on kill", value: `${lost} (of ${acknowledged}, ${quick ? 3 : 6} kills)` });

  const demoWeb = await startDemoWebServer({ port: 0, host: "127.0.0.1", slowDelayMs: 300, sluggishDelayMs: 100 });
  try {
    const baseline = await demoRunWithKills(demoWeb.origin, 0, 0);
    const kills = quick ? 3 : 10;
    // Spread the kills so their sum stays inside an uninterrupted run's length.
    const killed = await demoRunWithKills(demoWeb.origin, kills, (2 * Math.max(1_000, baseline.ms - 1_500)) / kills);
    const duplicated = killed.leads.length - new Set(killed.leads.map((lead) => lead.place_id)).size;
    const stuck = killed.leads.filter((lead) => lead.status !== "READY").length;
    log(`resume: baseline ${baseline.leads.length} leads in ${formatMs(baseline.ms)}; ${kills} kills → ${killed.workflowStatus}, ${killed.leads.length} leads`);
    figures.push({
      label: `numLeads-10 run, ${kills} kill -9s`,
      value: `${killed.workflowStatus}, ${killed.leads.length} leads (uninterrupted: ${baseline.leads.length}), ${duplicated} duplicated, ${stuck} stuck`,
    });
  } finally {
    await demoWeb.close();
  }

  const lines = [
    `campaign query ${label(largest)}/1k: ${formatRatio(ratio)}`,
    `lead table ${label(largest)}/1k: ${formatRatio(tableRatio)} (one vertical by name: ${formatRatio(filteredRatio)})`,
    `save block at ${label(largest)}: ${Math.round(saveBlockMs)} ms`,
    `save block at ${label(largest)}, wall clock: ${Math.round(saveBlockWallMs)} ms`,
    ...sizes.map((size) => `RSS at ${label(size)}: ${figures.find((f) => f.label === `RSS at ${label(size)}`)!.value}`),
    `acknowledged writes lost on kill: ${lost}`,
  ];
  for (const line of lines) process.stdout.write(`${line}\n`);
  return {
    name: "Embedded store at scale",
    headline:
      `campaign query ${label(largest)}/1k: ${formatRatio(ratio)} · lead table ${formatRatio(tableRatio)} (one vertical by name ${formatRatio(filteredRatio)}) · ` +
      `save block ${Math.round(saveBlockMs)} ms (wall ${Math.round(saveBlockWallMs)} ms) · ${lost} acknowledged writes lost`,
    figures,
    notes: [
      `${sizes.map(label).join(" / ")} leads of one agency across ${CAMPAIGNS} campaigns; query latencies are the fastest of 15 (agency.get: 25) calls over HTTP (listByCampaign returns 200 rows, listLeads a page of 50; one vertical is a tenth of the leads)`,
      "RSS is the bench process, which hosts the backend in-process",
    ],
  };
}
