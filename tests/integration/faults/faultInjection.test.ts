/**
 * Fault injection: whole lead-gen runs (convex-test + the workflow component, real timers) against
 * loopback servers that misbehave — Google Places, websites, the LLM, Firecrawl. Every case must end
 * with the run in a terminal status, every opportunity in a known status, no lead lost or duplicated,
 * inside its time bound and with bounded heap growth. The suite prints a table case → outcome.
 * Small budgets (CRAWL_DEADLINE_MS, timeouts) keep it fast; the real budgets are in the README.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../../../convex/_generated/api";
import { OPPORTUNITY_STATUSES, WORKFLOW_STATUSES } from "../../../lib/lifecycle";
import { startDemoWebServer, type DemoWebServer } from "../../../server/demoWeb/server";
import { answerChat, answerError, openAIError, startFakeOpenAIServer, type FakeOpenAIServer } from "../../fakes/fakeOpenAIServer";
import { googleError, newApiSearchResponse } from "../../fakes/googleFixtures";
import { sendJson, startRecordingServer, type RecordingServer } from "../../fakes/recordingServer";
import { asOwner, initConvexTest, setupDemoAgency, waitForRunEnd, withEnv } from "../convexTestSetup";

type HostileMode = "slowloris" | "gzip-bomb" | "brotli-bomb" | "redirect-loop" | "sitemap-fanout" | "robots-hang";

/** Every *.example website of the demo businesses is routed here; `mode` says how it misbehaves. */
let mode: HostileMode = "slowloris";
const held: ServerResponse[] = [];
let gzipBomb: Buffer;
let brotliBomb: Buffer;

function streamIndex(res: ServerResponse, host: string, prefix: string): void {
  res.writeHead(200, { "content-type": "application/xml" });
  res.write(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`);
  let i = 0;
  const pump = () => {
    while (i < 50_000 && !res.destroyed) {
      const chunk = Array.from({ length: 500 }, () => `<sitemap><loc>http://${host}/${prefix}-${i++}.xml</loc></sitemap>`).join("");
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    res.end("</sitemapindex>");
  };
  pump();
}

function hostile(req: IncomingMessage, res: ServerResponse): void {
  const host = String(req.headers.host ?? "");
  const path = (req.url ?? "/").split("?")[0];
  const hang = () => void held.push(res);
  if (path === "/robots.txt") {
    if (mode === "robots-hang") return hang();
    if (mode === "sitemap-fanout") {
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(`User-agent: *\nAllow: /\nSitemap: http://${host}/index.xml\n`);
    }
    res.writeHead(404);
    return void res.end();
  }
  switch (mode) {
    case "slowloris": {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><body>");
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 200);
      return hang();
    }
    case "gzip-bomb":
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      return void res.end(gzipBomb);
    case "brotli-bomb":
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "br" });
      return void res.end(brotliBomb);
    case "redirect-loop":
      res.writeHead(302, { location: `${path.replace(/\/$/, "")}/again/` });
      return void res.end();
    case "sitemap-fanout":
      if (path === "/index.xml") return streamIndex(res, host, "child");
      if (path === "/child-0.xml") return streamIndex(res, host, "grandchild");
      if (path.endsWith(".xml")) return hang();
      res.writeHead(200, { "content-type": "text/html" });
      return void res.end(`<html><head><title>${host}</title></head><body><a href="tel:+12065550100">Call</a></body></html>`);
    case "robots-hang":
      res.writeHead(200, { "content-type": "text/html" });
      return void res.end("<html><body>never reached: robots.txt hangs</body></html>");
  }
}

let hostileServer: Server;
let hostileOrigin: string;
let demoWeb: DemoWebServer;
let google: RecordingServer;
let firecrawl: RecordingServer;
let openai: FakeOpenAIServer;

beforeAll(async () => {
  // 64 MiB of zeros each: ~64 KiB on the wire, the crawler keeps at most 2 MB of it.
  gzipBomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  brotliBomb = brotliCompressSync(Buffer.alloc(64 * 1024 * 1024), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
  hostileServer = createServer(hostile);
  await new Promise<void>((resolve) => hostileServer.listen(0, "127.0.0.1", resolve));
  hostileOrigin = `http://127.0.0.1:${(hostileServer.address() as AddressInfo).port}`;
  demoWeb = await startDemoWebServer({ port: 0 });
  google = await startRecordingServer();
  firecrawl = await startRecordingServer();
  openai = await startFakeOpenAIServer();
}, 60_000);

const rows: { name: string; outcome: string; seconds: string; heapMB: string; detail: string }[] = [];

afterAll(async () => {
  for (const res of held.splice(0)) res.destroy();
  hostileServer.closeAllConnections();
  await new Promise<void>((resolve) => hostileServer.close(() => resolve()));
  await Promise.all([demoWeb.close(), google.close(), firecrawl.close(), openai.close()]);
  const table = [
    "| case | outcome | time (s) | heap growth (MB) | detail |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.name} | ${r.outcome} | ${r.seconds} | ${r.heapMB} | ${r.detail} |`),
  ].join("\n");
  console.log(`\nFault injection (${rows.length} cases):\n${table}\n`);
});

/** Keyless defaults with small budgets; each case overrides what it injects. */
const BASE_ENV: Record<string, string | undefined> = {
  PLACES_PROVIDER: "demo",
  GOOGLE_PLACES_API_KEY: undefined,
  GOOGLE_PLACES_BASE_URL: undefined,
  GOOGLE_PLACES_TIMEOUT_MS: undefined,
  CRAWL_PROVIDER: "builtin",
  FIRECRAWL_API_KEY: undefined,
  FIRECRAWL_API_URL: undefined,
  FIRECRAWL_CONCURRENCY: undefined,
  FIRECRAWL_REQUESTS_PER_MINUTE: undefined,
  LLM_PROVIDER: "heuristic",
  OPENAI_API_KEY: undefined,
  OPENAI_BASE_URL: undefined,
  OPENAI_MODEL: undefined,
  OPENAI_TIMEOUT_MS: "2000",
  DEMO_WEB_ORIGIN: undefined,
  CRAWL_DEADLINE_MS: "3000",
  CRAWL_PAGE_TIMEOUT_MS: "1000",
};

interface FaultCase {
  name: string;
  env: Record<string, string | undefined>;
  expected: "completed" | "failed";
  /** Wall time the whole run must end within. */
  boundMs: number;
  numLeads?: number;
  maxDeepAudits?: number;
  setup?: () => void;
  /** Extra checks on what the user sees. */
  check?: (result: RunResult) => void;
}

interface RunResult {
  status: string;
  error?: string;
  leads: { place_id: string; status: string; auditError?: string; summary?: string }[];
  auditJobs: { status: string; error?: string }[];
}

const HEAP_BOUND_MB = 300;

async function runCase(c: FaultCase): Promise<RunResult> {
  const restore = withEnv({ ...BASE_ENV, ...c.env });
  c.setup?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  try {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: c.numLeads ?? 3, maxDeepAudits: c.maxDeepAudits ?? 2 });
    const view = await waitForRunEnd(t, jobId, c.boundMs);
    const elapsed = performance.now() - started;
    const { opportunities, auditJobs, snapshot } = await t.run(async (ctx) => {
      const run = await ctx.db.get(jobId);
      const opportunities = await ctx.db
        .query("client_opportunities")
        .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", jobId))
        .collect();
      const auditJobs = (await ctx.db.query("audit_jobs").collect()).filter((j) => j.leadGenFlowId === jobId);
      return { opportunities, auditJobs, snapshot: run?.placesSnapshot ?? [] };
    });
    const dossiers = await t.run(async (ctx) => ctx.db.query("audit_dossier").collect());
    const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    const result: RunResult = {
      status: view.run.workflowStatus,
      error: view.run.error,
      leads: opportunities.map((o) => {
        const job = auditJobs.find((j) => j._id === o.auditJobId);
        const dossier = dossiers.find((d) => d.opportunityId === o._id);
        return { place_id: o.place_id, status: o.status, auditError: job?.error, summary: dossier?.summary };
      }),
      auditJobs: auditJobs.map((j) => ({ status: j.status, error: j.error })),
    };
    const placeIds = opportunities.map((o) => o.place_id);
    const duplicated = placeIds.length - new Set(placeIds).size;
    const survivors = snapshot.filter((s) => s.dropReason === undefined && s.score !== undefined).map((s) => s.placeId);
    // Lost: a lead the run kept after filter_rank that has no row, once persist_leads ran.
    const persisted = opportunities.length > 0;
    const lost = persisted ? survivors.filter((id) => !placeIds.includes(id)).length : 0;
    rows.push({
      name: c.name,
      outcome: `${result.status}${result.error ? `: ${result.error.slice(0, 70)}` : ""}`,
      seconds: (elapsed / 1000).toFixed(1),
      heapMB: heapMB.toFixed(0),
      detail: `${opportunities.length} leads (${[...new Set(opportunities.map((o) => o.status))].join("/") || "none"}), ${auditJobs.length} audits (${auditJobs.map((j) => j.status).join("/") || "none"}), lost ${lost}, duplicated ${duplicated}`,
    });

    expect(WORKFLOW_STATUSES).toContain(result.status);
    expect(result.status).toBe(c.expected);
    for (const lead of result.leads) expect(OPPORTUNITY_STATUSES as readonly string[]).toContain(lead.status);
    if (result.status === "completed") {
      expect(result.leads.every((l) => l.status === "READY")).toBe(true);
      expect(result.auditJobs.every((j) => j.status === "completed" || j.status === "error")).toBe(true);
    }
    expect(duplicated).toBe(0);
    expect(lost).toBe(0);
    expect(elapsed).toBeLessThan(c.boundMs);
    expect(heapMB).toBeLessThan(HEAP_BOUND_MB);
    c.check?.(result);
    return result;
  } catch (error) {
    if (!rows.some((r) => r.name === c.name)) {
      rows.push({
        name: c.name,
        outcome: `ERROR ${String(error).slice(0, 80)}`,
        seconds: ((performance.now() - started) / 1000).toFixed(1),
        heapMB: "?",
        detail: "",
      });
    }
    throw error;
  } finally {
    restore();
  }
}

const hostileEnv = () => ({ DEMO_WEB_ORIGIN: hostileOrigin });
const auditErrors = (r: RunResult) => r.auditJobs.map((j) => j.error ?? "");

describe("fault injection: hostile websites (built-in crawler, every demo site served by a hostile server)", () => {
  const webCase = (name: string, m: HostileMode, expectError: RegExp): FaultCase => ({
    name,
    env: hostileEnv(),
    expected: "completed",
    boundMs: 30_000,
    setup: () => (mode = m),
    check: (r) => {
      expect(r.auditJobs.length).toBeGreaterThan(0);
      for (const error of auditErrors(r)) expect(error).toMatch(expectError);
    },
  });

  it(
    "slowloris pages (a byte every 200 ms, forever)",
    () => runCase(webCase("website: slowloris", "slowloris", /budget|deadline|Timed out|could not be audited/i)),
    40_000,
  );
  it(
    "gzip bomb home pages (64 MiB of zeros)",
    () => runCase({ ...webCase("website: gzip bomb", "gzip-bomb", /.*/), check: (r) => expect(r.auditJobs.length).toBeGreaterThan(0) }),
    40_000,
  );
  it(
    "brotli bomb home pages (64 MiB of zeros)",
    () => runCase({ ...webCase("website: brotli bomb", "brotli-bomb", /.*/), check: (r) => expect(r.auditJobs.length).toBeGreaterThan(0) }),
    40_000,
  );
  it("redirect loops", () => runCase(webCase("website: redirect loop", "redirect-loop", /redirect|could not be audited/i)), 40_000);
  it(
    "sitemap fan-out 50,000 × 50,000 with hanging children",
    () =>
      runCase({
        ...webCase("website: sitemap fan-out 50k×50k", "sitemap-fanout", /.*/),
        check: (r) => expect(r.auditJobs.every((j) => j.status === "completed" || j.status === "error")).toBe(true),
      }),
    40_000,
  );
  it("robots.txt that never answers (on every origin)", () => runCase(webCase("website: robots.txt hangs", "robots-hang", /ROBOTS_DISALLOWED/)), 40_000);
});

describe("fault injection: Google Places", () => {
  const placesEnv = () => ({
    PLACES_PROVIDER: "google",
    GOOGLE_PLACES_API_KEY: "test-key",
    GOOGLE_PLACES_BASE_URL: google.baseUrl,
    GOOGLE_PLACES_TIMEOUT_MS: "300",
  });
  const placesCase = (name: string, handler: Parameters<RecordingServer["respond"]>[0], expected: "completed" | "failed"): FaultCase => ({
    name,
    env: placesEnv(),
    expected,
    maxDeepAudits: 0,
    boundMs: 30_000,
    setup: () => google.respond(handler),
  });
  it(
    "5xx on every call",
    () =>
      runCase(
        placesCase("places: 503 always", (_q, res) => sendJson(res, 503, googleError(503, "UNAVAILABLE", "The service is currently unavailable.")), "failed"),
      ),
    40_000,
  );
  it("no answer (timeouts)", () => runCase(placesCase("places: never answers", () => undefined, "failed")), 40_000);
  it("garbage body", () => runCase(placesCase("places: garbage 200", (_q, res) => sendJson(res, 200, "<html>Service Unavailable</html>"), "failed")), 40_000);
  it("429 with a retry delay, then answers", () => {
    let calls = 0;
    return runCase(
      placesCase(
        "places: 429 once (retryDelay 1s), then OK",
        (_q, res) => {
          if (calls++ === 0) {
            return sendJson(res, 429, {
              error: {
                code: 429,
                message: "Quota exceeded",
                status: "RESOURCE_EXHAUSTED",
                details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1s" }],
              },
            });
          }
          sendJson(res, 200, newApiSearchResponse());
        },
        "completed",
      ),
    );
  }, 40_000);
});

describe("fault injection: the LLM", () => {
  const llmEnv = () => ({
    DEMO_WEB_ORIGIN: demoWeb.origin,
    LLM_PROVIDER: "openai",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: openai.baseURL,
    OPENAI_MODEL: "gpt-4.1-mini",
  });
  const fallbackCase = (name: string, handler: Parameters<FakeOpenAIServer["respond"]>[0], note: RegExp): FaultCase => ({
    name,
    env: llmEnv(),
    expected: "completed",
    boundMs: 30_000,
    setup: () => openai.respond(handler),
    check: (r) => {
      expect(r.leads.some((l) => l.summary !== undefined)).toBe(true);
      expect(note).toBeInstanceOf(RegExp);
    },
  });
  it(
    "garbage answers fall back to the heuristic dossier",
    () => runCase(fallbackCase("llm: invalid JSON", answerChat('{"summary": "cut'), /not valid JSON/)),
    40_000,
  );
  it("refusals fall back", () => runCase(fallbackCase("llm: refusal", answerChat({ refusal: "I can't help with that." }), /refused/)), 40_000);
  it(
    "truncated answers fall back",
    () => runCase(fallbackCase("llm: truncated (length)", answerChat('{"summary": "Bob', { finishReason: "length" }), /cut off/)),
    40_000,
  );
  const configCase = (name: string, status: number, body: ReturnType<typeof openAIError>): FaultCase => ({
    name,
    env: llmEnv(),
    expected: "failed",
    boundMs: 30_000,
    setup: () => openai.respond(answerError(status, body)),
    check: (r) => expect(r.error).toMatch(/OPENAI_MODEL/),
  });
  it(
    "a retired model (404) fails the run naming OPENAI_MODEL",
    () =>
      runCase(
        configCase(
          "llm: 404 model",
          404,
          openAIError("The model `gpt-4.1-mini` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"),
        ),
      ),
    40_000,
  );
  it(
    "a rejected request (400) fails the run naming OPENAI_MODEL",
    () => runCase(configCase("llm: 400 request", 400, openAIError("Invalid schema for response_format 'audit_dossier'.", "invalid_request_error"))),
    40_000,
  );
});

describe("fault injection: Firecrawl", () => {
  const firecrawlEnv = () => ({
    CRAWL_PROVIDER: undefined,
    FIRECRAWL_API_KEY: "fc-test",
    FIRECRAWL_API_URL: firecrawl.baseUrl,
    FIRECRAWL_REQUESTS_PER_MINUTE: "1000",
  });
  it(
    "402 (out of credits) fails the run naming FIRECRAWL_API_KEY",
    () =>
      runCase({
        name: "firecrawl: 402",
        env: firecrawlEnv(),
        expected: "failed",
        boundMs: 30_000,
        setup: () => firecrawl.respond((_q, res) => sendJson(res, 402, { success: false, error: "Insufficient credits to perform this request." })),
        check: (r) => expect(r.error).toMatch(/no credits left for FIRECRAWL_API_KEY/),
      }),
    40_000,
  );
  it("429 with retry after 1s, then answers", () => {
    let limited = false;
    return runCase({
      name: "firecrawl: 429 once (retry after 1s)",
      env: { ...firecrawlEnv(), FIRECRAWL_API_KEY: "fc-test-429", CRAWL_DEADLINE_MS: "8000" },
      expected: "completed",
      boundMs: 30_000,
      setup: () =>
        firecrawl.respond((q, res) => {
          if (!limited) {
            limited = true;
            return sendJson(res, 429, {
              success: false,
              error: "Rate limit exceeded. Consumed (req/min): 11, Remaining (req/min): 0. Please retry after 1s, resets at Tue Jan 07 2025 10:01:00 GMT+0000",
            });
          }
          const { url } = JSON.parse(q.body) as { url: string };
          if (q.url.pathname === "/v2/map") return sendJson(res, 200, { success: true, links: [{ url }] });
          sendJson(res, 200, {
            success: true,
            data: {
              markdown: "# Welcome",
              rawHtml: "<html><head><title>Welcome</title></head><body><h1>Welcome</h1></body></html>",
              links: [],
              metadata: { title: "Welcome", statusCode: 200, sourceURL: url, url },
            },
          });
        }),
      check: (r) => expect(r.auditJobs.some((j) => j.status === "completed")).toBe(true),
    });
  }, 40_000);
});
