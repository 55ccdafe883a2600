"use node";
/**
 * Reads the agency's own website and drafts its profile, as ONE durable step (like a lead's deep audit):
 * map_site → read_pages → draft_profile, each phase written as it happens. The same crawler, budget and SSRF
 * rules as an audit (lib/crawl/, `*.example` hosts routed to the demo web server only when DEMO_WEB_ORIGIN
 * is set); the LLM drafts when configured, else the heuristic extractor. Idempotent: a retry redoes it whole.
 */
import { v } from "convex/values";
import { isSameSite } from "../../../lib/crawl/links";
import { rankPagesForAudit } from "../../../lib/crawl/pageRanking";
import { pageFailure } from "../../../lib/audit/parsedPage";
import { MAX_ONBOARDING_PAGES } from "../../../lib/onboarding/draft";
import { draftAgencyProfile } from "../../../lib/onboarding/drafter";
import { createCrawlProvider } from "../../../lib/providers/crawl";
import { CrawlError, describeCrawlFailure, isCrawlConfigError } from "../../../lib/providers/crawl/types";
import { LlmError } from "../../../lib/providers/llm";
import { internal } from "../../_generated/api";
import { internalAction } from "../../_generated/server";
import { firecrawlGate } from "../../firecrawlGate/actionGate";

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const readAgencySite = internalAction({
  args: { onboardingFlowId: v.id("onboarding_flow") },
  returns: v.union(v.object({ ok: v.literal(true) }), v.object({ ok: v.literal(false), message: v.string() })),
  handler: async (ctx, { onboardingFlowId }): Promise<{ ok: true } | { ok: false; message: string }> => {
    const context: { url: string } | null = await ctx.runQuery(internal.workflows.onboarding.steps.getFlowContext, { onboardingFlowId });
    if (!context) return { ok: true as const };
    const phase = (args: { complete?: "map_site" | "read_pages"; start?: "read_pages" | "draft_profile"; message: string }): Promise<boolean> =>
      ctx.runMutation(internal.workflows.onboarding.steps.recordPhase, { onboardingFlowId, ...args });
    let budget: { dispose(): void } | undefined;
    try {
      // Firecrawl's account limits are shared with every audit of the deployment.
      const crawler = createCrawlProvider(process.env, { firecrawl: { gate: firecrawlGate(ctx) } });
      const crawlBudget = (budget = crawler.createBudget());
      const mapped = await crawler.mapUrls(context.url, { budget: crawlBudget });
      // Home first, then contact, services, about… (the audit's ranking): where an agency describes itself.
      const urls = rankPagesForAudit(
        mapped.map((m) => m.url).filter((url) => isSameSite(url, context.url)),
        { homeUrl: context.url, limit: MAX_ONBOARDING_PAGES },
      ).map((p) => p.url);
      const live = await phase({
        complete: "map_site",
        start: "read_pages",
        message: `Found ${mapped.length} page${mapped.length === 1 ? "" : "s"}; reading the ${urls.length} that describe your agency…`,
      });
      if (!live) return { ok: true as const };
      const scraped = await crawler.scrapePages(urls, { budget: crawlBudget });
      const readable = scraped.filter((p) => pageFailure(p) === undefined);
      if (readable.length === 0) {
        const first = scraped[0];
        return { ok: false as const, message: `Could not read ${context.url}: ${first ? pageFailure(first) : "no page answered"}.` };
      }
      if (
        !(await phase({
          complete: "read_pages",
          start: "draft_profile",
          message: `Read ${readable.length} page${readable.length === 1 ? "" : "s"}; drafting your profile…`,
        }))
      ) {
        return { ok: true as const };
      }
      const { draft, provider, note } = await draftAgencyProfile(
        process.env,
        readable.map((p) => ({ url: p.finalUrl || p.url, html: p.html, markdown: p.markdown, title: p.title })),
      );
      await ctx.runMutation(internal.workflows.onboarding.steps.saveDraft, {
        onboardingFlowId,
        pages: scraped.map((p) => ({ url: p.finalUrl || p.url, title: p.title, statusCode: p.statusCode, error: pageFailure(p) })),
        draft,
        provider,
        note,
      });
      return { ok: true as const };
    } catch (error) {
      // A rate limit or a transient upstream error: the workflow retries the step with backoff.
      if (error instanceof CrawlError && error.retryable) throw error;
      if (isCrawlConfigError(error) || error instanceof LlmError) return { ok: false as const, message: errorMessage(error) };
      return { ok: false as const, message: describeCrawlFailure(error).message };
    } finally {
      budget?.dispose();
    }
  },
});
