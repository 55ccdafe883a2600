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
