"use node";
/**
 * The deep audit of one lead, as ONE durable step (ARCHITECTURE.md §4, step
 * granularity): map_urls → filter_urls → scrape_content → generate_dossier,
 * each phase written as it happens. Idempotent, so a retry redoes it whole.
 * Node runtime: the built-in crawler uses node:http/dns, Firecrawl's SDK axios.
 */
import { v } from "convex/values";
import { MAX_AUDIT_PAGES } from "../lib/auditPlan";
import type { AuditAgency, AuditLead, Dossier } from "../lib/audit/types";
import { createCrawlProvider } from "../lib/providers/crawl";
import { CrawlError, describeCrawlFailure, isCrawlConfigError, type ScrapedPage } from "../lib/providers/crawl/types";
import { createDossierWriter, createPageSelector, LlmError } from "../lib/providers/llm";
import { HeuristicDossierWriter } from "../lib/audit/heuristicDossier";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalAction } from "./_generated/server";

const vAuditOutcome = v.union(v.object({ ok: v.literal(true) }), v.object({ ok: v.literal(false), message: v.string() }));

function auditLead(lead: Doc<"client_opportunities">): AuditLead {
  return {
    name: lead.name,
    website: lead.website,
    phone: lead.phone,
    address: lead.address,
    city: lead.city,
    rating: lead.rating,
    reviewsCount: lead.reviews_count,
    targetVertical: lead.targetVertical,
    targetGeography: lead.targetGeography,
    signals: lead.initialSignals ?? lead.signals,
  };
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A configuration or key problem every lead would hit: fail the run with a
 * clear message instead of writing N identical AUDIT_FAILED dossiers.
 */
function isRunFatal(error: unknown): boolean {
  return isCrawlConfigError(error) || (error instanceof LlmError && (error.code === "AUTH" || error.code === "CONFIG"));
}

async function writeDossier(lead: AuditLead, agency: AuditAgency, pages: ScrapedPage[], crawlFailure?: string): Promise<Dossier> {
  const writer = createDossierWriter(process.env);
  // A crawl that failed before any page (timeout, DNS) is the home page's failure: the auditor tells "website down" from it.
  const seen: ScrapedPage[] =
    pages.length === 0 && crawlFailure && lead.website
      ? [{ url: lead.website, finalUrl: lead.website, statusCode: 0, html: "", markdown: "", bytes: 0, elapsedMs: 0, truncated: false, error: crawlFailure }]
      : pages;
  const dossier = await writer.writeDossier({ lead, agency, pages: seen });
  // The crawl's own cause (credits, DNS, timeout, robots) wins over the dossier's "no pages".
  if (crawlFailure) return { ...dossier, auditFailure: crawlFailure };
  return dossier;
}

export const runAudit = internalAction({
  args: { auditJobId: v.id("audit_jobs") },
  returns: vAuditOutcome,
  handler: async (ctx, { auditJobId }) => {
    const context = await ctx.runQuery(internal.audits.getAuditContext, { auditJobId });
    if (!context) return { ok: true as const };
    const lead = auditLead(context.lead);
    const phase = (complete?: "map_urls" | "filter_urls" | "scrape_content", start?: "map_urls" | "filter_urls" | "scrape_content" | "generate_dossier") =>
      ctx.runMutation(internal.audits.recordAuditPhase, { auditJobId, complete, start });

    let pages: ScrapedPage[] = [];
    let crawlFailure: string | undefined;
    let selectionNote: string | undefined;
    let budget: { dispose(): void } | undefined;
    try {
      if (!context.lead.website) throw new CrawlError("INVALID_URL", "the lead has no website", false);
      const crawler = createCrawlProvider(process.env);
      if (!(await phase(undefined, "map_urls"))) return { ok: true as const };
      // One crawl budget (deadline, files, URLs, bytes) for map and scrape alike.
      const crawlBudget = (budget = crawler.createBudget());
      const mapped = await crawler.mapUrls(context.lead.website, { budget: crawlBudget });
      await phase("map_urls", "filter_urls");
      // Deterministic ranking, or the LLM when one is configured (it falls back to the ranking).
      const selection = await createPageSelector(process.env).selectPages({
        homeUrl: context.lead.website,
        candidates: mapped.map((m) => m.url),
        limit: MAX_AUDIT_PAGES,
        businessName: context.lead.name,
        vertical: context.lead.targetVertical,
      });
      selectionNote = selection.note;
      await phase("filter_urls", "scrape_content");
      pages = await crawler.scrapePages(selection.urls, { budget: crawlBudget });
      await ctx.runMutation(internal.audits.saveCrawledPages, {
        auditJobId,
        pages: pages.map((p) => ({
          url: p.finalUrl || p.url,
          title: p.title,
          statusCode: p.statusCode,
          markdown: p.markdown,
          truncated: p.truncated || undefined,
          error: p.error,
        })),
      });
    } catch (error) {
      if (isRunFatal(error)) return { ok: false as const, message: errorMessage(error) };
      if (error instanceof CrawlError && error.retryable) throw error;
      crawlFailure = describeCrawlFailure(error).message;
    } finally {
      budget?.dispose();
    }
    await phase(crawlFailure ? undefined : "scrape_content", "generate_dossier");

    let dossier: Dossier;
    try {
      dossier = await writeDossier(lead, context.agency, pages, crawlFailure);
    } catch (error) {
      if (isRunFatal(error)) return { ok: false as const, message: errorMessage(error) };
      const fallback = await new HeuristicDossierWriter().writeDossier({ lead, agency: context.agency, pages });
      dossier = { ...fallback, note: `Dossier writer failed (${errorMessage(error)}); heuristic dossier used.` };
    }
    await ctx.runMutation(internal.audits.saveAuditResult, {
      auditJobId,
      summary: dossier.summary,
      identified_gaps: dossier.identified_gaps,
      talking_points: dossier.talking_points,
      confirmedSignals: dossier.confirmedSignals,
      email: dossier.email,
      provider: dossier.provider,
      note: [selectionNote, dossier.note].filter(Boolean).join(" ") || undefined,
      auditFailure: dossier.auditFailure,
      emailProvenance: dossier.emailProvenance,
      websiteOutcome: dossier.websiteOutcome,
      technology: dossier.technology,
    });
    return { ok: true as const };
  },
});

/** Places-based dossiers for the run's leads that get no deep audit, written in one mutation. */
export const writePlacesDossiers = internalAction({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: vAuditOutcome,
  handler: async (ctx, { leadGenFlowId }) => {
    const context = await ctx.runQuery(internal.workflows.steps.getPlacesOnlyLeads, { leadGenFlowId });
    if (!context || context.leads.length === 0) return { ok: true as const };
    const dossiers = [];
    for (const lead of context.leads) {
      try {
        const dossier = await writeDossier(auditLead(lead), context.agency, []);
        dossiers.push({
          opportunityId: lead._id,
          summary: dossier.summary,
          identified_gaps: dossier.identified_gaps,
          talking_points: dossier.talking_points,
          provider: dossier.provider,
          // Only the outcomes a Places-only dossier can tell: no website, or a social/directory page.
          ...(dossier.websiteOutcome === "no_website" || dossier.websiteOutcome === "social_only" ? { websiteOutcome: dossier.websiteOutcome } : {}),
        });
      } catch (error) {
        if (isRunFatal(error)) return { ok: false as const, message: errorMessage(error) };
        throw error;
      }
    }
    await ctx.runMutation(internal.audits.savePlacesDossiers, { leadGenFlowId, dossiers });
    return { ok: true as const };
  },
});
