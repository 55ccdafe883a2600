"use node";
/**
 * Actions that call Places. Node runtime: the legacy Google client (axios,
 * keep-alive agents) needs Node's http; the others work there too.
 */
import { v } from "convex/values";
import { createPlacesProvider } from "../../lib/providers/places";
import { PlacesError, type PlaceResult } from "../../lib/providers/places/types";
import { prepareCandidates } from "../../lib/qualify";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";

const vSourceResult = v.union(
  v.object({ ok: v.literal(true), candidates: v.number() }),
  v.object({ ok: v.literal(false), code: v.string(), message: v.string() }),
);

/**
 * `source`: one Places text search. Retryable failures (quota, 5xx, timeouts)
 * throw so the workflow retries with backoff; a bad key or request returns
 * `ok: false` at once, since retrying cannot help.
 */
export const sourcePlaces = internalAction({
  args: { leadGenFlowId: v.id("lead_gen_flow"), textQuery: v.string() },
  returns: vSourceResult,
  handler: async (ctx, { leadGenFlowId, textQuery }) => {
    let results: PlaceResult[];
    let providerName: string;
    try {
      const provider = createPlacesProvider(process.env);
      providerName = provider.name;
      results = await provider.searchText({ textQuery, maxResults: 20 });
    } catch (error) {
      const places = error instanceof PlacesError ? error : undefined;
      const message = places ? `Places ${places.code}: ${places.message}` : `Places search failed: ${String((error as Error)?.message ?? error)}`;
      if (places && !places.retryable) return { ok: false as const, code: places.code, message };
      await ctx.runMutation(internal.workflows.steps.notePhaseRetry, {
        leadGenFlowId,
        phase: "source",
        message: `${message} — retrying.`,
      });
      throw new Error(message);
    }
    const snapshot = prepareCandidates(results);
    await ctx.runMutation(internal.workflows.steps.recordSourced, {
      leadGenFlowId,
      provider: providerName,
      numLeadsFetched: results.length,
      snapshot,
    });
    return { ok: true as const, candidates: snapshot.filter((s) => !s.dropReason).length };
  },
});
