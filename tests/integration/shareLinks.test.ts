/**
 * Shared prospect reports: a link works signed out, shows only what the page shows, and stops working when
 * revoked or expired; another agency can neither create nor revoke a link for your lead.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { SHARE_LINK_TTL_MS } from "../../lib/shareLinks";
import { asOther, asOwner, drainWorkflows, initConvexTest, setupDemoAgency, waitForRunEnd, withEnv, type TestConvex } from "./convexTestSetup";
import { useDemoWeb } from "./envSetup";

const SHARED_KEYS = ["agency", "benchmark", "business", "card", "expiresAt", "preparedAt", "whatWeDo"];
const AGENCY_KEYS = ["bookingUrl", "contactPhone", "logoUrl", "name"];

useDemoWeb({}, { SITE_URL: "http://localhost:5173" });

async function getErrorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code ?? String(error);
  }
}

describe("share links on a real demo run", () => {
  let t: TestConvex;
  let audited: Id<"client_opportunities">;
  beforeAll(async () => {
    t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 6, maxDeepAudits: 3 });
    await waitForRunEnd(t, jobId);
    const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    const withDossier = leads.find((l) => l.audit?.status === "completed");
    expect(withDossier, "a lead with a completed audit").toBeDefined();
    audited = withDossier!._id;
  }, 120_000);

  it("signed out, the shared report is visible and holds only what the page shows", async () => {
    const { token, expiresAt } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: audited });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const lead = (await asOwner(t).query(api.opportunities.get, { opportunityId: audited }))!.opportunity;
    expect(expiresAt - lead._creationTime).toBeGreaterThan(SHARE_LINK_TTL_MS - 120_000);

    // `t` itself has no identity: the prospect is not signed in.
    const shared = await t.query(api.reports.getSharedReport, { token });
    expect(shared).not.toBeNull();
    expect(Object.keys(shared!).sort()).toEqual(SHARED_KEYS);
    expect(Object.keys(shared!.agency).sort()).toEqual(AGENCY_KEYS);
    expect(shared!.agency).toEqual({
      name: DEMO_AGENCY.name,
      logoUrl: "http://localhost:5173/atlas-demo-agency-logo.svg",
      bookingUrl: DEMO_AGENCY.bookingUrl,
      contactPhone: DEMO_AGENCY.contactPhone,
    });
    expect(shared!.business.name).toBe(lead.name);
    expect(shared!.card.sections.map((s) => s.label)).toEqual(["Website", "Mobile", "Search visibility", "Reputation", "Conversion"]);
    expect(shared!.card.overall?.grade).toMatch(/^[A-F]$/);
    // Each finding carries what was seen; the audited ones name their evidence.
    const findings = shared!.card.sections.flatMap((s) => s.findings);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((f) => f.evidence?.startsWith("http"))).toBe(true);
    expect(shared!.benchmark?.sentence).toMatch(/^You have .+; the top \d dentists in this search average \d\.\d★ from [\d,]+\.$/);

    // Nothing of the agency's settings, owner or internal ids anywhere in the payload.
    const text = JSON.stringify(shared);
    for (const secret of [
      "leadQualificationCriteria",
      "minimumScore",
      "ownerId",
      "approvedClaims",
      "approved_claim_id",
      "_id",
      "agencyId",
      "place_id",
      "owner@atlas.test",
      "claim-",
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).not.toContain(audited);
  });

  it("a revoked link is gone at once, for everyone; the owner's list drops it", async () => {
    const { token } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: audited });
    expect((await asOwner(t).query(api.reports.listShareLinks, { opportunityId: audited })).map((l) => l.token)).toContain(token);
    await asOwner(t).mutation(api.reports.revokeShareLink, { token });
    expect(await t.query(api.reports.getSharedReport, { token })).toBeNull();
    expect((await asOwner(t).query(api.reports.listShareLinks, { opportunityId: audited })).map((l) => l.token)).not.toContain(token);
  });

  it("a link whose expiry has passed is gone", async () => {
    const { token } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: audited });
    await t.run(async (ctx) => {
      const link = await ctx.db
        .query("report_share_links")
        .withIndex("by_token", (q) => q.eq("token", token))
        .unique();
      await ctx.db.patch("report_share_links", link!._id, { expiresAt: Date.now() - 1 });
    });
    expect(await t.query(api.reports.getSharedReport, { token })).toBeNull();
  });

  it("another agency cannot create or revoke a link for your lead, nor list yours", async () => {
    const { token } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: audited });
    await asOther(t).mutation(api.agency.ensureDemo, {});
    expect(await getErrorCode(asOther(t).mutation(api.reports.createShareLink, { opportunityId: audited }))).toBe("OPPORTUNITY_NOT_FOUND");
    expect(await getErrorCode(asOther(t).mutation(api.reports.revokeShareLink, { token }))).toBe("SHARE_LINK_NOT_FOUND");
    expect(await asOther(t).query(api.reports.listShareLinks, { opportunityId: audited })).toEqual([]);
    expect(await asOther(t).query(api.reports.getScorecard, { opportunityId: audited })).toBeNull();
    // The owner's link still works.
    expect(await t.query(api.reports.getSharedReport, { token })).not.toBeNull();
  });

  it("the call-to-action fields: a javascript: logo is refused with nothing changed; an emptied field is removed", async () => {
    const before = await asOwner(t).query(api.agency.get, {});
    const profile = { ...DEMO_AGENCY, logoUrl: before!.logoUrl };
    expect(await getErrorCode(asOwner(t).mutation(api.agency.save, { ...profile, logoUrl: "javascript:alert(1)" }))).toBe("INVALID_LOGO_URL");
    expect(await getErrorCode(asOwner(t).mutation(api.agency.save, { ...profile, contactPhone: "555" }))).toBe("INVALID_CONTACT_PHONE");
    expect(await asOwner(t).query(api.agency.get, {})).toEqual(before);
    await asOwner(t).mutation(api.agency.save, { ...profile, bookingUrl: "" });
    const after = await asOwner(t).query(api.agency.get, {});
    expect(after!.bookingUrl).toBeUndefined();
    expect(after!.contactPhone).toBe(DEMO_AGENCY.contactPhone);
    // The shared page then offers the phone alone.
    const { token } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: audited });
    expect(Object.keys((await t.query(api.reports.getSharedReport, { token }))!.agency).sort()).toEqual(["contactPhone", "logoUrl", "name"]);
    await asOwner(t).mutation(api.agency.save, profile);
  });

  it("a made-up or malformed token shows nothing", async () => {
    expect(await t.query(api.reports.getSharedReport, { token: "A".repeat(43) })).toBeNull();
    expect(await t.query(api.reports.getSharedReport, { token: "../../etc" })).toBeNull();
  });

  it("the signed-in scorecard has the same grade and benchmark as the shared page", async () => {
    const { token } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: audited });
    const shared = await t.query(api.reports.getSharedReport, { token });
    const scorecard = await asOwner(t).query(api.reports.getScorecard, { opportunityId: audited });
    expect(scorecard!.card).toEqual(shared!.card);
    expect(scorecard!.benchmark).toEqual(shared!.benchmark);
  });

  it("the outreach drafts quote the same benchmark sentence the shared page shows", async () => {
    const { token } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: audited });
    const shared = await t.query(api.reports.getSharedReport, { token });
    const report = await asOwner(t).query(api.opportunities.get, { opportunityId: audited });
    expect(shared!.benchmark?.sentence).toMatch(/^You have/);
    expect(report!.outreach!.emailBody).toContain(shared!.benchmark!.sentence);
  });

  it("the CSV export gets the lead's newest active link, and none once it is revoked", async () => {
    const { token } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: audited });
    const [digest] = await asOwner(t).query(api.csvExport.dossierDigests, { opportunityIds: [audited] });
    expect(digest.shareToken).toBe(token);
    const links = await asOwner(t).query(api.reports.listShareLinks, { opportunityId: audited });
    for (const link of links) await asOwner(t).mutation(api.reports.revokeShareLink, { token: link.token });
    const [after] = await asOwner(t).query(api.csvExport.dossierDigests, { opportunityIds: [audited] });
    expect(after.shareToken).toBeUndefined();
  });
});

describe("share link expiry on the clock", () => {
  let restoreClock: (() => void) | undefined;
  afterEach(() => {
    restoreClock?.();
    vi.useRealTimers();
  });

  it("30 days after it was made, the scheduled expiry ends the link", async () => {
    vi.useFakeTimers();
    restoreClock = withEnv({ DEMO_WEB_ORIGIN: "http://127.0.0.1:9" });
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3, maxDeepAudits: 0 });
    await drainWorkflows(t);
    const [lead] = await asOwner(t).query(api.opportunities.listByRun, { jobId });
    const { token } = await asOwner(t).mutation(api.reports.createShareLink, { opportunityId: lead._id });
    vi.advanceTimersByTime(SHARE_LINK_TTL_MS - 60_000);
    expect(await t.query(api.reports.getSharedReport, { token })).not.toBeNull();
    await drainWorkflows(t);
    expect(await t.query(api.reports.getSharedReport, { token })).toBeNull();
    const status = await t.run(
      async (ctx) =>
        (await ctx.db
          .query("report_share_links")
          .withIndex("by_token", (q) => q.eq("token", token))
          .unique())!.status,
    );
    expect(status).toBe("expired");
  });
});
