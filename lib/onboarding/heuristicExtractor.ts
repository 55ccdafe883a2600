/**
 * The heuristic extractor: drafts an agency profile from the agency's own pages with no LLM. It reads
 * what agency sites have in common — a brand in every page title (or JSON-LD / og:site_name), service
 * cards (a heading and a paragraph), the businesses they serve, an address in the footer — and cites the
 * page each item came from. Deterministic; the LLM extractor is grounded on it and falls back to it.
 */
import type { Element } from "domhandler";
import { DomUtils } from "htmlparser2";
import { attr, collapseWhitespace, elementText, elementsOf, hasAncestor, parsePage, type ParsedPage } from "../audit/parsedPage";
import { categorizePage } from "../crawl/pageRanking";
import { SIGNALS, type Signal } from "../signals";
import {
  type AgencyDraft,
  type AgencyPage,
  type CitedText,
  type DraftClaim,
  type DraftService,
  type DraftSignal,
  generatedClaimId,
  MAX_DRAFT_CLAIMS,
  MAX_DRAFT_SERVICES,
  MAX_DRAFT_VERTICALS,
} from "./draft";
import { signalsInText } from "./serviceSignals";
import { verticalMentions } from "./verticals";

/** Headings in these are navigation, testimonials or page chrome, never a service. */
const NOT_SERVICE_CONTAINERS = new Set(["nav", "footer", "header", "blockquote", "figure", "form", "aside"]);
const HEADING_TAGS = new Set(["h2", "h3", "h4"]);
const TITLE_SEPARATOR = /\s+[|–—·:-]\s+|\s*\|\s*/;
const ORGANIZATION_TYPES = /organization|business|agency|service|corporation|company/i;
/** US states and Canadian provinces, for "City, ST" in an address. */
const REGION_CODES = new Set(
  "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AB BC MB NB NL NS ON PE QC SK".split(
    " ",
  ),
);

interface ReadPage {
  url: string;
  parsed: ParsedPage;
  category: string;
}

function readPages(pages: readonly AgencyPage[]): ReadPage[] {
  return pages
    .filter((p) => p.html.trim())
    .map((p) => ({
      url: p.url,
      parsed: parsePage({
        url: p.url,
        finalUrl: p.url,
        statusCode: 200,
        html: p.html,
        markdown: p.markdown,
        bytes: p.html.length,
        elapsedMs: 0,
        truncated: false,
      }),
      category: categorizePage(p.url)?.category ?? "other",
    }));
}

/** Every JSON-LD node (top level, arrays and @graph). */
function jsonLdNodes(parsed: ParsedPage): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      out.push(record);
      if (record["@graph"]) visit(record["@graph"]);
    }
  };
  parsed.jsonLd.forEach(visit);
  return out;
}

function isOrganization(node: Record<string, unknown>): boolean {
  const type = node["@type"];
  return (Array.isArray(type) ? type : [type]).some((t) => typeof t === "string" && ORGANIZATION_TYPES.test(t));
}

function metaProperty(parsed: ParsedPage, property: string): string | undefined {
  const meta = elementsOf(parsed, "meta").find((m) => (attr(m, "property") ?? attr(m, "name") ?? "").trim().toLowerCase() === property);
  const content = meta ? attr(meta, "content") : undefined;
  return content ? collapseWhitespace(content) || undefined : undefined;
}

/** The agency's name: JSON-LD, og:site_name, then the title part every page repeats. */
function draftName(pages: readonly ReadPage[]): CitedText | undefined {
  for (const page of pages) {
    for (const node of jsonLdNodes(page.parsed)) {
      if (isOrganization(node) && typeof node.name === "string" && node.name.trim()) return { value: collapseWhitespace(node.name), sourceUrl: page.url };
    }
  }
  for (const page of pages) {
    const siteName = metaProperty(page.parsed, "og:site_name");
    if (siteName) return { value: siteName, sourceUrl: page.url };
  }
  const counts = new Map<string, { value: string; count: number; sourceUrl: string; order: number }>();
  let order = 0;
  for (const page of pages) {
    const parts = (page.parsed.title ?? "")
      .split(TITLE_SEPARATOR)
      .map((s) => s.trim())
      .filter((s) => s.length >= 2 && s.length <= 80);
    for (const part of new Set(parts)) {
      const key = part.toLowerCase();
      const entry = counts.get(key) ?? { value: part, count: 0, sourceUrl: page.url, order: order++ };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count || a.order - b.order)[0];
  return best ? { value: best.value, sourceUrl: best.sourceUrl } : undefined;
}

const ANY_HEADING = /^h[1-6]$/;
/** Quotes and captions are the clients' words, not the agency's. */
const QUOTE_TAGS = new Set(["blockquote", "figure"]);

/** The text that follows a heading up to the next heading or section of cards: its card's paragraph(s). */
function descriptionAfter(heading: Element): string {
  const parts: string[] = [];
  for (let node = heading.next; node; node = node.next) {
    if ("name" in node) {
      const element = node as Element;
      if (ANY_HEADING.test(element.name) || QUOTE_TAGS.has(element.name)) break;
      if (DomUtils.findOne((e) => ANY_HEADING.test(e.name) || QUOTE_TAGS.has(e.name), element.children)) break;
    }
    const text = collapseWhitespace(DomUtils.textContent(node));
    if (text) parts.push(text);
    if (parts.join(" ").length > 400) break;
  }
  return collapseWhitespace(parts.join(" "));
}

/** The first sentences of a description, at most ~280 characters, ending on a sentence. */
function firstSentences(text: string, max = 280): string {
  const sentences = text.match(/[^.!?]+[.!?]+(?=\s|$)|[^.!?]+$/g) ?? [text];
  let out = "";
  for (const sentence of sentences) {
    const next = `${out} ${sentence.trim()}`.trim();
    if (next.length > max) break;
    out = next;
  }
  return out || `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A section or card marked as services ("services-grid", "service-card", id="what-we-do"…). */
const SERVICE_CONTAINER = /servic|offer|what-?we-?do|solution|capabilit|expertise/i;

function inServiceContainer(element: Element): boolean {
  for (let node = element.parent; node && "attribs" in node; node = node.parent) {
    const el = node as Element;
    if (SERVICE_CONTAINER.test(`${attr(el, "class") ?? ""} ${attr(el, "id") ?? ""}`)) return true;
  }
  return false;
}

/**
 * Where services are listed: every heading of a services page; elsewhere headings inside a section marked as
 * services, and the home page's card headings (h3/h4). About pages and case studies describe clients, not services.
 */
function isServiceHeading(page: ReadPage, heading: Element): boolean {
  if (hasAncestor(heading, NOT_SERVICE_CONTAINERS)) return false;
  if (page.category === "services") return true;
  if (inServiceContainer(heading)) return true;
  return page.category === "home" && heading.name !== "h2";
}

/**
 * Services: headings (h2–h4) where services are listed (see isServiceHeading) whose heading or card text names a
 * problem the agency fixes. The same service on two pages is one service, cited from its fuller card.
 */
function draftServices(pages: readonly ReadPage[]): DraftService[] {
  const byKey = new Map<string, DraftService>();
  for (const page of pages) {
    for (const tag of HEADING_TAGS) {
      for (const heading of elementsOf(page.parsed, tag)) {
        if (!isServiceHeading(page, heading)) continue;
        const text = elementText(heading).replace(/[:.]$/, "");
        if (text.length < 3 || text.length > 80) continue;
        const description = descriptionAfter(heading);
        const signals = signalsInText(`${text}. ${description}`).map((m) => m.signal);
        if (signals.length === 0) continue;
        const key = text
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, " ")
          .trim();
        const candidate: DraftService = { text, ...(description ? { description: firstSentences(description) } : {}), sourceUrl: page.url, signals };
        const seen = byKey.get(key);
        if (!seen || (candidate.description?.length ?? 0) > (seen.description?.length ?? 0)) {
          byKey.set(key, seen ? { ...candidate, signals: [...new Set([...seen.signals, ...signals])] } : candidate);
        }
      }
    }
  }
  return [...byKey.values()].slice(0, MAX_DRAFT_SERVICES);
}

/** Each signal once, cited from the first service that shows it, with the words that do. */
function draftSignals(services: readonly DraftService[]): DraftSignal[] {
  const found = new Map<Signal, DraftSignal>();
  for (const service of services) {
    for (const match of signalsInText(`${service.text}. ${service.description ?? ""}`)) {
      if (!found.has(match.signal)) found.set(match.signal, { signal: match.signal, sourceUrl: service.sourceUrl, evidence: match.evidence });
    }
  }
  return SIGNALS.filter((s) => found.has(s)).map((s) => found.get(s)!);
}

/** A page's own content: its <main> when it has one, so a footer tagline repeated on every page is counted once. */
function mainText(page: ReadPage): string {
  const main = elementsOf(page.parsed, "main")[0];
  return main ? elementText(main) : page.parsed.text;
}

/** The verticals the site names most, each cited from the page naming it most. */
function draftVerticals(pages: readonly ReadPage[]): CitedText[] {
  const texts = pages.map((p) => ({ url: p.url, text: mainText(p) }));
  const totals = verticalMentions(texts.map((p) => p.text).join(" \n "));
  return totals.slice(0, MAX_DRAFT_VERTICALS).map(({ vertical }) => {
    const best = texts
      .map((p) => ({ url: p.url, count: verticalMentions(p.text).find((m) => m.vertical === vertical)?.count ?? 0 }))
      .sort((a, b) => b.count - a.count)[0];
    return { value: vertical, sourceUrl: best.url };
  });
}

/** Where the agency is: a JSON-LD address, else the "City, ST" its pages repeat most. */
function draftGeography(pages: readonly ReadPage[]): CitedText | undefined {
  for (const page of pages) {
    for (const node of jsonLdNodes(page.parsed)) {
      const address = node.address as Record<string, unknown> | undefined;
      const city = typeof address?.addressLocality === "string" ? address.addressLocality.trim() : "";
      const region = typeof address?.addressRegion === "string" ? address.addressRegion.trim() : "";
      if (city) return { value: region ? `${city}, ${region}` : city, sourceUrl: page.url };
    }
  }
  const counts = new Map<string, { count: number; sourceUrl: string }>();
  const cityRegion = /\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}), ([A-Z]{2})\b/g;
  for (const page of pages) {
    for (const match of page.parsed.text.matchAll(cityRegion)) {
      if (!REGION_CODES.has(match[2])) continue;
      const value = `${match[1]}, ${match[2]}`;
      const entry = counts.get(value) ?? { count: 0, sourceUrl: page.url };
      entry.count += 1;
      counts.set(value, entry);
    }
  }
  const best = [...counts].sort((a, b) => b[1].count - a[1].count)[0];
  return best ? { value: best[0], sourceUrl: best[1].sourceUrl } : undefined;
}

/** One claim per service: the agency's own sentence about it, answering that service's signals. */
function draftClaims(services: readonly DraftService[]): DraftClaim[] {
  const claims: DraftClaim[] = [];
  const seen = new Set<string>();
  for (const service of services) {
    const text = service.description ? service.description : service.text;
    const key = text.toLowerCase();
    if (seen.has(key) || text.length < 12) continue;
    seen.add(key);
    claims.push({ id: generatedClaimId(claims.length), text, signals: service.signals, sourceUrl: service.sourceUrl });
    if (claims.length >= MAX_DRAFT_CLAIMS) break;
  }
  return claims;
}

/** Draft the agency's profile from its pages (home first); every item cites the page it came from. */
export function extractAgencyDraft(pages: readonly AgencyPage[]): AgencyDraft {
  const read = readPages(pages);
  const services = draftServices(read);
  const name = draftName(read);
  const targetGeography = draftGeography(read);
  return {
    ...(name ? { name } : {}),
    targetVerticals: draftVerticals(read),
    ...(targetGeography ? { targetGeography } : {}),
    services,
    signals: draftSignals(services),
    claims: draftClaims(services),
  };
}
