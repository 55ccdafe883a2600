import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import { PRICES } from "../../lib/pricing";
import { canonicalDomain } from "../../lib/domains";
import { startDemoWebServer, type DemoWebServer } from "../../server/demoWeb/server";
import { firecrawlMapAnswer, firecrawlScrapeAnswer } from "../fakes/fakeFirecrawl";
import { sendJson, startRecordingServer, type RecordingServer } from "../fakes/recordingServer";
import { initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, asOwner } from "./convexTestSetup";

let web: DemoWebServer;
/** A fake Firecrawl v2 API on 127.0.0.1 in its real JSON shapes, scraping the demo websites. */
let firecrawl: RecordingServer;
let restoreEnv: () => void;

beforeAll(async () => {
  web = await startDemoWebServer({ port: 0 });
  firecrawl = await startRecordingServer();
  firecrawl.respond(async (req, res) => {
    if (req.headers.authorization === "Bearer fc-no-credits") {
      return sendJson(res, 402, {
        success: false,
        error: "Insufficient credits to perform this request. For more credits, you can upgrade your plan at https://firecrawl.dev/pricing",
      });
    }
    if (req.headers.authorization !== "Bearer fc-test") return sendJson(res, 401, { success: false, error: "Unauthorized: Invalid token" });
    const { url } = JSON.parse(req.body) as { url: string };
    if (req.url.pathname === "/v2/map") return sendJson(res, 200, firecrawlMapAnswer(url, ["/", "/contact", "/services", "/about"]));
    if (req.url.pathname === "/v2/scrape") return sendJson(res, 200, await firecrawlScrapeAnswer(web.origin, url));
    return sendJson(res, 404, { success: false, error: "Not found" });
  });
  restoreEnv = withEnv({
    PLACES_PROVIDER: "demo",
    CRAWL_PROVIDER: undefined,
    FIRECRAWL_API_KEY: "fc-test",
    FIRECRAWL_API_URL: firecrawl.baseUrl,
    // The free plan's defaults (2 at once, 10 a minute) would make this test wait minutes.
    FIRECRAWL_CONCURRENCY: "6",
    FIRECRAWL_REQUESTS_PER_MINUTE: "1000",
    LLM_PROVIDER: "heuristic",
    DEMO_WEB_ORIGIN: undefined,
  });
});
afterAll(async () => {
  restoreEnv();
  await firecrawl.close();
  await web.close();
});

describe("a run with Firecrawl configured", () => {
  it("maps and scrapes through the Firecrawl API and writes dossiers from its pages", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 12, maxDeepAudits: 3 });
    const view = await waitForRunEnd(t, jobId);
    expect(view.run.workflowStatus).toBe("completed");
    expect(firecrawl.requests.some((r) => r.url.pathname === "/v2/map")).toBe(true);
    expect(firecrawl.requests.filter((r) => r.url.pathname === "/v2/scrape").length).toBeGreaterThan(3);
    // Usage: one credit per map and per scrape Firecrawl answered (no creditsUsed in these answers), priced per credit.
    const answered = firecrawl.requests.filter((r) => r.url.pathname === "/v2/map" || r.url.pathname === "/v2/scrape").length;
    expect(view.run.usage).toMatchObject({ firecrawlCredits: answered, charged: true });
    expect(view.run.usage!.costUsd).toBeCloseTo(answered * PRICES.firecrawlPerCredit, 10);

    const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    const audited = leads.filter((l) => l.audit?.status === "completed");
    expect(audited.length).toBeGreaterThan(0);
    for (const lead of audited) {
      const report = (await asOwner(t).query(api.opportunities.get, { opportunityId: lead._id }))!;
      expect(report.pages.length).toBeGreaterThan(1);
      expect(report.dossier!.summary).toContain(lead.name);
      for (const gap of report.dossier!.identified_gaps.filter((g) => g.source_url?.startsWith("http"))) {
        expect(canonicalDomain(gap.source_url)).toBe(lead.domain);
      }
    }
  });

  it("a rejected Firecrawl key fails the run with a message naming FIRECRAWL_API_KEY", async () => {
    const restore = withEnv({ FIRECRAWL_API_KEY: "fc-revoked" });
    try {
      const t = initConvexTest();
      await setupDemoAgency(t);
      const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 12, maxDeepAudits: 2 });
      const view = await waitForRunEnd(t, jobId);
      expect(view.run.workflowStatus).toBe("failed");
      expect(view.run.error).toMatch(/FIRECRAWL_API_KEY/);
      expect(view.run.phases.find((p) => p.name === "scrape_content")?.status).toBe("error");
    } finally {
      restore();
    }
  });

  // Regression: a 402 failed each audit on its own and the run still ended "completed".
  it("Firecrawl out of credits (402) fails the run naming the credits of FIRECRAWL_API_KEY", async () => {
    const restore = withEnv({ FIRECRAWL_API_KEY: "fc-no-credits" });
    try {
      const t = initConvexTest();
      await setupDemoAgency(t);
      const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 12, maxDeepAudits: 2 });
      const view = await waitForRunEnd(t, jobId);
      expect(view.run.workflowStatus).toBe("failed");
      expect(view.run.error).toMatch(/no credits left for FIRECRAWL_API_KEY/);
    } finally {
      restore();
    }
  });
});
