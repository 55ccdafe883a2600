import { defineTable } from "convex/server";
import { v } from "convex/values";

/**
 * Firecrawl's account limits, held in the database so they bind every action of the deployment
 * (convex/firecrawlGate/slots.ts; the rules are lib/providers/crawl/sharedGate.ts). `account` is a hash
 * of the API URL and key (lib/providers/crawl/firecrawl.ts `firecrawlAccount`), never the key.
 */
export const firecrawlGateTables = {
  /** A request started: in flight until `expiresAt` (its hold time, or the release); kept one window as the per-minute log. */
  firecrawl_leases: defineTable({
    account: v.string(),
    tenant: v.string(),
    startedAt: v.number(),
    expiresAt: v.number(),
  })
    .index("by_account_and_startedAt", ["account", "startedAt"])
    .index("by_account_and_expiresAt", ["account", "expiresAt"]),

  /** A request waiting for its turn; served by `tag` (fair between tenants), then arrival. Dropped `expiresAt` after its waiter fell silent. */
  firecrawl_waiters: defineTable({
    account: v.string(),
    tenant: v.string(),
    tag: v.number(),
    expiresAt: v.number(),
  })
    .index("by_account_and_tag", ["account", "tag"])
    .index("by_account_and_tenant_and_tag", ["account", "tenant", "tag"])
    .index("by_account_and_expiresAt", ["account", "expiresAt"]),

  /** No request of the account starts before `until` (Firecrawl's Retry-After on a 429). */
  firecrawl_pauses: defineTable({
    account: v.string(),
    until: v.number(),
  }).index("by_account", ["account"]),
};
