import type { AccountLimits } from "../../lib/providers/crawl/requestGate";
import { SharedRequestGate } from "../../lib/providers/crawl/sharedGate";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";

/**
 * The Firecrawl gate an action passes to the crawl provider (`createCrawlProvider(env, { firecrawl: { gate } })`):
 * its state lives in convex/firecrawlGate/ tables, so every action of the deployment shares one limit.
 */
export function firecrawlGate(ctx: ActionCtx) {
  return (account: string, limits: AccountLimits) =>
    new SharedRequestGate<Id<"firecrawl_leases">, Id<"firecrawl_waiters">>({
      acquire: (request) => ctx.runMutation(internal.firecrawlGate.slots.acquire, { account, limits, ...request }),
      release: (handle) => ctx.runMutation(internal.firecrawlGate.slots.release, { handle }),
      pause: (ms) => ctx.runMutation(internal.firecrawlGate.slots.pause, { account, ms }),
    });
}
