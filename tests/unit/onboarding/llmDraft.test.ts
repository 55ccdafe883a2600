/**
 * The OpenAI agency drafter against a fake OpenAI-compatible server on 127.0.0.1: the real client code path,
 * structured output, grounding on the pages read, and the fallbacks to the heuristic draft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlToMarkdown } from "../../../lib/crawl/markdown";
import type { AgencyPage } from "../../../lib/onboarding/draft";
import { draftAgencyProfile } from "../../../lib/onboarding/drafter";
import { extractAgencyDraft } from "../../../lib/onboarding/heuristicExtractor";
import { LlmError } from "../../../lib/providers/llm";
import { DEMO_AGENCY_SITES, routeAgencySite } from "../../../server/demoWeb/agencySites";
import { answerChat, answerError, invalidApiKeyError, startFakeOpenAIServer, type FakeOpenAIServer } from "../../fakes/fakeOpenAIServer";

const site = DEMO_AGENCY_SITES.find((s) => s.domain === "rankwiselocal.example")!;
const ORIGIN = new URL(site.url).origin;
const pages: AgencyPage[] = ["/", "/services/", "/about/"].map((path) => {
  const html = routeAgencySite(site, path).body;
  return { url: `${ORIGIN}${path}`, html, markdown: htmlToMarkdown(html).markdown };
});

let server: FakeOpenAIServer;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
  env = {
    LLM_PROVIDER: "openai",
    OPENAI_API_KEY: "sk-test-onboarding",
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_MODEL: "gpt-4.1-mini",
    OPENAI_TIMEOUT_MS: "5000",
  };
});
afterAll(async () => {
  await server.close();
});

const answer = {
  name: { value: "Rankwise Local", sourceUrl: `${ORIGIN}/` },
  targetVerticals: [
    { value: "plumbers", sourceUrl: `${ORIGIN}/about/` },
    { value: "roofers", sourceUrl: "https://elsewhere.example/roofers" },
  ],
  targetGeography: { value: "Austin, TX", sourceUrl: `${ORIGIN}/` },
  services: [
    { text: "Local SEO", description: "Show up in local search.", sourceUrl: `${ORIGIN}/services/`, signals: ["POOR_SEO"] },
    { text: "Invented service", description: "Not on the site.", sourceUrl: "https://rankwiselocal.example/not-read/", signals: ["LOW_GOOGLE_RATING"] },
  ],
  claims: [{ text: "We get home-service businesses to the top of local search.", sourceUrl: `${ORIGIN}/`, signals: ["POOR_SEO"] }],
};

describe("the OpenAI agency drafter", () => {
  it("sends the pages with a strict schema, and keeps only items citing a page that was read", async () => {
    server.requests.length = 0;
    server.respond(answerChat(JSON.stringify(answer)));
    const result = await draftAgencyProfile(env, pages);
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0].body;
    expect(request.response_format.json_schema).toMatchObject({ name: "agency_profile_draft", strict: true });
    expect(request.messages[1].content).toContain(`PAGE ${ORIGIN}/services/`);
    expect(result.provider).toBe("openai (gpt-4.1-mini)");
    expect(result.draft.targetVerticals).toEqual([{ value: "plumbers", sourceUrl: `${ORIGIN}/about/` }]);
    expect(result.draft.services.map((s) => s.text)).toEqual(["Local SEO"]);
    expect(result.draft.signals).toEqual([{ signal: "POOR_SEO", sourceUrl: `${ORIGIN}/services/`, evidence: "Local SEO" }]);
    expect(result.draft.claims).toEqual([{ id: "claim-1", text: answer.claims[0].text, signals: ["POOR_SEO"], sourceUrl: `${ORIGIN}/` }]);
    expect(result.note).toMatch(/dropped 2 items citing a page that was not read/);
  });

  it("falls back to the heuristic draft, with a note, when the answer is not usable", async () => {
    server.respond(answerChat("this is not JSON"));
    const result = await draftAgencyProfile(env, pages);
    expect(result.provider).toBe("heuristic");
    expect(result.draft).toEqual(extractAgencyDraft(pages));
    expect(result.note).toMatch(/LLM fallback: the answer was not valid JSON/);
  });

  it("fails naming OPENAI_API_KEY when the key is rejected (no silent fallback)", async () => {
    server.respond(answerError(401, invalidApiKeyError("sk-test-onboarding")));
    const error = await draftAgencyProfile(env, pages).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).message).toMatch(/OPENAI_API_KEY/);
  });

  it("uses the heuristic extractor without any request when no LLM is configured", async () => {
    server.requests.length = 0;
    const result = await draftAgencyProfile({}, pages);
    expect(result).toEqual({ draft: extractAgencyDraft(pages), provider: "heuristic" });
    expect(server.requests).toHaveLength(0);
  });
});
