/**
 * Usage, cost and the monthly budget, with the real clients against fakes on 127.0.0.1: Google Places (New) serving
 * the demo dataset's businesses (so their `.example` websites are the demo web server's), the built-in crawler and
 * an OpenAI-compatible server that reports `usage` like OpenAI (1,874 prompt + 312 completion tokens a call).
 */
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { PRICES } from "../../lib/pricing";
import { DemoPlacesProvider } from "../../lib/providers/places";
import { monthKey } from "../../lib/usage";
import { startDemoWebServer, type DemoWebServer } from "../../server/demoWeb/server";
import { chatCompletion, sendJson as sendChat, startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/fakeOpenAIServer";
import { newApiPlace } from "../fakes/googleFixtures";
import { sendJson, startRecordingServer, type RecordingServer } from "../fakes/recordingServer";
import { asOwner, initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, type TestConvex } from "./convexTestSetup";
import { waitFor } from "../waitFor";

let web: DemoWebServer;
let google: RecordingServer;
let llm: FakeOpenAIServer;
let restoreEnv: () => void;
/** While set, the fake Places server holds its answers until it resolves (to act between two steps of a run). */
let placesGate: Promise<void> | undefined;

const demoPlaces = new DemoPlacesProvider();
const PROMPT_TOKENS = 1874;
const COMPLETION_TOKENS = 312;
const MODEL = "gpt-4o-mini";

beforeAll(async () => {
  web = await startDemoWebServer({ port: 0 });
  google = await startRecordingServer();
  google.respond(async (request, res) => {
    await placesGate;
    const body = JSON.parse(request.body) as { textQuery: string; pageToken?: string };
    const page = await demoPlaces.searchPage({ textQuery: body.textQuery, pageToken: body.pageToken });
    sendJson(res, 200, {
      places: page.places.map(newApiPlace),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    });
  });
  llm = await startFakeOpenAIServer();
  llm.respond((request, res) => {
    const schema = request.body.response_format?.json_schema?.name ?? "";
    const prompt = JSON.stringify(request.body.messages);
    const answer =
      schema === "audit_pages"
        ? { urls: [...prompt.matchAll(/https?:\/\/[^\s"\\]+/g)].map((m) => m[0]).slice(0, 3) }
        : {
            summary: "A busy practice whose website loses mobile visitors.",
            identified_gaps: [],
            talking_points: [],
            fit_reason: "Website not mobile-friendly.",
          };
    sendChat(res, 200, chatCompletion(JSON.stringify(answer)));
  });
  restoreEnv = withEnv({
    PLACES_PROVIDER: "google",
    GOOGLE_PLACES_API_KEY: "test-key",
    GOOGLE_PLACES_BASE_URL: google.baseUrl,
    GOOGLE_PLACES_API: undefined,
    CRAWL_PROVIDER: "builtin",
    FIRECRAWL_API_KEY: undefined,
    DEMO_WEB_ORIGIN: web.origin,
    LLM_PROVIDER: "openai",
    OPENAI_API_KEY: "sk-test",
    OPENAI_MODEL: MODEL,
    OPENAI_BASE_URL: llm.baseURL,
  });
});
afterAll(async () => {
  restoreEnv();
  await llm.close();
  await google.close();
  await web.close();
});
beforeEach(() => {
  google.requests.length = 0;
  llm.requests.length = 0;
  placesGate = undefined;
});

const searches = () => google.requests.filter((r) => r.url.pathname === "/v1/places:searchText").length;

async function monthRow(t: TestConvex) {
  return await asOwner(t).query(api.usage.thisMonth, { now: Date.now() });
}

async function setBudget(t: TestConvex, monthlyBudgetUsd: number | undefined) {
  return await asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, ...(monthlyBudgetUsd === undefined ? {} : { monthlyBudgetUsd }) });
}

async function refusal(promise: Promise<unknown>) {
  return await promise.then(
    () => null,
    (error: unknown) => (error instanceof ConvexError ? (error.data as { code: string; message: string }) : { code: String(error), message: "" }),
  );
}

describe("usage and cost per run, per month", () => {
  it("records what each run really used and cost, and adds runs and re-audits up per agency per UTC month", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);

    const first = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 1 });
    const one = (await waitForRunEnd(t, first.jobId, 60_000)).run;
    expect(one.workflowStatus).toBe("completed");
    const placesCalls = searches();
    const llmCalls = llm.requests.length;
    expect(placesCalls).toBeGreaterThanOrEqual(1);
    expect(llmCalls).toBeGreaterThanOrEqual(1);
    expect(one.usage).toMatchObject({
      placesRequests: placesCalls,
      firecrawlCredits: 0,
      openaiInputTokens: llmCalls * PROMPT_TOKENS,
      openaiOutputTokens: llmCalls * COMPLETION_TOKENS,
      charged: true,
    });
    const price = PRICES.openaiPerToken[MODEL];
    const expectedCost =
      placesCalls * PRICES.placesTextSearchEnterprisePerRequest + llmCalls * (PROMPT_TOKENS * price.input + COMPLETION_TOKENS * price.output);
    expect(one.usage!.costUsd).toBeCloseTo(expectedCost, 10);
    // The built-in crawler's pages are counted (no charge): the audited lead's pages.
    const jobs = await t.run(async (ctx) => ctx.db.query("audit_jobs").collect());
    expect(one.usage!.pagesCrawled).toBe(jobs.reduce((n, j) => n + (j.pagesCrawled ?? 0), 0));
    expect(one.usage!.pagesCrawled).toBeGreaterThan(0);
    expect(jobs[0].usage?.pagesCrawled).toBe(one.usage!.pagesCrawled);

    // A second run, another campaign: the month adds both up.
    const second = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 1, targetGeography: "Austin, TX" });
    const two = (await waitForRunEnd(t, second.jobId, 60_000)).run;
    expect(two.workflowStatus).toBe("completed");
    expect(two.usage!.placesRequests).toBe(searches() - placesCalls);
    let month = await monthRow(t);
    expect(month.month).toBe(monthKey(Date.now()));
    expect(month.runs).toBe(2);
    expect(month.usage.placesRequests).toBe(searches());
    expect(month.usage.openaiInputTokens).toBe(llm.requests.length * PROMPT_TOKENS);
    expect(month.spentUsd).toBeCloseTo(one.usage!.costUsd + two.usage!.costUsd, 10);

    // A re-audit counts too: its usage is on its job and in the month, not on the run.
    const [lead] = (await asOwner(t).query(api.opportunities.listByRun, { jobId: first.jobId })).filter((l) => l.auditJobId);
    const callsBefore = llm.requests.length;
    const { auditJobId } = await asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: lead._id });
    const job = await waitForJob(t, auditJobId);
    expect(job.status).toBe("completed");
    const reauditCalls = llm.requests.length - callsBefore;
    expect(job.usage).toMatchObject({ openaiInputTokens: reauditCalls * PROMPT_TOKENS, placesRequests: 0 });
    month = await monthRow(t);
    expect(month.reaudits).toBe(1);
    expect(month.spentUsd).toBeCloseTo(one.usage!.costUsd + two.usage!.costUsd + job.usage!.costUsd, 10);
    expect((await asOwner(t).query(api.marketing.getRun, { jobId: first.jobId }))!.run.usage).toEqual(one.usage);
    // Above its three waits: two runs (60 s each) and a re-audit (60 s).
  }, 200_000);
});

async function waitForJob(t: TestConvex, auditJobId: Id<"audit_jobs">) {
  let status: string | undefined;
  return await waitFor(
    async () => {
      const job = await t.run(async (ctx) => ctx.db.get("audit_jobs", auditJobId));
      status = job?.status;
      return job && job.status !== "queued" && job.status !== "running" ? job : undefined;
    },
    { timeoutMs: 60_000, what: () => `the audit job to settle (still ${status})` },
  );
}

describe("the monthly budget", () => {
  it("refuses a run whose estimate would pass the month's budget: BUDGET_EXCEEDED in plain words, nothing written", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    await setBudget(t, 0.12);
    const refused = await refusal(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 10 }));
    expect(refused?.code).toBe("BUDGET_EXCEEDED");
    expect(refused?.message).toMatch(
      /^This run of 10 leads could cost up to \$0\.\d+, and your agency has spent \$0\.00 of its \$0\.12 budget for \w+ \d{4} \(\$0\.12 left\)\./,
    );
    expect(await asOwner(t).query(api.marketing.listRuns, {})).toEqual([]);
    expect(await t.run(async (ctx) => ctx.db.query("agency_usage").collect())).toEqual([]);
    expect(searches()).toBe(0);
    // A smaller run that fits is accepted.
    const small = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 1, maxDeepAudits: 0 });
    expect((await waitForRunEnd(t, small.jobId, 60_000)).run.workflowStatus).toBe("completed");
    // Above the run's wait (60 s).
  }, 70_000);

  it("takes a budget in dollars, refuses a nonsense one (INVALID_BUDGET, nothing changed) and clears it on request", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    await setBudget(t, 25.5);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e9]) {
      expect((await refusal(setBudget(t, bad)))?.code, String(bad)).toBe("INVALID_BUDGET");
      expect((await refusal(asOwner(t).mutation(api.agency.setMonthlyBudget, { monthlyBudgetUsd: bad })))?.code, String(bad)).toBe("INVALID_BUDGET");
    }
    expect((await asOwner(t).query(api.agency.get, {}))!.monthlyBudgetUsd).toBe(25.5);
    // Saving the profile without a budget keeps it; clearing is explicit.
    await setBudget(t, undefined);
    expect((await monthRow(t)).budgetUsd).toBe(25.5);
    await asOwner(t).mutation(api.agency.setMonthlyBudget, { monthlyBudgetUsd: null });
    expect((await asOwner(t).query(api.agency.get, {}))!).not.toHaveProperty("monthlyBudgetUsd");
  });

  it("never holds back a run on the free demo providers, even with a budget of $0", async () => {
    const restore = withEnv({ PLACES_PROVIDER: "demo", GOOGLE_PLACES_API_KEY: undefined, LLM_PROVIDER: "heuristic", OPENAI_API_KEY: undefined });
    try {
      const t = initConvexTest();
      await setupDemoAgency(t);
      await setBudget(t, 0);
      expect(await asOwner(t).query(api.usage.estimateRun, { numLeads: 10 })).toEqual({ totalUsd: 0, free: true });
      const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 1 });
      const { run } = await waitForRunEnd(t, jobId, 60_000);
      expect(run.workflowStatus).toBe("completed");
      expect(run.budgetStop).toBeUndefined();
      // Demo usage is counted, at no charge.
      expect(run.usage).toMatchObject({ placesRequests: 1, costUsd: 0, charged: false });
      expect(run.usage!.pagesCrawled).toBeGreaterThan(0);
      expect(searches()).toBe(0);
    } finally {
      restore();
    }
    // Above the run's wait (60 s).
  }, 70_000);

  it("a run still running holds its estimate: a second run that would pass the budget beside it is refused until it ends", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const first = { numLeads: 3, maxDeepAudits: 2 };
    const second = { numLeads: 2, maxDeepAudits: 1, targetVertical: "plumbers", targetGeography: "Austin, TX" };
    const firstUsd = (await asOwner(t).query(api.usage.estimateRun, first)).totalUsd;
    const secondUsd = (await asOwner(t).query(api.usage.estimateRun, { numLeads: second.numLeads, maxDeepAudits: second.maxDeepAudits })).totalUsd;
    // Room for either run alone, not for both estimates at once.
    await setBudget(t, Math.round((firstUsd + secondUsd - 0.002) * 1000) / 1000);
    let release!: () => void;
    placesGate = new Promise((resolve) => (release = resolve));
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, first);
    await waitFor(() => searches() >= 1, { timeoutMs: 30_000, intervalMs: 20, what: "the first run's Places search" });

    const refused = await refusal(asOwner(t).mutation(api.marketing.startLeadGenWorkflow, second));
    expect(refused?.code).toBe("BUDGET_EXCEEDED");
    expect(refused?.message).toMatch(/has spent \$0\.00 of its \$[\d.]+ budget for \w+ \d{4}, with work still running that could cost up to \$[\d.]+ more \(/);
    expect((await asOwner(t).query(api.marketing.listRuns, {})).map((r) => r._id)).toEqual([jobId]);

    release();
    expect((await waitForRunEnd(t, jobId, 60_000)).run.workflowStatus).toBe("completed");
    // Done, the first run holds only what it really spent (less than its estimate): the second now fits.
    const again = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, second);
    expect((await waitForRunEnd(t, again.jobId, 60_000)).run.workflowStatus).toBe("completed");
    expect((await monthRow(t)).usage.costUsd).toBeLessThanOrEqual((await monthRow(t)).budgetUsd!);
  }, 160_000);

  it("a run that crosses the budget mid-way skips its website audits and completes on Places data, saying why", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    await setBudget(t, 5);
    let release!: () => void;
    placesGate = new Promise((resolve) => (release = resolve));
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 2 });
    // While Places is answering, the owner lowers the budget below what the audits could still cost.
    await waitFor(() => searches() >= 1, { timeoutMs: 30_000, intervalMs: 20, what: "the first Places search" });
    await setBudget(t, 0.036);
    release();
    const view = await waitForRunEnd(t, jobId, 60_000);
    expect(view.run.workflowStatus).toBe("completed");
    expect(view.run.budgetStop).toMatch(
      /^the monthly budget of \$0\.036 would be passed \(\$0\.035 spent in \w+ \d{4}, the website audits and dossiers could cost up to \$0\.0\d\d\)$/,
    );
    expect(view.run.lastEvent.message).toMatch(/website audits skipped: the monthly budget/);
    expect(llm.requests).toHaveLength(0);
    expect(view.run.usage).toMatchObject({ placesRequests: searches(), openaiInputTokens: 0, pagesCrawled: 0 });
    const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    expect(leads.length).toBeGreaterThan(0);
    expect(leads.every((l) => l.status === "READY" && l.auditJobId === undefined)).toBe(true);
    // A lead whose website would have been audited says why it was not.
    const withSite = leads.find((l) => l.website?.includes(".example"));
    expect(withSite).toBeDefined();
    const report = await asOwner(t).query(api.opportunities.get, { opportunityId: withSite!._id });
    expect(report!.dossier!.summary).toMatch(/^Not audited: the monthly budget of \$0\.036 would be passed/);
    // Past the budget, paid work is refused outright.
    expect((await refusal(asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: leads[0]._id })))?.code).toBe("BUDGET_EXCEEDED");
    expect((await monthRow(t)).reaudits).toBe(0);
    // Above its two waits: the first Places search (30 s) and the run (60 s).
  }, 100_000);
});
