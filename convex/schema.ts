import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vAgencyFields,
  vAuditJobStatus,
  vAuditPhase,
  vIdentifiedGap,
  vLastEvent,
  vOpportunityStatus,
  vRunPhase,
  vSignal,
  vSnapshotEntry,
  vTalkingPoint,
  vEmailProvenance,
  vSiteTechnology,
  vWebsiteOutcome,
  vWorkflowStatus,
} from "./validators";
import { vAgencyDraft, vOnboardingEvent, vOnboardingPage, vOnboardingPhase } from "./model/onboardingValidators";

export default defineSchema({
  /** Convex Auth's users, accounts, sessions, refresh tokens… */
  ...authTables,

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
    .index("by_owner", ["ownerId"])
    .index("by_owner_and_status", ["ownerId", "workflowStatus"]),

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
    error: v.optional(v.string()),
    startedAt: v.number(),
    completedAt: v.optional(v.number()),
  })
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
  })
    .index("by_agency", ["agencyId"])
    .index("by_agency_and_place_id", ["agencyId", "place_id"])
    .index("by_agency_and_domain", ["agencyId", "domain"])
    .index("by_agency_and_campaign", ["agencyId", "targetVertical", "targetGeography", "qualificationScore"])
    .index("by_leadGenFlowId", ["leadGenFlowId", "qualificationScore"])
    .index("by_agency_and_score", ["agencyId", "qualificationScore"])
    .index("by_agency_and_vertical", ["agencyId", "targetVertical", "qualificationScore"])
    .index("by_agency_and_geography", ["agencyId", "targetGeography", "qualificationScore"]),

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
    error: v.optional(v.string()),
    createdAt: v.number(),
    startedAt: v.optional(v.number()),
    completedAt: v.optional(v.number()),
  })
    .index("by_opportunity", ["opportunityId"])
    .index("by_leadGenFlowId", ["leadGenFlowId"]),

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
  })
    .index("by_opportunity", ["opportunityId"])
    .index("by_auditJobId", ["auditJobId"]),

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
});
