import type { Finding } from "./types";
import type { ParsedPage } from "./parsedPage";

/** What every check sees: the parsed pages that loaded (home first) and the audit clock. */
export interface AuditedSite {
  home: ParsedPage;
  /** Pages that loaded, home included, in crawl order. */
  pages: readonly ParsedPage[];
  /** Contact addresses found on any page (see emails.ts). */
  emails: readonly string[];
  /** Audit date, passed in so checks stay pure. */
  now: Date;
}

/** A heuristic check: a pure function returning a confirmed finding or null. */
export type AuditCheck = (site: AuditedSite) => Finding | null;
