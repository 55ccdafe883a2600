/**
 * What one agency may spend, per README "Sign-in and accounts": paid work (Places, Firecrawl, OpenAI) is capped
 * per agency so a leaked account or a runaway script cannot run up the owner's bills.
 */
export const AGENCY_LIMITS = {
  /** Runs started per agency per rolling hour (token bucket: a burst of this many, then refilled over the hour). */
  runsPerHour: 10,
  /** Runs `running` at once per agency. */
  concurrentRuns: 3,
  /** On-demand re-audits ("Re-run audit") per agency per hour. */
  reauditsPerHour: 30,
  /** Onboardings from a website (a crawl and an LLM call) per user per hour. */
  onboardingsPerHour: 10,
} as const;

/** "try again in 12 minutes" / "in 40 seconds": the wait the rate limiter returned, rounded up. */
export function describeWait(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
