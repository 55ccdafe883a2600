/**
 * Bench 6 — a run against real-service latency, and the workflow's own overhead.
 *
 * A numLeads 20 run with 10 deep audits and LLM dossiers on the embedded backend, every
 * external service a loopback fake: Google Places (API (New) wire format, pages of 20 with
 * nextPageToken) answering in 700 ms a page, the demo websites in 50 ms a request, an
 * OpenAI-compatible server in 5 s a call. Prints two lines meant to be compared across versions:
 *
 *   run vs critical path: R×        wall time / the longest dependent chain of injected latencies
 *   workflow overhead per run: N ms the same run with zero injected latency, minus the work
 *                                   measured inside steps: each step's handler span from the backend's
 *                                   trace (the Places action, the inline mutations, every audit, the
 *                                   Places-only dossiers), joined with the phase and audit spans the run
 *                                   records. Inline mutation steps record no span of their own (a mutation
 *                                   sees one frozen clock), so only the trace measures their work.
 *
 * The critical path: Places pages (sequential) + one deep audit's dependent chain (robots.txt →
 * sitemap → pages, then the LLM page selection and the LLM dossier) + the final steps (no
 * injected latency). Places-only dossiers run beside the audits, so they are not on it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { anyApi } from "convex/server";
import { loadDemoDataset } from "../lib/providers/places/demoDataset";
import { startDemoWebServer } from "../server/demoWeb/server";
import { chatCompletion, sendJson, startFakeOpenAIServer } from "../tests/fakes/fakeOpenAIServer";
import { newApiPlace } from "../tests/fakes/googleFixtures";
import { openEmbeddedBackendSession, waitForValue } from "./embeddedBackendSession";
import { formatMs, formatRatio, type BenchResult, type BenchSettings } from "./report";
import type { TraceEvent } from "../server/embedded/functionTrace";
import { describeGaps, readTrace } from "./runTrace";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;

const LATENCY = { placesPageMs: 700, crawlRequestMs: 50, llmCallMs: 5_000 };
const NUM_LEADS = 20;
const DEEP_AUDITS = 10;
/** Dependent crawl requests in one audit: robots.txt → sitemap → the chosen pages (fetched together). */
const CRAWL_CHAIN_REQUESTS = 3;
/** Dependent LLM calls in one audit: page selection, then the dossier. */
const LLM_CHAIN_CALLS = 2;

interface Phase {
  name: string;
  status: string;
  startedAt?: number;
  completedAt?: number;
}
interface RunView {
  run: {
    workflowStatus: string;
    startedAt: number;
    completedAt?: number;
    phases: Phase[];
    pagesFetched?: number;
    error?: string;
    lastEvent?: { message: string };
  };
}
interface Listed {
  status: string;
  audit: null | { status: string; phases: Phase[] };
}

/** Google Places (New) fake: the demo dataset's dentists (every city), 20 a page, after `delayMs`. */
async function startFakeGoogle(delayMs: number): Promise<{ baseUrl: string; pages: () => number; close: () => Promise<void> }> {
  const dataset = loadDemoDataset();
  const places = dataset.places.filter((p) => p.vertical === "dentists").slice(0, 60);
  let pages = 0;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const token = (JSON.parse(body || "{}") as { pageToken?: string }).pageToken;
      const offset = token ? Number(token.replace("page-at-", "")) : 0;
      const page = places.slice(offset, offset + 20).map(newApiPlace);
      const next = offset + 20 < places.length ? { nextPageToken: `page-at-${offset + 20}` } : {};
      pages += 1;
      setTimeout(() => sendJson(res, 200, { places: page, ...next }), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, pages: () => pages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Step handlers in the backend's trace: every function of convex/workflows/ the workflow runs as a step
 * (or that a step calls), not the workflow handlers themselves (`<room>/workflow:*`), which only sequence.
 */
export function stepSpans(events: TraceEvent[]): [number, number][] {
  return events.flatMap((e) => (e.k === "fn" && /^workflows\/(?!.*\/workflow:)/.test(e.name) ? [[e.t0, e.t1] as [number, number]] : []));
}

/** Intervals' union length: time some step was doing its own work. */
function unionMs(intervals: [number, number][]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

async function oneRun(latency: typeof LATENCY, log: (m: string) => void, traceFile?: string) {
  const google = await startFakeGoogle(latency.placesPageMs);
  const web = await startDemoWebServer({ port: 0, host: "127.0.0.1", latencyMs: latency.crawlRequestMs, slowDelayMs: 0, sluggishDelayMs: 0 });
  const llm = await startFakeOpenAIServer();
  llm.respond(
    llm.answerLater(latency.llmCallMs, (request, res) => {
      const schema = request.body.response_format?.json_schema?.name ?? "";
      const prompt = JSON.stringify(request.body.messages);
      const answer =
        schema === "audit_pages"
          ? { urls: [...prompt.matchAll(/https?:\/\/[^\s"\\]+/g)].map((m) => m[0]).slice(0, 4) }
          : {
              summary: "A busy practice whose website loses mobile visitors.",
              identified_gaps: [],
              talking_points: [],
              fit_reason: "Opportunity.",
              outreach: { email_subject: "A quick idea", email_body: "Hi there,\n\nWe can help.", call_script: "Opening: Hi, calling about your website." },
            };
      sendJson(res, 200, chatCompletion(JSON.stringify(answer)));
    }),
  );
  try {
    const session = await openEmbeddedBackendSession({
      PLACES_PROVIDER: "google",
      GOOGLE_PLACES_API_KEY: "bench-key",
      GOOGLE_PLACES_BASE_URL: google.baseUrl,
      CRAWL_PROVIDER: "builtin",
      DEMO_WEB_ORIGIN: web.origin,
      LLM_PROVIDER: "openai",
      OPENAI_API_KEY: "sk-bench",
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_MODEL: "gpt-4o-mini",
      ...(traceFile ? { EMBEDDED_TRACE_FILE: traceFile } : {}),
    });
    let traced: { window: [number, number] } | undefined;
    try {
      const { client } = session;
      await client.mutation(api.agency.ensureDemo, {});
      const started = performance.now();
      const { jobId } = (await client.mutation(api.marketing.startLeadGenWorkflow, { numLeads: NUM_LEADS, maxDeepAudits: DEEP_AUDITS })) as { jobId: string };
      const view = await waitForValue<RunView | null>(
        (onValue, onError) => client.onUpdate(api.marketing.getRun, { jobId }, onValue, onError),
        (v) => v !== null && v.run.workflowStatus !== "running",
        180_000,
        "the run to finish",
      );
      const wallMs = performance.now() - started;
      if (!view) throw new Error("run disappeared");
      if (view.run.workflowStatus !== "completed") throw new Error(`run ended ${view.run.workflowStatus}: ${view.run.error ?? view.run.lastEvent?.message}`);
      const leads = (await client.query(api.opportunities.listByRun, { jobId })) as Listed[];
      const at = (t: number) => ((t - view.run.startedAt) / 1000).toFixed(2);
      // Work inside steps: every phase a single step writes start→end for, and each audit's own span.
      const single = view.run.phases.filter((p) => ["source", "filter_rank", "persist_leads", "finalize_rank"].includes(p.name));
      const intervals: [number, number][] = single.flatMap((p) => (p.startedAt && p.completedAt ? [[p.startedAt, p.completedAt] as [number, number]] : []));
      for (const lead of leads) {
        const phases = lead.audit?.phases ?? [];
        const starts = phases.flatMap((p) => (p.startedAt ? [p.startedAt] : []));
        const ends = phases.flatMap((p) => (p.completedAt ? [p.completedAt] : []));
        if (starts.length && ends.length) intervals.push([Math.min(...starts), Math.max(...ends)]);
      }
      const auditStarts = intervals.slice(single.length).map(([a]) => a);
      if (auditStarts.length)
        log(
          `  audits started ${at(Math.min(...auditStarts))}–${at(Math.max(...auditStarts))} s, ended by ${at(Math.max(...intervals.slice(single.length).map(([, b]) => b)))} s`,
        );
      const dossierPhase = view.run.phases.find((p) => p.name === "generate_dossier");
      if (dossierPhase?.startedAt && dossierPhase.completedAt) intervals.push([dossierPhase.startedAt, dossierPhase.completedAt]);
      const serverSpan = (view.run.completedAt ?? view.run.startedAt) - view.run.startedAt;
      traced = { window: [view.run.startedAt, view.run.startedAt + wallMs] };
      log(
        `  phases (s from start): ${view.run.phases.map((p) => `${p.name} ${p.startedAt ? at(p.startedAt) : "-"}–${p.completedAt ? at(p.completedAt) : "-"}`).join(", ")}`,
      );
      log(
        `  wall ${formatMs(wallMs)}, ${view.run.pagesFetched} Places pages, ${leads.filter((l) => l.audit?.status === "completed").length} audits completed, LLM calls ${llm.requests.length}`,
      );
      return {
        wallMs,
        pages: view.run.pagesFetched ?? google.pages(),
        intervals,
        window: traced.window,
        serverSpan,
        audits: leads.filter((l) => l.audit !== null).length,
        llmCalls: llm.requests.length,
        stderr: session.stderrLines.length,
      };
    } finally {
      await session.close();
    }
  } finally {
    await Promise.all([google.close(), web.close(), llm.close()]);
  }
}

export async function runCriticalPathBench({ log }: BenchSettings): Promise<BenchResult> {
  log(
    `run vs critical path: numLeads ${NUM_LEADS}, ${DEEP_AUDITS} deep audits, Places ${LATENCY.placesPageMs} ms/page, crawl ${LATENCY.crawlRequestMs} ms/request, LLM ${LATENCY.llmCallMs} ms/call`,
  );
  const real = await oneRun(LATENCY, log);
  const criticalMs = real.pages * LATENCY.placesPageMs + CRAWL_CHAIN_REQUESTS * LATENCY.crawlRequestMs + LLM_CHAIN_CALLS * LATENCY.llmCallMs;
  const ratio = real.wallMs / criticalMs;
  log("workflow overhead: the same run with zero injected latency");
  // The zero-latency run is always traced (the backend writes the trace when it closes): step handlers' spans
  // are the work of steps that record none. BENCH_TRACE=1 also breaks down each gap between them;
  // BENCH_TRACE=<file>.jsonl keeps the trace there.
  const traceSetting = process.env.BENCH_TRACE;
  const traceDir = mkdtempSync(path.join(tmpdir(), "atlas-bench-trace-"));
  const traceFile = traceSetting?.endsWith(".jsonl") ? path.resolve(traceSetting) : path.join(traceDir, "trace.jsonl");
  let zero: Awaited<ReturnType<typeof oneRun>> & { workMs: number };
  try {
    const run = await oneRun({ placesPageMs: 0, crawlRequestMs: 0, llmCallMs: 0 }, log, traceFile);
    const events = readTrace(traceFile);
    const work = [...run.intervals, ...stepSpans(events)];
    zero = { ...run, workMs: unionMs(work.map(([a, b]) => [Math.max(a, run.window[0]), Math.min(b, run.window[1])])) };
    if (traceSetting) for (const line of describeGaps(events, work, run.window, run.window[0])) log(line);
  } finally {
    rmSync(traceDir, { recursive: true, force: true });
  }
  const overheadMs = Math.max(0, zero.wallMs - zero.workMs);
  const lines = [`run vs critical path: ${formatRatio(ratio)}`, `workflow overhead per run: ${Math.round(overheadMs)} ms`];
  for (const line of lines) process.stdout.write(`${line}\n`);
  return {
    name: "5. run vs critical path (loopback fakes with real latency)",
    headline: lines.join(" · "),
    figures: [
      { label: "run with latency, wall time", value: formatMs(real.wallMs) },
      {
        label: "critical path of injected latency",
        value: `${formatMs(criticalMs)} (${real.pages} Places page(s) + ${CRAWL_CHAIN_REQUESTS} crawl requests + ${LLM_CHAIN_CALLS} LLM calls)`,
      },
      { label: "run vs critical path", value: formatRatio(ratio) },
      { label: "zero-latency run, wall time", value: formatMs(zero.wallMs) },
      { label: "work measured inside steps", value: formatMs(zero.workMs) },
      { label: "workflow overhead per run", value: `${Math.round(overheadMs)} ms` },
    ],
    notes: [
      `goal: run vs critical path ≤ 1.30×, overhead ≤ 300 ms; ${real.audits} deep audits, ${real.llmCalls} LLM calls in the latency run`,
      "work inside steps = union of: every step handler's span in the backend's trace (Places action, inline mutations, audits, Places-only dossiers), the source/filter_rank/persist_leads/finalize_rank/generate_dossier phase spans, each audit's phase span",
      "embedded backend in a child process (as npm run dev), fakes in this process; demo sites' slow/sluggish delays off",
      ...(real.stderr + zero.stderr > 0 ? [`backend wrote ${real.stderr + zero.stderr} stderr line(s)`] : []),
    ],
  };
}
