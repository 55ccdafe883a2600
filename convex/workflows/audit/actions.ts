"use node";
/**
 * The deep audit of one lead, as ONE durable step (docs/architecture.md §4, step
 * granularity): map_urls → filter_urls → scrape_content → generate_dossier,
 * each phase written as it happens. Idempotent, so a retry redoes it whole.
 * Node runtime: the built-in crawler uses node:http/dns, Firecrawl's SDK axios.
 */
import { v } from "convex/values";
import { MAX_AUDIT_PAGES } from "../../../lib/auditPlan";
import { errorMessage } from "../../../lib/errorText";
import type { AuditInput, AuditLead, Dossier } from "../../../lib/audit/types";
import { createCrawlProvider } from "../../../lib/providers/crawl";
import { CrawlError, describeCrawlFailure, isCrawlConfigError, type ScrapedPage } from "../../../lib/providers/crawl/types";
import { createDossierWriter, createPageSelector, LlmError } from "../../../lib/providers/llm";
import { DeterministicPageSelector } from "../../../lib/providers/llm/pageSelector";
import { HeuristicDossierWriter } from "../../../lib/audit/heuristicDossier";
import { hasCrawlableWebsite } from "../../../lib/placesSignals";
import { toUsageTotals, UsageMeter } from "../../../lib/usage";
import { internal } from "../../_generated/api";
import type { Doc } from "../../_generated/dataModel";
import { firecrawlGate } from "../../firecrawlGate/actionGate";
import { internalAction } from "../../_generated/server";
import { vUsage } from "../../validators";

const vAuditOutcome = v.union(
  v.object({ ok: v.literal(true) }),
  /**
   * A configuration or key problem every lead would hit; `phase` is the run phase it happened in, `usage` what
   * was used before it (recorded by the mutation that fails the phase).
   */
  v.object({
    ok: v.literal(false),
    message: v.string(),
    phase: v.optional(v.union(v.literal("scrape_content"), v.literal("generate_dossier"))),
    usage: v.optional(vUsage),
  }),
);

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

/**
 * A configuration or key problem every lead would hit: fail the run with a
 * clear message instead of writing N identical AUDIT_FAILED dossiers.
 */
function isRunFatal(error: unknown): boolean {
  return isCrawlConfigError(error) || (error instanceof LlmError && (error.code === "AUTH" || error.code === "CONFIG"));
}

async function writeDossier(input: AuditInput, meter: UsageMeter, crawlFailure?: string): Promise<Dossier> {
  const writer = createDossierWriter(process.env, { meter });
  const { lead, pages } = input;
  // A crawl that failed before any page (timeout, DNS) is the home page's failure: the auditor tells "website down" from it.
  const seen: ScrapedPage[] =
    pages.length === 0 && crawlFailure && lead.website
      ? [{ url: lead.website, finalUrl: lead.website, statusCode: 0, html: "", markdown: "", bytes: 0, elapsedMs: 0, truncated: false, error: crawlFailure }]
      : pages;
  const dossier = await writer.writeDossier({ ...input, pages: seen });
  // The crawl's own cause (credits, DNS, timeout, robots) wins over the dossier's "no pages".
  if (crawlFailure) return { ...dossier, auditFailure: crawlFailure };
  return dossier;
}

export const runAudit = internalAction({
  args: { auditJobId: v.id("audit_jobs") },
  returns: vAuditOutcome,
  handler: async (ctx, { auditJobId }) => {
    const context = await ctx.runQuery(internal.workflows.audit.writers.getAuditContext, { auditJobId });
    if (!context) return { ok: true as const };
    const lead = auditLead(context.lead);
    // Pages, Firecrawl credits and LLM tokens of this audit, recorded with its result (saveAuditResult).
    const meter = new UsageMeter();
    type CrawlPhase = "map_urls" | "filter_urls" | "scrape_content";
    let current: CrawlPhase | undefined;
    const phase = async (complete?: CrawlPhase, start?: CrawlPhase | "generate_dossier") => {
      const live = await ctx.runMutation(internal.workflows.audit.writers.recordAuditPhase, { auditJobId, complete, start });
      current = start === "generate_dossier" ? undefined : start;
      return live;
    };

    let pages: ScrapedPage[] = [];
    let crawlFailure: string | undefined;
    let selectionNote: string | undefined;
    let budget: { dispose(): void } | undefined;
    try {
      if (!context.lead.website) throw new CrawlError("INVALID_URL", "the lead has no website", false);
      // With Firecrawl, its limits are held in the database: every audit of the deployment shares them.
      const crawler = createCrawlProvider(process.env, { meter, firecrawl: { gate: firecrawlGate(ctx) } });
      if (!(await phase(undefined, "map_urls"))) return { ok: true as const };
      // One crawl budget (deadline, files, URLs, bytes) for map and scrape alike.
      const crawlBudget = (budget = crawler.createBudget());
      // The agency is the tenant of a shared provider limit (Firecrawl): agencies take turns, none starves.
      const tenant = context.lead.agencyId;
      const mapped = await crawler.mapUrls(context.lead.website, { budget: crawlBudget, tenant });
      await phase("map_urls", "filter_urls");
      // Deterministic ranking, or the LLM when one is configured (it falls back to the ranking).
      const selectionInput = {
        homeUrl: context.lead.website,
        candidates: mapped.map((m) => m.url),
        limit: MAX_AUDIT_PAGES,
        businessName: context.lead.name,
        vertical: context.lead.targetVertical,
      };
      // Every LLM call has a deadline; past it, the deterministic ranking picks the pages.
      const selection = await withDeadline(
        createPageSelector(process.env, { meter }).selectPages(selectionInput),
        DOSSIER_DEADLINE_MS,
        "The page selector",
      ).catch(async (error: unknown) => {
        if (isRunFatal(error)) throw error;
        const fallback = await new DeterministicPageSelector().selectPages(selectionInput);
        return { ...fallback, note: `Page selection fell back to the ranking (${errorMessage(error)}).` };
      });
      selectionNote = selection.note;
      await phase("filter_urls", "scrape_content");
      pages = await crawler.scrapePages(selection.urls, { budget: crawlBudget, tenant });
      await ctx.runMutation(internal.workflows.audit.writers.saveCrawledPages, {
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
      if (pages.length > 0 && pages.every((p) => p.error)) {
        // Nothing could be read. A robots.txt refusal (5xx means "disallow all") is the site's map saying no.
        const refused = pages.find((p) => /robots/i.test(p.error ?? ""));
        current = refused ? "map_urls" : "scrape_content";
        crawlFailure = (refused ?? pages[0]).error;
      }
    } catch (error) {
      // An LLM key/config error (the page selector is an LLM call) belongs to the dossier writer's phase.
      if (isRunFatal(error)) {
        const phase = error instanceof LlmError ? ("generate_dossier" as const) : ("scrape_content" as const);
        return { ok: false as const, message: errorMessage(error), phase, usage: toUsageTotals(meter.usage) };
      }
      if (error instanceof CrawlError && error.retryable) throw error;
      crawlFailure = describeCrawlFailure(error).message;
    } finally {
      budget?.dispose();
    }
    // A crawl failure is shown on the phase where it happened (robots.txt 5xx → "Map pages").
    const failedPhase = current;
    if (crawlFailure && failedPhase) {
      await ctx.runMutation(internal.workflows.audit.writers.recordAuditPhase, {
        auditJobId,
        fail: { phase: failedPhase, error: crawlFailure },
        start: "generate_dossier",
      });
    } else {
      await phase(crawlFailure ? undefined : "scrape_content", "generate_dossier");
    }

    let dossier: Dossier;
    try {
      const input = { lead, agency: context.agency, pages, benchmarkSentence: context.benchmarkSentence };
      dossier = await withDeadline(writeDossier(input, meter, crawlFailure), DOSSIER_DEADLINE_MS, "The dossier writer");
    } catch (error) {
      if (isRunFatal(error)) return { ok: false as const, message: errorMessage(error), phase: "generate_dossier" as const, usage: toUsageTotals(meter.usage) };
      const fallback = await new HeuristicDossierWriter().writeDossier({ lead, agency: context.agency, pages, benchmarkSentence: context.benchmarkSentence });
      dossier = { ...fallback, note: `Dossier writer failed (${errorMessage(error)}); heuristic dossier used.` };
    }
    await ctx.runMutation(internal.workflows.audit.writers.saveAuditResult, {
      auditJobId,
      summary: dossier.summary,
      identified_gaps: dossier.identified_gaps,
      talking_points: dossier.talking_points,
      confirmedSignals: dossier.confirmedSignals,
      email: dossier.email,
      provider: dossier.provider,
      note: [selectionNote, dossier.note].filter(Boolean).join(" ") || undefined,
      auditFailure: crawlFailure ?? dossier.auditFailure,
      emailProvenance: dossier.emailProvenance,
      websiteOutcome: dossier.websiteOutcome,
      technology: dossier.technology,
      unpitchedSignals: dossier.unpitchedSignals,
      writerCheck: dossier.writerCheck,
      outreach: dossier.outreach,
      usage: toUsageTotals(meter.usage),
    });
    return { ok: true as const };
  },
});

/** Dossiers written at once for leads without a deep audit (each may be one LLM call of 5–10 s). */
export const PLACES_DOSSIER_CONCURRENCY = 10;
/**
 * The most one dossier may take, retries included, before the heuristic one
 * is used: with 20 leads in waves of 10 that is at most 2 × 75 s = 150 s,
 * inside Convex's 10-minute action limit.
 */
export const DOSSIER_DEADLINE_MS = 75_000;

/** `work` or, past `ms`, a rejection naming the deadline (the late answer is ignored). */
async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Map with at most `limit` calls in flight, results in input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

class RunFatal extends Error {}

/**
 * Places-based dossiers for the run's leads that get no deep audit, written
 * in parallel (at most {@link PLACES_DOSSIER_CONCURRENCY} at once, each within
 * {@link DOSSIER_DEADLINE_MS}) and saved in one mutation. A lead left out only
 * by the deep-audit limit says so, instead of reading like a failed audit.
 */
export const writePlacesDossiers = internalAction({
  args: { leadGenFlowId: v.id("lead_gen_flow") },
  returns: vAuditOutcome,
  handler: async (ctx, { leadGenFlowId }) => {
    const context = await ctx.runQuery(internal.workflows.leadGen.steps.getPlacesOnlyLeads, { leadGenFlowId });
    if (!context || context.leads.length === 0) return { ok: true as const };
    const notAuditedNote = `Not audited: beyond the ${context.maxDeepAudits} deep audit${context.maxDeepAudits === 1 ? "" : "s"} of this run. Use "Re-run audit" to audit this website.`;
    // Past the monthly budget (the run stopped paid work), the heuristic writer: no LLM call.
    const budgetNote = context.budgetStop ? `Not audited: ${context.budgetStop}.` : undefined;
    const meter = new UsageMeter();
    let dossiers;
    try {
      dossiers = await mapBounded(context.leads, PLACES_DOSSIER_CONCURRENCY, async (lead) => {
        const input = { lead: auditLead(lead), agency: context.agency, pages: [], benchmarkSentence: context.benchmarkSentences[lead._id] };
        let dossier: Dossier;
        try {
          const writer = budgetNote ? new HeuristicDossierWriter() : createDossierWriter(process.env, { meter });
          dossier = await withDeadline(writer.writeDossier(input), DOSSIER_DEADLINE_MS, "The dossier writer");
        } catch (error) {
          if (isRunFatal(error)) throw new RunFatal(errorMessage(error));
          dossier = {
            ...(await new HeuristicDossierWriter().writeDossier(input)),
            note: `Dossier writer failed (${errorMessage(error)}); heuristic dossier used.`,
          };
        }
        const overLimit = hasCrawlableWebsite(lead.website);
        // The heuristic writer reads "no pages" as a failed crawl; here nobody tried to crawl.
        const summary = overLimit ? `${budgetNote ?? notAuditedNote} ${dossier.auditFailure ? "" : dossier.summary}`.trim() : dossier.summary;
        return {
          opportunityId: lead._id,
          summary,
          identified_gaps: dossier.identified_gaps,
          talking_points: dossier.talking_points,
          provider: dossier.provider,
          ...(dossier.unpitchedSignals ? { unpitchedSignals: dossier.unpitchedSignals } : {}),
          ...(dossier.writerCheck ? { writerCheck: dossier.writerCheck } : {}),
          ...(dossier.outreach ? { outreach: dossier.outreach } : {}),
          // Only the outcomes a Places-only dossier can tell: no website, or a social/directory page.
          ...(dossier.websiteOutcome === "no_website" || dossier.websiteOutcome === "social_only" ? { websiteOutcome: dossier.websiteOutcome } : {}),
        };
      });
    } catch (error) {
      if (error instanceof RunFatal) return { ok: false as const, message: error.message, usage: toUsageTotals(meter.usage) };
      throw error;
    }
    await ctx.runMutation(internal.workflows.audit.writers.savePlacesDossiers, { leadGenFlowId, dossiers, usage: toUsageTotals(meter.usage) });
    return { ok: true as const };
  },
});
