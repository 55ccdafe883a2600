import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import { sendJson, startRecordingServer, type RecordingServer } from "../fakes/recordingServer";
import { googleError, newApiSearchResponse } from "../fakes/googleFixtures";
import { initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, asOwner } from "./convexTestSetup";

let google: RecordingServer;
let restoreEnv: () => void;
// Real timers: fake ones would also fire undici's connect timeouts while a request is in flight.
// The retry backoff (1 s, 2 s, 4 s) is therefore real too.
beforeEach(async () => {
  google = await startRecordingServer();
  restoreEnv = withEnv({
    PLACES_PROVIDER: "google",
    GOOGLE_PLACES_API_KEY: "test-key",
    GOOGLE_PLACES_BASE_URL: google.baseUrl,
    // No deep audits here: these tests are about the Places phase.
    LLM_PROVIDER: "heuristic",
  });
});
afterEach(async () => {
  restoreEnv();
  await google.close();
});

async function run(numLeads = 5) {
  const t = initConvexTest();
  await setupDemoAgency(t);
  const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads, maxDeepAudits: 0 });
  const view = await waitForRunEnd(t, jobId, 30_000);
  const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
  return { view, leads };
}

const searches = () => google.requests.filter((r) => r.url.pathname === "/v1/places:searchText");

describe("the source phase against Google Places (fake server on 127.0.0.1)", () => {
  it("retries a Places outage with backoff and completes when Google recovers", async () => {
    let calls = 0;
    google.respond((_req, res) => {
      calls += 1;
      if (calls <= 2) sendJson(res, 500, googleError(500, "INTERNAL", "Internal error encountered."));
      else sendJson(res, 200, newApiSearchResponse());
    });
    const { view, leads } = await run();
    expect(searches()).toHaveLength(3);
    expect(view.run.workflowStatus).toBe("completed");
    expect(view.run.phases.find((p) => p.name === "source")).toMatchObject({ status: "complete", attempts: 1 });
    expect(view.run.placesProvider).toBe("google");
    expect(leads.length).toBeGreaterThan(0);
    expect(leads.every((l) => l.source === "google")).toBe(true);
    // The request is the one-call Places (New) Text Search with a field mask.
    const sent = searches()[0];
    expect(sent.method).toBe("POST");
    expect(sent.headers["x-goog-api-key"]).toBe("test-key");
    expect(String(sent.headers["x-goog-fieldmask"])).toContain("places.internationalPhoneNumber");
    expect(JSON.parse(sent.body)).toMatchObject({ textQuery: "dentists in Seattle, WA" });
  });

  it("fails the run when Places keeps failing: source phase in error, lastEvent says so, nothing written", async () => {
    google.respond((_req, res) => sendJson(res, 503, googleError(503, "UNAVAILABLE", "The service is currently unavailable.")));
    const { view, leads } = await run();
    // 4 workflow attempts, each trying the page twice (a page is retried on its own first).
    expect(searches().length).toBe(8);
    expect(view.run.workflowStatus).toBe("failed");
    const source = view.run.phases.find((p) => p.name === "source")!;
    expect(source.status).toBe("error");
    expect(source.error).toMatch(/unavailable/i);
    expect(source.error).not.toMatch(/\n\s+at /);
    expect(view.run.phases.filter((p) => p.name !== "source").every((p) => p.status === "skipped")).toBe(true);
    expect(view.run.lastEvent).toMatchObject({ type: "failed", phase: "source" });
    expect(view.run.lastEvent.message).toMatch(/Source businesses failed: .*unavailable/i);
    expect(view.run.error).toBeTruthy();
    expect(view.progress.percent).toBe(0);
    expect(leads).toHaveLength(0);
  });

  it("a rejected API key fails the run at once, without retries, with a message naming the key", async () => {
    google.respond((_req, res) =>
      sendJson(
        res,
        403,
        googleError(403, "PERMISSION_DENIED", "Requests to this API places.googleapis.com method google.maps.places.v1.Places.SearchText are blocked."),
      ),
    );
    const { view, leads } = await run();
    expect(searches()).toHaveLength(1);
    expect(view.run.workflowStatus).toBe("failed");
    expect(view.run.error).toMatch(/GOOGLE_PLACES_API_KEY/);
    expect(leads).toHaveLength(0);
  });

  it("Google's empty answer completes the run with zero leads", async () => {
    google.respond((_req, res) => sendJson(res, 200, {}));
    const { view, leads } = await run();
    expect(view.run.workflowStatus).toBe("completed");
    expect(view.run.numLeadsFetched).toBe(0);
    expect(leads).toHaveLength(0);
  });
});
