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
    const user: string = request.body.messages.find((m: { role: string }) => m.role === "user")?.content ?? "";
    // Like a model that read the prompt: echo the confirmed findings and pitch one with a claim that answers it.
    const findings = [...user.matchAll(/^- ([A-Z_]+): .*\(evidence: (\S+)\)/gm)].map((m) => ({ key: m[1], source_url: m[2] }));
    const claims = [...user.matchAll(/^- ([\w-]+) \[answers: ([^\]]*)\]: /gm)].map((m) => ({ id: m[1], answers: m[2].split(", ") }));
    // The benchmark line the prompt offers, quoted in the email like a model that uses it.
    const benchmark = /^BENCHMARK \(may be quoted\): (.+)$/m.exec(user)?.[1];
    const pitchable = findings.flatMap((f) => claims.filter((c) => c.answers.includes(f.key)).map((c) => ({ key: f.key, claim: c.id }))).slice(0, 1);
    const answer =
      schema === "audit_pages"
        ? { urls: [...prompt.matchAll(/https?:\/\/[^\s"\\]+/g)].map((m) => m[0]).slice(0, 3) }
        : {
            summary: "LLM SUMMARY: a busy practice whose website loses visitors.",
            identified_gaps: [
              ...findings.map((f) => ({ key: f.key, value: `Confirmed: ${f.key.toLowerCase()}`, source_url: f.source_url })),
              { key: "UNSUPPORTED_CLAIM", value: "Their competitors are better", source_url: "https://elsewhere.example/" },
            ],
            talking_points: [
              ...pitchable.map((p) => ({ text: "LLM POINT: we can fix this for you.", approved_claim_id: p.claim, gap_keys: [p.key], source_url: null })),
              { text: "We guarantee page one on Google.", approved_claim_id: "claim-made-up", gap_keys: ["POOR_SEO"], source_url: null },
            ],
            fit_reason: "Opportunity: a website that loses visitors.",
            outreach: {
              email_subject: "LLM SUBJECT: your website",
              email_body: `Hi there,\n\n${benchmark ? `${benchmark}\n\n` : ""}Your website is losing visitors. We can help.\n\nBest regards,\nAtlas Demo Agency`,
              call_script: "Opening: Hi, I'm calling from Atlas Demo Agency about your website.",
            },
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
    for (const { dossier, auditJob, opportunity, outreach } of audited) {
      expect(auditJob!.provider).toBe("openai");
      expect(dossier!.summary).toMatch(/^LLM SUMMARY/);
      expect(dossier!.talking_points.map((p) => p.approved_claim_id)).not.toContain("claim-made-up");
      expect(dossier!.identified_gaps.map((g) => g.key)).not.toContain("UNSUPPORTED_CLAIM");
      // The answer was checked and the report says what was dropped or repaired.
      expect(dossier!.writerCheck?.outcome).toBe("repaired");
      expect(outreach?.emailSubject).toBe("LLM SUBJECT: your website");
      expect(dossier!.writerCheck?.detail).toContain('talking point citing unknown claim "claim-made-up"');
      // Confirmed signals come from the heuristic checks, never from the model.
      for (const signal of opportunity.signals.filter((s) => s !== "LOW_GOOGLE_RATING")) {
        expect(dossier!.identified_gaps.map((g) => g.key)).toContain(signal);
      }
    }
  });

  it("gives the writer each lead's competitor benchmark, so its drafts can quote it (deep-audited and Places-only leads)", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const from = llm.requests.length;
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 10, maxDeepAudits: 2 });
    const view = await waitForRunEnd(t, jobId);
    expect(view.run.workflowStatus).toBe("completed");
    const prompts = llm.requests
      .slice(from)
      .filter((r) => r.body.response_format?.json_schema?.name === "audit_dossier")
      .map((r) => r.body.messages.find((m) => m.role === "user")?.content ?? "");

    const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    expect(leads.length).toBe(10);
    const asked = { deep: 0, placesOnly: 0 };
    for (const lead of leads) {
      const scorecard = await asOwner(t).query(api.reports.getScorecard, { opportunityId: lead._id });
      const sentence = scorecard!.benchmark!.sentence;
      expect(sentence).toMatch(/^You have .+; .+ in this search .+\.$/);
      const report = (await asOwner(t).query(api.opportunities.get, { opportunityId: lead._id }))!;
      // Every lead's email quotes the benchmark the report shows, whoever wrote it.
      expect(report.outreach?.emailBody, lead.name).toContain(sentence);
      // The model is asked for the deep-audited leads and those with no website to crawl (an over-limit website
      // gets the built-in dossier): its request for this lead, found by the lead's name, carried the same sentence.
      const prompt = prompts.find((p) => p.includes(`name (places:displayName): ${lead.name}\n`));
      if (!prompt) continue;
      expect(prompt).toContain(`BENCHMARK (may be quoted): ${sentence}`);
      expect(report.outreach?.emailSubject).toBe("LLM SUBJECT: your website");
      asked[report.auditJob?.status === "completed" ? "deep" : "placesOnly"]++;
    }
    expect(asked.deep).toBe(2);
    expect(asked.placesOnly).toBeGreaterThan(0);
  });
});
