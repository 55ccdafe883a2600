"use node";
/**
 * Actions that call Places. Node runtime: the legacy Google client (axios,
 * keep-alive agents) needs Node's http; the others work there too.
 */
import { v } from "convex/values";
import { PLACES_MAX_PAGES } from "../../../lib/lifecycle";
import { canonicalDomain } from "../../../lib/domains";
import { errorMessage } from "../../../lib/errorText";
import { createPlacesProvider, DemoPlacesProvider } from "../../../lib/providers/places";
import { PlacesError, type PlaceResult, type PlacesPage, type PlacesProvider } from "../../../lib/providers/places/types";
import { countQualified, prepareCandidates } from "../../../lib/qualify";
import { toUsageTotals, UsageMeter } from "../../../lib/usage";
import { internal } from "../../_generated/api";
import { internalAction } from "../../_generated/server";

const vSourceResult = v.union(
  v.object({ ok: v.literal(true), candidates: v.number() }),
  v.object({ ok: v.literal(false), code: v.string(), message: v.string() }),
);

/** Attempts per page inside the action; page 1 then falls back to the workflow's retries. */
const PAGE_ATTEMPTS = 2;
/** Longest wait we honour from Google's retry delay inside one action (the rest is the workflow's backoff). */
const MAX_IN_ACTION_WAIT_MS = 30_000;

function describePlacesError(error: unknown): string {
  return error instanceof PlacesError ? `Places ${error.code}: ${error.message}` : `Places search failed: ${errorMessage(error)}`;
}

/** One page, retried on its own: a retryable failure waits (Google's retry delay when it sent one) and tries again. */
async function fetchPage(provider: PlacesProvider, textQuery: string, pageToken: string | undefined): Promise<PlacesPage> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await provider.searchPage({ textQuery, pageToken });
    } catch (error) {
      const places = error instanceof PlacesError ? error : undefined;
      if ((places && !places.retryable) || attempt >= PAGE_ATTEMPTS) throw error;
      const waitMs = Math.min(places?.retryAfterMs ?? 1_000 * 2 ** (attempt - 1), MAX_IN_ACTION_WAIT_MS);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/**
 * `source`: the Places text search, page by page (20 a page, at most 3), only
 * until enough candidates survive every filter for numLeads, or Places has no
 * more: no page is paid for that is not needed. Page 1's retryable failures
 * (quota, 5xx, timeouts) throw so the workflow retries with backoff; a bad key
 * or request returns `ok: false` at once. A failure after page 1 keeps what
 * was fetched.
 */
export const sourcePlaces = internalAction({
  args: { leadGenFlowId: v.id("lead_gen_flow"), textQuery: v.string() },
  returns: vSourceResult,
  handler: async (ctx, { leadGenFlowId, textQuery }) => {
    const context = await ctx.runQuery(internal.workflows.leadGen.steps.getSourcingContext, { leadGenFlowId });
    if (!context) return { ok: true as const, candidates: 0 }; // cancelled meanwhile
    let provider: PlacesProvider;
    // Every request Places answers is counted here and recorded with the step's batch (recordSourced).
    const meter = new UsageMeter();
    try {
      provider = createPlacesProvider(process.env, { meter });
    } catch (error) {
      const places = error instanceof PlacesError ? error : undefined;
      return { ok: false as const, code: places?.code ?? "CONFIG", message: describePlacesError(error) };
    }
    const results: PlaceResult[] = [];
    const known = { placeIds: new Set<string>(), domains: new Set<string>() };
    let pageToken: string | undefined;
    let pagesFetched = 0;
    let exhausted = false;
    let laterPageError: string | undefined;
    while (pagesFetched < PLACES_MAX_PAGES) {
      let page: PlacesPage;
      try {
        page = await fetchPage(provider, textQuery, pageToken);
      } catch (error) {
        const message = describePlacesError(error);
        if (pagesFetched > 0) {
          laterPageError = message;
          break;
        }
        const places = error instanceof PlacesError ? error : undefined;
        if (places && !places.retryable) return { ok: false as const, code: places.code, message };
        await ctx.runMutation(internal.workflows.leadGen.steps.notePhaseRetry, { leadGenFlowId, phase: "source", message: `${message} — retrying.` });
        throw new Error(message);
      }
      pagesFetched += 1;
      results.push(...page.places);
      const found = await ctx.runQuery(internal.workflows.leadGen.steps.findKnownLeads, {
        leadGenFlowId,
        placeIds: page.places.map((p) => p.placeId),
        domains: [...new Set(page.places.flatMap((p) => canonicalDomain(p.website) ?? []))],
      });
      for (const id of found.placeIds) known.placeIds.add(id);
      for (const d of found.domains) known.domains.add(d);
      pageToken = page.nextPageToken;
      if (!pageToken) {
        exhausted = true;
        break;
      }
      const qualified = countQualified(prepareCandidates(results), context.criteria, { minScore: context.minScore, known });
      if (qualified >= context.numLeads) break;
    }
    const snapshot = prepareCandidates(results);
    await ctx.runMutation(internal.workflows.leadGen.steps.recordSourced, {
      leadGenFlowId,
      provider: provider.name,
      numLeadsFetched: results.length,
      pagesFetched,
      exhausted,
      laterPageError,
      demoCoverage: results.length === 0 && provider instanceof DemoPlacesProvider ? provider.coverage() : undefined,
      snapshot,
      usage: toUsageTotals(meter.usage),
    });
    return { ok: true as const, candidates: snapshot.filter((s) => !s.dropReason).length };
  },
});
