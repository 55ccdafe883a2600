import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import { startDemoWebServer, type DemoWebServer } from "../../server/demoWeb/server";
import { chatCompletion, sendJson, startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/fakeOpenAIServer";
import { initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, asOwner } from "./convexTestSetup";

let web: DemoWebServer;
let llm: FakeOpenAIServer;
let restoreEnv: () => void;

beforeAll(async () => {
  web = await startDemoWebServer({ port: 0 });
  llm = await startFakeOpenAIServer();
  llm.respond((request, res) => {
    const schema = request.body.response_format?.json_schema?.name ?? "";
    const prompt = JSON.stringify(request.body.messages);
    const answer =
      schema === "audit_pages"
        ? { urls: [...prompt.matchAll(/https?:\/\/[^\s"\\]+/g)].map((m) => m[0]).slice(0, 3) }
        : {
            summary: "LLM SUMMARY: a busy practice whose website loses mobile visitors.",
            identified_gaps: [{ key: "UNSUPPORTED_CLAIM", value: "Their competitors are better", source_url: "https://elsewhere.example/" }],
            talking_points: [
              { text: "A mobile-friendly rebuild would turn phone visitors into bookings.", approved_claim_id: "claim-mobile", source_url: null },
              { text: "We guarantee page one on Google.", approved_claim_id: "claim-made-up", source_url: null },
            ],
            fit_reason: "Opportunity: website not mobile-friendly.",
          };
    sendJson(res, 200, chatCompletion(JSON.stringify(answer)));
  });
  restoreEnv = withEnv({
    PLACES_PROVIDER: "demo",
    CRAWL_PROVIDER: "builtin",
    DEMO_WEB_ORIGIN: web.origin,
    LLM_PROVIDER: undefined,
    OPENAI_API_KEY: "sk-test",
    OPENAI_MODEL: "gpt-4o-mini",
    OPENAI_BASE_URL: llm.baseURL,
  });
});
afterAll(async () => {
  restoreEnv();
  await llm.close();
  await web.close();
});

describe("a run with an OpenAI-compatible LLM configured", () => {
  it("writes grounded LLM dossiers: unknown claims and evidence-less gaps are dropped, findings kept", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 10, maxDeepAudits: 2 });
    const view = await waitForRunEnd(t, jobId);
    expect(view.run.workflowStatus).toBe("completed");
    const seen = llm.requests.map((r) => ({ schema: r.body.response_format?.json_schema?.name ?? "", model: r.body.model }));
    expect(seen.some((s) => s.schema === "audit_pages")).toBe(true);
    expect(seen.some((s) => s.schema === "audit_dossier")).toBe(true);
    expect(seen.every((s) => s.model === "gpt-4o-mini")).toBe(true);

    const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    const audited = [];
    for (const lead of leads.filter((l) => l.audit?.status === "completed")) {
      audited.push((await asOwner(t).query(api.opportunities.get, { opportunityId: lead._id }))!);
    }
    expect(audited.length).toBeGreaterThan(0);
    for (const { dossier, auditJob, opportunity } of audited) {
      expect(auditJob!.provider).toBe("openai");
      expect(dossier!.summary).toMatch(/^LLM SUMMARY/);
      expect(dossier!.talking_points.map((p) => p.approved_claim_id)).not.toContain("claim-made-up");
      expect(dossier!.identified_gaps.map((g) => g.key)).not.toContain("UNSUPPORTED_CLAIM");
      // Confirmed signals come from the heuristic checks, never from the model.
      for (const signal of opportunity.signals.filter((s) => s !== "LOW_GOOGLE_RATING")) {
        expect(dossier!.identified_gaps.map((g) => g.key)).toContain(signal);
      }
    }
  });
});
