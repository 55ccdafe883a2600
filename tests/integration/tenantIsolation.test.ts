/**
 * Tenant isolation over the whole public API: every public function found in convex/ (so a new one cannot be
 * forgotten) is called anonymously (UNAUTHENTICATED, nothing changed) and by a second agency with the first
 * agency's ids (it reads, lists, changes, cancels and re-audits nothing of the first agency's).
 */
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { asOther, asOwner, drainWorkflows, initConvexTest, modules, setupDemoAgency, type TestConvex } from "./convexTestSetup";
import { useOfflineRuns } from "./envSetup";

type Kind = "query" | "mutation" | "action";
type RegisteredFunction = { isQuery?: boolean; isMutation?: boolean; isAction?: boolean; isPublic?: boolean };

/** Every public function of the app, as "module:export" with its kind, read from the modules themselves. */
async function publicFunctions(): Promise<Map<string, Kind>> {
  const found = new Map<string, Kind>();
  for (const [file, load] of Object.entries(modules)) {
    const modulePath = file.replace(/^\.\.\/\.\.\/convex\//, "").replace(/\.[^./]+$/, "");
    if (modulePath.startsWith("_generated/") || modulePath === "schema" || modulePath.endsWith(".config")) continue;
    const exports = (await load()) as Record<string, RegisteredFunction | undefined>;
    for (const [name, fn] of Object.entries(exports)) {
      if (!fn || !fn.isPublic) continue;
      found.set(`${modulePath}:${name}`, fn.isQuery ? "query" : fn.isMutation ? "mutation" : "action");
    }
  }
  return found;
}

/** Convex Auth's own endpoints: callable signed out by design (that is how one signs in). */
const SIGN_IN_FUNCTIONS = new Set(["auth:signIn", "auth:signOut", "auth:isAuthenticated"]);
/** Public by design: the shared prospect report, whose token is the whole authorisation (tests/integration/shareLinks.test.ts). */
const TOKEN_FUNCTIONS = new Set(["reports:getSharedReport"]);

type Fixture = {
  agencyA: Id<"agency_profile">;
  runA: Id<"lead_gen_flow">;
  leadA: Id<"client_opportunities">;
  onboardingA: Id<"onboarding_flow">;
  /** A live share link to leadA's report (agency A's real token). */
  shareTokenA: string;
};

/** What agency B gets when it calls each function with agency A's ids, checked against A's untouched rows. */
const CROSS_AGENCY: Record<string, { args: (f: Fixture) => Record<string, unknown>; expectB: (result: unknown, f: Fixture) => void; rejects?: string }> = {
  "agency:get": { args: () => ({}), expectB: (r, f) => expect((r as { _id: string })._id).not.toBe(f.agencyA) },
  "agency:save": {
    args: () => ({ ...DEMO_AGENCY, name: "Agency B renamed" }),
    expectB: (r, f) => expect(r).not.toBe(f.agencyA),
  },
  "agency:ensureDemo": { args: () => ({}), expectB: (r, f) => expect(r).not.toBe(f.agencyA) },
  "agency:setMonthlyBudget": { args: () => ({ monthlyBudgetUsd: 1 }), expectB: (r) => expect(r).toBeNull() },
  "marketing:startLeadGenWorkflow": { args: () => ({ numLeads: 5 }), expectB: () => {} },
  "marketing:cancelLeadGenWorkflow": { args: (f) => ({ jobId: f.runA }), expectB: () => {}, rejects: "RUN_NOT_FOUND" },
  "marketing:getRun": { args: (f) => ({ jobId: f.runA }), expectB: (r) => expect(r).toBeNull() },
  "marketing:listRuns": { args: () => ({}), expectB: (r, f) => expect((r as { _id: string }[]).map((x) => x._id)).not.toContain(f.runA) },
  "opportunities:listByRun": { args: (f) => ({ jobId: f.runA }), expectB: (r) => expect(r).toEqual([]) },
  "opportunities:listByCampaign": {
    args: () => ({ targetVertical: DEMO_AGENCY.targetVertical, targetGeography: DEMO_AGENCY.targetGeography }),
    expectB: (r) => expect(r).toEqual([]),
  },
  "opportunities:campaigns": { args: () => ({}), expectB: (r) => expect(r).toEqual({ verticals: [], geographies: [], pairs: [] }) },
  "opportunities:get": { args: (f) => ({ opportunityId: f.leadA }), expectB: (r) => expect(r).toBeNull() },
  "opportunities:markContacted": { args: (f) => ({ opportunityId: f.leadA }), expectB: () => {}, rejects: "OPPORTUNITY_NOT_FOUND" },
  "audits:runDeepAudit": { args: (f) => ({ opportunityId: f.leadA }), expectB: () => {}, rejects: "OPPORTUNITY_NOT_FOUND" },
  "audits:cancelDeepAudit": { args: (f) => ({ opportunityId: f.leadA }), expectB: () => {}, rejects: "OPPORTUNITY_NOT_FOUND" },
  "opportunities:listByCampaignPage": {
    args: () => ({ paginationOpts: { numItems: 50, cursor: null } }),
    expectB: (r) => expect((r as { page: unknown[] }).page).toEqual([]),
  },
  "opportunities:countByCampaign": { args: () => ({}), expectB: (r) => expect(r).toBe(0) },
  // B's month, not A's: A's finished run used Places, B's run (started above, not drained) nothing yet.
  "usage:thisMonth": { args: () => ({ now: Date.now() }), expectB: (r) => expect((r as { usage: { placesRequests: number } }).usage.placesRequests).toBe(0) },
  "usage:estimateRun": { args: () => ({ numLeads: 5 }), expectB: (r) => expect(r).toEqual({ totalUsd: 0, free: true }) },
  "opportunities:listLeads": {
    args: () => ({ search: "dental", paginationOpts: { numItems: 50, cursor: null } }),
    expectB: (r) => expect((r as { page: unknown[] }).page).toEqual([]),
  },
  "opportunities:pipelineSummary": { args: () => ({}), expectB: (r) => expect(r).toMatchObject({ total: 0, notInPipeline: 0 }) },
  "opportunities:setStatus": { args: (f) => ({ opportunityId: f.leadA, status: "WON" }), expectB: () => {}, rejects: "OPPORTUNITY_NOT_FOUND" },
  "opportunities:addNote": { args: (f) => ({ opportunityId: f.leadA, text: "B was here" }), expectB: () => {}, rejects: "OPPORTUNITY_NOT_FOUND" },
  "opportunities:listNotes": { args: (f) => ({ opportunityId: f.leadA }), expectB: (r) => expect(r).toEqual([]) },
  "outreach:saveEdits": {
    args: (f) => ({ opportunityId: f.leadA, emailSubject: "B was here", emailBody: "B was here", callScript: "" }),
    expectB: () => {},
    rejects: "OPPORTUNITY_NOT_FOUND",
  },
  "outreach:revertEdits": { args: (f) => ({ opportunityId: f.leadA }), expectB: () => {}, rejects: "OPPORTUNITY_NOT_FOUND" },
  "opportunities:deleteLead": { args: (f) => ({ opportunityId: f.leadA }), expectB: () => {}, rejects: "OPPORTUNITY_NOT_FOUND" },
  "opportunities:deleteRunLeads": { args: (f) => ({ jobId: f.runA }), expectB: () => {}, rejects: "RUN_NOT_FOUND" },
  "csvExport:dossierDigests": { args: (f) => ({ opportunityIds: [f.leadA] }), expectB: (r) => expect(r).toEqual([]) },
  "reports:createShareLink": { args: (f) => ({ opportunityId: f.leadA }), expectB: () => {}, rejects: "OPPORTUNITY_NOT_FOUND" },
  "reports:revokeShareLink": { args: (f) => ({ token: f.shareTokenA }), expectB: () => {}, rejects: "SHARE_LINK_NOT_FOUND" },
  "reports:listShareLinks": { args: (f) => ({ opportunityId: f.leadA }), expectB: (r) => expect(r).toEqual([]) },
  "reports:getScorecard": { args: (f) => ({ opportunityId: f.leadA }), expectB: (r) => expect(r).toBeNull() },
  "reports:getSharedReport": { args: () => ({ token: "A".repeat(43) }), expectB: (r) => expect(r).toBeNull() },
  "providers:active": { args: () => ({}), expectB: (r) => expect((r as { badge: string }).badge).toBe("Demo data") },
  "onboarding:startFromWebsite": { args: () => ({ url: "https://www.pixelharborstudio.example/" }), expectB: () => {} },
  "onboarding:get": { args: (f) => ({ onboardingFlowId: f.onboardingA }), expectB: (r) => expect(r).toBeNull() },
  "onboarding:cancel": { args: (f) => ({ onboardingFlowId: f.onboardingA }), expectB: () => {}, rejects: "ONBOARDING_NOT_FOUND" },
  "onboarding:current": { args: () => ({}), expectB: (r, f) => expect((r as { _id: string } | null)?._id).not.toBe(f.onboardingA) },
  "onboarding:approve": {
    args: (f) => ({ onboardingFlowId: f.onboardingA, profile: { ...DEMO_AGENCY, name: "Agency B takes over" } }),
    expectB: () => {},
    rejects: "ONBOARDING_NOT_FOUND",
  },
};

/** Every row of agency A (and the rows hanging off them), to prove a call changed nothing. */
async function rowsOfAgency(t: TestConvex, agencyId: Id<"agency_profile">) {
  return await t.run(async (ctx) => {
    const byAgency = async (
      table:
        "lead_gen_flow" | "client_opportunities" | "campaigns" | "audit_jobs" | "audit_dossier" | "agency_usage" | "opportunity_notes" | "lead_status_counts",
    ) => (await ctx.db.query(table).collect()).filter((row) => row.agencyId === agencyId);
    const jobs = await byAgency("audit_jobs");
    const pages = (await ctx.db.query("crawl_pages").collect()).filter((p) => jobs.some((j) => j._id === p.auditJobId));
    return {
      agency: await ctx.db.get("agency_profile", agencyId),
      runs: await byAgency("lead_gen_flow"),
      leads: await byAgency("client_opportunities"),
      campaigns: await byAgency("campaigns"),
      jobs,
      dossiers: await byAgency("audit_dossier"),
      usage: await byAgency("agency_usage"),
      pages,
      notes: await byAgency("opportunity_notes"),
      statusCounts: await byAgency("lead_status_counts"),
      shareLinks: (await ctx.db.query("report_share_links").collect()).filter((link) => link.agencyId === agencyId),
      outreachEdits: (await ctx.db.query("outreach_edits").collect()).filter((edit) => edit.agencyId === agencyId),
      onboarding: (await ctx.db.query("onboarding_flow").collect()).filter((f) => f.agencyId === agencyId),
    };
  });
}

function errorCode(error: unknown): string | undefined {
  return error instanceof ConvexError ? (error.data as { code?: string }).code : undefined;
}

async function call(accessor: ReturnType<typeof asOwner> | TestConvex, kind: Kind, name: string, args: Record<string, unknown>) {
  const reference = makeFunctionReference<typeof kind>(name);
  return await (accessor[kind] as (ref: unknown, a: unknown) => Promise<unknown>)(reference, args);
}

useOfflineRuns();

/** Agency A with a finished run: leads, audit jobs, dossiers, campaigns; a lead in the pipeline, shared, with edited outreach. */
async function agencyWithRun(t: TestConvex): Promise<Fixture> {
  const agencyA = await setupDemoAgency(t);
  const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 6, maxDeepAudits: 2 });
  await drainWorkflows(t);
  const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
  expect(leads.length).toBeGreaterThan(0);
  const audited = leads.find((l) => l.auditJobId !== undefined) ?? leads[0];
  // A lead in the pipeline with a note, so B's calls have pipeline rows to (fail to) touch.
  await asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: audited._id, status: "CONTACTED" });
  await asOwner(t).mutation(api.opportunities.addNote, { opportunityId: audited._id, text: "Called the owner; follow up Monday." });
  // The demo web server is not running here: the onboarding ends failed, which is enough to own a flow.
  const { onboardingFlowId } = await asOwner(t).mutation(api.onboarding.startFromWebsite, { url: "pixelharborstudio.example" });
  await drainWorkflows(t);
  // The lead's cold email rewritten by A, and a live link to its report.
  const generated = (await asOwner(t).query(api.opportunities.get, { opportunityId: audited._id }))!.outreach!;
  await asOwner(t).mutation(api.outreach.saveEdits, { opportunityId: audited._id, ...generated, emailSubject: "A's own subject line" });
  const { token } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: audited._id });
  // Its expiry check is weeks away, and drainWorkflows runs every timer: dropped, so the link stays live for the test.
  await t.run(async (ctx) => {
    for (const job of await ctx.db.system.query("_scheduled_functions").collect()) {
      if (job.name.startsWith("reports") && job.state.kind === "pending") await ctx.scheduler.cancel(job._id);
    }
  });
  const owned = await rowsOfAgency(t, agencyA);
  expect(owned.shareLinks.map((l) => [l.token, l.status])).toEqual([[token, "active"]]);
  expect(owned.outreachEdits.map((e) => e.emailSubject)).toEqual(["A's own subject line"]);
  return { agencyA, runA: jobId, leadA: audited._id, onboardingA: onboardingFlowId, shareTokenA: token };
}

describe("tenant isolation over every public function", () => {
  it("the isolation table names every public function of the API", async () => {
    const names = [...(await publicFunctions()).keys()].filter((n) => !SIGN_IN_FUNCTIONS.has(n)).sort();
    expect(names).toEqual(Object.keys(CROSS_AGENCY).sort());
  });

  it("an anonymous caller gets UNAUTHENTICATED from every function and changes nothing", async () => {
    const t = initConvexTest();
    const fixture = await agencyWithRun(t);
    const before = await rowsOfAgency(t, fixture.agencyA);
    for (const [name, kind] of await publicFunctions()) {
      if (SIGN_IN_FUNCTIONS.has(name)) continue;
      if (TOKEN_FUNCTIONS.has(name)) {
        expect(await call(t, kind, name, CROSS_AGENCY[name].args(fixture)), name).toBeNull();
        continue;
      }
      const outcome = await call(t, kind, name, CROSS_AGENCY[name].args(fixture)).then(
        () => "returned",
        (error: unknown) => errorCode(error),
      );
      expect(outcome, name).toBe("UNAUTHENTICATED");
    }
    expect(await call(t, "query", "auth:isAuthenticated", {})).toBe(false);
    await drainWorkflows(t);
    expect(await rowsOfAgency(t, fixture.agencyA)).toEqual(before);
  });

  it("a token whose subject names no user (forged or deleted) is refused", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const forged = t.withIdentity({ subject: "k57abc|k58def", issuer: "https://atlas.test" });
    await expect(forged.query(api.agency.get, {})).rejects.toThrow(/UNAUTHENTICATED|Sign in/);
    const ownerUser = await t.run(async (ctx) => (await ctx.db.query("users").first())!);
    await t.run(async (ctx) => ctx.db.delete("users", ownerUser._id));
    await expect(asOwner(t).query(api.marketing.listRuns, {})).rejects.toThrow(/Sign in/);
  });

  it("agency B reads, lists, changes, cancels and re-audits none of agency A's rows", async () => {
    const t = initConvexTest();
    const fixture = await agencyWithRun(t);
    await asOther(t).mutation(api.agency.ensureDemo, {});
    const before = await rowsOfAgency(t, fixture.agencyA);
    for (const [name, kind] of await publicFunctions()) {
      if (SIGN_IN_FUNCTIONS.has(name)) continue;
      const scenario = CROSS_AGENCY[name];
      const outcome = await call(asOther(t), kind, name, scenario.args(fixture)).then(
        (result) => ({ result }),
        (error: unknown) => ({ code: errorCode(error) ?? String(error) }),
      );
      if (scenario.rejects) expect(outcome, name).toEqual({ code: scenario.rejects });
      else {
        expect(outcome, name).toHaveProperty("result");
        scenario.expectB((outcome as { result: unknown }).result, fixture);
      }
    }
    await drainWorkflows(t);
    expect(await rowsOfAgency(t, fixture.agencyA)).toEqual(before);
    // Positive control: the owner still sees everything B could not.
    expect(await asOwner(t).query(api.marketing.getRun, { jobId: fixture.runA })).not.toBeNull();
    expect(await asOwner(t).query(api.opportunities.get, { opportunityId: fixture.leadA })).not.toBeNull();
    expect((await asOwner(t).query(api.agency.get, {}))!.name).toBe(DEMO_AGENCY.name);
    expect(await asOwner(t).query(api.reports.getSharedReport, { token: fixture.shareTokenA })).not.toBeNull();
    expect((await asOwner(t).query(api.opportunities.get, { opportunityId: fixture.leadA }))!.outreachEdits).toMatchObject({
      emailSubject: "A's own subject line",
    });
  });
});
