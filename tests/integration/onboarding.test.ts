/**
 * Onboarding from the agency's own website, end to end on convex-test with the workflow component and the
 * demo web server's agency sites (real timers, as `npm run dev` runs): the draft cites the pages it was read
 * from, nothing reaches the agency profile before approval, approval saves it, flows are private to their user.
 */
import { describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { DEMO_AGENCY_SITES } from "../../server/demoWeb/agencySites";
import { asOther, asOwner, initConvexTest, waitForRunEnd, type TestConvex } from "./convexTestSetup";
import { useDemoWeb } from "./envSetup";
import { waitFor } from "../waitFor";

// Only the agency sites are needed (they are always served); no business sites.
useDemoWeb({ sites: [] }, { FIRECRAWL_API_KEY: undefined, OPENAI_API_KEY: undefined });

/** The flow (as its owner) once it leaves `running`. The default stays below the integration test timeout (60 s). */
async function waitForDraft(t: TestConvex, onboardingFlowId: Id<"onboarding_flow">, timeoutMs = 45_000): Promise<Doc<"onboarding_flow">> {
  let last: string | undefined;
  return await waitFor(
    async () => {
      const flow = await asOwner(t).query(api.onboarding.get, { onboardingFlowId });
      last = flow?.lastEvent.message;
      return flow && flow.workflowStatus !== "running" ? flow : undefined;
    },
    { timeoutMs, what: () => `the onboarding to leave running (last event: ${last})` },
  );
}

async function errorCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return await promise.then(
    () => undefined,
    (error: unknown) => (error as { data?: { code?: string } }).data?.code ?? String(error),
  );
}

/** What the review screen sends after the user's edits: the draft as a profile. */
function profileFromDraft(flow: Doc<"onboarding_flow">, edits: { name?: string } = {}) {
  const draft = flow.draft!;
  return {
    name: edits.name ?? draft.name!.value,
    targetVertical: draft.targetVerticals[0].value,
    targetGeography: draft.targetGeography!.value,
    leadQualificationCriteria: draft.signals.map((s) => s.signal),
    approvedClaims: draft.claims.map(({ id, text, signals }) => ({ id, text, signals })),
  };
}

async function agencyRows(t: TestConvex) {
  return await t.run(async (ctx) => await ctx.db.query("agency_profile").collect());
}

describe("onboarding from a demo agency's website", () => {
  for (const site of DEMO_AGENCY_SITES) {
    it(`${site.name} (${site.domain}): the draft cites the pages read; nothing is saved until approval; approval saves the edited profile`, async () => {
      const t = initConvexTest();
      // A brand-new user: signed in, no agency profile yet.
      expect(await asOwner(t).query(api.agency.get, {})).toBeNull();
      const { onboardingFlowId } = await asOwner(t).mutation(api.onboarding.startFromWebsite, { url: site.domain });
      const flow = await waitForDraft(t, onboardingFlowId);

      expect(flow.workflowStatus, flow.error).toBe("completed");
      expect(flow.url).toBe(`https://${site.domain}/`);
      expect(flow.phases.map((p) => [p.name, p.status])).toEqual([
        ["map_site", "complete"],
        ["read_pages", "complete"],
        ["draft_profile", "complete"],
      ]);
      expect(flow.lastEvent.message).toMatch(/Draft ready from \d+ pages/);
      expect(flow.provider).toBe("heuristic");

      // Read the site's own pages (home, services, about, contact…), never another host.
      const readUrls = new Set(flow.pages!.filter((p) => !p.error).map((p) => p.url));
      expect(readUrls.size).toBeGreaterThanOrEqual(5);
      for (const url of readUrls) expect(new URL(url).hostname.replace(/^www\./, "")).toBe(site.domain);
      const draft = flow.draft!;
      const cited = [draft.name!, draft.targetGeography!, ...draft.targetVerticals, ...draft.services, ...draft.signals, ...draft.claims].map(
        (item) => item.sourceUrl,
      );
      for (const url of cited) expect(readUrls, url).toContain(url);

      expect(draft.name!.value).toBe(site.name);
      expect(draft.targetGeography!.value).toBe(`${site.city}, ${site.region}`);
      expect(draft.targetVerticals.map((v) => v.value)).toEqual(expect.arrayContaining(site.verticals));
      expect(draft.services.map((s) => s.text)).toEqual(site.services.map((s) => s.title));
      expect(draft.signals.map((s) => s.signal).sort()).toEqual([...site.expectedSignals].sort());
      expect(draft.claims.length).toBe(site.services.length);

      // Nothing is saved before approval: still no agency, and the runs API still refuses.
      expect(await asOwner(t).query(api.agency.get, {})).toBeNull();
      expect(await agencyRows(t)).toEqual([]);
      expect(await errorCodeOf(asOwner(t).query(api.marketing.listRuns, {}))).toBe("NO_AGENCY_PROFILE");

      // The user edits the name and approves: the profile is exactly what they approved, claims with their signals.
      const profile = profileFromDraft(flow, { name: `${site.name} Co.` });
      const { agencyId } = await asOwner(t).mutation(api.onboarding.approve, { onboardingFlowId, profile });
      const agency = (await asOwner(t).query(api.agency.get, {}))!;
      expect(agency._id).toBe(agencyId);
      expect(agency).toMatchObject(profile);
      expect(agency.approvedClaims.every((c) => c.signals && c.signals.length > 0)).toBe(true);
      expect((await asOwner(t).query(api.onboarding.get, { onboardingFlowId }))!.approvedAt).toBeTypeOf("number");
      expect(await asOwner(t).query(api.onboarding.current, {})).toBeNull();
      expect(await errorCodeOf(asOwner(t).mutation(api.onboarding.approve, { onboardingFlowId, profile }))).toBe("ONBOARDING_ALREADY_APPROVED");
      expect(await agencyRows(t)).toHaveLength(1);
    });
  }

  it("another user can neither read nor approve your onboarding, nor see it as theirs", async () => {
    const t = initConvexTest();
    const site = DEMO_AGENCY_SITES[0];
    const { onboardingFlowId } = await asOwner(t).mutation(api.onboarding.startFromWebsite, { url: site.url });
    const flow = await waitForDraft(t, onboardingFlowId);
    expect(flow.workflowStatus).toBe("completed");

    expect(await asOther(t).query(api.onboarding.get, { onboardingFlowId })).toBeNull();
    expect(await asOther(t).query(api.onboarding.current, {})).toBeNull();
    expect(await errorCodeOf(asOther(t).mutation(api.onboarding.approve, { onboardingFlowId, profile: profileFromDraft(flow) }))).toBe("ONBOARDING_NOT_FOUND");
    // Nothing was created for either user, and the owner can still approve their own draft.
    expect(await agencyRows(t)).toEqual([]);
    expect((await asOwner(t).query(api.onboarding.current, {}))?._id).toBe(onboardingFlowId);
    await asOwner(t).mutation(api.onboarding.approve, { onboardingFlowId, profile: profileFromDraft(flow) });
    expect(await asOther(t).query(api.agency.get, {})).toBeNull();
  });

  it.each([
    ["not a url", "contains spaces"],
    ["ftp://pixelharborstudio.example/", "Only http"],
    ["http://127.0.0.1:3210/", "not an IP address"],
    ["localhost", "local name"],
    ["", "Enter your agency's website"],
  ])("a bad URL (%j) is INVALID_URL and writes nothing", async (url, message) => {
    const t = initConvexTest();
    const error = await asOwner(t)
      .mutation(api.onboarding.startFromWebsite, { url })
      .then(
        () => undefined,
        (e: unknown) => (e as { data: { code: string; message: string } }).data,
      );
    expect(error?.code).toBe("INVALID_URL");
    expect(error?.message).toContain(message);
    expect(await t.run(async (ctx) => await ctx.db.query("onboarding_flow").collect())).toEqual([]);
    expect(await asOwner(t).query(api.onboarding.current, {})).toBeNull();
  });

  it("a website that cannot be read fails with the reason, and has no draft to approve", async () => {
    const t = initConvexTest();
    // A .example host the demo web server does not know: it answers 404 everywhere.
    const { onboardingFlowId } = await asOwner(t).mutation(api.onboarding.startFromWebsite, { url: "https://www.no-such-agency.example/" });
    const flow = await waitForDraft(t, onboardingFlowId);
    expect(flow.workflowStatus).toBe("failed");
    expect(flow.error).toMatch(/Could not read https:\/\/www\.no-such-agency\.example\/: HTTP 404/);
    expect(flow.phases.find((p) => p.name === "read_pages")).toMatchObject({ status: "error" });
    expect(flow.draft).toBeUndefined();
    const profile = { ...DEMO_AGENCY, approvedClaims: DEMO_AGENCY.approvedClaims };
    expect(await errorCodeOf(asOwner(t).mutation(api.onboarding.approve, { onboardingFlowId, profile }))).toBe("ONBOARDING_NOT_READY");
    expect(await agencyRows(t)).toEqual([]);
  });
});

describe("editing the profile later keeps the agency's runs and leads", () => {
  it("saving the profile by hand, or approving a new onboarding, keeps the same agency with its runs and leads", async () => {
    const t = initConvexTest();
    const agencyId = await asOwner(t).mutation(api.agency.ensureDemo, {});
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 0 });
    const run = await waitForRunEnd(t, jobId);
    expect(run.run.workflowStatus).toBe("completed");
    const leadsBefore = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    expect(leadsBefore.length).toBeGreaterThan(0);

    // By hand: new name and claims with signals.
    const edited = { ...DEMO_AGENCY, name: "Renamed Agency", approvedClaims: [{ id: "claim-1", text: "We fix local SEO.", signals: ["POOR_SEO" as const] }] };
    expect(await asOwner(t).mutation(api.agency.save, edited)).toBe(agencyId);
    // From the agency's website: the draft replaces the profile on approval, nothing before.
    const { onboardingFlowId } = await asOwner(t).mutation(api.onboarding.startFromWebsite, { url: "rankwiselocal.example" });
    const flow = await waitForDraft(t, onboardingFlowId);
    expect(flow.agencyId).toBe(agencyId);
    expect((await asOwner(t).query(api.agency.get, {}))!.name).toBe("Renamed Agency");
    expect((await asOwner(t).mutation(api.onboarding.approve, { onboardingFlowId, profile: profileFromDraft(flow) })).agencyId).toBe(agencyId);

    const agency = (await asOwner(t).query(api.agency.get, {}))!;
    expect(agency.name).toBe("Rankwise Local");
    expect((await asOwner(t).query(api.marketing.listRuns, {})).map((r) => r._id)).toEqual([jobId]);
    expect((await asOwner(t).query(api.opportunities.listByRun, { jobId })).map((l) => l._id)).toEqual(leadsBefore.map((l) => l._id));
    expect(await agencyRows(t)).toHaveLength(1);
    // Above its two waits: the run's (50 s) and the draft's (45 s).
  }, 110_000);
});
