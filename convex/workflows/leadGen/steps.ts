import { v } from "convex/values";
import { finalizeLead, selectDeepAudits } from "../../../lib/auditPlan";
import { canonicalDomain } from "../../../lib/domains";
import { DEFAULT_MIN_SCORE, DROP_REASON_LABELS, NUM_LEADS_MAX, type DropReason } from "../../../lib/lifecycle";
import { filterAndRank, isKnownLead, rankOpportunities, type KnownLeads, type QualifiedLead } from "../../../lib/qualify";
import { nextLeadStatus } from "../../../lib/leadStatus";
import { describeShortfall } from "../../../lib/shortfall";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { completePhase, startPhase } from "../../../lib/runEvents";
import { internalMutation, internalQuery } from "../../_generated/server";
import { createAuditJob } from "../../model/audits";
import { addToCampaignCount } from "../../model/campaignCounts";
import { vAuditAgency, vOpportunityDoc } from "../../model/documents";
import { benchmarkView } from "../../model/prospectReport";
import { event, getActiveRun } from "../../model/runs";
import { vRunPhaseName, vSnapshotEntry, vUsage } from "../../validators";
import { heldByRunningWork, recordUsage, spentThisMonth } from "../../model/usage";
import { estimateAuditsCost } from "../../../lib/costEstimate";
import { activeProviderKinds } from "../../../lib/providers/paidProviders";
import { monthKey, monthLabel, usd } from "../../../lib/usage";
import { insertLead, patchLead } from "../../model/leadRows";

/** Mark a run phase running and say so in `lastEvent`. */
export const beginPhase = internalMutation({
  args: { leadGenFlowId: v.id("lead_gen_flow"), phase: vRunPhaseName, message: v.string() },
  returns: v.null(),
  handler: async (ctx, { leadGenFlowId, phase, message }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return null;
    await ctx.db.patch("lead_gen_flow", run._id, {
      phases: startPhase(run.phases, phase, Date.now()),
      lastEvent: event("phase_started", message, phase),
    });
    return null;
  },
});

/** A retryable failure the workflow will retry: shown to the user while it waits. */
export const notePhaseRetry = internalMutation({
  args: { leadGenFlowId: v.id("lead_gen_flow"), phase: vRunPhaseName, message: v.string() },
  returns: v.null(),
  handler: async (ctx, { leadGenFlowId, phase, message }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return null;
    await ctx.db.patch("lead_gen_flow", run._id, { lastEvent: event("progress", message, phase) });
    return null;
  },
});

function describeDrops(snapshot: { dropReason?: DropReason }[]): string {
  const counts = new Map<DropReason, number>();
  for (const s of snapshot) if (s.dropReason) counts.set(s.dropReason, (counts.get(s.dropReason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${DROP_REASON_LABELS[reason].toLowerCase()}`).join(", ");
}

/** What `source` needs to know when it has enough: numLeads and the agency's criteria. Null once the run stopped. */
export const getSourcingContext = internalQuery({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: v.union(v.null(), v.object({ numLeads: v.number(), criteria: v.array(v.string()), minScore: v.number() })),
  handler: async (ctx, { leadGenFlowId }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return null;
    const agency = await ctx.db.get("agency_profile", run.agencyId);
    return { numLeads: run.numLeads, criteria: agency?.leadQualificationCriteria ?? [], minScore: agency?.minimumScore ?? DEFAULT_MIN_SCORE };
  },
});

/**
 * The agency's leads among these places (by place id) or websites (by
 * canonical domain), from any run but this one: index lookups, scoped by agency.
 */
async function knownLeadsAmong(
  ctx: QueryCtx,
  agencyId: Id<"agency_profile">,
  leadGenFlowId: Id<"lead_gen_flow">,
  placeIds: readonly string[],
  domains: readonly string[],
): Promise<{ known: KnownLeads; mine: Map<string, Doc<"client_opportunities">> }> {
  const known = { placeIds: new Set<string>(), domains: new Set<string>() };
  const mine = new Map<string, Doc<"client_opportunities">>();
  for (const placeId of new Set(placeIds)) {
    const rows = await ctx.db
      .query("client_opportunities")
      .withIndex("by_agency_and_place_id", (q) => q.eq("agencyId", agencyId).eq("place_id", placeId))
      .take(5);
    for (const row of rows) {
      if (row.leadGenFlowId === leadGenFlowId) mine.set(placeId, row);
      else known.placeIds.add(placeId);
    }
  }
  for (const domain of new Set(domains)) {
    const rows = await ctx.db
      .query("client_opportunities")
      .withIndex("by_agency_and_domain", (q) => q.eq("agencyId", agencyId).eq("domain", domain))
      .take(5);
    if (rows.some((row) => row.leadGenFlowId !== leadGenFlowId)) known.domains.add(domain);
  }
  return { known, mine };
}

/** Which of these places or domains the agency already has (ALREADY_KNOWN), for the source phase's page decisions. */
export const findKnownLeads = internalQuery({
  args: { leadGenFlowId: v.id("lead_gen_flow"), placeIds: v.array(v.string()), domains: v.array(v.string()) },
  returns: v.object({ placeIds: v.array(v.string()), domains: v.array(v.string()) }),
  handler: async (ctx, { leadGenFlowId, placeIds, domains }) => {
    const run = await ctx.db.get("lead_gen_flow", leadGenFlowId);
    if (!run) return { placeIds: [], domains: [] };
    const { known } = await knownLeadsAmong(ctx, run.agencyId, leadGenFlowId, placeIds, domains);
    return { placeIds: [...known.placeIds], domains: [...known.domains] };
  },
});

function dropCounts(snapshot: readonly { dropReason?: DropReason }[]): Partial<Record<DropReason, number>> {
  const counts: Partial<Record<DropReason, number>> = {};
  for (const s of snapshot) if (s.dropReason) counts[s.dropReason] = (counts[s.dropReason] ?? 0) + 1;
  return counts;
}

export const recordSourced = internalMutation({
  args: {
    leadGenFlowId: v.id("lead_gen_flow"),
    provider: v.string(),
    numLeadsFetched: v.number(),
    pagesFetched: v.number(),
    exhausted: v.boolean(),
    laterPageError: v.optional(v.string()),
    demoCoverage: v.optional(v.object({ verticals: v.array(v.string()), geographies: v.array(v.string()) })),
    snapshot: v.array(vSnapshotEntry),
    /** What the Places requests of this step used (every page asked for, demo pages included). */
    usage: v.optional(vUsage),
  },
  returns: v.null(),
  handler: async (ctx, { leadGenFlowId, provider, numLeadsFetched, pagesFetched, exhausted, laterPageError, demoCoverage, snapshot, usage }) => {
    // Recorded even when the run was cancelled meanwhile: the requests were paid for.
    const row = await ctx.db.get("lead_gen_flow", leadGenFlowId);
    if (row) await recordUsage(ctx, { agencyId: row.agencyId, leadGenFlowId }, usage);
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return null;
    const drops = describeDrops(snapshot);
    const pages = `${pagesFetched} page${pagesFetched === 1 ? "" : "s"}`;
    await ctx.db.patch("lead_gen_flow", run._id, {
      placesProvider: provider,
      numLeadsFetched,
      pagesFetched,
      placesExhausted: exhausted,
      placesSnapshot: snapshot,
      shortfall:
        numLeadsFetched === 0
          ? describeShortfall({ numLeads: run.numLeads, delivered: 0, fetched: 0, exhausted: true, provider, dropped: {}, demoCoverage })
          : undefined,
      phases: completePhase(run.phases, "source", Date.now()),
      lastEvent: event(
        "phase_completed",
        `Found ${numLeadsFetched} businesses for "${run.textQuery}" (${pages})${drops ? `; ${drops}` : ""}.` +
          (laterPageError ? ` A later page failed (${laterPageError}); kept what was fetched.` : ""),
        "source",
      ),
    });
    return null;
  },
});

const FILTER_DROPS: readonly DropReason[] = ["NO_PHONE", "INVALID_PHONE", "ALREADY_KNOWN", "NOT_QUALIFIED", "OVER_LIMIT"];

/**
 * `filter_rank`: phone hard filter, leads the agency already has
 * (ALREADY_KNOWN), signals, score by the agency's criteria (at or below its
 * minimum: NOT_QUALIFIED), top numLeads in the ranking order.
 */
async function filterRankLeads(ctx: MutationCtx, leadGenFlowId: Id<"lead_gen_flow">): Promise<QualifiedLead[]> {
  const run = await getActiveRun(ctx, leadGenFlowId);
  if (!run) return [];
  const agency = await ctx.db.get("agency_profile", run.agencyId);
  const criteria = agency?.leadQualificationCriteria ?? [];
  const candidates = run.placesSnapshot ?? [];
  const { known } = await knownLeadsAmong(
    ctx,
    run.agencyId,
    run._id,
    candidates.map((c) => c.placeId),
    candidates.flatMap((c) => canonicalDomain(c.website) ?? []),
  );
  const { leads, snapshot } = filterAndRank(candidates, criteria, run.numLeads, {
    minScore: agency?.minimumScore ?? DEFAULT_MIN_SCORE,
    known,
  });
  const now = Date.now();
  const drops = describeDrops(snapshot.filter((s) => s.dropReason && FILTER_DROPS.includes(s.dropReason)));
  await ctx.db.patch("lead_gen_flow", run._id, {
    placesSnapshot: snapshot,
    phases: completePhase(startPhase(run.phases, "filter_rank", now), "filter_rank", now),
    lastEvent: event("phase_completed", `${leads.length} qualified leads ranked${drops ? `; dropped ${drops}` : ""}.`, "filter_rank"),
  });
  return leads;
}

/**
 * `persist_leads`: one write for all surviving leads, all new to the agency.
 * A place (or website) the agency got from any other run since filter_rank is
 * dropped ALREADY_KNOWN and never touched: an opportunity keeps the run that
 * found it forever. Idempotent: a retried step finds its own leads and reuses them.
 */
async function persistLeads(ctx: MutationCtx, leadGenFlowId: Id<"lead_gen_flow">, leads: QualifiedLead[]): Promise<Id<"client_opportunities">[]> {
  const run = await getActiveRun(ctx, leadGenFlowId);
  if (!run) return [];
  const now = Date.now();
  const { known, mine } = await knownLeadsAmong(
    ctx,
    run.agencyId,
    run._id,
    leads.map((l) => l.placeId),
    leads.flatMap((l) => canonicalDomain(l.website) ?? []),
  );
  const ids = [];
  let added = 0;
  const lateKnown = new Set<string>();
  for (const lead of leads) {
    const own = mine.get(lead.placeId);
    if (own) {
      ids.push(own._id);
      continue;
    }
    if (isKnownLead(lead, known)) {
      lateKnown.add(lead.placeId);
      continue;
    }
    const domain = canonicalDomain(lead.website);
    ids.push(
      await insertLead(ctx, {
        agencyId: run.agencyId,
        name: lead.name,
        domain,
        phone: lead.phone,
        place_id: lead.placeId,
        address: lead.address,
        city: lead.city,
        rating: lead.rating,
        reviews_count: lead.reviewsCount,
        website: lead.website,
        source: run.placesProvider ?? "places",
        targetVertical: run.targetVertical,
        targetGeography: run.targetGeography,
        qualificationScore: lead.score,
        signals: lead.signals,
        initialSignals: lead.signals,
        leadGenFlowId: run._id,
        lastSourcedAt: now,
        status: "SOURCED",
      }),
    );
    added += 1;
  }
  await addToCampaignCount(ctx, run.agencyId, run, added, now);
  const snapshot = (run.placesSnapshot ?? []).map((s) => (lateKnown.has(s.placeId) ? { ...s, dropReason: "ALREADY_KNOWN" as const } : s));
  const shortfall =
    (run.numLeadsFetched ?? 0) === 0
      ? run.shortfall
      : describeShortfall({
          numLeads: run.numLeads,
          delivered: ids.length,
          fetched: run.numLeadsFetched ?? 0,
          exhausted: run.placesExhausted ?? true,
          provider: run.placesProvider ?? "google",
          dropped: dropCounts(snapshot),
        });
  await ctx.db.patch("lead_gen_flow", run._id, {
    numLeadsPersisted: ids.length,
    placesSnapshot: snapshot,
    shortfall,
    phases: completePhase(startPhase(run.phases, "persist_leads", now), "persist_leads", now),
    lastEvent: event("phase_completed", `Saved ${ids.length} new lead${ids.length === 1 ? "" : "s"}.${shortfall ? ` ${shortfall}` : ""}`, "persist_leads"),
  });
  return ids;
}

/**
 * `scrape_content` begins: the top `maxDeepAudits` leads with a crawlable
 * website get a queued audit job; the others skip SCRAPING (→ DATA_READY).
 */
async function planAudits(ctx: MutationCtx, leadGenFlowId: Id<"lead_gen_flow">): Promise<Id<"audit_jobs">[]> {
  const run = await getActiveRun(ctx, leadGenFlowId);
  if (!run) return [];
  const ranked = rankOpportunities(
    await ctx.db
      .query("client_opportunities")
      .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", leadGenFlowId))
      .take(NUM_LEADS_MAX),
  );
  const selected = selectDeepAudits(ranked, run.maxDeepAudits);
  // The step boundary before the paid audits: past the monthly budget, paid work stops here (see budgetStopBefore).
  const budgetStop = await budgetStopBefore(ctx, run, selected.deep.length, selected.placesOnly.length);
  const deep = budgetStop ? [] : selected.deep;
  const placesOnly = budgetStop ? [...selected.deep, ...selected.placesOnly] : selected.placesOnly;
  if (budgetStop) await ctx.db.patch("lead_gen_flow", run._id, { budgetStop });
  const jobIds = [];
  for (const lead of deep) jobIds.push(await createAuditJob(ctx, lead._id, leadGenFlowId));
  for (const lead of placesOnly) {
    const status = nextLeadStatus(lead.status, { kind: "crawl_skipped" });
    if (status !== lead.status) await patchLead(ctx, lead, { status });
  }
  const now = Date.now();
  const started = startPhase(run.phases, "scrape_content", now);
  await ctx.db.patch("lead_gen_flow", run._id, {
    phases: deep.length === 0 ? completePhase(started, "scrape_content", now, "skipped") : started,
    lastEvent: event(
      deep.length === 0 ? "phase_completed" : "phase_started",
      budgetStop
        ? `Stopped paid work: ${budgetStop}. Writing Places-based dossiers without the LLM.`
        : deep.length === 0
          ? "No lead has a website to crawl; writing Places-based dossiers."
          : `Crawling ${deep.length} website${deep.length === 1 ? "" : "s"}${placesOnly.length ? ` (${placesOnly.length} lead${placesOnly.length === 1 ? "" : "s"} without a crawlable website or over the audit limit)` : ""}…`,
      "scrape_content",
    ),
  });
  return jobIds;
}

/**
 * The run's phases between sourcing and the audits, as one inline step: `filter_rank`, `persist_leads`, then the
 * start of `scrape_content` (which leads get a deep audit). Each phase still records its own progress; one step
 * instead of three saves the workflow two journal writes and the ranked leads passing through the journal twice
 * (bench 6). One transaction, so a run is never left with leads ranked but not saved. Returns the audit jobs.
 */
export const qualifySaveAndPlan = internalMutation({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: v.array(v.id("audit_jobs")),
  handler: async (ctx, { leadGenFlowId }) => {
    const leads = await filterRankLeads(ctx, leadGenFlowId);
    await persistLeads(ctx, leadGenFlowId, leads);
    return await planAudits(ctx, leadGenFlowId);
  },
});

/**
 * Mid-run budget rule: at the boundary before the deep audits (the run's costly part), when the agency has a monthly
 * budget and the month's spend (other runs and re-audits included), what other work still running could yet cost, plus what the audits and dossiers could still
 * cost would pass it, the run skips the deep audits and writes every dossier with the heuristic auditor: it still
 * completes, every lead READY on its Places data, and `budgetStop` says why. Returns that reason, or undefined.
 */
async function budgetStopBefore(ctx: QueryCtx, run: Doc<"lead_gen_flow">, audits: number, placesOnly: number): Promise<string | undefined> {
  const agency = await ctx.db.get("agency_profile", run.agencyId);
  const budgetUsd = agency?.monthlyBudgetUsd;
  if (budgetUsd === undefined) return undefined;
  const remainingUsd = estimateAuditsCost(audits, activeProviderKinds(process.env), placesOnly);
  if (remainingUsd === 0) return undefined;
  const spentUsd = await spentThisMonth(ctx, run.agencyId);
  const heldUsd = await heldByRunningWork(ctx, run.agencyId, run._id);
  if (spentUsd + heldUsd + remainingUsd <= budgetUsd + 1e-9) return undefined;
  const held = heldUsd > 0 ? `, ${usd(heldUsd)} held by other work still running` : "";
  return (
    `the monthly budget of ${usd(budgetUsd)} would be passed (${usd(spentUsd)} spent in ${monthLabel(monthKey(Date.now()))}${held}, ` +
    `the website audits and dossiers could cost up to ${usd(remainingUsd)})`
  );
}

/**
 * Before the run fails: leave only the phase that failed running, so the
 * failure lands there (earlier phases that did their work are complete).
 */
export const focusFailedPhase = internalMutation({
  args: {
    leadGenFlowId: v.id("lead_gen_flow"),
    phase: v.union(v.literal("scrape_content"), v.literal("generate_dossier")),
    /** What the failed audits used before their configuration error. */
    usage: v.optional(v.array(vUsage)),
  },
  returns: v.null(),
  handler: async (ctx, { leadGenFlowId, phase, usage }) => {
    const row = await ctx.db.get("lead_gen_flow", leadGenFlowId);
    for (const part of usage ?? []) if (row) await recordUsage(ctx, { agencyId: row.agencyId, leadGenFlowId }, part);
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return null;
    const now = Date.now();
    let phases = run.phases;
    if (phase === "generate_dossier") {
      if (phases.find((p) => p.name === "scrape_content")?.status === "running") phases = completePhase(phases, "scrape_content", now);
      if (phases.find((p) => p.name === "generate_dossier")?.status !== "running") phases = startPhase(phases, "generate_dossier", now);
    } else if (phases.find((p) => p.name === "generate_dossier")?.status === "running") {
      phases = phases.map((p) => (p.name === "generate_dossier" ? { ...p, status: "pending" as const, startedAt: undefined } : p));
    }
    await ctx.db.patch("lead_gen_flow", run._id, { phases });
    return null;
  },
});

/** All crawls are done: scrape_content complete; dossiers for the rest start. */
async function completeCrawls(ctx: MutationCtx, leadGenFlowId: Id<"lead_gen_flow">): Promise<void> {
  const run = await getActiveRun(ctx, leadGenFlowId);
  if (!run) return;
  const now = Date.now();
  let phases = run.phases;
  if (phases.find((p) => p.name === "scrape_content")?.status === "running") phases = completePhase(phases, "scrape_content", now);
  if (phases.find((p) => p.name === "generate_dossier")?.status === "pending") phases = startPhase(phases, "generate_dossier", now);
  await ctx.db.patch("lead_gen_flow", run._id, {
    phases,
    lastEvent: event("progress", "Website audits finished; writing the remaining dossiers…", "generate_dossier"),
  });
}

/** Leads of a run that get a Places-based dossier (no audit job), with the agency's claims. */
export const getPlacesOnlyLeads = internalQuery({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: v.union(
    v.null(),
    v.object({
      leads: v.array(vOpportunityDoc),
      agency: vAuditAgency,
      /** Each lead's competitor benchmark sentence (the LLM's drafts may quote it), by lead id, when the run has one. */
      benchmarkSentences: v.record(v.id("client_opportunities"), v.string()),
      maxDeepAudits: v.number(),
      budgetStop: v.optional(v.string()),
    }),
  ),
  handler: async (ctx, { leadGenFlowId }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return null;
    const agency = await ctx.db.get("agency_profile", run.agencyId);
    if (!agency) return null;
    const leads = await ctx.db
      .query("client_opportunities")
      .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", leadGenFlowId))
      .take(NUM_LEADS_MAX);
    const placesOnly = [];
    const benchmarkSentences: Record<Id<"client_opportunities">, string> = {};
    for (const lead of leads) {
      const job = lead.auditJobId ? await ctx.db.get("audit_jobs", lead.auditJobId) : null;
      if (job && job.leadGenFlowId === leadGenFlowId) continue;
      placesOnly.push(lead);
      const sentence = benchmarkView(lead, run)?.sentence;
      if (sentence) benchmarkSentences[lead._id] = sentence;
    }
    return {
      leads: placesOnly,
      agency: { name: agency.name, leadQualificationCriteria: agency.leadQualificationCriteria, approvedClaims: agency.approvedClaims },
      benchmarkSentences,
      maxDeepAudits: run.maxDeepAudits,
      ...(run.budgetStop ? { budgetStop: run.budgetStop } : {}),
    };
  },
});

/**
 * `finalize_rank`: every lead's final score from its Places signals plus what
 * its audit confirmed, a fit reason, status READY; the run's last phase.
 */
async function finalizeRank(ctx: MutationCtx, leadGenFlowId: Id<"lead_gen_flow">): Promise<void> {
  const run = await getActiveRun(ctx, leadGenFlowId);
  if (!run) return;
  const agency = await ctx.db.get("agency_profile", run.agencyId);
  const criteria = agency?.leadQualificationCriteria ?? [];
  const leads = await ctx.db
    .query("client_opportunities")
    .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", leadGenFlowId))
    .take(NUM_LEADS_MAX);
  for (const lead of leads) {
    const job = lead.auditJobId ? await ctx.db.get("audit_jobs", lead.auditJobId) : null;
    // A job that ended in error because the website is down still confirmed WEBSITE_DOWN when its dossier landed.
    const audited = job?.leadGenFlowId === leadGenFlowId && (job.status === "completed" || (job.status === "error" && lead.signals.includes("WEBSITE_DOWN")));
    // Audited leads were finalized when their dossier landed; the rest keep their Places signals.
    const final = audited ? { fit_reason: lead.fit_reason } : finalizeLead(lead.initialSignals ?? lead.signals, undefined, criteria);
    await patchLead(ctx, lead, { ...final, status: nextLeadStatus(lead.status, { kind: "finished" }) });
  }
  const now = Date.now();
  let phases = run.phases;
  for (const name of ["scrape_content", "generate_dossier"] as const) {
    const status = phases.find((p) => p.name === name)?.status;
    if (status === "running") phases = completePhase(phases, name, now);
    else if (status === "pending") phases = completePhase(phases, name, now, "skipped");
  }
  phases = completePhase(startPhase(phases, "finalize_rank", now), "finalize_rank", now);
  const minScore = agency?.minimumScore ?? DEFAULT_MIN_SCORE;
  const finalLeads = rankOpportunities(
    await ctx.db
      .query("client_opportunities")
      .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", leadGenFlowId))
      .take(NUM_LEADS_MAX),
  );
  const qualified = finalLeads.filter((l) => l.qualificationScore > minScore);
  const notAFit = finalLeads.length - qualified.length;
  const top = qualified[0];
  await ctx.db.patch("lead_gen_flow", run._id, {
    phases,
    lastEvent: event(
      "phase_completed",
      (top
        ? `Final ranking done: ${qualified.length} qualified lead${qualified.length === 1 ? "" : "s"} ready, top lead ${top.name} (${top.qualificationScore})`
        : "Final ranking done: no qualified leads") + (notAFit ? `; ${notAFit} not a fit (the audit confirmed nothing you sell).` : "."),
      "finalize_rank",
    ),
  });
}

/**
 * The run's last inline step: the crawls are done (`scrape_content` complete), then `finalize_rank`. One step
 * instead of two saves the workflow a journal write at the very end of every run (bench 6).
 */
export const completeCrawlsAndFinalize = internalMutation({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: v.null(),
  handler: async (ctx, { leadGenFlowId }) => {
    await completeCrawls(ctx, leadGenFlowId);
    await finalizeRank(ctx, leadGenFlowId);
    return null;
  },
});
