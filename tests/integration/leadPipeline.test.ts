/**
 * The agency's lead pipeline (issue 13): status moves with undo and meeting time, notes, the pipeline counts,
 * re-runs that never reset a pipeline status, the server-side lead table over more than one page, and deletes.
 */
import { ConvexError } from "convex/values";
import { describe, expect, it, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import type { Signal } from "../../lib/signals";
import { asOther, asOwner, drainWorkflows, initConvexTest, setupDemoAgency, type TestConvex } from "./convexTestSetup";
import { useOfflineRuns } from "./envSetup";
import { insertLead, patchLead } from "../../convex/model/leadRows";

useOfflineRuns();

const MEETING = Date.UTC(2026, 11, 8, 16, 0);

async function runToEnd(t: TestConvex, args: { numLeads: number; targetVertical?: string; targetGeography?: string; maxDeepAudits?: number }) {
  const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, args);
  await drainWorkflows(t);
  return { jobId, leads: await asOwner(t).query(api.opportunities.listByRun, { jobId }) };
}

async function lead(t: TestConvex, id: Id<"client_opportunities">) {
  return (await asOwner(t).query(api.opportunities.get, { opportunityId: id }))!.opportunity;
}

function codeOf(error: unknown): string | undefined {
  return error instanceof ConvexError ? (error.data as { code?: string }).code : undefined;
}

async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  return await promise.then(
    () => "resolved",
    (error: unknown) => codeOf(error) ?? String(error),
  );
}

describe("lead pipeline: statuses, meetings, notes", () => {
  it("moves a lead through every status with undo, records each change with its time, and counts the pipeline", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { leads } = await runToEnd(t, { numLeads: 4 });
    expect(leads.length).toBe(4);
    const id = leads[0]._id;
    const setStatus = (args: { status: "READY" | "CONTACTED" | "MEETING_BOOKED" | "WON" | "LOST" | "NOT_A_FIT"; meetingTime?: number }) =>
      asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: id, ...args });

    expect(await asOwner(t).query(api.opportunities.pipelineSummary, {})).toEqual({
      total: 4,
      notInPipeline: 4,
      counts: { CONTACTED: 0, MEETING_BOOKED: 0, WON: 0, LOST: 0, NOT_A_FIT: 0 },
    });

    vi.setSystemTime(Date.UTC(2026, 11, 1, 9, 0));
    await setStatus({ status: "CONTACTED" });
    expect((await lead(t, id)).status).toBe("CONTACTED");

    // A meeting needs its time: refused, nothing changed.
    expect(await rejection(setStatus({ status: "MEETING_BOOKED" }))).toBe("MEETING_TIME_REQUIRED");
    expect(await rejection(setStatus({ status: "WON", meetingTime: MEETING }))).toBe("INVALID_MEETING_TIME");
    expect((await lead(t, id)).status).toBe("CONTACTED");

    vi.setSystemTime(Date.UTC(2026, 11, 1, 9, 5));
    await setStatus({ status: "MEETING_BOOKED", meetingTime: MEETING });
    let now = await lead(t, id);
    expect(now).toMatchObject({ status: "MEETING_BOOKED", meeting_time: MEETING });
    expect((await asOwner(t).query(api.opportunities.pipelineSummary, {})).counts).toMatchObject({ CONTACTED: 0, MEETING_BOOKED: 1 });

    vi.setSystemTime(Date.UTC(2026, 11, 8, 17, 0));
    await setStatus({ status: "WON" });
    now = await lead(t, id);
    expect(now).toMatchObject({ status: "WON", meeting_time: MEETING });

    // Undo: back to READY, the meeting time cleared.
    await setStatus({ status: "READY" });
    now = await lead(t, id);
    expect(now.status).toBe("READY");
    expect(now.meeting_time).toBeUndefined();

    await setStatus({ status: "LOST" });
    await setStatus({ status: "NOT_A_FIT" });
    now = await lead(t, id);
    expect(now.statusHistory?.map((h) => h.status)).toEqual(["CONTACTED", "MEETING_BOOKED", "WON", "READY", "LOST", "NOT_A_FIT"]);
    expect(now.statusHistory?.[0].at).toBe(Date.UTC(2026, 11, 1, 9, 0));
    expect(now.statusHistory?.[1]).toMatchObject({ at: Date.UTC(2026, 11, 1, 9, 5), meeting_time: MEETING });

    // A second lead contacted: counts follow, and a lead marked "not a fit" is listed apart.
    await asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: leads[1]._id, status: "CONTACTED" });
    expect(await asOwner(t).query(api.opportunities.pipelineSummary, {})).toEqual({
      total: 4,
      notInPipeline: 2,
      counts: { CONTACTED: 1, MEETING_BOOKED: 0, WON: 0, LOST: 0, NOT_A_FIT: 1 },
    });
    const listed = await asOwner(t).query(api.opportunities.listByRun, { jobId: leads[0].leadGenFlowId! });
    expect(listed.at(-1)).toMatchObject({ _id: id, notAFit: true });

    // Undo is for pipeline statuses: a lead never moved cannot be "undone" while it is still being worked on.
    await t.run(async (ctx) => ctx.db.patch("client_opportunities", leads[2]._id, { status: "AUDITING" }));
    expect(await rejection(asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: leads[2]._id, status: "READY" }))).toBe("INVALID_STATUS_CHANGE");
  });

  it("keeps dated notes per lead, newest first, and refuses empty ones", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { leads } = await runToEnd(t, { numLeads: 2 });
    const [a, b] = leads;
    vi.setSystemTime(Date.UTC(2026, 11, 1, 10, 0));
    await asOwner(t).mutation(api.opportunities.addNote, { opportunityId: a._id, text: "  Spoke to the office manager. " });
    vi.setSystemTime(Date.UTC(2026, 11, 2, 11, 30));
    await asOwner(t).mutation(api.opportunities.addNote, { opportunityId: a._id, text: "Sent the audit by email." });
    await asOwner(t).mutation(api.opportunities.addNote, { opportunityId: b._id, text: "Wrong number on Places." });
    expect(await rejection(asOwner(t).mutation(api.opportunities.addNote, { opportunityId: a._id, text: "   " }))).toBe("INVALID_NOTE");

    const notes = await asOwner(t).query(api.opportunities.listNotes, { opportunityId: a._id });
    expect(notes.map((n) => [n.text, n.createdAt])).toEqual([
      ["Sent the audit by email.", Date.UTC(2026, 11, 2, 11, 30)],
      ["Spoke to the office manager.", Date.UTC(2026, 11, 1, 10, 0)],
    ]);
  });

  it("another agency can neither move, annotate, read nor delete your lead", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { leads } = await runToEnd(t, { numLeads: 2 });
    const id = leads[0]._id;
    await asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: id, status: "MEETING_BOOKED", meetingTime: MEETING });
    await asOwner(t).mutation(api.opportunities.addNote, { opportunityId: id, text: "Mine." });
    await asOther(t).mutation(api.agency.ensureDemo, {});

    expect(await rejection(asOther(t).mutation(api.opportunities.setStatus, { opportunityId: id, status: "READY" }))).toBe("OPPORTUNITY_NOT_FOUND");
    expect(await rejection(asOther(t).mutation(api.opportunities.addNote, { opportunityId: id, text: "Theirs." }))).toBe("OPPORTUNITY_NOT_FOUND");
    expect(await rejection(asOther(t).mutation(api.opportunities.deleteLead, { opportunityId: id }))).toBe("OPPORTUNITY_NOT_FOUND");
    expect(await asOther(t).query(api.opportunities.listNotes, { opportunityId: id })).toEqual([]);
    expect((await asOther(t).query(api.opportunities.pipelineSummary, {})).counts.MEETING_BOOKED).toBe(0);

    expect(await lead(t, id)).toMatchObject({ status: "MEETING_BOOKED", meeting_time: MEETING });
    expect(await asOwner(t).query(api.opportunities.listNotes, { opportunityId: id })).toHaveLength(1);
  });

  it("a re-run, a re-audit and a lead marked while its run works never reset a pipeline status", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const first = await runToEnd(t, { numLeads: 3 });
    const [won, meeting, lost] = first.leads;
    await asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: won._id, status: "WON" });
    await asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: meeting._id, status: "MEETING_BOOKED", meetingTime: MEETING });
    await asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: lost._id, status: "LOST" });

    const second = await runToEnd(t, { numLeads: 5 });
    expect(second.leads.length).toBeGreaterThan(0);
    await asOwner(t).mutation(api.audits.runDeepAudit, { opportunityId: won._id });
    await drainWorkflows(t);
    expect((await lead(t, won._id)).status).toBe("WON");
    expect(await lead(t, meeting._id)).toMatchObject({ status: "MEETING_BOOKED", meeting_time: MEETING });
    expect((await lead(t, lost._id)).status).toBe("LOST");

    // Marked while its own run is still auditing it: the run's later steps (crawl, dossier, final ranking) keep it.
    const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, {
      numLeads: 4,
      targetVertical: "plumbers",
      targetGeography: "Seattle, WA",
    });
    let early: Doc<"client_opportunities"> | undefined;
    for (let step = 0; step < 200 && !early; step++) {
      await t.finishInProgressScheduledFunctions();
      vi.advanceTimersByTime(50);
      early = await t.run(
        async (ctx) =>
          (await ctx.db
            .query("client_opportunities")
            .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", jobId))
            .first()) ?? undefined,
      );
    }
    expect(early, "the run saved a lead").toBeDefined();
    expect(["SOURCED", "SCRAPING", "DATA_READY", "AUDITING"]).toContain(early!.status);
    await asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: early!._id, status: "CONTACTED" });
    await drainWorkflows(t);
    expect((await asOwner(t).query(api.marketing.getRun, { jobId }))!.run.workflowStatus).toBe("completed");
    expect((await lead(t, early!._id)).status).toBe("CONTACTED");
  });
});

/** Realistic leads written as persist_leads writes them (search and sort fields included), plus the campaign counters. */
async function seedLeads(t: TestConvex, agencyId: Id<"agency_profile">, count: number) {
  const verticals = ["dentists", "plumbers", "roofers"];
  const cities = ["Austin, TX", "Denver, CO"];
  const words = ["Harbor", "Summit", "Oak", "Cedar", "Bright", "Lakeside", "Pioneer", "Maple", "Riverside", "Élan"];
  const signalSets: Signal[][] = [
    ["MISSING_WEBSITE"],
    ["LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"],
    ["NEEDS_WEB_AUDIT"],
    ["WEAK_WEB_PRESENCE", "LOW_GOOGLE_RATING"],
  ];
  return await t.run(async (ctx) => {
    const counts = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const targetVertical = verticals[i % 3];
      const targetGeography = cities[Math.floor(i / 3) % 2];
      const name = `${words[i % words.length]} ${targetVertical.replace(/s$/, "")} ${String(i).padStart(3, "0")}`;
      const signals = signalSets[i % signalSets.length];
      const domain = signals.includes("MISSING_WEBSITE") ? undefined : `${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`;
      await insertLead(ctx, {
        agencyId,
        name,
        domain,
        phone: `+1512555${String(1000 + i)}`,
        place_id: `seed-${i}`,
        city: targetGeography.split(",")[0],
        rating: i % 7 === 0 ? undefined : 3 + ((i * 37) % 20) / 10,
        reviews_count: (i * 53) % 400,
        source: "demo",
        status: i % 10 === 0 ? "CONTACTED" : i % 10 === 5 ? "WON" : i % 10 === 7 ? "DATA_READY" : "READY",
        targetVertical,
        targetGeography,
        qualificationScore: (i * 29) % 101,
        signals,
        website: domain ? `https://${domain}` : undefined,
      });
      const key = `${targetVertical}|${targetGeography}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, leadCount] of counts) {
      const [targetVertical, targetGeography] = key.split("|");
      await ctx.db.insert("campaigns", { agencyId, targetVertical, targetGeography, lastRunAt: 0, leadCount });
    }
    return await ctx.db
      .query("client_opportunities")
      .withIndex("by_agency", (q) => q.eq("agencyId", agencyId))
      .collect();
  });
}

type TableArgs = {
  sort?: "score" | "name" | "rating" | "reviews" | "status";
  order?: "asc" | "desc";
  search?: string;
  status?: Doc<"client_opportunities">["status"];
  signal?: Signal;
  targetVertical?: string;
  targetGeography?: string;
};

/** Every page of the lead table for these arguments, as the dashboard's "Load more" reads them. */
async function allPages(t: TestConvex, args: TableArgs, numItems = 25) {
  const rows: Doc<"client_opportunities">[] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (; pages < 100; pages++) {
    const result: { page: Doc<"client_opportunities">[]; isDone: boolean; continueCursor: string } = await asOwner(t).query(api.opportunities.listLeads, {
      ...args,
      paginationOpts: { numItems, cursor },
    });
    rows.push(...result.page);
    if (result.isDone) return { rows, pages: pages + 1 };
    cursor = result.continueCursor;
  }
  throw new Error("pagination did not finish");
}

const ids = (rows: { _id: string }[]) => rows.map((r) => r._id);

describe("the lead table: server-side sort, search and filter over every lead", () => {
  it("sorts, searches and filters 120 leads across pages of 25", async () => {
    const t = initConvexTest();
    const agencyId = await setupDemoAgency(t);
    const seeded = await seedLeads(t, agencyId, 120);
    expect(seeded).toHaveLength(120);

    // Default: best score first, every lead once, over 5 pages.
    const byScore = await allPages(t, {});
    expect(byScore.pages).toBe(5);
    expect(new Set(ids(byScore.rows)).size).toBe(120);
    const scores = byScore.rows.map((r) => r.qualificationScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // Name: A→Z ignoring case and accents ("Élan" sorts with the E's), and Z→A.
    const byName = await allPages(t, { sort: "name" });
    const expectedNames = [...seeded].sort((a, b) => (a.nameKey! < b.nameKey! ? -1 : a.nameKey! > b.nameKey! ? 1 : 0)).map((l) => l.name);
    expect(byName.rows.map((r) => r.name)).toEqual(expectedNames);
    expect(byName.rows.findIndex((r) => r.name.startsWith("Élan"))).toBeLessThan(byName.rows.findIndex((r) => r.name.startsWith("Harbor")));
    expect((await allPages(t, { sort: "name", order: "desc" })).rows.map((r) => r.name)).toEqual([...expectedNames].reverse());

    // Rating and reviews, highest first; leads without a rating last.
    const byRating = (await allPages(t, { sort: "rating" })).rows;
    expect(byRating).toHaveLength(120);
    const ratings = byRating.map((r) => r.rating ?? -1);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    expect(byRating.at(-1)!.rating).toBeUndefined();
    const reviews = (await allPages(t, { sort: "reviews", order: "asc" })).rows.map((r) => r.reviews_count!);
    expect(reviews).toEqual([...reviews].sort((a, b) => a - b));

    // Status sort groups leads by status in pipeline order (not A→Z, which would put CONTACTED before DATA_READY).
    const byStatus = (await allPages(t, { sort: "status", order: "asc" })).rows;
    const groups = byStatus.map((r) => r.status).filter((status, i, all) => status !== all[i - 1]);
    expect(groups).toEqual(["DATA_READY", "READY", "CONTACTED", "WON"]);
    const byStatusDesc = (await allPages(t, { sort: "status", order: "desc" }, 10)).rows;
    expect(byStatusDesc.map((r) => r.status).filter((status, i, all) => status !== all[i - 1])).toEqual(["WON", "CONTACTED", "READY", "DATA_READY"]);

    // Status filter, with each sort: exactly the 12 contacted leads.
    const contacted = seeded.filter((l) => l.status === "CONTACTED");
    for (const sort of ["score", "name", "rating", "reviews", "status"] as const) {
      const rows = (await allPages(t, { sort, status: "CONTACTED" }, 5)).rows;
      expect(ids(rows).sort(), sort).toEqual(ids(contacted).sort());
    }

    // Signal filter (read through lead_signals): exactly the leads with that signal, in score order.
    const lowRating = (await allPages(t, { signal: "LOW_GOOGLE_RATING" })).rows;
    expect(ids(lowRating).sort()).toEqual(ids(seeded.filter((l) => l.signals.includes("LOW_GOOGLE_RATING"))).sort());
    expect(lowRating.map((r) => r.qualificationScore)).toEqual([...lowRating.map((r) => r.qualificationScore)].sort((a, b) => b - a));

    // Campaign filters with a sort other than score, and combined with status.
    const roofersDenver = (await allPages(t, { sort: "name", targetVertical: "roofers", targetGeography: "Denver, CO" }, 7)).rows;
    expect(ids(roofersDenver).sort()).toEqual(ids(seeded.filter((l) => l.targetVertical === "roofers" && l.targetGeography === "Denver, CO")).sort());
    const plumbersContacted = (await allPages(t, { targetVertical: "plumbers", status: "CONTACTED" }, 3)).rows;
    expect(ids(plumbersContacted).sort()).toEqual(ids(seeded.filter((l) => l.targetVertical === "plumbers" && l.status === "CONTACTED")).sort());

    // Search by a word of the name, by a name prefix, and by domain.
    const cedar = (await allPages(t, { search: "cedar" }, 5)).rows;
    expect(ids(cedar).sort()).toEqual(ids(seeded.filter((l) => l.name.startsWith("Cedar"))).sort());
    const one = seeded.find((l) => l.domain)!;
    const byDomain = (await allPages(t, { search: one.domain! })).rows;
    // Only that lead: the ".example" every demo domain shares is not a search word.
    expect(ids(byDomain)).toEqual([one._id]);
    const elan = (await allPages(t, { search: "elan" })).rows;
    expect(elan.length).toBe(12);
    expect(elan.every((r) => r.name.startsWith("Élan"))).toBe(true);
    const cedarDentists = (await allPages(t, { search: "cedar", targetVertical: "dentists" })).rows;
    expect(cedarDentists.length).toBeGreaterThan(0);
    expect(cedarDentists.every((r) => r.name.startsWith("Cedar") && r.targetVertical === "dentists")).toBe(true);

    // Another agency sees none of them.
    await asOther(t).mutation(api.agency.ensureDemo, {});
    const theirs = await asOther(t).query(api.opportunities.listLeads, { search: "cedar", paginationOpts: { numItems: 50, cursor: null } });
    expect(theirs.page).toEqual([]);
  });

  it("filters by a signal only the lowest-scored leads have: the first page holds them, under every sort, and follows changes", async () => {
    // Regression: the signal filter used to drop non-matching rows from each page after reading it, so the
    // first pages came back empty ("No opportunities match") while a later page held the matches.
    const t = initConvexTest();
    const agencyId = await setupDemoAgency(t);
    const seeded = await seedLeads(t, agencyId, 120);
    const lowest = [...seeded].sort((a, b) => a.qualificationScore - b.qualificationScore).slice(0, 3);
    await t.run(async (ctx) => {
      for (const lead of lowest) await patchLead(ctx, lead, { signals: [...lead.signals, "NO_SSL"] });
    });

    const first = await asOwner(t).query(api.opportunities.listLeads, { signal: "NO_SSL", paginationOpts: { numItems: 25, cursor: null } });
    expect(ids(first.page).sort()).toEqual(ids(lowest).sort());
    expect(first.isDone).toBe(true);
    for (const sort of ["score", "name", "rating", "reviews", "status"] as const) {
      const { rows, pages } = await allPages(t, { sort, signal: "NO_SSL" }, 2);
      expect(ids(rows).sort(), sort).toEqual(ids(lowest).sort());
      expect(pages, sort).toBe(2);
    }
    const byName = (await allPages(t, { sort: "name", signal: "NO_SSL" })).rows.map((r) => r.name);
    expect(byName).toEqual(lowest.map((l) => l.name).sort((a, b) => a.localeCompare(b)));

    // With a search, a status and a campaign on top.
    const target = lowest[0];
    const word = target.name.split(" ")[0];
    const searched = (await allPages(t, { signal: "NO_SSL", search: word })).rows;
    expect(ids(searched)).toContain(target._id);
    expect(searched.every((r) => r.signals.includes("NO_SSL") && r.name.startsWith(word))).toBe(true);
    const inCampaign = (await allPages(t, { signal: "NO_SSL", targetVertical: target.targetVertical, status: target.status })).rows;
    expect(ids(inCampaign).sort()).toEqual(ids(lowest.filter((l) => l.targetVertical === target.targetVertical && l.status === target.status)).sort());

    // The filter follows the lead: a status move, a signal dropped, a delete.
    await asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: lowest[1]._id, status: "LOST" });
    expect(ids((await allPages(t, { signal: "NO_SSL", status: "LOST" })).rows)).toEqual([lowest[1]._id]);
    await t.run(async (ctx) => patchLead(ctx, lowest[2], { signals: lowest[2].signals }));
    await asOwner(t).mutation(api.opportunities.deleteLead, { opportunityId: lowest[0]._id });
    expect(ids((await allPages(t, { signal: "NO_SSL" })).rows)).toEqual([lowest[1]._id]);
    const leftover = await t.run(async (ctx) => ctx.db.query("lead_signals").collect());
    expect(leftover.filter((r) => r.opportunityId === lowest[0]._id)).toEqual([]);
  });

  it("a backfill makes leads saved before the table's columns existed searchable, sorted and signal-filtered", async () => {
    const t = initConvexTest();
    const agencyId = await setupDemoAgency(t);
    const seeded = await seedLeads(t, agencyId, 130);
    // As such leads were saved: no search words, name key, status rank or signal rows.
    await t.run(async (ctx) => {
      for (const lead of seeded) {
        const { _id, _creationTime, searchText, nameKey, statusRank, ...legacy } = lead;
        void [_creationTime, searchText, nameKey, statusRank];
        await ctx.db.replace("client_opportunities", _id, legacy);
      }
      for (const row of await ctx.db.query("lead_signals").collect()) await ctx.db.delete("lead_signals", row._id);
    });
    const cedars = seeded.filter((l) => l.name.startsWith("Cedar"));
    // (Not searched before the backfill: convex-test's search index, which the embedded backend serves, throws on
    // a row without `searchText`, where a deployment leaves it out.)
    expect((await allPages(t, { signal: "MISSING_WEBSITE" })).rows).toEqual([]);

    expect(await t.mutation(internal.opportunities.backfillLeadTableFields, {})).toEqual({ updated: 100, done: false });
    await drainWorkflows(t);

    expect(ids((await allPages(t, { search: "cedar" })).rows).sort()).toEqual(ids(cedars).sort());
    const expectedNames = [...seeded].sort((a, b) => (a.nameKey! < b.nameKey! ? -1 : a.nameKey! > b.nameKey! ? 1 : 0)).map((l) => l.name);
    expect((await allPages(t, { sort: "name" })).rows.map((r) => r.name)).toEqual(expectedNames);
    expect(ids((await allPages(t, { signal: "MISSING_WEBSITE" })).rows).sort()).toEqual(
      ids(seeded.filter((l) => l.signals.includes("MISSING_WEBSITE"))).sort(),
    );
    const groups = (await allPages(t, { sort: "status" })).rows.map((r) => r.status).filter((status, i, all) => status !== all[i - 1]);
    expect(groups).toEqual(["DATA_READY", "READY", "CONTACTED", "WON"]);
    // Run again (as at every start of the embedded backend): nothing left to do.
    expect(await t.mutation(internal.opportunities.backfillLeadTableFields, {})).toEqual({ updated: 0, done: true });
  });

  it("lists cascading campaign pairs for the dropdowns", async () => {
    const t = initConvexTest();
    const agencyId = await setupDemoAgency(t);
    await seedLeads(t, agencyId, 9);
    const { pairs } = await asOwner(t).query(api.opportunities.campaigns, {});
    expect(
      pairs
        .filter((p) => p.targetVertical === "dentists")
        .map((p) => p.targetGeography)
        .sort(),
    ).toEqual(["Austin, TX", "Denver, CO"]);
    expect(pairs.reduce((n, p) => n + p.leadCount, 0)).toBe(9);
    expect((await asOwner(t).query(api.opportunities.campaigns, {})).truncated).toBeUndefined();

    // Past 500 campaigns the dropdowns say they are cut.
    await t.run(async (ctx) => {
      for (let i = 0; i < 500; i++) {
        await ctx.db.insert("campaigns", {
          agencyId,
          targetVertical: "landscapers",
          targetGeography: `Town ${String(i).padStart(3, "0")}, OR`,
          lastRunAt: 0,
          leadCount: 1,
        });
      }
    });
    const cut = await asOwner(t).query(api.opportunities.campaigns, {});
    expect(cut.truncated).toBe(true);
    expect(cut.pairs).toHaveLength(500);
  });
});

describe("deleting leads", () => {
  it("deletes one lead with its audits, dossiers, pages and notes, and leaves the others alone", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const { jobId, leads } = await runToEnd(t, { numLeads: 4, maxDeepAudits: 4 });
    const target = leads.find((l) => l.auditJobId)!;
    expect(target).toBeDefined();
    await asOwner(t).mutation(api.opportunities.setStatus, { opportunityId: target._id, status: "CONTACTED" });
    await asOwner(t).mutation(api.opportunities.addNote, { opportunityId: target._id, text: "Left a voicemail." });
    const rowsOf = (id: Id<"client_opportunities">) =>
      t.run(async (ctx) => {
        const jobs = await ctx.db
          .query("audit_jobs")
          .withIndex("by_opportunity", (q) => q.eq("opportunityId", id))
          .collect();
        let pages = 0;
        for (const job of jobs)
          pages += (
            await ctx.db
              .query("crawl_pages")
              .withIndex("by_auditJobId", (q) => q.eq("auditJobId", job._id))
              .collect()
          ).length;
        return {
          lead: await ctx.db.get("client_opportunities", id),
          jobs: jobs.length,
          pages,
          dossiers: (
            await ctx.db
              .query("audit_dossier")
              .withIndex("by_opportunity", (q) => q.eq("opportunityId", id))
              .collect()
          ).length,
          notes: (
            await ctx.db
              .query("opportunity_notes")
              .withIndex("by_opportunity", (q) => q.eq("opportunityId", id))
              .collect()
          ).length,
        };
      });
    const before = await rowsOf(target._id);
    expect(before).toMatchObject({ jobs: 1, dossiers: 1, notes: 1 });
    const others = leads.filter((l) => l._id !== target._id);
    const othersBefore = await Promise.all(others.map((l) => rowsOf(l._id)));

    await asOwner(t).mutation(api.opportunities.deleteLead, { opportunityId: target._id });
    await drainWorkflows(t);
    expect(await rowsOf(target._id)).toEqual({ lead: null, jobs: 0, pages: 0, dossiers: 0, notes: 0 });
    expect(await Promise.all(others.map((l) => rowsOf(l._id)))).toEqual(othersBefore);
    expect(ids(await asOwner(t).query(api.opportunities.listByRun, { jobId }))).toEqual(ids(others));
    expect(await asOwner(t).query(api.opportunities.pipelineSummary, {})).toMatchObject({ total: 3, counts: { CONTACTED: 0 } });
    expect(await rejection(asOwner(t).mutation(api.opportunities.deleteLead, { opportunityId: target._id }))).toBe("OPPORTUNITY_NOT_FOUND");
  });

  it("deletes a run's leads (the run stays, marked), not another run's, and never while the run is running", async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    const first = await runToEnd(t, { numLeads: 3 });
    const second = await runToEnd(t, { numLeads: 3, targetVertical: "plumbers" });
    const { jobId: running } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 2, targetVertical: "roofers" });
    expect(await rejection(asOwner(t).mutation(api.opportunities.deleteRunLeads, { jobId: running }))).toBe("RUN_IN_PROGRESS");
    await drainWorkflows(t);

    expect(await asOwner(t).mutation(api.opportunities.deleteRunLeads, { jobId: first.jobId })).toEqual({ deleted: 3 });
    await drainWorkflows(t);
    expect(await asOwner(t).query(api.opportunities.listByRun, { jobId: first.jobId })).toEqual([]);
    expect(ids(await asOwner(t).query(api.opportunities.listByRun, { jobId: second.jobId }))).toEqual(ids(second.leads));
    const run = (await asOwner(t).query(api.marketing.getRun, { jobId: first.jobId }))!.run;
    expect(run.leadsDeletedAt).toBeDefined();
    const orphans = await t.run(async (ctx) => {
      let n = 0;
      for (const l of first.leads)
        n += (
          await ctx.db
            .query("audit_dossier")
            .withIndex("by_opportunity", (q) => q.eq("opportunityId", l._id))
            .collect()
        ).length;
      return n;
    });
    expect(orphans).toBe(0);
    // The campaign emptied by the delete leaves the dropdowns.
    const { verticals } = await asOwner(t).query(api.opportunities.campaigns, {});
    expect(verticals).not.toContain("dentists");
    expect(verticals).toContain("plumbers");
  });
});
