/**
 * Profiles saved before accounts existed have no owner. On the embedded backend (which sets ATLAS_EMBEDDED_BACKEND=1)
 * the first and only account takes over the one such profile (with its runs) on its first profile save or "Use demo
 * agency"; on a deployment, and otherwise, it stays unreachable until the operator assigns it with the internal
 * agency.claimOrphanedProfile.
 */
import { ConvexError } from "convex/values";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { EMBEDDED_BACKEND_ENV } from "../../lib/embeddedBackend";
import { initConvexTest, asOther, asOwner, OWNER_IDENTITY, userIdOf, withEnv, type TestConvex } from "./convexTestSetup";

/** A profile and one run as the app wrote them before sign-in existed (no ownerId). */
async function orphan(t: TestConvex, name = "Pre-accounts Agency") {
  return await t.run(async (ctx) => {
    const agencyId = await ctx.db.insert("agency_profile", { ...DEMO_AGENCY, name });
    const runId = await ctx.db.insert("lead_gen_flow", {
      agencyId,
      numLeads: 5,
      targetVertical: "dentists",
      targetGeography: "Seattle, WA",
      textQuery: "dentists in Seattle, WA",
      maxDeepAudits: 10,
      workflowStatus: "completed",
      phases: [],
      lastEvent: { type: "completed", message: "Run completed.", at: 1 },
      startedAt: 1,
    });
    return { agencyId, runId };
  });
}

/** The environment of one backend for every test of the describe block. */
function onBackend(env: Record<string, string | undefined>) {
  let restore: () => void;
  beforeEach(() => {
    restore = withEnv(env);
  });
  afterEach(() => restore());
}

describe("profiles from before accounts, on the embedded backend", () => {
  onBackend({ [EMBEDDED_BACKEND_ENV]: "1" });

  it("the backend's first and only account takes over the one ownerless profile, with its runs", async () => {
    const t = initConvexTest();
    const old = await orphan(t);
    expect(await asOwner(t).query(api.agency.get, {})).toBeNull();
    expect(await asOwner(t).mutation(api.agency.ensureDemo, {})).toBe(old.agencyId);
    const agency = await asOwner(t).query(api.agency.get, {});
    expect(agency).toMatchObject({ _id: old.agencyId, name: "Pre-accounts Agency", ownerId: await userIdOf(t, OWNER_IDENTITY) });
    expect((await asOwner(t).query(api.marketing.listRuns, {})).map((r) => r._id)).toEqual([old.runId]);
    // A second account gets its own agency, never the first one's.
    const other = await asOther(t).mutation(api.agency.save, { ...DEMO_AGENCY, name: "Second Agency" });
    expect(other).not.toBe(old.agencyId);
    expect(await asOther(t).query(api.marketing.listRuns, {})).toEqual([]);
  });

  it("saving a profile also takes it over, keeping its data", async () => {
    const t = initConvexTest();
    const old = await orphan(t);
    expect(await asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, name: "Renamed" })).toBe(old.agencyId);
    expect((await asOwner(t).query(api.agency.get, {}))!.name).toBe("Renamed");
  });

  it("is not handed to anyone when other accounts exist or several profiles are ownerless; the operator assigns it", async () => {
    const t = initConvexTest();
    const old = await orphan(t);
    await asOther(t).query(api.agency.get, {}); // another account exists first
    const fresh = await asOwner(t).mutation(api.agency.ensureDemo, {});
    expect(fresh).not.toBe(old.agencyId);
    expect((await t.run(async (ctx) => ctx.db.get("agency_profile", old.agencyId)))!.ownerId).toBeUndefined();

    // The operator (internal function: `npx convex run`) gives it to the account with that email.
    const refused = await t.mutation(internal.agency.claimOrphanedProfile, { email: OWNER_IDENTITY.email }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConvexError);
    expect((refused as ConvexError<{ code: string }>).data.code).toBe("ALREADY_HAS_AGENCY");
    expect(await t.mutation(internal.agency.claimOrphanedProfile, { email: "other@atlas.test" })).toBe(old.agencyId);
    expect((await asOther(t).query(api.agency.get, {}))!._id).toBe(old.agencyId);
  });

  it("with two ownerless profiles, the first account gets neither", async () => {
    const t = initConvexTest();
    const a = await orphan(t, "Old A");
    const b = await orphan(t, "Old B");
    const mine = await asOwner(t).mutation(api.agency.ensureDemo, {});
    expect([a.agencyId, b.agencyId]).not.toContain(mine);
  });
});

describe("profiles from before accounts, on a deployment", () => {
  onBackend({ [EMBEDDED_BACKEND_ENV]: undefined });

  it("the first and only account gets a fresh profile; the ownerless one stays untouched until the operator assigns it", async () => {
    const t = initConvexTest();
    const old = await orphan(t);
    const before = await t.run(async (ctx) => ctx.db.get("agency_profile", old.agencyId));

    const demo = await asOwner(t).mutation(api.agency.ensureDemo, {});
    expect(demo).not.toBe(old.agencyId);
    expect(await asOwner(t).query(api.agency.get, {})).toMatchObject({ _id: demo, name: DEMO_AGENCY.name });
    expect(await asOwner(t).query(api.marketing.listRuns, {})).toEqual([]);
    // A save after that updates the new profile, never the old one.
    expect(await asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, name: "Stranger Agency" })).toBe(demo);
    expect(await t.run(async (ctx) => ctx.db.get("agency_profile", old.agencyId))).toEqual(before);

    // Only the internal function hands it over (here to a second account, which has no agency yet).
    expect(await t.mutation(internal.agency.claimOrphanedProfile, { email: "other@atlas.test" }).catch((e: unknown) => e)).toBeInstanceOf(ConvexError);
    await asOther(t).query(api.agency.get, {});
    expect(await t.mutation(internal.agency.claimOrphanedProfile, { email: "other@atlas.test" })).toBe(old.agencyId);
    expect((await asOther(t).query(api.marketing.listRuns, {})).map((r) => r._id)).toEqual([old.runId]);
  });

  it("saving a first profile creates a new one too", async () => {
    const t = initConvexTest();
    const old = await orphan(t);
    const mine = await asOwner(t).mutation(api.agency.save, { ...DEMO_AGENCY, name: "New Agency" });
    expect(mine).not.toBe(old.agencyId);
    const untouched = await t.run(async (ctx) => ctx.db.get("agency_profile", old.agencyId));
    expect(untouched!.name).toBe("Pre-accounts Agency");
    expect(untouched!.ownerId).toBeUndefined();
  });
});
