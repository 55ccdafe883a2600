import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HeuristicDossierWriter } from "../../../lib/audit/heuristicDossier";
import { LlmError, OpenAIDossierWriter, createDossierWriter } from "../../../lib/providers/llm";
import { answerChat, answerError, chatCompletion, invalidApiKeyError, openAIError, SERVER_ERROR_500, sendJson, startFakeOpenAIServer, type FakeOpenAIServer } from "../../fakes/fakeOpenAIServer";
import { NOW, OLD_TABLE_SITE_HOME, auditInput, scraped } from "./fixtures";
import { PRICES } from "../../../lib/pricing";
import { UsageMeter } from "../../../lib/usage";

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const OLD_URL = "http://www.bobsplumbing.example/";
const ABOUT_URL = "http://www.bobsplumbing.example/about.htm";

function plumberInput() {
  return auditInput(
    [
      scraped(OLD_URL, OLD_TABLE_SITE_HOME, { markdown: "**Welcome to Bob's Plumbing!** Serving Springfield since 1987." }),
      scraped(ABOUT_URL, "<html><body><p>Family owned.</p></body></html>", { markdown: "Family owned since 1987." }),
    ],
    { name: "Bob's Plumbing", website: OLD_URL, rating: 3.4, reviewsCount: 27, signals: ["LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"], targetVertical: "plumbers" },
  );
}

function writer(options: { timeoutMs?: number; maxRetries?: number; model?: string; meter?: UsageMeter } = {}) {
  return new OpenAIDossierWriter({ apiKey: "sk-test-key", baseURL: server.baseURL, clock: () => NOW, maxRetries: 0, ...options });
}

const VALID_ANSWER = {
  summary: "Bob's Plumbing in Springfield has a 3.4-star rating from 27 reviews and a 2016-era table website without HTTPS or a mobile layout.",
  identified_gaps: [
    { key: "NO_SSL", value: "The site is served over plain HTTP.", source_url: "http://www.bobsplumbing.example" },
    { key: "LOW_GOOGLE_RATING", value: "3.4 stars from 27 reviews.", source_url: "places:rating" },
    { key: "BROKEN_LINKS", value: "Several links are broken.", source_url: "https://www.somewhere-else.example/report" },
    { key: "NO_BLOG", value: "There is no blog.", source_url: "" },
  ],
  talking_points: [
    { text: "Customers on phones cannot read the 960px layout; a mobile-first rebuild fixes that.", approved_claim_id: "claim-mobile", source_url: OLD_URL },
    { text: "We guarantee page one on Google.", approved_claim_id: "claim-seo-guarantee", source_url: null },
  ],
  fit_reason: "Opportunity: low Google rating & no HTTPS.",
};

describe("OpenAIDossierWriter", () => {
  it("sends a grounded structured-output request and keeps only evidenced gaps and known claims", async () => {
    server.respond(answerChat(JSON.stringify(VALID_ANSWER)));
    const dossier = await writer({ model: "gpt-4o-mini" }).writeDossier(plumberInput());

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.authorization).toBe("Bearer sk-test-key");
    expect(request.body.model).toBe("gpt-4o-mini");
    expect(request.body.response_format.type).toBe("json_schema");
    expect(request.body.response_format.json_schema).toMatchObject({ name: "audit_dossier", strict: true });
    expect(request.body.response_format.json_schema.schema.required).toEqual(["summary", "identified_gaps", "talking_points", "fit_reason"]);
    const prompt = request.body.messages.find((m) => m.role === "user")?.content ?? "";
    expect(prompt).toContain("claim-mobile: We build mobile-first websites that load fast on any phone.");
    expect(prompt).toContain("rating (places:rating): 3.4; reviews (places:userRatingCount): 27");
    expect(prompt).toContain(`NO_SSL: Website is served over plain HTTP (${OLD_URL}) with no redirect to HTTPS. (evidence: ${OLD_URL})`);
    expect(prompt).toContain(`<page url="${ABOUT_URL}">\nFamily owned since 1987.\n</page>`);
    expect(prompt).toContain("contact email found on the website: bob@bobsplumbing.example");

    expect(dossier.provider).toBe("openai");
    expect(dossier.summary).toBe(VALID_ANSWER.summary);
    expect(dossier.fit_reason).toBe("Opportunity: low Google rating & no HTTPS.");
    const keys = dossier.identified_gaps.map((g) => g.key);
    expect(keys.slice(0, 2)).toEqual(["NO_SSL", "LOW_GOOGLE_RATING"]);
    expect(keys).not.toContain("BROKEN_LINKS");
    expect(keys).not.toContain("NO_BLOG");
    // The evidence is normalised to the crawled URL; findings the model left out are kept.
    expect(dossier.identified_gaps[0].source_url).toBe(OLD_URL);
    expect(keys).toEqual(expect.arrayContaining(["WEBSITE_NOT_MOBILE_FRIENDLY", "NO_CALL_TO_ACTION", "OUTDATED_WEBSITE"]));
    expect(dossier.talking_points).toEqual([{ text: VALID_ANSWER.talking_points[0].text, approved_claim_id: "claim-mobile", source_url: OLD_URL }]);
    expect(dossier.note).toBe('LLM answer checked: dropped gap "BROKEN_LINKS" without evidence, gap "NO_BLOG" without evidence, talking point citing unknown claim "claim-seo-guarantee".');

    const heuristic = await new HeuristicDossierWriter(() => NOW).writeDossier(plumberInput());
    expect(dossier.confirmedSignals).toEqual(heuristic.confirmedSignals);
    expect(dossier.email).toBe("bob@bobsplumbing.example");
    // Provenance, outcome and technology come from the pages, never from the model.
    expect(dossier.emailProvenance?.[0]).toMatchObject({ address: "bob@bobsplumbing.example" });
    expect(dossier.websiteOutcome).toBe("audited");
    expect(dossier.technology).toBeDefined();
  });

  it("caps the Markdown sent: 4 pages, 6,000 characters each", async () => {
    server.respond(answerChat(JSON.stringify(VALID_ANSWER)));
    const longMarkdown = `${"Drain cleaning and water heaters. ".repeat(400)}TAIL-MARKER`;
    const pages = [scraped(OLD_URL, OLD_TABLE_SITE_HOME, { markdown: longMarkdown })];
    for (let i = 1; i <= 5; i++) pages.push(scraped(`${OLD_URL}page-${i}.htm`, "<p>x</p>", { markdown: `Inner page ${i}` }));
    await writer().writeDossier(auditInput(pages, { website: OLD_URL }));
    const prompt = server.requests[0].body.messages[1].content;
    expect(prompt).toContain("[truncated]");
    expect(prompt).not.toContain("TAIL-MARKER");
    expect(prompt).toContain("Inner page 3");
    expect(prompt).not.toContain("Inner page 4");
  });

  it.each([
    ["a refusal", answerChat({ refusal: "I'm sorry, I can't help with that request." }), "LLM fallback: model refused (I'm sorry, I can't help with that request.)"],
    ["invalid JSON", answerChat('{"summary": "Bob\'s Plumbing has'), "LLM fallback: the answer was not valid JSON"],
    ["a wrong shape", answerChat(JSON.stringify({ summary: "ok", gaps: [] })), "LLM fallback: the answer did not match the dossier schema"],
    ["a cut-off answer", answerChat('{"summary": "Bob', { finishReason: "length" }), "LLM fallback: the answer was cut off (finish_reason: length)"],
    [
      "HTTP 500",
      answerError(500, SERVER_ERROR_500),
      "LLM fallback: HTTP 500 from the LLM server",
    ],
  ])("falls back to the heuristic dossier on %s", async (_name, scenario, note) => {
    server.respond(scenario);
    const dossier = await writer().writeDossier(plumberInput());
    const heuristic = await new HeuristicDossierWriter(() => NOW).writeDossier(plumberInput());
    expect(dossier.note?.startsWith(note)).toBe(true);
    expect({ ...dossier, note: undefined }).toEqual({ ...heuristic, note: undefined });
  });

  it("counts the tokens of every answered call from the API's usage field, an unusable answer included", async () => {
    const meter = new UsageMeter();
    server.respond(answerChat(JSON.stringify(VALID_ANSWER)));
    await writer({ meter, model: "gpt-4o-mini" }).writeDossier(plumberInput());
    server.respond(answerChat("not json at all"));
    const fallback = await writer({ meter, model: "gpt-4o-mini" }).writeDossier(plumberInput());
    expect(fallback.note).toMatch(/LLM fallback/);
    expect(server.requests).toHaveLength(2);
    expect(meter.usage).toMatchObject({ openaiInputTokens: 2 * 1874, openaiOutputTokens: 2 * 312 });
    const price = PRICES.openaiPerToken["gpt-4o-mini"];
    expect(meter.usage.openaiUsd).toBeCloseTo(2 * (1874 * price.input + 312 * price.output), 12);
  });

  it("retries a 500 once when asked, then succeeds", async () => {
    let calls = 0;
    server.respond((_req, res) => {
      calls++;
      if (calls === 1) sendJson(res, 500, openAIError("overloaded", "server_error"), { "retry-after-ms": "10" });
      else sendJson(res, 200, chatCompletion(JSON.stringify(VALID_ANSWER)));
    });
    const dossier = await writer({ maxRetries: 1 }).writeDossier(plumberInput());
    expect(server.requests).toHaveLength(2);
    expect(dossier.provider).toBe("openai");
  });

  it("falls back when the server is slower than the timeout", async () => {
    server.respond(server.answerLater(3000, answerChat(JSON.stringify(VALID_ANSWER))));
    const dossier = await writer({ timeoutMs: 200 }).writeDossier(plumberInput());
    expect(dossier.provider).toBe("heuristic");
    expect(dossier.note).toBe("LLM fallback: no answer within 200 ms (timeout)");
  });

  it("throws an AUTH error naming OPENAI_API_KEY on 401", async () => {
    server.respond(answerError(401, invalidApiKeyError("sk-test-key")));
    const error = await writer().writeDossier(plumberInput()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: "AUTH" });
    expect((error as Error).message).toContain("OPENAI_API_KEY");
  });

  // Regression: a retired model (404) or a reasoning model rejecting `temperature` (400)
  // used to fall back silently to the heuristic dossier on every lead.
  it("throws a CONFIG error naming OPENAI_MODEL when the model does not exist (404)", async () => {
    server.respond(answerError(404, openAIError("The model `gpt-3.5-turbo-0301` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found")));
    const error = await writer({ model: "gpt-3.5-turbo-0301" }).writeDossier(plumberInput()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: "CONFIG" });
    expect((error as Error).message).toContain("OPENAI_MODEL");
    expect((error as Error).message).toContain("gpt-3.5-turbo-0301");
  });

  it("throws a CONFIG error naming OPENAI_MODEL on any other 400", async () => {
    server.respond(answerError(400, openAIError("Invalid schema for response_format 'audit_dossier'.", "invalid_request_error")));
    const error = await writer({ model: "some-model" }).writeDossier(plumberInput()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFIG" });
    expect((error as Error).message).toContain("OPENAI_MODEL");
  });

  it("never sends temperature to a reasoning model", async () => {
    server.respond(answerChat(JSON.stringify(VALID_ANSWER)));
    const dossier = await writer({ model: "o4-mini" }).writeDossier(plumberInput());
    expect(dossier.provider).toBe("openai");
    expect(server.requests[0].body).not.toHaveProperty("temperature");
  });

  it("asks again without temperature when an unknown model rejects it", async () => {
    server.respond((request, response) => {
      if (request.body.temperature !== undefined) {
        sendJson(response, 400, openAIError("Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.", "invalid_request_error", "unsupported_value"));
      } else sendJson(response, 200, chatCompletion(JSON.stringify(VALID_ANSWER)));
    });
    const dossier = await writer({ model: "future-reasoner" }).writeDossier(plumberInput());
    expect(dossier.provider).toBe("openai");
    expect(server.requests.map((r) => r.body.temperature)).toEqual([0.2, undefined]);
  });

  it("does not call the model when the home page failed, and keeps the AUDIT_FAILED summary", async () => {
    server.respond(answerChat(JSON.stringify(VALID_ANSWER)));
    const input = auditInput([scraped(OLD_URL, "", { statusCode: 0, error: "connect ECONNREFUSED 10.0.0.7:80" })], { website: OLD_URL });
    const dossier = await writer().writeDossier(input);
    expect(server.requests).toHaveLength(0);
    expect(dossier.summary).toMatch(/^AUDIT_FAILED: the website could not be audited \(connect ECONNREFUSED/);
    expect(dossier.confirmedSignals).toEqual(["WEBSITE_DOWN"]);
  });
});

describe("createDossierWriter", () => {
  it("defaults to heuristic without a key and to openai with one", () => {
    expect(createDossierWriter({}).name).toBe("heuristic");
    expect(createDossierWriter({ OPENAI_API_KEY: "  " }).name).toBe("heuristic");
    expect(createDossierWriter({ OPENAI_API_KEY: "sk-x" }).name).toBe("openai");
    expect(createDossierWriter({ OPENAI_API_KEY: "sk-x", LLM_PROVIDER: "heuristic" }).name).toBe("heuristic");
  });

  it("uses OPENAI_MODEL and OPENAI_BASE_URL", async () => {
    server.respond(answerChat(JSON.stringify(VALID_ANSWER)));
    const dossierWriter = createDossierWriter({ LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-env", OPENAI_MODEL: "llama-3.1-8b-instruct", OPENAI_BASE_URL: server.baseURL }, { clock: () => NOW });
    await dossierWriter.writeDossier(plumberInput());
    expect(server.requests[0].body.model).toBe("llama-3.1-8b-instruct");
    expect(server.requests[0].authorization).toBe("Bearer sk-env");
  });

  it("rejects bad settings with a CONFIG error", () => {
    expect(() => createDossierWriter({ LLM_PROVIDER: "openai" })).toThrow(/needs OPENAI_API_KEY/);
    expect(() => createDossierWriter({ LLM_PROVIDER: "anthropic" })).toThrow(LlmError);
    expect(() => createDossierWriter({ OPENAI_API_KEY: "sk-x", OPENAI_BASE_URL: "not a url" })).toThrow(/OPENAI_BASE_URL/);
  });
});
