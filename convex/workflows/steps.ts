import { v } from "convex/values";
import { finalizeLead, selectDeepAudits } from "../../lib/auditPlan";
import { canonicalDomain } from "../../lib/domains";
import { DROP_REASON_LABELS, NUM_LEADS_MAX, type DropReason } from "../../lib/lifecycle";
import { filterAndRank } from "../../lib/qualify";
import { completePhase, startPhase } from "../../lib/runEvents";
import { internalMutation, internalQuery } from "../_generated/server";
import { createAuditJob } from "../model/audits";
import { addToCampaignCount } from "../model/campaignCounts";
import { vAuditAgency, vOpportunityDoc } from "../model/documents";
import { event, getActiveRun } from "../model/runs";
import { vQualifiedLead, vRunPhaseName, vSnapshotEntry } from "../validators";

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

export const recordSourced = internalMutation({
  args: {
    leadGenFlowId: v.id("lead_gen_flow"),
    provider: v.string(),
    numLeadsFetched: v.number(),
    snapshot: v.array(vSnapshotEntry),
  },
  returns: v.null(),
  handler: async (ctx, { leadGenFlowId, provider, numLeadsFetched, snapshot }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return null;
    const drops = describeDrops(snapshot);
    await ctx.db.patch("lead_gen_flow", run._id, {
      placesProvider: provider,
      numLeadsFetched,
      placesSnapshot: snapshot,
      phases: completePhase(run.phases, "source", Date.now()),
      lastEvent: event(
        "phase_completed",
        `Found ${numLeadsFetched} businesses for "${run.textQuery}"${drops ? ` (${drops})` : ""}.`,
        "source",
      ),
    });
    return null;
  },
});

const FILTER_DROPS: readonly DropReason[] = ["NO_PHONE", "INVALID_PHONE", "OVER_LIMIT"];

/** `filter_rank`: phone hard filter, signals, score by the agency's criteria, top numLeads. */
export const filterRankLeads = internalMutation({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: v.array(vQualifiedLead),
  handler: async (ctx, { leadGenFlowId }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return [];
    const agency = await ctx.db.get("agency_profile", run.agencyId);
    const criteria = agency?.leadQualificationCriteria ?? [];
    const { leads, snapshot } = filterAndRank(run.placesSnapshot ?? [], criteria, run.numLeads);
    const now = Date.now();
    const drops = describeDrops(snapshot.filter((s) => s.dropReason && FILTER_DROPS.includes(s.dropReason)));
    await ctx.db.patch("lead_gen_flow", run._id, {
      placesSnapshot: snapshot,
      phases: completePhase(startPhase(run.phases, "filter_rank", now), "filter_rank", now),
      lastEvent: event("phase_completed", `${leads.length} qualified leads ranked${drops ? `; dropped ${drops}` : ""}.`, "filter_rank"),
    });
    return leads;
  },
});

/**
 * `persist_leads`: one write for all surviving leads. Idempotent: a place the
 * agency already has is updated (a retried step or a second run of the same
 * campaign creates no duplicate); a lead the user marked CONTACTED keeps that.
 */
export const persistLeads = internalMutation({
  args: { leadGenFlowId: v.id("lead_gen_flow"), leads: v.array(vQualifiedLead) },
  returns: v.array(v.id("client_opportunities")),
  handler: async (ctx, { leadGenFlowId, leads }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return [];
    const now = Date.now();
    const ids = [];
    let added = 0;
    for (const lead of leads) {
      const fields = {
        agencyId: run.agencyId,
        name: lead.name,
        domain: canonicalDomain(lead.website),
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
      };
      const known = (
        await ctx.db
          .query("client_opportunities")
          .withIndex("by_place_id", (q) => q.eq("place_id", lead.placeId))
          .collect()
      ).find((o) => o.agencyId === run.agencyId);
      if (known) {
        await ctx.db.patch("client_opportunities", known._id, {
          ...fields,
          status: known.status === "CONTACTED" ? "CONTACTED" : "SOURCED",
        });
        ids.push(known._id);
        if (known.targetVertical !== run.targetVertical || known.targetGeography !== run.targetGeography) {
          await addToCampaignCount(ctx, run.agencyId, known, -1);
          added += 1;
        }
      } else {
        ids.push(await ctx.db.insert("client_opportunities", { ...fields, status: "SOURCED" }));
        added += 1;
      }
    }
    await addToCampaignCount(ctx, run.agencyId, run, added, now);
    await ctx.db.patch("lead_gen_flow", run._id, {
      numLeadsPersisted: ids.length,
      phases: completePhase(startPhase(run.phases, "persist_leads", now), "persist_leads", now),
      lastEvent: event("phase_completed", `Saved ${ids.length} leads.`, "persist_leads"),
    });
    return ids;
  },
});


/**
 * `scrape_content` begins: the top `maxDeepAudits` leads with a crawlable
 * website get a queued audit job; the others skip SCRAPING (→ DATA_READY).
 */
export const planAudits = internalMutation({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: v.array(v.id("audit_jobs")),
  handler: async (ctx, { leadGenFlowId }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return [];
    const ranked = await ctx.db
      .query("client_opportunities")
      .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", leadGenFlowId))
      .order("desc")
      .take(NUM_LEADS_MAX);
    const { deep, placesOnly } = selectDeepAudits(ranked, run.maxDeepAudits);
    const jobIds = [];
    for (const lead of deep) jobIds.push(await createAuditJob(ctx, lead._id, leadGenFlowId));
    for (const lead of placesOnly) {
      if (lead.status !== "CONTACTED") await ctx.db.patch("client_opportunities", lead._id, { status: "DATA_READY" });
    }
    const now = Date.now();
    const started = startPhase(run.phases, "scrape_content", now);
    await ctx.db.patch("lead_gen_flow", run._id, {
      phases: deep.length === 0 ? completePhase(started, "scrape_content", now, "skipped") : started,
      lastEvent: event(
        deep.length === 0 ? "phase_completed" : "phase_started",
        deep.length === 0
          ? "No lead has a website to crawl; writing Places-based dossiers."
          : `Crawling ${deep.length} website${deep.length === 1 ? "" : "s"}${placesOnly.length ? ` (${placesOnly.length} lead${placesOnly.length === 1 ? "" : "s"} without a crawlable website or over the audit limit)` : ""}…`,
        "scrape_content",
      ),
    });
    return jobIds;
  },
});

/** All crawls are done: scrape_content complete; dossiers for the rest start. */
export const completeCrawls = internalMutation({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: v.null(),
  handler: async (ctx, { leadGenFlowId }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return null;
    const now = Date.now();
    let phases = run.phases;
    if (phases.find((p) => p.name === "scrape_content")?.status === "running") phases = completePhase(phases, "scrape_content", now);
    if (phases.find((p) => p.name === "generate_dossier")?.status === "pending") phases = startPhase(phases, "generate_dossier", now);
    await ctx.db.patch("lead_gen_flow", run._id, { phases, lastEvent: event("progress", "Website audits finished; writing the remaining dossiers…", "generate_dossier") });
    return null;
  },
});

/** Leads of a run that get a Places-based dossier (no audit job), with the agency's claims. */
export const getPlacesOnlyLeads = internalQuery({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: v.union(
    v.null(),
    v.object({
      leads: v.array(vOpportunityDoc),
      agency: vAuditAgency,
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
    for (const lead of leads) {
      const job = lead.auditJobId ? await ctx.db.get("audit_jobs", lead.auditJobId) : null;
      if (!job || job.leadGenFlowId !== leadGenFlowId) placesOnly.push(lead);
    }
    return {
      leads: placesOnly,
      agency: { name: agency.name, leadQualificationCriteria: agency.leadQualificationCriteria, approvedClaims: agency.approvedClaims },
    };
  },
});

/**
 * `finalize_rank`: every lead's final score from its Places signals plus what
 * its audit confirmed, a fit reason, status READY; the run's last phase.
 */
export const finalizeRank = internalMutation({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: v.null(),
  handler: async (ctx, { leadGenFlowId }) => {
    const run = await getActiveRun(ctx, leadGenFlowId);
    if (!run) return null;
    const agency = await ctx.db.get("agency_profile", run.agencyId);
    const criteria = agency?.leadQualificationCriteria ?? [];
    const leads = await ctx.db
      .query("client_opportunities")
      .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", leadGenFlowId))
      .take(NUM_LEADS_MAX);
    for (const lead of leads) {
      const job = lead.auditJobId ? await ctx.db.get("audit_jobs", lead.auditJobId) : null;
      const audited = job?.leadGenFlowId === leadGenFlowId && job.status === "completed";
      // Audited leads were finalized when their dossier landed; the rest keep their Places signals.
      const final = audited ? { fit_reason: lead.fit_reason } : finalizeLead(lead.initialSignals ?? lead.signals, undefined, criteria);
      await ctx.db.patch("client_opportunities", lead._id, { ...final, status: lead.status === "CONTACTED" ? "CONTACTED" : "READY" });
    }
    const now = Date.now();
    let phases = run.phases;
    for (const name of ["scrape_content", "generate_dossier"] as const) {
      const status = phases.find((p) => p.name === name)?.status;
      if (status === "running") phases = completePhase(phases, name, now);
      else if (status === "pending") phases = completePhase(phases, name, now, "skipped");
    }
    phases = completePhase(startPhase(phases, "finalize_rank", now), "finalize_rank", now);
    const top = await ctx.db
      .query("client_opportunities")
      .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", leadGenFlowId))
      .order("desc")
      .first();
    await ctx.db.patch("lead_gen_flow", run._id, {
      phases,
      lastEvent: event(
        "phase_completed",
        top ? `Final ranking done: ${leads.length} leads ready, top lead ${top.name} (${top.qualificationScore}).` : "Final ranking done: no leads.",
        "finalize_rank",
      ),
    });
    return null;
  },
});
