/**
 * A run delivers what was asked: Places pages fetched only as needed, one run
 * per campaign, only qualified leads, one ranking order, every result
 * accounted for, and a shortfall explained in plain words.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { hasCrawlableWebsite } from "../../lib/placesSignals";
import { compareRank, opportunityRank } from "../../lib/qualify";
import { googleError, legacyDetailsResponse, legacySearchResponse, newApiSearchResponse, PLACE_IDS } from "../fakes/googleFixtures";
import { sendJson, startRecordingServer, type RecordedRequest, type RecordingServer } from "../fakes/recordingServer";
import { asOwner, initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, type TestConvex } from "./convexTestSetup";

let google: RecordingServer;
let restoreEnv: () => void;
// Real timers, as in placesFailures.test.ts: undici's own timeouts would fire under fake ones.
beforeEach(async () => {
  google = await startRecordingServer();
  restoreEnv = withEnv({
    PLACES_PROVIDER: "google",
    GOOGLE_PLACES_API_KEY: "test-key",
    GOOGLE_PLACES_BASE_URL: google.baseUrl,
    GOOGLE_PLACES_API: undefined,
    CRAWL_PROVIDER: "builtin",
    LLM_PROVIDER: "heuristic",
    // Websites point at a closed local port: deep audits fail fast, leads keep their Places score.
    DEMO_WEB_ORIGIN: "http://127.0.0.1:9",
  });
});
afterEach(async () => {
  restoreEnv();
  await google.close();
});

/** Page `n` (0-based) of a 3-page Google answer: 20 distinct dentists each, tokens chaining the pages. */
function newApiPage(n: number) {
  const { places } = newApiSearchResponse();
  const renamed = places.map((p) => ({
    ...p,
    id: `${p.id}-p${n}`,
    websiteUri: typeof p.websiteUri === "string" ? p.websiteUri.replace(".example", `-p${n}.example`) : p.websiteUri,
    internationalPhoneNumber:
      typeof p.internationalPhoneNumber === "string" ? p.internationalPhoneNumber.replace(/-44/, `-4${n + 4}`) : p.internationalPhoneNumber,
    displayName: { text: `${(p.displayName as { text: string }).text} (page ${n + 1})`, languageCode: "en" },
  }));
  return { places: renamed, ...(n < 2 ? { nextPageToken: `token-for-page-${n + 2}` } : {}) };
}

function serveNewApiPages() {
  google.respond((req, res) => {
    const body = JSON.parse(req.body) as { pageToken?: string };
    const page = body.pageToken === undefined ? 0 : Number(/page-(\d)/.exec(body.pageToken)![1]) - 1;
    sendJson(res, 200, newApiPage(page));
  });
}

const searches = () => google.requests.filter((r) => r.url.pathname === "/v1/places:searchText");
const bodyOf = (r: RecordedRequest) => JSON.parse(r.body) as { textQuery: string; pageSize: number; pageToken?: string };

async function run(t: TestConvex, args: { numLeads: number; maxDeepAudits?: number; targetVertical?: string; targetGeography?: string }) {
  const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { maxDeepAudits: 0, ...args });
  const view = await waitForRunEnd(t, jobId);
  const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
  return { jobId, view, leads };
}

describe("Places pagination against the fake Google server", () => {
  it("fetches one page when it is enough, and asks for nextPageToken in the field mask", async () => {
    serveNewApiPages();
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { view, leads } = await run(t, { numLeads: 5 });
    expect(view.run.workflowStatus).toBe("completed");
    expect(searches()).toHaveLength(1);
    expect(String(searches()[0].headers["x-goog-fieldmask"]).split(",")).toContain("nextPageToken");
    expect(bodyOf(searches()[0])).toMatchObject({ textQuery: "dentists in Seattle, WA", pageSize: 20 });
    expect(bodyOf(searches()[0]).pageToken).toBeUndefined();
    expect(view.run.pagesFetched).toBe(1);
    expect(leads).toHaveLength(5);
    expect(view.run.shortfall).toBeUndefined();
  });

  it("follows pageToken only until enough leads survive the filters, and snapshots every result", async () => {
    serveNewApiPages();
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { view, leads } = await run(t, { numLeads: 20 });
    expect(view.run.workflowStatus).toBe("completed");
    // Page 1 has 16 usable dentists (no phone, closed, ...): page 2 is needed, page 3 is not.
    expect(searches().map((r) => bodyOf(r).pageToken)).toEqual([undefined, "token-for-page-2"]);
    expect(searches().every((r) => bodyOf(r).textQuery === "dentists in Seattle, WA" && bodyOf(r).pageSize === 20)).toBe(true);
    expect(view.run.pagesFetched).toBe(2);
    expect(view.run.numLeadsFetched).toBe(40);
    expect(leads).toHaveLength(20);
    // Every business Places returned has a snapshot entry; every one not kept has a reason.
    const snapshot = view.run.placesSnapshot!;
    expect(snapshot).toHaveLength(40);
    const kept = new Set(leads.map((l) => l.place_id));
    expect(snapshot.every((s) => kept.has(s.placeId) !== (s.dropReason !== undefined))).toBe(true);
  });

  it("keeps what page 1 gave when a later page keeps failing, and explains the shortfall", async () => {
    google.respond((req, res) => {
      if (bodyOf(req).pageToken) sendJson(res, 503, googleError(503, "UNAVAILABLE", "The service is currently unavailable."));
      else sendJson(res, 200, newApiPage(0));
    });
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { view, leads } = await run(t, { numLeads: 20 });
    expect(view.run.workflowStatus).toBe("completed");
    expect(view.run.pagesFetched).toBe(1);
    expect(leads.length).toBeGreaterThan(10);
    expect(leads.length).toBeLessThan(20);
    expect(view.run.shortfall).toMatch(/^Google returned 20 businesses for this search \(its limit is 60\); 1 had no valid phone/);
    expect(view.run.shortfall).toMatch(/You asked for 20; \d+ new qualified leads found\.$/);
  });

  it("legacy API: follows next_page_token (after Google's short delay)", async () => {
    restoreEnv = ((outer) => {
      const inner = withEnv({ GOOGLE_PLACES_API: "legacy" });
      return () => {
        inner();
        outer();
      };
    })(restoreEnv);
    google.respond((req, res) => {
      if (req.url.pathname.endsWith("/textsearch/json")) {
        const token = req.url.searchParams.get("pagetoken");
        const first = legacySearchResponse();
        if (!token) return sendJson(res, 200, first);
        // Page 2: other places, and no further page.
        const second = {
          ...first,
          next_page_token: undefined,
          results: first.results.map((r) => ({ ...r, place_id: `${r.place_id}-p2`, name: `${r.name} (page 2)` })),
        };
        return sendJson(res, 200, second);
      }
      const id = req.url.searchParams.get("place_id")!;
      const i = PLACE_IDS.indexOf(id.replace(/-p2$/, ""));
      const details = legacyDetailsResponse(i);
      if (id.endsWith("-p2")) {
        const result = details.result as Record<string, unknown>;
        Object.assign(result, {
          place_id: id,
          name: `${String(result.name)} (page 2)`,
          website: typeof result.website === "string" ? result.website.replace(".example", "-p2.example") : undefined,
          international_phone_number: `+1 206-4${20 + i}-55${String(i).padStart(2, "0")}`,
        });
      }
      sendJson(res, 200, details);
    });
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { view, leads } = await run(t, { numLeads: 20 });
    const textSearches = google.requests.filter((r) => r.url.pathname.endsWith("/textsearch/json"));
    expect(textSearches.map((r) => r.url.searchParams.get("pagetoken"))).toEqual([null, "AW30NDz_next_page_token"]);
    expect(view.run.pagesFetched).toBe(2);
    expect(view.run.placesExhausted).toBe(true);
    expect(leads).toHaveLength(20);
  });
});

describe("one ranking order", () => {
  // Regression: audits and the list read the score index descending, which gave the audits to the tied leads with the fewest reviews.
  it("deep audits go to the tied leads with the most reviews, and the list shows them in that order", async () => {
    serveNewApiPages();
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { view, leads } = await run(t, { numLeads: 8, maxDeepAudits: 3 });
    expect(view.run.workflowStatus).toBe("completed");
    const sorted = [...leads].sort((a, b) => compareRank(opportunityRank(a), opportunityRank(b)));
    expect(leads.map((l) => l._id)).toEqual(sorted.map((l) => l._id));
    // Most tie on the placeholder score (15): among them the review count decides.
    const tied = leads.filter((l) => l.qualificationScore === 15);
    expect(tied.length).toBeGreaterThan(4);
    const reviews = tied.map((l) => l.reviews_count ?? 0);
    expect(reviews).toEqual([...reviews].sort((a, b) => b - a));
    const crawlable = leads.filter((l) => hasCrawlableWebsite(l.website));
    const audited = leads.filter((l) => l.audit !== null).map((l) => l._id);
    expect(audited).toEqual(crawlable.slice(0, 3).map((l) => l._id));
    // The others were not audited because of the limit, and say so instead of "audit failed".
    for (const lead of crawlable.slice(3)) {
      const report = await asOwner(t).query(api.opportunities.get, { opportunityId: lead._id });
      expect(report!.dossier!.summary).toMatch(/^Not audited: beyond the 3 deep audits of this run/);
      expect(report!.opportunity.fit_reason).toMatch(/not audited yet/i);
    }
  });
});

describe("run promises on the demo provider", () => {
  beforeEach(() => {
    restoreEnv = ((outer) => {
      const inner = withEnv({ PLACES_PROVIDER: "demo", GOOGLE_PLACES_API_KEY: undefined });
      return () => {
        inner();
        outer();
      };
    })(restoreEnv);
  });

  it("rejects a second start of the same campaign while one runs, under any spelling, naming the running run", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 0 });
    for (const spelling of [{}, { targetVertical: "Dentist", targetGeography: "seattle" }, { targetGeography: "  SEATTLE ,  Washington" }]) {
      const error = await asOwner(t)
        .mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, ...spelling })
        .then(
          () => undefined,
          (e: { data?: unknown }) => e.data,
        );
      expect(error).toMatchObject({ code: "RUN_IN_PROGRESS", runId: jobId });
    }
    // Another campaign may run meanwhile.
    const other = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 0, targetVertical: "plumbers" });
    expect(other.jobId).not.toBe(jobId);
    await waitForRunEnd(t, jobId);
    await waitForRunEnd(t, other.jobId);
    // Once it ended, the same campaign starts again, under its first spelling.
    const again = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 1, maxDeepAudits: 0, targetGeography: "seattle" });
    const view = await waitForRunEnd(t, again.jobId);
    expect(view.run).toMatchObject({ targetVertical: "dentists", targetGeography: DEMO_AGENCY.targetGeography, textQuery: "dentists in seattle" });
    // Above its three waits for a run's end (50 s each).
  }, 160_000);

  it("never delivers zero-score leads: an agency selling only ratings and websites gets only leads with those problems", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    await asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, leadQualificationCriteria: ["LOW_GOOGLE_RATING", "MISSING_WEBSITE"] });
    const { view, leads } = await run(t, { numLeads: 10 });
    expect(view.run.workflowStatus).toBe("completed");
    expect(leads.length).toBeGreaterThan(0);
    expect(leads.every((l) => l.qualificationScore > 0 && !l.notAFit)).toBe(true);
    const notQualified = view.run.placesSnapshot!.filter((s) => s.dropReason === "NOT_QUALIFIED");
    expect(notQualified.length).toBeGreaterThan(0);
    expect(notQualified.every((s) => s.score === 0)).toBe(true);
    expect(view.counts.dropped.NOT_QUALIFIED).toBe(notQualified.length);
    expect(view.run.shortfall).toMatch(/don't match what you sell/);
  });

  it("explains a short run in plain words, and says what the demo covers when nothing matches", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { view, leads } = await run(t, { numLeads: 20 });
    expect(leads.length).toBeLessThan(20);
    expect(view.run.shortfall).toMatch(/^The demo dataset has \d+ businesses for this search; \d+ had no valid phone/);
    expect(view.run.shortfall).toContain(`You asked for 20; ${leads.length} new qualified leads found.`);
    expect(view.run.lastEvent.message).toContain(view.run.shortfall);

    const nothing = await run(t, { numLeads: 5, targetVertical: "submarine repair", targetGeography: "Atlantis" });
    expect(nothing.view.run.shortfall).toMatch(/^The demo dataset has no businesses for this search\. It covers Dentists, .* in Seattle, WA, /);
  });
});
