import robotsParser from "robots-parser";
import { CRAWLER_ROBOTS_AGENT, FetchFailure, safeFetch, type SafeFetchOptions } from "./safeFetch";

/** RFC 9309 asks crawlers to parse at least 500 KiB. */
export const MAX_ROBOTS_BYTES = 500 * 1024;

export interface RobotsPolicy {
  robotsUrl: string;
  /** parsed: rules from the file; allow-all: 4xx or missing; disallow-all: 5xx or unreachable. */
  rule: "parsed" | "allow-all" | "disallow-all";
  /** HTTP status of robots.txt, when there was a response. */
  statusCode?: number;
  /** Absolute `Sitemap:` URLs, in file order. */
  sitemaps: string[];
  /** `Crawl-delay` for our bot (or *), in ms, when the file sets one. */
  crawlDelayMs?: number;
  /** Whether our bot may fetch this URL; URLs on another origin are not this file's business (true). */
  isAllowed(url: string): boolean;
}

/** A policy refusing every URL of `robotsUrl`'s origin (unreachable robots.txt, or an origin over budget). */
export function disallowAllPolicy(robotsUrl: string, statusCode?: number): RobotsPolicy {
  return blanket(robotsUrl, "disallow-all", statusCode);
}

/** True when robots.txt leaves our bot nothing on this site (the home page is refused). */
export function disallowsSite(policy: RobotsPolicy, homeUrl: string): boolean {
  return policy.rule === "disallow-all" || !policy.isAllowed(homeUrl);
}

/** The robots.txt URL for any page URL. */
export function robotsUrlFor(pageUrl: string): string {
  return new URL("/robots.txt", pageUrl).href;
}

export function parseRobotsTxt(robotsUrl: string, text: string): RobotsPolicy {
  const robots = robotsParser(robotsUrl, text.slice(0, MAX_ROBOTS_BYTES));
  const sitemaps: string[] = [];
  for (const raw of robots.getSitemaps()) {
    try {
      const absolute = new URL(raw.trim(), robotsUrl).href;
      if (!sitemaps.includes(absolute)) sitemaps.push(absolute);
    } catch {
      // A malformed Sitemap: line is skipped.
    }
  }
  const delay = robots.getCrawlDelay(CRAWLER_ROBOTS_AGENT);
  return {
    robotsUrl,
    rule: "parsed",
    sitemaps,
    ...(delay !== undefined && Number.isFinite(delay) && delay > 0 ? { crawlDelayMs: Math.round(delay * 1000) } : {}),
    isAllowed: (url) => robots.isAllowed(url, CRAWLER_ROBOTS_AGENT) ?? true,
  };
}

function blanket(robotsUrl: string, rule: "allow-all" | "disallow-all", statusCode?: number): RobotsPolicy {
  const origin = new URL(robotsUrl).origin;
  return {
    robotsUrl,
    rule,
    statusCode,
    sitemaps: [],
    isAllowed: (url) => {
      try {
        return rule === "allow-all" || new URL(url).origin !== origin;
      } catch {
        return false;
      }
    },
  };
}

/**
 * Fetches and interprets robots.txt for the origin of `pageUrl` per RFC 9309:
 * 2xx → the rules; 4xx (and too many redirects) → allow all; 429, 5xx,
 * timeouts and network failures → disallow all. Throws FetchFailure when the
 * address is refused or the fetch was cancelled.
 */
export async function fetchRobotsPolicy(pageUrl: string, fetchOptions: SafeFetchOptions = {}): Promise<RobotsPolicy> {
  const robotsUrl = robotsUrlFor(pageUrl);
  try {
    const response = await safeFetch(robotsUrl, {
      ...fetchOptions,
      maxBytes: MAX_ROBOTS_BYTES,
      accept: "text/plain,*/*;q=0.5",
      acceptContentType: () => true,
    });
    const status = response.statusCode;
    if (status >= 200 && status < 300) return { ...parseRobotsTxt(robotsUrl, response.body.toString("utf8")), statusCode: status };
    if (status === 429 || status >= 500) return blanket(robotsUrl, "disallow-all", status);
    if (status >= 400) return blanket(robotsUrl, "allow-all", status);
    // A 3xx without a Location header: treat as unavailable.
    return blanket(robotsUrl, "allow-all", status);
  } catch (error) {
    if (error instanceof FetchFailure && error.kind === "TOO_MANY_REDIRECTS") return blanket(robotsUrl, "allow-all", error.details.statusCode);
    // Refused addresses are our decision, not the site's: let the caller report them as such.
    if (error instanceof FetchFailure && (error.kind === "ABORTED" || error.kind === "BLOCKED_ADDRESS" || error.kind === "INVALID_URL")) throw error;
    return blanket(robotsUrl, "disallow-all");
  }
}
