/**
 * The real-web corpus (tests/corpus/realWeb): loads each labelled site, runs the auditor on it and
 * scores every check against the labels written by reading the pages. Shared by the test and the bench.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { auditPages, type PageAudit } from "../../lib/audit/heuristicAuditor";
import {
  appendScriptFragments,
  clientIncludeUrls,
  hasEmptyPagePart,
  inlineClientIncludes,
  sameSiteScriptUrls,
  scriptFragmentUrls,
} from "../../lib/crawl/clientIncludes";
import { collapseWhitespace, parsePage } from "../../lib/audit/parsedPage";
import type { ScrapedPage } from "../../lib/providers/crawl/types";
import type { DeepSignal } from "../../lib/signals";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "realWeb");

export const CORPUS_CHECKS = [
  "WEBSITE_NOT_MOBILE_FRIENDLY", "NO_CALL_TO_ACTION", "NO_SSL", "MIXED_CONTENT", "POOR_SEO", "NO_CONTACT_EMAIL", "NO_ONLINE_BOOKING", "OUTDATED_WEBSITE",
] as const satisfies readonly DeepSignal[];
export type CorpusCheck = (typeof CORPUS_CHECKS)[number];

/** A published template (what many small businesses ship barely changed) or a real local business's own site. */
export type CorpusKind = "template" | "business";

export interface CorpusCase {
  id: string;
  /** Default "template". */
  kind?: CorpusKind;
  /** Where the business's site lives (its own domain, so "own-domain" email reasoning applies); templates get `<id>.corpus.test`. */
  siteUrl?: string;
  pages: string[];
  expected: Record<CorpusCheck, { signal: boolean; evidence?: string }>;
  contactEmail: string;
  note?: string;
}

interface LabelsFile {
  auditDate: string;
  servedOver: "https";
  cases: CorpusCase[];
}

export interface CheckScore {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
}

export interface EmailScore {
  picked: number;
  correct: number;
  expected: number;
  found: number;
  precision: number;
  recall: number;
}

/** Scores of one set of cases (all, templates only, real businesses only). */
export interface CorpusScores {
  cases: number;
  pages: number;
  checks: Record<CorpusCheck, CheckScore>;
  email: EmailScore;
}

export interface CorpusResult extends CorpusScores {
  /** The same scores for each kind of site: templates and real local businesses are reported apart. */
  byKind: Record<CorpusKind, CorpusScores>;
  audits: { case: CorpusCase; audit: PageAudit; html: Map<string, string> }[];
}

export function loadCorpus(): LabelsFile {
  return JSON.parse(readFileSync(join(ROOT, "labels.json"), "utf8")) as LabelsFile;
}

/**
 * Fragments a page's scripts load into it (`<div data-include-path="footer.html">`, `fetch("components/footer.html")`),
 * read from the case's copies of them and of its scripts, as the built-in crawler fetches them (lib/crawl/clientIncludes.ts).
 */
function withClientIncludes(html: string, url: string, root: string, dir: string): string {
  const read = (fileUrl: string): string | undefined => {
    const path = decodeURIComponent(new URL(fileUrl).pathname.slice(new URL(root).pathname.length));
    const file = join(dir, path);
    return path && !path.includes("..") && existsSync(file) ? readFileSync(file, "utf8") : undefined;
  };
  const fragments = new Map<string, string>();
  for (const fragmentUrl of clientIncludeUrls(html, url)) {
    const text = read(fragmentUrl);
    if (text !== undefined) fragments.set(fragmentUrl, text);
  }
  const scripts = (hasEmptyPagePart(html) ? sameSiteScriptUrls(html, url) : []).map(read).filter((code): code is string => code !== undefined);
  const fetched = scriptFragmentUrls(html, url, scripts).filter((fragmentUrl) => !fragments.has(fragmentUrl));
  for (const fragmentUrl of fetched) {
    const text = read(fragmentUrl);
    if (text !== undefined) fragments.set(fragmentUrl, text);
  }
  return appendScriptFragments(inlineClientIncludes(html, url, fragments), fetched, fragments);
}

export function casePages(c: CorpusCase): ScrapedPage[] {
  const root = c.siteUrl ?? `https://${c.id}.corpus.test/`;
  return c.pages.map((file) => {
    // Served over https from the site's root (the corpus's stated assumption; see tests/corpus/README.md).
    const url = new URL(file === "index.html" ? "" : file, root).href;
    const html = withClientIncludes(readFileSync(join(ROOT, c.id, file), "utf8"), url, root, join(ROOT, c.id));
    return { url, finalUrl: url, statusCode: 200, html, markdown: "", bytes: Buffer.byteLength(html), elapsedMs: 0, truncated: false };
  });
}

const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);

function emptyScores(): CorpusScores {
  return {
    cases: 0,
    pages: 0,
    checks: Object.fromEntries(CORPUS_CHECKS.map((c) => [c, { tp: 0, fp: 0, fn: 0, tn: 0, precision: 1, recall: 1 }])) as Record<CorpusCheck, CheckScore>,
    email: { picked: 0, correct: 0, expected: 0, found: 0, precision: 1, recall: 1 },
  };
}

function finishScores(scores: CorpusScores): CorpusScores {
  for (const score of Object.values(scores.checks)) {
    score.precision = ratio(score.tp, score.tp + score.fp);
    score.recall = ratio(score.tp, score.tp + score.fn);
  }
  scores.email.precision = ratio(scores.email.correct, scores.email.picked);
  scores.email.recall = ratio(scores.email.found, scores.email.expected);
  return scores;
}

export function runCorpus(): CorpusResult {
  const labels = loadCorpus();
  const now = new Date(labels.auditDate);
  const all = emptyScores();
  const byKind: Record<CorpusKind, CorpusScores> = { template: emptyScores(), business: emptyScores() };
  const audits: CorpusResult["audits"] = [];
  for (const c of labels.cases) {
    const pages = casePages(c);
    const audit = auditPages(
      { lead: { name: c.id, website: pages[0].url, targetVertical: "local business", targetGeography: "anywhere", signals: ["NEEDS_WEB_AUDIT"] }, agency: { name: "corpus", leadQualificationCriteria: [], approvedClaims: [] }, pages },
      now,
    );
    audits.push({ case: c, audit, html: new Map(pages.map((p) => [p.url, p.html])) });
    const found = new Set(audit.findings.map((f) => f.signal));
    const expectedEmail = c.contactEmail === "none" ? undefined : c.contactEmail.toLowerCase();
    for (const scores of [all, byKind[c.kind ?? "template"]]) {
      scores.cases++;
      scores.pages += pages.length;
      for (const check of CORPUS_CHECKS) {
        const expected = c.expected[check].signal;
        const got = found.has(check);
        const score = scores.checks[check];
        if (got && expected) score.tp++;
        else if (got) score.fp++;
        else if (expected) score.fn++;
        else score.tn++;
      }
      const email = scores.email;
      if (expectedEmail) email.expected++;
      if (audit.email) {
        email.picked++;
        if (audit.email.toLowerCase() === expectedEmail) email.correct++;
      }
      if (expectedEmail && audit.email?.toLowerCase() === expectedEmail) email.found++;
    }
  }
  return { ...finishScores(all), byKind: { template: finishScores(byKind.template), business: finishScores(byKind.business) }, audits };
}

/** Does a quote really appear on the page: in its HTML as written, or in its visible text? */
export function quoteAppearsOnPage(quote: string, html: string, url: string): boolean {
  const wanted = collapseWhitespace(quote);
  if (collapseWhitespace(html).includes(wanted)) return true;
  const parsed = parsePage({ url, finalUrl: url, statusCode: 200, html, markdown: "", bytes: html.length, elapsedMs: 0, truncated: false });
  if (parsed.text.includes(wanted)) return true;
  return [parsed.viewport, parsed.title, parsed.metaDescription].some((v) => v !== undefined && v.includes(wanted));
}
