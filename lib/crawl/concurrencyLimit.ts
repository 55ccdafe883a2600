/** Runs at most `limit` tasks at once; the rest wait in FIFO order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  // A finishing task hands its slot straight to the next waiter, so `active` never overshoots.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** A global limit plus one per host (host slot taken first, so a busy host does not hog global slots). */
export function createHostLimiter(globalLimit: number, perHostLimit: number): (host: string) => Limiter {
  const global = createLimiter(globalLimit);
  const perHost = new Map<string, Limiter>();
  return (host) => {
    let hostLimiter = perHost.get(host);
    if (!hostLimiter) {
      hostLimiter = createLimiter(perHostLimit);
      perHost.set(host, hostLimiter);
    }
    const limiter = hostLimiter;
    return (task) => limiter(() => global(task));
  };
}

/**
 * Runs at most `limit` tasks at once, shared fairly between keys (e.g. agencies): a freed slot
 * goes to the next key in turn that has work waiting (round robin), so one key's long queue
 * never starves another key's first request. Within one key, FIFO. A waiting task whose
 * `signal` aborts leaves the queue and rejects with the signal's reason.
 */
export type FairLimiter = <T>(key: string, task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

export function createFairLimiter(limit: number): FairLimiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}`);
  let active = 0;
  const queues = new Map<string, (() => void)[]>();
  /** Keys with work waiting, in the order they get their next slot. */
  const turn: string[] = [];
  const release = () => {
    const key = turn.shift();
    if (key === undefined) {
      active--;
      return;
    }
    const queue = queues.get(key)!;
    const next = queue.shift()!;
    if (queue.length > 0) turn.push(key);
    else queues.delete(key);
    next(); // the slot passes straight on: `active` is unchanged
  };
  return async <T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    signal?.throwIfAborted();
    if (active >= limit) {
      await new Promise<void>((resolve, reject) => {
        let queue = queues.get(key);
        if (!queue) {
          queue = [];
          queues.set(key, queue);
          turn.push(key);
        }
        const waiter = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const q = queues.get(key);
          const at = q?.indexOf(waiter) ?? -1;
          if (q && at >= 0) {
            q.splice(at, 1);
            if (q.length === 0) {
              queues.delete(key);
              turn.splice(turn.indexOf(key), 1);
            }
          }
          reject(signal!.reason);
        };
        queue.push(waiter);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    } else {
      active++;
    }
    try {
      return await task();
    } finally {
      release();
    }
  };
}
