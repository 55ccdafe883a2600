import { createFairLimiter, type FairLimiter } from "../../crawl/concurrencyLimit";

/** One request through an account's gate. */
export interface GateRequest {
  /** Gives up waiting (and rejects with its reason) when it aborts. */
  signal?: AbortSignal;
  /** Whose request this is (an agency id): tenants take turns. Requests without one share one turn. */
  tenant?: string;
  /** The longest the request can hold its slot (its own timeout and a margin): a shared gate frees the slot after it even if the holder dies. */
  holdMs: number;
}

/**
 * The limits of one paid API account (at most `concurrency` requests in flight, `requestsPerMinute`
 * started in any minute, a pause after a 429). Two implementations: {@link RequestGate} in this
 * process, and {@link ./sharedGate.ts SharedRequestGate}, held in a database so it binds every process.
 */
export interface AccountGate {
  /** Runs `task` when the account's limits allow; the slot is held until `task` settles. */
  run<T>(task: () => Promise<T>, request: GateRequest): Promise<T>;
  /** Nobody starts a request before `ms` from now (the API's Retry-After). */
  pause(ms: number): Promise<void>;
}

/** The account's limits, as the crawler's options and env set them. */
export interface AccountLimits {
  concurrency: number;
  requestsPerMinute: number;
  /** The length of the "minute" (60 s; tests shorten it). */
  windowMs: number;
}

/** Firecrawl counts its requests per minute. */
export const RATE_WINDOW_MS: number = 60_000;

/**
 * Requests to one paid API account: at most `concurrency` in flight and `requestsPerMinute`
 * started in any 60 s window, and a pause when the API answers 429 (Retry-After). One gate
 * per account per process, so parallel audits in one process share it. Slots are shared
 * fairly between tenants (agencies): a freed slot goes to the next agency in turn with a
 * request waiting, so one agency's 20-lead run cannot hold back another agency's audit.
 */
export class RequestGate implements AccountGate {
  private readonly limit: FairLimiter;
  private readonly started: number[] = [];
  private pausedUntil = 0;

  constructor(
    readonly concurrency: number,
    readonly requestsPerMinute: number,
    readonly windowMs = RATE_WINDOW_MS,
  ) {
    this.limit = createFairLimiter(concurrency);
  }

  /** Runs `task` when a slot and the window allow; rejects with `signal`'s reason if it aborts first. */
  run<T>(task: () => Promise<T>, { signal, tenant = "" }: Partial<GateRequest> = {}): Promise<T> {
    return this.limit(
      tenant,
      async () => {
        await this.waitForTurn(signal);
        return task();
      },
      signal,
    );
  }

  pause(ms: number): Promise<void> {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    return Promise.resolve();
  }

  private async waitForTurn(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      while (this.started.length > 0 && now - this.started[0] >= this.windowMs) this.started.shift();
      const windowWait = this.started.length >= this.requestsPerMinute ? this.started[0] + this.windowMs - now : 0;
      const wait = Math.max(windowWait, this.pausedUntil - now);
      if (wait <= 0) {
        // Claimed in the same tick as the check, so concurrent waiters cannot all pass it.
        this.started.push(now);
        return;
      }
      await sleep(wait, signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const gates = new Map<string, RequestGate>();

/**
 * The process-wide gate for one account; re-created when its limits change. The fallback where
 * no shared gate is given (unit tests, bench, scripts): it binds this process only.
 */
export function gateFor(account: string, { concurrency, requestsPerMinute, windowMs }: AccountLimits): RequestGate {
  const existing = gates.get(account);
  if (existing && existing.concurrency === concurrency && existing.requestsPerMinute === requestsPerMinute && existing.windowMs === windowMs) return existing;
  const gate = new RequestGate(concurrency, requestsPerMinute, windowMs);
  gates.set(account, gate);
  return gate;
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
