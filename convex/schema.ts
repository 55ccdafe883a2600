import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vAgencyFields,
  vShareLinkStatus,
  vAuditJobStatus,
  vAuditPhase,
  vIdentifiedGap,
  vLastEvent,
  vOpportunityStatus,
  vRunPhase,
  vSignal,
  vSnapshotEntry,
  vTalkingPoint,
  vUsage,
  vEmailProvenance,
  vSiteTechnology,
  vStatusChange,
  vWebsiteOutcome,
  vWorkflowStatus,
  vWriterCheck,
  vOutreachDrafts,
} from "./validators";
import { vAgencyDraft, vOnboardingEvent, vOnboardingPage, vOnboardingPhase } from "./model/onboardingValidators";
import { firecrawlGateTables } from "./firecrawlGate/tables";

export default defineSchema({
  /** Convex Auth's users, accounts, sessions, refresh tokens… */
  ...authTables,
  /** Firecrawl's concurrency and per-minute limit, shared by every action (convex/firecrawlGate/). */
  ...firecrawlGateTables,

  agency_profile: defineTable({
    ...vAgencyFields,
    /**
     * The Convex Auth user who owns the agency (one agency per user for now). Team members would get an
     * `agency_members` table (agencyId, userId, role) read by convex/model/agencyFunctions.ts, without changing
     * this field. Profiles written before accounts existed have none and are reachable by no one.
     */
    ownerId: v.optional(v.id("users")),
  }).index("by_owner", ["ownerId"]),

  /**
   * Onboarding from the agency's own website (docs/architecture.md §9): crawl → draft → the user's
   * approval. Keyed by the user, not the agency: a new user has no agency until they approve the draft.
   */
  onboarding_flow: defineTable({
    ownerId: v.id("users"),
    /** The user's agency when the flow started (re-reading the website later), or the one approval created. */
    agencyId: v.optional(v.id("agency_profile")),
    /** The website as checked by lib/onboarding/siteUrl.ts. */
    url: v.string(),
    workflowId: v.optional(v.string()),
    /** `completed` = the draft is ready for review. */
    workflowStatus: vWorkflowStatus,
    phases: v.array(vOnboardingPhase),
    lastEvent: vOnboardingEvent,
    pages: v.optional(v.array(vOnboardingPage)),
    draft: v.optional(vAgencyDraft),
    /** "heuristic" or "openai (<model>)". */
    provider: v.optional(v.string()),
    /** e.g. why the LLM draft fell back to the heuristic one. */
    note: v.optional(v.string()),
    error: v.optional(v.string()),
    startedAt: v.number(),
    completedAt: v.optional(v.number()),
    /** Set once the user approved the (edited) draft and it was saved as the agency profile. */
    approvedAt: v.optional(v.number()),
  })
    // The user's latest flow, by creation time (onboarding.current); the status index sorts by status first.
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_owner", ["ownerId"])
    .index("by_owner_and_status", ["ownerId", "workflowStatus"]),

  /**
   * A run. One name per concept: it is a "run" everywhere we choose the name (dashboard, docs, `RunId` in
   * src/apiTypes.ts, lib/ and model/runs.ts). Two names are fixed by the seed's public contract and stay as they
   * are: the public API calls the run's id `jobId` (`marketing.startLeadGenWorkflow` returns `{ jobId }`,
   * `getRun` and `cancelLeadGenWorkflow` take it) and rows and internal functions reference it as `leadGenFlowId`.
   */
  lead_gen_flow: defineTable({
    agencyId: v.id("agency_profile"),
    numLeads: v.number(),
    targetVertical: v.string(),
    targetGeography: v.string(),
    textQuery: v.string(),
    /** The campaign's normalised identity (lib/campaignKey.ts): one running run per (agency, campaignKey). */
    campaignKey: v.optional(v.string()),
    maxDeepAudits: v.number(),
    workflowId: v.optional(v.string()),
    workflowStatus: vWorkflowStatus,
    phases: v.array(vRunPhase),
    lastEvent: vLastEvent,
    /** Every business Places returned (≤ 60), with drop reasons and initial scores. */
    placesSnapshot: v.optional(v.array(vSnapshotEntry)),
    placesProvider: v.optional(v.string()),
    numLeadsFetched: v.optional(v.number()),
    numLeadsPersisted: v.optional(v.number()),
    /** Places pages paid for (1–3), and whether Places had no further page. */
    pagesFetched: v.optional(v.number()),
    placesExhausted: v.optional(v.boolean()),
    /** Plain words on why the run delivered fewer leads than asked (lib/shortfall.ts). */
    shortfall: v.optional(v.string()),
    /** What the run's paid providers were used for and cost so far (convex/model/usage.ts records it with each step's batch). */
    usage: v.optional(vUsage),
    /** The most the run could cost with the providers it runs on, checked against the monthly budget at start. */
    estimatedCostUsd: v.optional(v.number()),
    /** Why paid work stopped early: the monthly budget was reached mid-run (deep audits skipped, the run completed on Places data). */
    budgetStop: v.optional(v.string()),
    error: v.optional(v.string()),
    startedAt: v.number(),
    completedAt: v.optional(v.number()),
    /** When the user deleted this run's leads (the run itself stays in the history). */
    leadsDeletedAt: v.optional(v.number()),
  })
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes -- listRuns needs the agency's runs in creation order.
    .index("by_agency", ["agencyId"])
    .index("by_agency_and_status", ["agencyId", "workflowStatus"])
    .index("by_workflowStatus", ["workflowStatus"])
    .index("by_agency_and_campaignKey", ["agencyId", "campaignKey", "workflowStatus"]),

  client_opportunities: defineTable({
    agencyId: v.id("agency_profile"),
    name: v.string(),
    domain: v.optional(v.string()),
    phone: v.optional(v.string()),
    email: v.optional(v.string()),
    place_id: v.string(),
    address: v.optional(v.string()),
    city: v.optional(v.string()),
    rating: v.optional(v.number()),
    reviews_count: v.optional(v.number()),
    source: v.string(),
    fit_reason: v.optional(v.string()),
    status: vOpportunityStatus,
    meeting_time: v.optional(v.number()),
    targetVertical: v.string(),
    targetGeography: v.string(),
    qualificationScore: v.number(),
    signals: v.array(vSignal),
    /** Places-only signals and score, kept so a re-audit re-ranks from the same base. */
    initialSignals: v.optional(v.array(vSignal)),
    leadGenFlowId: v.optional(v.id("lead_gen_flow")),
    website: v.optional(v.string()),
    auditJobId: v.optional(v.id("audit_jobs")),
    /** When a run last saw this place (to re-check stale leads later). */
    lastSourcedAt: v.optional(v.number()),
    /** What happened with the website: no website, social only, unreachable, blocked by robots.txt, audited. */
    websiteOutcome: v.optional(vWebsiteOutcome),
    /** The lead's pipeline moves, each with its time, oldest first; capped (lib/leadStatus.ts STATUS_HISTORY_MAX). */
    statusHistory: v.optional(v.array(vStatusChange)),
    /** Name and domain words for the search index, and the normalised name for sorting (lib/leadSearch.ts). */
    searchText: v.optional(v.string()),
    nameKey: v.optional(v.string()),
    /** The status's place in the pipeline (lib/lifecycle.ts statusRank), so sorting by status follows the pipeline. */
    statusRank: v.optional(v.number()),
  })
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes -- the agency's leads in creation order.
    .index("by_agency", ["agencyId"])
    .index("by_agency_and_place_id", ["agencyId", "place_id"])
    .index("by_agency_and_domain", ["agencyId", "domain"])
    .index("by_agency_and_campaign", ["agencyId", "targetVertical", "targetGeography", "qualificationScore"])
    .index("by_leadGenFlowId", ["leadGenFlowId", "qualificationScore"])
    .index("by_agency_and_score", ["agencyId", "qualificationScore"])
    .index("by_agency_and_vertical", ["agencyId", "targetVertical", "qualificationScore"])
    .index("by_agency_and_geography", ["agencyId", "targetGeography", "qualificationScore"])
    // The lead table's sorts and status filter (convex/model/leadTable.ts picks one per request).
    .index("by_agency_and_name", ["agencyId", "nameKey"])
    .index("by_agency_and_rating", ["agencyId", "rating", "reviews_count"])
    .index("by_agency_and_reviews", ["agencyId", "reviews_count", "rating"])
    .index("by_agency_and_status", ["agencyId", "status", "qualificationScore"])
    .index("by_agency_and_status_rank", ["agencyId", "statusRank", "qualificationScore"])
    .searchIndex("search_leads", { searchField: "searchText", filterFields: ["agencyId", "status", "targetVertical", "targetGeography"] }),

  /**
   * One row per (lead, signal) holding the lead's table columns, so the lead table's signal filter reads an index
   * (a lead's `signals` is an array, which no index can test). Written only by convex/model/leadRows.ts, in the
   * same mutation that inserts, changes or deletes the lead.
   */
  lead_signals: defineTable({
    agencyId: v.id("agency_profile"),
    opportunityId: v.id("client_opportunities"),
    signal: vSignal,
    qualificationScore: v.number(),
    status: vOpportunityStatus,
    statusRank: v.number(),
    nameKey: v.string(),
    searchText: v.string(),
    rating: v.optional(v.number()),
    reviews_count: v.optional(v.number()),
    targetVertical: v.string(),
    targetGeography: v.string(),
  })
    .index("by_opportunity", ["opportunityId"])
    .index("by_agency_signal_and_score", ["agencyId", "signal", "qualificationScore"])
    .index("by_agency_signal_and_status", ["agencyId", "signal", "status", "qualificationScore"])
    .index("by_agency_signal_and_name", ["agencyId", "signal", "nameKey"])
    .index("by_agency_signal_and_rating", ["agencyId", "signal", "rating", "reviews_count"])
    .index("by_agency_signal_and_reviews", ["agencyId", "signal", "reviews_count", "rating"])
    .index("by_agency_signal_and_status_rank", ["agencyId", "signal", "statusRank", "qualificationScore"])
    .searchIndex("search_lead_signals", { searchField: "searchText", filterFields: ["agencyId", "signal", "status", "targetVertical", "targetGeography"] }),

  /** A lead's dated notes, newest last; a separate table because notes grow without bound. */
  opportunity_notes: defineTable({
    agencyId: v.id("agency_profile"),
    opportunityId: v.id("client_opportunities"),
    text: v.string(),
    createdAt: v.number(),
    authorId: v.optional(v.id("users")),
  }).index("by_opportunity", ["opportunityId", "createdAt"]),

  /**
   * The agency's own version of a lead's cold email and call script (at most one row per lead), kept apart from
   * the generated drafts on the dossier: a re-audit writes new drafts and never overwrites what someone typed.
   */
  outreach_edits: defineTable({
    agencyId: v.id("agency_profile"),
    opportunityId: v.id("client_opportunities"),
    emailSubject: v.string(),
    emailBody: v.string(),
    callScript: v.string(),
    editedAt: v.number(),
    /** The dossier whose drafts were edited: a newer dossier means newer drafts exist. */
    dossierId: v.id("audit_dossier"),
    authorId: v.optional(v.id("users")),
  }).index("by_opportunity", ["opportunityId"]),

  /**
   * How many of the agency's leads are in each pipeline status, kept by the mutation that moves or deletes a
   * lead (convex/model/pipelineCounts.ts): the dashboard's pipeline bar reads a few rows, never the leads.
   */
  lead_status_counts: defineTable({
    agencyId: v.id("agency_profile"),
    status: vOpportunityStatus,
    count: v.number(),
  }).index("by_agency_and_status", ["agencyId", "status"]),

  /** One row per (agency, vertical, geography) that has leads: feeds the campaign dropdowns without scanning leads. */
  campaigns: defineTable({
    agencyId: v.id("agency_profile"),
    targetVertical: v.string(),
    targetGeography: v.string(),
    lastRunAt: v.number(),
    /** How many of the agency's leads are in this campaign (kept by convex/model/campaignCounts.ts in the writing mutation). */
    leadCount: v.optional(v.number()),
  }).index("by_agency_and_campaign", ["agencyId", "targetVertical", "targetGeography"]),

  audit_jobs: defineTable({
    agencyId: v.id("agency_profile"),
    opportunityId: v.id("client_opportunities"),
    leadGenFlowId: v.optional(v.id("lead_gen_flow")),
    /** An on-demand re-audit's own workflow (run audits are steps of the run's workflow). */
    workflowId: v.optional(v.string()),
    status: vAuditJobStatus,
    phases: v.array(vAuditPhase),
    provider: v.optional(v.string()),
    /** e.g. "LLM fallback: model refused; heuristic dossier used". */
    note: v.optional(v.string()),
    pagesCrawled: v.optional(v.number()),
    /** What this audit used and cost (its run's usage includes it). */
    usage: v.optional(vUsage),
    error: v.optional(v.string()),
    createdAt: v.number(),
    startedAt: v.optional(v.number()),
    completedAt: v.optional(v.number()),
  })
    .index("by_opportunity", ["opportunityId"])
    .index("by_leadGenFlowId", ["leadGenFlowId"])
    // Re-audits still under way hold part of the monthly budget (convex/model/usage.ts heldByRunningWork).
    .index("by_agency_and_status", ["agencyId", "status"]),

  audit_dossier: defineTable({
    agencyId: v.id("agency_profile"),
    opportunityId: v.id("client_opportunities"),
    /** Absent for a Places-based dossier (lead with no crawlable website or over the deep-audit limit). */
    auditJobId: v.optional(v.id("audit_jobs")),
    summary: v.string(),
    identified_gaps: v.array(vIdentifiedGap),
    talking_points: v.array(vTalkingPoint),
    provider: v.string(),
    createdAt: v.number(),
    /** Every contact address kept, best first, with its page, method and confidence. */
    emailProvenance: v.optional(v.array(vEmailProvenance)),
    websiteOutcome: v.optional(vWebsiteOutcome),
    technology: v.optional(vSiteTechnology),
    /** Gaps the agency sells that no approved claim answers: the report asks for a claim. */
    unpitchedSignals: v.optional(v.array(vSignal)),
    /** How the LLM's answer was checked (passed, repaired, fell back); absent for heuristic dossiers. */
    writerCheck: v.optional(vWriterCheck),
    /** Drafts the LLM wrote with the dossier (validated); absent = built by the heuristic writer when the report is read. */
    outreach: v.optional(vOutreachDrafts),
  })
    .index("by_opportunity", ["opportunityId"])
    .index("by_auditJobId", ["auditJobId"]),

  /**
   * An agency's usage and spend per UTC calendar month ("2026-12"), added to by the same mutation that records a
   * step's usage on its run, so the month's spend is one indexed read, never a scan of runs.
   */
  agency_usage: defineTable({
    agencyId: v.id("agency_profile"),
    month: v.string(),
    usage: vUsage,
    /** Runs and on-demand re-audits started this month. */
    runs: v.number(),
    reaudits: v.number(),
  }).index("by_agency_and_month", ["agencyId", "month"]),

  crawl_pages: defineTable({
    auditJobId: v.id("audit_jobs"),
    opportunityId: v.id("client_opportunities"),
    url: v.string(),
    title: v.optional(v.string()),
    statusCode: v.number(),
    /** Capped (100 KB); raw pages are never stored. */
    markdown: v.string(),
    truncated: v.optional(v.boolean()),
    error: v.optional(v.string()),
    fetchedAt: v.number(),
  }).index("by_auditJobId", ["auditJobId"]),

  /**
   * A prospect report shared by link (`/r/<token>`, convex/reports.ts): the token is 256 random bits and the
   * only key anyone signed out ever holds. "expired" is set by a scheduled mutation at `expiresAt`.
   */
  report_share_links: defineTable({
    agencyId: v.id("agency_profile"),
    opportunityId: v.id("client_opportunities"),
    token: v.string(),
    status: vShareLinkStatus,
    createdAt: v.number(),
    expiresAt: v.number(),
    revokedAt: v.optional(v.number()),
  })
    .index("by_token", ["token"])
    .index("by_opportunity", ["opportunityId", "status"]),
});
