import type { AuditCheck } from "../auditedSite";

/** Slower than this to deliver the full home page (ms). */
export const SLOW_PAGE_MS = 3000;
/** Lighthouse's p10 total-byte-weight: 2,667 KiB. */
export const HEAVY_PAGE_BYTES = 2667 * 1024;

export const checkPageWeight: AuditCheck = ({ home }) => {
  const { elapsedMs, bytes, truncated } = home.page;
  const reasons: string[] = [];
  if (elapsedMs > SLOW_PAGE_MS) reasons.push(`took ${(elapsedMs / 1000).toFixed(1)} s to load (over ${SLOW_PAGE_MS / 1000} s)`);
  if (bytes > HEAVY_PAGE_BYTES) reasons.push(`HTML weighs ${Math.round(bytes / 1024).toLocaleString("en-US")} KiB (over ${HEAVY_PAGE_BYTES / 1024} KiB)`);
  else if (truncated) reasons.push("HTML exceeded the crawler's size cap");
  if (reasons.length === 0) return null;
  return { signal: "SLOW_OR_HEAVY_PAGE", detail: `Home page ${reasons.join(" and ")}.`, source_url: home.url };
};
