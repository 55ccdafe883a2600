import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HeuristicDossierWriter } from "../../../lib/audit/heuristicDossier";
import { LlmError, OpenAIDossierWriter, createDossierWriter } from "../../../lib/providers/llm";
import {
  answerChat,
  answerError,
  chatCompletion,
  invalidApiKeyError,
  openAIError,
  SERVER_ERROR_500,
  sendJson,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from "../../fakes/fakeOpenAIServer";
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
    {
      text: "Customers on phones cannot read your pages without zooming; a mobile-first rebuild fixes that.",
      approved_claim_id: "claim-mobile",
      gap_keys: ["WEBSITE_NOT_MOBILE_FRIENDLY"],
      source_url: OLD_URL,
    },
    { text: "We guarantee page one on Google.", approved_claim_id: "claim-seo-guarantee", gap_keys: ["POOR_SEO"], source_url: null },
  ],
  fit_reason: "Opportunity: a Google rating under 4 stars and a website that isn't secure.",
  outreach: {
    email_subject: "A quick idea for Bob's Plumbing's website",
    email_body:
      "Hi Bob's Plumbing team,\n\nYour site is hard to read on phones. We build mobile-first websites that load fast on any phone.\n\nBest regards,\nThe Brightside Digital team",
    call_script: "Opening: Hi, I'm calling from Brightside Digital about your website.\n\nThe ask: Would you be open to a 15-minute call this week?",
  },
};

/** An answer that pitches every sold gap with a claim that answers it, in plain English. */
const CLEAN_ANSWER = {
  ...VALID_ANSWER,
  identified_gaps: [{ key: "NO_SSL", value: "The site is served over plain HTTP.", source_url: OLD_URL }],
  talking_points: [
    {
      text: "Your rating of 3.4 stars turns people away. Our review program helps local businesses earn more 5-star Google reviews.",
      approved_claim_id: "claim-reviews",
      gap_keys: ["LOW_GOOGLE_RATING"],
      source_url: "places:rating",
    },
    {
      text: "Visitors on phones have to pinch and zoom. We build mobile-first websites that load fast on any phone.",
      approved_claim_id: "claim-mobile",
      gap_keys: ["WEBSITE_NOT_MOBILE_FRIENDLY"],
      source_url: OLD_URL,
    },
    {
      text: "Browsers warn your visitors that your site is not secure. Every site we host ships with a secure connection.",
      approved_claim_id: "claim-ssl",
      gap_keys: ["NO_SSL"],
      source_url: OLD_URL,
    },
    {
      text: "Customers cannot book online. We set up online booking so customers can schedule 24/7.",
      approved_claim_id: "claim-booking",
      gap_keys: ["NO_ONLINE_BOOKING"],
      source_url: OLD_URL,
    },
  ],
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
    expect(request.body.response_format.json_schema.schema.required).toEqual(["summary", "identified_gaps", "talking_points", "fit_reason", "outreach"]);
    const prompt = request.body.messages.find((m) => m.role === "user")?.content ?? "";
    expect(prompt).toContain(
      "claim-mobile [answers: WEBSITE_NOT_MOBILE_FRIENDLY, SLOW_OR_HEAVY_PAGE]: We build mobile-first websites that load fast on any phone.",
    );
    expect(prompt).toContain("GAPS NO CLAIM ANSWERS (do not pitch): NO_CALL_TO_ACTION");
    expect(prompt).toContain("rating (places:rating): 3.4; reviews (places:userRatingCount): 27");
    expect(prompt).toContain(
      `NO_SSL: Website is served over plain HTTP (${OLD_URL}) with no redirect to HTTPS. (evidence: ${OLD_URL}) — in plain words: "Your site doesn't use a secure connection`,
    );
    expect(prompt).toContain(`<page url="${ABOUT_URL}">\nFamily owned since 1987.\n</page>`);
    expect(prompt).toContain("contact email found on the website: bob@bobsplumbing.example");

    expect(dossier.provider).toBe("openai");
    expect(dossier.summary).toBe(VALID_ANSWER.summary);
    expect(dossier.fit_reason).toBe(VALID_ANSWER.fit_reason);
    const keys = dossier.identified_gaps.map((g) => g.key);
    expect(keys.slice(0, 2)).toEqual(["NO_SSL", "LOW_GOOGLE_RATING"]);
    expect(keys).not.toContain("BROKEN_LINKS");
    expect(keys).not.toContain("NO_BLOG");
    // The evidence is normalised to the crawled URL; findings the model left out are kept.
    expect(dossier.identified_gaps[0].source_url).toBe(OLD_URL);
    expect(keys).toEqual(expect.arrayContaining(["WEBSITE_NOT_MOBILE_FRIENDLY", "NO_CALL_TO_ACTION", "OUTDATED_WEBSITE"]));
    // The model's valid point is kept; the sold gaps it did not pitch get the built-in point (repair).
    expect(dossier.talking_points[0]).toEqual({
      text: VALID_ANSWER.talking_points[0].text,
      approved_claim_id: "claim-mobile",
      source_url: OLD_URL,
      gap_keys: ["WEBSITE_NOT_MOBILE_FRIENDLY"],
    });
    expect(dossier.talking_points.slice(1).map((p) => p.approved_claim_id)).toEqual(["claim-reviews", "claim-ssl", "claim-booking"]);
    expect(dossier.unpitchedSignals).toEqual(["NO_CALL_TO_ACTION"]);
    expect(dossier.writerCheck?.outcome).toBe("repaired");
    expect(dossier.writerCheck?.detail).toBe(
      'Checked and repaired: dropped 3 items (gap "BROKEN_LINKS" without evidence from a crawled page; gap "NO_BLOG" without evidence from a crawled page; talking point citing unknown claim "claim-seo-guarantee"); ' +
        "added the built-in talking point for LOW_GOOGLE_RATING, NO_SSL, NO_ONLINE_BOOKING.",
    );
    expect(dossier.outreach).toEqual({
      emailSubject: VALID_ANSWER.outreach.email_subject,
      emailBody: VALID_ANSWER.outreach.email_body,
      callScript: VALID_ANSWER.outreach.call_script,
    });

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
    [
      "a refusal",
      answerChat({ refusal: "I'm sorry, I can't help with that request." }),
      "LLM fallback: model refused (I'm sorry, I can't help with that request.)",
    ],
    ["invalid JSON", answerChat('{"summary": "Bob\'s Plumbing has'), "LLM fallback: the answer was not valid JSON"],
    ["a wrong shape", answerChat(JSON.stringify({ summary: "ok", gaps: [] })), "LLM fallback: the answer did not match the dossier schema"],
    ["a cut-off answer", answerChat('{"summary": "Bob', { finishReason: "length" }), "LLM fallback: the answer was cut off (finish_reason: length)"],
    ["HTTP 500", answerError(500, SERVER_ERROR_500), "LLM fallback: HTTP 500 from the LLM server"],
  ])("falls back to the heuristic dossier on %s", async (_name, scenario, note) => {
    server.respond(scenario);
    const dossier = await writer().writeDossier(plumberInput());
    const heuristic = await new HeuristicDossierWriter(() => NOW).writeDossier(plumberInput());
    expect(dossier.note?.startsWith(note)).toBe(true);
    expect(dossier.writerCheck?.outcome).toBe("fallback");
    expect(dossier.writerCheck?.detail).toMatch(/^The AI gave no usable answer \(.+\); this dossier was written by the built-in auditor\.$/);
    expect({ ...dossier, note: undefined, writerCheck: undefined }).toEqual({ ...heuristic, note: undefined });
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
    const error = await writer()
      .writeDossier(plumberInput())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: "AUTH" });
    expect((error as Error).message).toContain("OPENAI_API_KEY");
  });

  // Regression: a retired model (404) or a reasoning model rejecting `temperature` (400)
  // used to fall back silently to the heuristic dossier on every lead.
  it("throws a CONFIG error naming OPENAI_MODEL when the model does not exist (404)", async () => {
    server.respond(
      answerError(
        404,
        openAIError("The model `gpt-3.5-turbo-0301` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"),
      ),
    );
    const error = await writer({ model: "gpt-3.5-turbo-0301" })
      .writeDossier(plumberInput())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: "CONFIG" });
    expect((error as Error).message).toContain("OPENAI_MODEL");
    expect((error as Error).message).toContain("gpt-3.5-turbo-0301");
  });

  it("throws a CONFIG error naming OPENAI_MODEL on any other 400", async () => {
    server.respond(answerError(400, openAIError("Invalid schema for response_format 'audit_dossier'.", "invalid_request_error")));
    const error = await writer({ model: "some-model" })
      .writeDossier(plumberInput())
      .catch((e: unknown) => e);
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
        sendJson(
          response,
          400,
          openAIError(
            "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.",
            "invalid_request_error",
            "unsupported_value",
          ),
        );
      } else sendJson(response, 200, chatCompletion(JSON.stringify(VALID_ANSWER)));
    });
    const dossier = await writer({ model: "future-reasoner" }).writeDossier(plumberInput());
    expect(dossier.provider).toBe("openai");
    expect(server.requests.map((r) => r.body.temperature)).toEqual([0.2, undefined]);
  });

  it("does not call the model when the home page failed, and keeps the heuristic summary", async () => {
    server.respond(answerChat(JSON.stringify(VALID_ANSWER)));
    const input = auditInput([scraped(OLD_URL, "", { statusCode: 0, error: "connect ECONNREFUSED 10.0.0.7:80" })], { website: OLD_URL });
    const dossier = await writer().writeDossier(input);
    expect(server.requests).toHaveLength(0);
    expect(dossier.summary).toMatch(/^We couldn't check your website: it didn't open when we tried it\./);
    expect(dossier.auditFailure).toMatch(/^connect ECONNREFUSED/);
    expect(dossier.writerCheck?.outcome).toBe("fallback");
    expect(dossier.confirmedSignals).toEqual(["WEBSITE_DOWN"]);
  });
});

describe("validating the model's answer", () => {
  async function answerWith(answer: unknown) {
    server.respond(answerChat(JSON.stringify(answer)));
    return await writer().writeDossier(plumberInput());
  }

  it("passes an answer whose every point cites a claim answering its gaps, and keeps its drafts", async () => {
    const dossier = await answerWith(CLEAN_ANSWER);
    expect(dossier.writerCheck).toEqual({
      outcome: "passed",
      detail: expect.stringMatching(/^Checked: every talking point cites an approved claim that answers its gap/),
    });
    expect(dossier.talking_points.map((p) => p.approved_claim_id)).toEqual(["claim-reviews", "claim-mobile", "claim-ssl", "claim-booking"]);
    expect(dossier.note).toBeUndefined();
    expect(dossier.outreach?.emailSubject).toBe(VALID_ANSWER.outreach.email_subject);
  });

  it("drops a point whose claim does not answer the gap it pitches, and pitches that gap with the claim that does", async () => {
    const points = CLEAN_ANSWER.talking_points.map((p) =>
      p.approved_claim_id === "claim-ssl" ? { ...p, approved_claim_id: "claim-reviews", text: "Reviews will make your site secure." } : p,
    );
    const dossier = await answerWith({ ...CLEAN_ANSWER, talking_points: points });
    expect(dossier.writerCheck?.outcome).toBe("repaired");
    expect(dossier.writerCheck?.detail).toContain('talking point citing "claim-reviews", which does not answer NO_SSL');
    const ssl = dossier.talking_points.find((p) => p.gap_keys?.includes("NO_SSL"));
    expect(ssl).toMatchObject({ approved_claim_id: "claim-ssl", text: expect.stringContaining("Every site we host ships with HTTPS") });
    expect(dossier.talking_points.map((p) => p.text)).not.toContain("Reviews will make your site secure.");
  });

  it("drops a point pitching a gap that is not in the dossier, or the same gap twice", async () => {
    const dossier = await answerWith({
      ...CLEAN_ANSWER,
      talking_points: [
        ...CLEAN_ANSWER.talking_points,
        { text: "Your site is slow.", approved_claim_id: "claim-mobile", gap_keys: ["SLOW_OR_HEAVY_PAGE"], source_url: null },
        { text: "Again: no booking.", approved_claim_id: "claim-booking", gap_keys: ["NO_ONLINE_BOOKING"], source_url: null },
      ],
    });
    expect(dossier.writerCheck?.detail).toContain('talking point pitching "SLOW_OR_HEAVY_PAGE", which is not a gap of this dossier');
    expect(dossier.writerCheck?.detail).toContain("talking point pitching NO_ONLINE_BOOKING a second time");
    expect(dossier.talking_points).toHaveLength(4);
  });

  it("replaces markup and codes in owner-facing text with the built-in wording", async () => {
    const heuristic = await new HeuristicDossierWriter(() => NOW).writeDossier(plumberInput());
    const dossier = await answerWith({
      ...CLEAN_ANSWER,
      summary: 'Bob\'s home page has no <meta name="viewport"> tag.',
      fit_reason: "Opportunity: NO_SSL & LOW_GOOGLE_RATING.",
      talking_points: CLEAN_ANSWER.talking_points.map((p) =>
        p.approved_claim_id === "claim-mobile" ? { ...p, text: "WEBSITE_NOT_MOBILE_FRIENDLY: add <meta name=viewport>." } : p,
      ),
    });
    expect(dossier.summary).toBe(heuristic.summary);
    expect(dossier.fit_reason).toBe(heuristic.fit_reason);
    expect(dossier.talking_points.find((p) => p.approved_claim_id === "claim-mobile")?.text).toBe(
      heuristic.talking_points.find((p) => p.approved_claim_id === "claim-mobile")?.text,
    );
    expect(dossier.writerCheck?.detail).toContain("replaced the summary (it had HTML or angle brackets) with the built-in one");
    expect(dossier.writerCheck?.detail).toContain("replaced the fit reason (it had an internal code (NO_SSL)) with the built-in one");
  });

  it("replaces developer jargon in owner-facing text with the built-in wording, unless the agency's own claim uses the word", async () => {
    const heuristic = await new HeuristicDossierWriter(() => NOW).writeDossier(plumberInput());
    const dossier = await answerWith({
      ...CLEAN_ANSWER,
      summary: "Bob's Plumbing has no JSON-LD and no meta description, so Google knows little about it.",
      fit_reason: "Opportunity: the home page has no viewport setting.",
      talking_points: CLEAN_ANSWER.talking_points.map((p) =>
        p.approved_claim_id === "claim-mobile"
          ? { ...p, text: "Your home page has no viewport tag, so phones show it zoomed out. We build mobile-first websites." }
          : p.approved_claim_id === "claim-ssl"
            ? { ...p, text: "Browsers warn your visitors that your site is not secure. Every site we host comes with a free SSL certificate." }
            : p,
      ),
      outreach: {
        ...CLEAN_ANSWER.outreach,
        email_body: "Hi Bob's Plumbing team,\n\nYour site has no schema markup and its buttons lack tel: links.\n\nBest regards,\nThe Brightside Digital team",
      },
    });
    expect(dossier.summary).toBe(heuristic.summary);
    expect(dossier.fit_reason).toBe(heuristic.fit_reason);
    const mobile = dossier.talking_points.find((p) => p.gap_keys?.includes("WEBSITE_NOT_MOBILE_FRIENDLY"));
    expect(mobile?.text).toBe(heuristic.talking_points.find((p) => p.gap_keys?.includes("WEBSITE_NOT_MOBILE_FRIENDLY"))?.text);
    expect(mobile?.text).not.toMatch(/viewport/i);
    // "SSL" is in the agency's own approved claim, so the point that uses it stays.
    expect(dossier.talking_points.find((p) => p.approved_claim_id === "claim-ssl")?.text).toContain("free SSL certificate");
    // The model's drafts are dropped; the report shows the built-in ones.
    expect(dossier.outreach).toBeUndefined();
    expect(dossier.writerCheck?.outcome).toBe("repaired");
    const detail = dossier.writerCheck!.detail;
    expect(detail).toContain('talking point with technical jargon ("viewport")');
    expect(detail).toContain('replaced the summary (it had technical jargon ("JSON-LD", "meta tags")) with the built-in one');
    expect(detail).toContain('replaced the fit reason (it had technical jargon ("viewport")) with the built-in one');
    expect(detail).toContain('dropped the AI\'s outreach drafts (email body: technical jargon ("schema markup", "tel: or mailto: links"))');
  });

  it("drops outreach drafts with placeholders (the built-in drafts are used instead)", async () => {
    const dossier = await answerWith({
      ...CLEAN_ANSWER,
      outreach: { ...CLEAN_ANSWER.outreach, email_body: "Hi [First name],\n\nWe can help.\n\n{agency_name}" },
    });
    expect(dossier.outreach).toBeUndefined();
    expect(dossier.writerCheck?.outcome).toBe("repaired");
    expect(dossier.writerCheck?.detail).toContain("dropped the AI's outreach drafts (email body: curly braces; email body: square brackets)");
  });

  it("falls back to the heuristic dossier when most of the answer fails the checks, and says so", async () => {
    const heuristic = await new HeuristicDossierWriter(() => NOW).writeDossier(plumberInput());
    const dossier = await answerWith({
      ...CLEAN_ANSWER,
      identified_gaps: [{ key: "COMPETITORS", value: "Competitors are better.", source_url: "https://elsewhere.example/" }],
      talking_points: [
        { text: "We guarantee page one.", approved_claim_id: "claim-made-up", gap_keys: ["POOR_SEO"], source_url: null },
        { text: "Reviews fix HTTPS.", approved_claim_id: "claim-reviews", gap_keys: ["NO_SSL"], source_url: null },
      ],
    });
    expect(dossier.provider).toBe("heuristic");
    expect(dossier.writerCheck?.outcome).toBe("fallback");
    expect(dossier.writerCheck?.detail).toMatch(
      /^The AI's answer failed the checks \(3 of its 3 gaps and talking points: .+\); this dossier was written by the built-in auditor\.$/,
    );
    expect({ ...dossier, note: undefined, writerCheck: undefined }).toEqual({ ...heuristic, note: undefined });
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
    const dossierWriter = createDossierWriter(
      { LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-env", OPENAI_MODEL: "llama-3.1-8b-instruct", OPENAI_BASE_URL: server.baseURL },
      { clock: () => NOW },
    );
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
