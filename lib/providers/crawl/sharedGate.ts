import { sleep, type AccountGate, type AccountLimits, type GateRequest } from "./requestGate";

/**
 * An account's limits held in a database, so they bind every process that calls the API (on a
 * Convex deployment each action is a process of its own). The store (convex/firecrawlGate/) keeps:
 * - leases: one row per request started, `expiresAt` = start + its hold time, so a holder that dies
 *   frees its slot; released leases stay until they leave the window and are the per-minute log;
 * - a queue of waiting requests, ordered by a fair tag (below), then arrival;
 * - a pause until the Retry-After of the last 429.
 * Nothing pushes a slot to a waiter: each waiter asks again after the wait {@link admit} estimates.
 */

/** What the store knows when a waiter asks. */
export interface GateState {
  now: number;
  limits: AccountLimits;
  /** Leases not yet released nor expired (at most `concurrency` are read). */
  active: number;
  /** Start times of the leases started in the last {@link countedWindowMs}, oldest first (at most `requestsPerMinute`). */
  windowStarts: readonly number[];
  pausedUntil?: number;
  /** Live waiters ahead of this one in the queue. */
  position: number;
}

/**
 * How long a start stays counted: the window and 1/60 of it (1 s a minute). A request reaches the API a
 * moment after its lease starts (the network, a busy event loop), so starts exactly one window apart could
 * land inside the API's own minute; the margin keeps them apart.
 */
export function countedWindowMs(windowMs: number): number {
  return windowMs + Math.ceil(windowMs / 60);
}

/** A waiter near the head asks again this soon; one further back waits longer, up to {@link MAX_POLL_MS}. */
export const MIN_POLL_MS = 250;
export const MAX_POLL_MS = 5_000;

export type Admission = { admit: true } | { admit: false; waitMs: number };

/**
 * Whether the waiter at `position` may start now: a free slot and a free place in the window
 * for it and every live waiter ahead of it, and no pause. Otherwise how long to wait before
 * asking again: until the pause ends or the window frees its place when that is known, else a
 * poll that grows with the position (a slot frees when a holder releases, which nobody announces).
 */
export function admit({ now, limits, active, windowStarts, pausedUntil, position }: GateState): Admission {
  const paused = pausedUntil !== undefined && pausedUntil > now ? pausedUntil - now : 0;
  const freeSlots = limits.concurrency - active;
  const freeStarts = limits.requestsPerMinute - windowStarts.length;
  if (paused === 0 && position < Math.min(freeSlots, freeStarts)) return { admit: true };
  // The window start whose expiry makes room for this waiter (the one `position - freeStarts` places in).
  const behind = position - freeStarts;
  const counted = countedWindowMs(limits.windowMs);
  const windowWait = behind < 0 ? 0 : behind < windowStarts.length ? windowStarts[behind] + counted - now : counted;
  const slotWait = position < freeSlots ? 0 : MIN_POLL_MS * (1 + position - Math.max(0, freeSlots));
  const waitMs = Math.max(paused, windowWait, slotWait, MIN_POLL_MS);
  return { admit: false, waitMs: Math.min(Math.ceil(waitMs), MAX_POLL_MS) };
}

/**
 * Start-time fair queueing with unit costs: a tenant's next waiter is tagged one past its last
 * waiter still queued, or with the head's tag when it has none. The queue is served by tag, then
 * arrival, so tenants take turns: an agency arriving behind another's 30 queued requests waits
 * for one of them, not 30.
 */
export function fairTag(headTag: number | undefined, tenantLastTag: number | undefined): number {
  return Math.max(headTag ?? 0, tenantLastTag === undefined ? 0 : tenantLastTag + 1);
}

/** A waiter's ticket stays in the queue this long past the time it said it would ask again. */
export const TICKET_GRACE_MS = 5_000;

/** The database side, as the gate calls it (convex/firecrawlGate/ implements it with mutations); `L`, `T` are its row ids. */
export interface SharedGateStore<L = string, T = string> {
  /** Starts a lease when the limits allow, else queues (or keeps) the ticket and says how long to wait. */
  acquire(request: { tenant: string; holdMs: number; ticket?: T }): Promise<{ lease: L } | { ticket: T; waitMs: number }>;
  /** Ends a lease (it stays counted in its minute) or withdraws a waiting ticket. */
  release(handle: { lease: L } | { ticket: T }): Promise<unknown>;
  /** Nobody of the account starts a request before `ms` from now. */
  pause(ms: number): Promise<unknown>;
}

/** The account's gate over a store shared by every process; one per action is fine, the state is in the store. */
export class SharedRequestGate<L = string, T = string> implements AccountGate {
  constructor(private readonly store: SharedGateStore<L, T>) {}

  async run<T>(task: () => Promise<T>, { signal, tenant = "", holdMs }: GateRequest): Promise<T> {
    const lease = await this.acquire(tenant, holdMs, signal);
    try {
      return await task();
    } finally {
      // A release that fails (the action is being torn down) only delays the slot: the lease expires.
      await this.store.release({ lease }).catch(() => undefined);
    }
  }

  async pause(ms: number): Promise<void> {
    await this.store.pause(ms);
  }

  private async acquire(tenant: string, holdMs: number, signal?: AbortSignal): Promise<L> {
    let ticket: T | undefined;
    try {
      for (;;) {
        signal?.throwIfAborted();
        const answer = await this.store.acquire({ tenant, holdMs, ticket });
        if ("lease" in answer) {
          ticket = undefined;
          if (signal?.aborted) {
            await this.store.release({ lease: answer.lease }).catch(() => undefined);
            signal.throwIfAborted();
          }
          return answer.lease;
        }
        ticket = answer.ticket;
        await sleep(answer.waitMs, signal);
      }
    } catch (error) {
      // Given up (cancelled, out of budget): leave the queue so nobody waits behind a ghost.
      if (ticket) await this.store.release({ ticket }).catch(() => undefined);
      throw error;
    }
  }
}
