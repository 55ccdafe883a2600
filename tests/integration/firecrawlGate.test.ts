import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { FirecrawlCrawler, firecrawlAccount } from "../../lib/providers/crawl/firecrawl";
import type { AccountLimits } from "../../lib/providers/crawl/requestGate";
import { SharedRequestGate } from "../../lib/providers/crawl/sharedGate";
import { startDemoWebServer, type DemoWebServer } from "../../server/demoWeb/server";
import { waitFor } from "../waitFor";
import { firecrawlMapAnswer, firecrawlScrapeAnswer } from "../fakes/fakeFirecrawl";
import { sendJson, startRecordingServer, type RecordingServer } from "../fakes/recordingServer";
import { asOther, asOwner, initConvexTest, setupDemoAgency, waitForRunEnd, withEnv } from "./convexTestSetup";

/** Firecrawl's "minute", shortened so the window rolls several times in one test. */
const { WINDOW_MS } = vi.hoisted(() => ({ WINDOW_MS: 3_000 }));
vi.mock(import("../../lib/providers/crawl/requestGate"), async (importOriginal) => ({ ...(await importOriginal()), RATE_WINDOW_MS: WINDOW_MS }));

const API_KEY = "fc-gate";
let web: DemoWebServer;
/** A fake Firecrawl v2 API that records when each request arrived and how many were in flight at once. */
let firecrawl: RecordingServer;
let arrivals: number[] = [];
let inFlight = 0;
let mostInFlight = 0;
let restoreEnv: () => void;

beforeAll(async () => {
  web = await startDemoWebServer({ port: 0 });
  firecrawl = await startRecordingServer();
  firecrawl.respond(async (req, res) => {
    arrivals.push(Date.now());
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    res.on("close", () => inFlight--);
    const { url } = JSON.parse(req.body) as { url: string };
    // A browser takes a while: requests overlap unless the gate keeps them apart.
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (req.url.pathname === "/v2/map") return sendJson(res, 200, firecrawlMapAnswer(url, ["/", "/contact", "/services"]));
    return sendJson(res, 200, await firecrawlScrapeAnswer(web.origin, url));
  });
  restoreEnv = withEnv({
    PLACES_PROVIDER: "demo",
    CRAWL_PROVIDER: undefined,
    FIRECRAWL_API_KEY: API_KEY,
    FIRECRAWL_API_URL: firecrawl.baseUrl,
    FIRECRAWL_CONCURRENCY: "2",
    FIRECRAWL_REQUESTS_PER_MINUTE: "5",
    LLM_PROVIDER: "heuristic",
    DEMO_WEB_ORIGIN: undefined,
  });
});
afterAll(async () => {
  restoreEnv();
  await firecrawl.close();
  await web.close();
});

function resetRecording() {
  arrivals = [];
  inFlight = 0;
  mostInFlight = 0;
}

/** The most requests that arrived within `windowMs` of one another. */
function mostInOneWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** The gate an action would build (convex/firecrawlGate/actionGate.ts), over the test backend's mutations. */
function gateOver(t: ReturnType<typeof initConvexTest>) {
  return (account: string, limits: AccountLimits) =>
    new SharedRequestGate<Id<"firecrawl_leases">, Id<"firecrawl_waiters">>({
      acquire: (request) => t.mutation(internal.firecrawlGate.slots.acquire, { account, limits, ...request }),
      release: (handle) => t.mutation(internal.firecrawlGate.slots.release, { handle }),
      pause: (ms) => t.mutation(internal.firecrawlGate.slots.pause, { account, ms }),
    });
}

/** The lease an acquire answered with (the test fails if it was told to wait). */
function leaseOf(answer: { lease?: Id<"firecrawl_leases">; waitMs?: number }): Id<"firecrawl_leases"> {
  if (!answer.lease) throw new Error(`expected a lease, was told to wait ${answer.waitMs} ms`);
  return answer.lease;
}

/** The ticket an acquire answered with (the test fails if it got a lease). */
function ticketOf(answer: { ticket?: Id<"firecrawl_waiters"> }): Id<"firecrawl_waiters"> {
  if (!answer.ticket) throw new Error("expected to wait");
  return answer.ticket;
}

/** Asks the gate of `account` (one slot, 100 a window) for a slot, as an action's gate does. */
function asker(t: ReturnType<typeof initConvexTest>, account: string, holdMs: number) {
  return (tenant: string, ticket?: Id<"firecrawl_waiters">) =>
    t.mutation(internal.firecrawlGate.slots.acquire, { account, tenant, holdMs, limits: limits(1, 100), ticket });
}

const account = () => firecrawlAccount(firecrawl.baseUrl, API_KEY);
const limits = (concurrency: number, requestsPerMinute: number) => ({ concurrency, requestsPerMinute, windowMs: WINDOW_MS });

describe("Firecrawl's limits bind every audit of the deployment", () => {
  it("two agencies' runs auditing at once keep to 2 requests in flight and 5 started per window", async () => {
    // The first audit in this process loads the crawler, parsers and auditor: a blocked event loop between a lease
    // and its request that a deployment's action never shares with others. Paid first, on a backend of its own.
    const warm = initConvexTest();
    await setupDemoAgency(warm);
    await waitForRunEnd(warm, (await asOwner(warm).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 12, maxDeepAudits: 1 })).jobId);
    resetRecording();
    const t = initConvexTest();
    await setupDemoAgency(t);
    await asOther(t).mutation(api.agency.ensureDemo, {});
    // Each audit action builds its own gate, as separate processes would: only the database holds the limit.
    const [mine, theirs] = await Promise.all([
      asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 12, maxDeepAudits: 2 }),
      asOther(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 12, maxDeepAudits: 2 }),
    ]);
    // The gate's own log: every lease's start, read while it lives (leases are swept once out of the window).
    const leaseStarts = new Map<string, number>();
    let running = true;
    const watching = (async () => {
      while (running) {
        for (const lease of await t.run((ctx) => ctx.db.query("firecrawl_leases").collect())) leaseStarts.set(lease._id, lease.startedAt);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    // Meanwhile a crawler outside every action (another process: its own gate object, the same tables) crawls a site.
    const elsewhere = new FirecrawlCrawler({ apiKey: API_KEY, apiUrl: firecrawl.baseUrl, concurrency: 2, requestsPerMinute: 5, gate: gateOver(t) });
    const site = "https://lakesidedentalstudio.example/";
    const outside = elsewhere.mapUrls(site, { tenant: "elsewhere" }).then((mapped) =>
      elsewhere.scrapePages(
        mapped.map((m) => m.url),
        { tenant: "elsewhere" },
      ),
    );
    const [pages, a, b] = await Promise.all([
      outside,
      waitForRunEnd(t, mine.jobId),
      waitFor(
        async () => {
          const view = await asOther(t).query(api.marketing.getRun, { jobId: theirs.jobId });
          return view && view.run.workflowStatus !== "running" ? view : undefined;
        },
        { timeoutMs: 50_000, what: () => "the other agency's run to end" },
      ),
    ]);
    running = false;
    await watching;
    expect(a.run.workflowStatus).toBe("completed");
    expect(b.run.workflowStatus).toBe("completed");
    expect(pages).toHaveLength(3);

    // 4 audits, each a map and scrapes: far more than one window allows, so the window had to roll.
    expect(arrivals.length).toBeGreaterThan(10);
    expect(mostInFlight).toBe(2);
    // The gate started at most 5 in any window, every request included.
    expect(leaseStarts.size).toBe(arrivals.length);
    expect(mostInOneWindow([...leaseStarts.values()], WINDOW_MS)).toBeLessThanOrEqual(5);
    // The server saw them spread out too, though here every action shares the test's process (and the fake
    // server's), so another audit parsing its pages can hold a request up to a second between its lease and the
    // wire; on a deployment each action has its own process. Without the gate they would arrive within a second.
    expect(mostInOneWindow(arrivals, WINDOW_MS / 2)).toBeLessThanOrEqual(5);
    const leads = [
      ...(await asOwner(t).query(api.opportunities.listByRun, { jobId: mine.jobId })),
      ...(await asOther(t).query(api.opportunities.listByRun, { jobId: theirs.jobId })),
    ];
    // Every audit ran to its end through the queue (a demo site that answers 500 is an audit's own finding).
    const audits = leads.flatMap((l) => (l.audit ? [l.audit] : []));
    expect(audits).toHaveLength(4);
    expect(audits.every((a) => a.status === "completed" || a.status === "error")).toBe(true);
  });

  it("an audit waits while a dead action's lease holds the only slot, and goes on once the lease runs out", async () => {
    resetRecording();
    const t = initConvexTest();
    await setupDemoAgency(t);
    // An action took the only slot for its longest request and crashed: nobody will release it.
    const held = leaseOf(
      await t.mutation(internal.firecrawlGate.slots.acquire, { account: account(), tenant: "crashed", holdMs: 60_000, limits: limits(1, 100) }),
    );
    const restore = withEnv({ FIRECRAWL_CONCURRENCY: "1", FIRECRAWL_REQUESTS_PER_MINUTE: "100" });
    try {
      const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 12, maxDeepAudits: 1 });
      // The audit queues behind the dead lease and sends nothing.
      await waitFor(async () => (await t.run((ctx) => ctx.db.query("firecrawl_waiters").first())) ?? undefined, {
        timeoutMs: 30_000,
        what: () => "the audit to queue for the slot",
      });
      expect(arrivals).toHaveLength(0);
      // Its time runs out (the clock reaching `expiresAt`, without waiting a minute here).
      await t.run((ctx) => ctx.db.patch("firecrawl_leases", held, { expiresAt: Date.now() }));
      const view = await waitForRunEnd(t, jobId);
      expect(view.run.workflowStatus).toBe("completed");
      expect(arrivals.length).toBeGreaterThan(0);
      expect(mostInFlight).toBe(1);
    } finally {
      restore();
    }
  });
});

describe("the shared queue", () => {
  it("serves agencies in turn: one arriving behind another's queued requests waits for one of them, not all", async () => {
    const t = initConvexTest();
    const ask = asker(t, "fair-test", 30_000);
    const first = leaseOf(await ask("A"));
    const queued: Record<string, Id<"firecrawl_waiters">> = {};
    for (const name of ["a2", "a3", "a4"]) queued[name] = ticketOf(await ask("A"));
    queued.b1 = ticketOf(await ask("B"));

    await t.mutation(internal.firecrawlGate.slots.release, { handle: { lease: first } });
    // a2 arrived first and goes next; then B's turn comes before A's third request.
    expect(await ask("B", queued.b1)).toHaveProperty("waitMs");
    const second = leaseOf(await ask("A", queued.a2));
    await t.mutation(internal.firecrawlGate.slots.release, { handle: { lease: second } });
    expect(await ask("A", queued.a3)).toHaveProperty("waitMs");
    expect(await ask("B", queued.b1)).toHaveProperty("lease");
  });

  it("a lease nobody releases frees its slot when its hold time is over", async () => {
    const t = initConvexTest();
    const ask = asker(t, "expiry-test", 1_000);
    const takenAt = Date.now();
    expect(await ask("crashed")).toHaveProperty("lease");
    const first = ticketOf(await ask("B"));
    const granted = await waitFor(
      async () => {
        const answer = await ask("B", first);
        return "lease" in answer ? Date.now() : undefined;
      },
      { timeoutMs: 10_000, what: () => "the dead lease to expire" },
    );
    expect(granted - takenAt).toBeGreaterThanOrEqual(1_000);
  });

  it("a waiter that gives up leaves the queue, so the one behind it is not held up", async () => {
    const t = initConvexTest();
    const ask = asker(t, "gone-test", 30_000);
    const holder = leaseOf(await ask("A"));
    const quitter = ticketOf(await ask("B"));
    const next = ticketOf(await ask("C"));
    await t.mutation(internal.firecrawlGate.slots.release, { handle: { ticket: quitter } });
    await t.mutation(internal.firecrawlGate.slots.release, { handle: { lease: holder } });
    expect(await ask("C", next)).toHaveProperty("lease");
    const waiters = await t.run((ctx) => ctx.db.query("firecrawl_waiters").collect());
    expect(waiters).toEqual([]);
  });
});
