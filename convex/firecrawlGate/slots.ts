/**
 * Firecrawl's account limits for the whole deployment: at most FIRECRAWL_CONCURRENCY requests in flight and
 * FIRECRAWL_REQUESTS_PER_MINUTE started in any minute, shared by every action (each a process of its own), fair
 * between agencies, and a 429's Retry-After paused for all. The rules are lib/providers/crawl/sharedGate.ts;
 * these mutations read and write the rows (convex/firecrawlGate/tables.ts), one transaction per question.
 *
 * Why not @convex-dev/rate-limiter (already used for the agencies' budgets, convex/model/limits.ts) for the
 * per-minute part: its token bucket lets `capacity` through at once and refills within the same minute, and its
 * fixed window lets a full window through at each edge, so neither keeps to "at most N in any 60 s" without
 * halving what one minute allows; its `reserve` hands out future times in arrival order, which would overrule
 * the fair queue. The leases table already holds every start: counting the last minute's starts there is an
 * exact sliding window, decided in the same transaction as the concurrency slot and the queue order.
 */
import { v } from "convex/values";
import { admit, countedWindowMs, fairTag, TICKET_GRACE_MS } from "../../lib/providers/crawl/sharedGate";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";

/** Waiters read to place one in the queue; one further back than this waits the longest poll anyway. */
const MAX_QUEUE_SCAN = 256;
/** Stale rows deleted per call (the rest go on the next ones). */
const SWEEP_BATCH = 50;
/** No request holds a slot longer than an action may run. */
const MAX_HOLD_MS = 10 * 60_000;

const vLimits = v.object({ concurrency: v.number(), requestsPerMinute: v.number(), windowMs: v.number() });

function checkLimits(limits: { concurrency: number; requestsPerMinute: number; windowMs: number }, holdMs: number): void {
  for (const [name, value] of Object.entries({ ...limits, holdMs })) {
    if (!Number.isFinite(value) || value < 1) throw new Error(`Firecrawl gate: ${name} must be a positive number, got ${value}`);
  }
}

/** Drops waiters that fell silent and leases that left the window and ended. */
async function sweep(ctx: MutationCtx, account: string, now: number, windowMs: number): Promise<void> {
  const silent = await ctx.db
    .query("firecrawl_waiters")
    .withIndex("by_account_and_expiresAt", (q) => q.eq("account", account).lte("expiresAt", now))
    .take(SWEEP_BATCH);
  for (const waiter of silent) await ctx.db.delete("firecrawl_waiters", waiter._id);
  const old = await ctx.db
    .query("firecrawl_leases")
    .withIndex("by_account_and_startedAt", (q) => q.eq("account", account).lte("startedAt", now - windowMs))
    .take(SWEEP_BATCH);
  for (const lease of old) if (lease.expiresAt <= now) await ctx.db.delete("firecrawl_leases", lease._id);
}

/** The tag a new waiter of `tenant` gets (lib/providers/crawl/sharedGate.ts `fairTag`). */
async function newTag(ctx: MutationCtx, account: string, tenant: string, now: number): Promise<number> {
  let headTag: number | undefined;
  for await (const waiter of ctx.db.query("firecrawl_waiters").withIndex("by_account_and_tag", (q) => q.eq("account", account))) {
    if (waiter.expiresAt > now) {
      headTag = waiter.tag;
      break;
    }
  }
  const last = await ctx.db
    .query("firecrawl_waiters")
    .withIndex("by_account_and_tenant_and_tag", (q) => q.eq("account", account).eq("tenant", tenant))
    .order("desc")
    .first();
  return fairTag(headTag, last?.tag);
}

/** Live waiters served before one with `tag` (and, if queued, `ticket`'s arrival). */
async function waitersAhead(ctx: MutationCtx, account: string, tag: number, ticket: Doc<"firecrawl_waiters"> | null, now: number): Promise<number> {
  const candidates = await ctx.db
    .query("firecrawl_waiters")
    .withIndex("by_account_and_tag", (q) => q.eq("account", account).lte("tag", tag))
    .take(MAX_QUEUE_SCAN);
  return candidates.filter((w) => w.expiresAt > now && w._id !== ticket?._id && (w.tag < tag || ticket === null || w._creationTime < ticket._creationTime))
    .length;
}

/**
 * Starts a request when the account's limits allow it for this waiter, else queues it (or keeps its place)
 * and says how long to wait before asking again.
 */
export const acquire = internalMutation({
  args: {
    account: v.string(),
    tenant: v.string(),
    /** How long the slot may be held before it frees itself (the request's timeout and a margin). */
    holdMs: v.number(),
    limits: vLimits,
    ticket: v.optional(v.id("firecrawl_waiters")),
  },
  returns: v.union(v.object({ lease: v.id("firecrawl_leases") }), v.object({ ticket: v.id("firecrawl_waiters"), waitMs: v.number() })),
  handler: async (ctx, { account, tenant, holdMs, limits, ticket: ticketId }) => {
    checkLimits(limits, holdMs);
    const now = Date.now();
    const windowMs = countedWindowMs(limits.windowMs);
    await sweep(ctx, account, now, windowMs);
    // A ticket swept while its waiter slept past the grace queues again, as a newcomer.
    const ticket = ticketId ? await ctx.db.get("firecrawl_waiters", ticketId) : null;
    const tag = ticket?.tag ?? (await newTag(ctx, account, tenant, now));
    const position = await waitersAhead(ctx, account, tag, ticket, now);
    const active = await ctx.db
      .query("firecrawl_leases")
      .withIndex("by_account_and_expiresAt", (q) => q.eq("account", account).gt("expiresAt", now))
      .take(limits.concurrency);
    const inWindow = await ctx.db
      .query("firecrawl_leases")
      .withIndex("by_account_and_startedAt", (q) => q.eq("account", account).gt("startedAt", now - windowMs))
      .take(limits.requestsPerMinute);
    const pause = await ctx.db
      .query("firecrawl_pauses")
      .withIndex("by_account", (q) => q.eq("account", account))
      .unique();
    const decision = admit({
      now,
      limits,
      active: active.length,
      windowStarts: inWindow.map((lease) => lease.startedAt),
      pausedUntil: pause?.until,
      position,
    });
    if (decision.admit) {
      if (ticket) await ctx.db.delete("firecrawl_waiters", ticket._id);
      const lease = await ctx.db.insert("firecrawl_leases", { account, tenant, startedAt: now, expiresAt: now + Math.min(holdMs, MAX_HOLD_MS) });
      return { lease };
    }
    const expiresAt = now + decision.waitMs + TICKET_GRACE_MS;
    let waiting: Id<"firecrawl_waiters">;
    if (ticket) {
      await ctx.db.patch("firecrawl_waiters", ticket._id, { expiresAt });
      waiting = ticket._id;
    } else {
      waiting = await ctx.db.insert("firecrawl_waiters", { account, tenant, tag, expiresAt });
    }
    return { ticket: waiting, waitMs: decision.waitMs };
  },
});

/** Ends a request (its start stays counted for the minute) or withdraws a waiter that gave up. */
export const release = internalMutation({
  args: { handle: v.union(v.object({ lease: v.id("firecrawl_leases") }), v.object({ ticket: v.id("firecrawl_waiters") })) },
  returns: v.null(),
  handler: async (ctx, { handle }) => {
    if ("ticket" in handle) {
      if (await ctx.db.get("firecrawl_waiters", handle.ticket)) await ctx.db.delete("firecrawl_waiters", handle.ticket);
      return null;
    }
    const lease = await ctx.db.get("firecrawl_leases", handle.lease);
    const now = Date.now();
    if (lease && lease.expiresAt > now) await ctx.db.patch("firecrawl_leases", lease._id, { expiresAt: now });
    return null;
  },
});

/** Firecrawl answered 429: no request of the account starts before `ms` from now. */
export const pause = internalMutation({
  args: { account: v.string(), ms: v.number() },
  returns: v.null(),
  handler: async (ctx, { account, ms }) => {
    const until = Date.now() + Math.min(Math.max(0, ms), MAX_HOLD_MS);
    const existing = await ctx.db
      .query("firecrawl_pauses")
      .withIndex("by_account", (q) => q.eq("account", account))
      .unique();
    if (!existing) await ctx.db.insert("firecrawl_pauses", { account, until });
    else if (existing.until < until) await ctx.db.patch("firecrawl_pauses", existing._id, { until });
    return null;
  },
});
