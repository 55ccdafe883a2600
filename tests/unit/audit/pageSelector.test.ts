import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DeterministicPageSelector, LlmError, OpenAIPageSelector, type PageSelectionInput, createPageSelector } from "../../../lib/providers/llm";
import {
  answerChat,
  answerError,
  invalidApiKeyError,
  SERVER_ERROR_500,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
  type RecordedChatRequest,
} from "../../fakes/fakeOpenAIServer";

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const answerUrls = (urls: string[]) => answerChat(JSON.stringify({ urls }));

const SITE = "https://www.harborviewdental.example";
const HOME = `${SITE}/`;
const BLOG_SLUGS = [
  "5-signs-you-need-a-root-canal",
  "are-electric-toothbrushes-worth-it",
  "back-to-school-dental-checklist",
  "bad-breath-causes",
  "best-foods-for-healthy-teeth",
  "bleeding-gums-what-it-means",
  "braces-vs-invisalign",
  "can-you-whiten-crowns",
  "dental-anxiety-tips",
  "dental-implants-cost-guide",
  "does-insurance-cover-implants",
  "flossing-myths",
  "how-often-should-you-see-a-dentist",
  "kids-first-dental-visit",
  "night-guards-for-grinding",
  "oral-cancer-screening",
  "sensitive-teeth-remedies",
  "sugar-free-gum-benefits",
  "tooth-extraction-aftercare",
  "veneers-explained",
  "what-is-a-deep-cleaning",
  "wisdom-teeth-removal-recovery",
  "2024-year-in-review",
];

/** What a site map of a typical dental practice's WordPress site returns: pages, 23 posts, legal, junk, duplicates. */
const CANDIDATES = [
  HOME,
  `${SITE}/about-us/`,
  `${SITE}/contact/`,
  `${SITE}/services/`,
  `${SITE}/services/teeth-whitening/`,
  `${SITE}/services/dental-implants/`,
  `${SITE}/services/invisalign/`,
  `${SITE}/new-patients/`,
  `${SITE}/insurance-and-financing/`,
  `${SITE}/book-appointment/`,
  `${SITE}/our-team/`,
  `${SITE}/blog/`,
  ...BLOG_SLUGS.map((slug) => `${SITE}/blog/${slug}/`),
  `${SITE}/privacy-policy/`,
  `${SITE}/terms-of-use/`,
  `${SITE}/notice-of-privacy-practices/`,
  `${SITE}/wp-content/uploads/2023/01/new-patient-forms.pdf`,
  `${SITE}/tag/whitening/`,
  `${SITE}/wp-login.php`,
  "https://harborviewdental.example/contact",
];

function input(overrides: Partial<PageSelectionInput> = {}): PageSelectionInput {
  return { homeUrl: HOME, candidates: CANDIDATES, limit: 6, businessName: "Harborview Dental", vertical: "dentists", ...overrides };
}

function selector(options: { timeoutMs?: number; model?: string } = {}) {
  return new OpenAIPageSelector({ apiKey: "sk-test-key", baseURL: server.baseURL, maxRetries: 0, ...options });
}

const DETERMINISTIC_TOP_6 = [
  HOME,
  `${SITE}/contact/`,
  `${SITE}/services/`,
  `${SITE}/services/dental-implants/`,
  `${SITE}/services/invisalign/`,
  `${SITE}/services/teeth-whitening/`,
];

function candidateLines(request: RecordedChatRequest): string[] {
  const prompt = request.body.messages.find((m) => m.role === "user")?.content ?? "";
  return prompt.split("\n").filter((line) => line.startsWith("- http"));
}

describe("DeterministicPageSelector", () => {
  it("puts the home page first, then contact and services, and never junk, blog posts or legal pages in the top pages", async () => {
    const selection = await new DeterministicPageSelector().selectPages(input());
    expect(selection).toEqual({ urls: DETERMINISTIC_TOP_6 });
  });

  it("drops candidates from other sites and adds the home page when the map missed it", async () => {
    const selection = await new DeterministicPageSelector().selectPages(
      input({ candidates: ["https://www.facebook.com/harborviewdental", `${SITE}/privacy-policy/`, `${SITE}/about-us/`], limit: 5 }),
    );
    expect(selection.urls).toEqual([HOME, `${SITE}/about-us/`, `${SITE}/privacy-policy/`]);
  });
});

describe("OpenAIPageSelector", () => {
  it("sends the business context and the deterministic top 30 only, and follows the model's order after the home page", async () => {
    server.respond(
      answerUrls([
        `${SITE}/book-appointment/`,
        `${SITE}/services/`,
        `${SITE}/about-us/`,
        `${SITE}/contact/`,
        `${SITE}/insurance-and-financing/`,
        `${SITE}/our-team/`,
      ]),
    );
    const selection = await selector({ model: "gpt-4o-mini" }).selectPages(input());

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.authorization).toBe("Bearer sk-test-key");
    expect(request.body.model).toBe("gpt-4o-mini");
    expect(request.body.response_format.type).toBe("json_schema");
    expect(request.body.response_format.json_schema).toMatchObject({ name: "audit_pages", strict: true });
    expect(request.body.response_format.json_schema.schema.required).toEqual(["urls"]);
    const prompt = request.body.messages.find((m) => m.role === "user")?.content ?? "";
    expect(prompt).toContain("BUSINESS: Harborview Dental (dentists)");
    expect(prompt).toContain(`HOME PAGE (always audited): ${HOME}`);
    expect(prompt).toContain("Choose the 5 most useful pages besides the home page.");
    const lines = candidateLines(request);
    expect(lines).toHaveLength(29);
    expect(lines).toContain(`- ${SITE}/book-appointment/ — booking`);
    expect(lines).toContain(`- ${SITE}/blog/5-signs-you-need-a-root-canal/ — blog_post`);
    // The rest of the site (more posts, legal pages, junk, the duplicate spelling) never reaches the model.
    expect(prompt).not.toContain("wisdom-teeth-removal-recovery");
    expect(prompt).not.toContain("privacy-policy");
    expect(prompt).not.toContain("new-patient-forms.pdf");
    expect(prompt).not.toContain("https://harborviewdental.example/contact");

    expect(selection).toEqual({
      urls: [HOME, `${SITE}/book-appointment/`, `${SITE}/services/`, `${SITE}/about-us/`, `${SITE}/contact/`, `${SITE}/insurance-and-financing/`],
    });
  });

  it("drops URLs that were not candidates, keeps the candidates' spelling, and fills up from the ranking", async () => {
    server.respond(
      answerUrls([
        "https://www.facebook.com/harborviewdental",
        HOME,
        `${SITE}/book-appointment/`,
        `${SITE}/careers/`,
        "http://harborviewdental.example/about-us",
        `${SITE}/book-appointment`,
      ]),
    );
    const selection = await selector().selectPages(input());
    expect(selection.urls).toEqual([
      HOME,
      `${SITE}/book-appointment/`,
      `${SITE}/about-us/`,
      `${SITE}/contact/`,
      `${SITE}/services/`,
      `${SITE}/services/dental-implants/`,
    ]);
    expect(selection.note).toBe("LLM page selection checked: dropped 2 URLs not among the candidates, filled 3 from the deterministic ranking.");
  });

  it("caps the model's picks at the limit, home page included", async () => {
    server.respond(answerUrls([`${SITE}/our-team/`, `${SITE}/about-us/`, `${SITE}/contact/`]));
    const selection = await selector().selectPages(input({ limit: 3 }));
    expect(selection).toEqual({ urls: [HOME, `${SITE}/our-team/`, `${SITE}/about-us/`] });
  });

  it.each([
    [
      "a refusal",
      answerChat({ refusal: "I'm sorry, I can't help with that request." }),
      "LLM page selection fallback: model refused (I'm sorry, I can't help with that request.)",
    ],
    ["invalid JSON", answerChat('{"urls": ["https://www.harborviewdental.example/contact/",'), "LLM page selection fallback: the answer was not valid JSON"],
    ["an empty answer", answerChat(""), "LLM page selection fallback: the answer was empty"],
    [
      "a wrong shape",
      answerChat(JSON.stringify({ pages: [`${SITE}/contact/`] })),
      "LLM page selection fallback: the answer did not match the page selection schema",
    ],
    ["an empty list", answerUrls([]), "LLM page selection fallback: the answer listed no pages"],
    [
      "only unknown URLs",
      answerUrls(["https://www.harborviewdental.example/locations/seattle/", "https://www.yelp.com/biz/harborview-dental-seattle"]),
      "LLM page selection fallback: none of the 2 URLs in the answer were among the candidates",
    ],
    ["HTTP 500", answerError(500, SERVER_ERROR_500), "LLM page selection fallback: HTTP 500 from the LLM server"],
  ])("falls back to the deterministic selection on %s", async (_name, scenario, note) => {
    server.respond(scenario);
    const selection = await selector().selectPages(input());
    expect(server.requests).toHaveLength(1);
    expect(selection.urls).toEqual(DETERMINISTIC_TOP_6);
    expect(selection.note?.startsWith(note)).toBe(true);
  });

  it("falls back when the server is slower than the timeout", async () => {
    server.respond(server.answerLater(3000, answerUrls([`${SITE}/about-us/`])));
    const selection = await selector({ timeoutMs: 200 }).selectPages(input());
    expect(selection).toEqual({ urls: DETERMINISTIC_TOP_6, note: "LLM page selection fallback: no answer within 200 ms (timeout)" });
  });

  it("throws an AUTH error naming OPENAI_API_KEY on 401", async () => {
    server.respond(answerError(401, invalidApiKeyError("sk-test-key")));
    const error = await selector()
      .selectPages(input())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: "AUTH" });
    expect((error as Error).message).toContain("OPENAI_API_KEY");
  });

  it("does not call the model when every page fits within the limit", async () => {
    server.respond(answerUrls([`${SITE}/contact/`]));
    const small = [HOME, `${SITE}/contact/`, `${SITE}/about-us/`, `${SITE}/privacy-policy/`];
    const selection = await selector().selectPages(input({ candidates: small, limit: 6 }));
    expect(server.requests).toHaveLength(0);
    expect(selection).toEqual({ urls: [HOME, `${SITE}/contact/`, `${SITE}/about-us/`, `${SITE}/privacy-policy/`] });
  });
});

describe("createPageSelector", () => {
  it("uses the model exactly when the dossier writer would", () => {
    expect(createPageSelector({}).name).toBe("deterministic");
    expect(createPageSelector({ OPENAI_API_KEY: "  " }).name).toBe("deterministic");
    expect(createPageSelector({ OPENAI_API_KEY: "sk-x" }).name).toBe("openai");
    expect(createPageSelector({ OPENAI_API_KEY: "sk-x", LLM_PROVIDER: "heuristic" }).name).toBe("deterministic");
  });

  it("uses OPENAI_MODEL and OPENAI_BASE_URL", async () => {
    server.respond(answerUrls([`${SITE}/about-us/`]));
    await createPageSelector({
      LLM_PROVIDER: "openai",
      OPENAI_API_KEY: "sk-env",
      OPENAI_MODEL: "llama-3.1-8b-instruct",
      OPENAI_BASE_URL: server.baseURL,
    }).selectPages(input());
    expect(server.requests[0].body.model).toBe("llama-3.1-8b-instruct");
    expect(server.requests[0].authorization).toBe("Bearer sk-env");
  });

  it("rejects bad settings with a CONFIG error", () => {
    expect(() => createPageSelector({ LLM_PROVIDER: "openai" })).toThrow(/needs OPENAI_API_KEY/);
    expect(() => createPageSelector({ LLM_PROVIDER: "anthropic" })).toThrow(LlmError);
    expect(() => createPageSelector({ OPENAI_API_KEY: "sk-x", OPENAI_BASE_URL: "not a url" })).toThrow(/OPENAI_BASE_URL/);
  });
});
