import type { AnyNode, Document, Element } from "domhandler";
import { DomUtils, parseDocument } from "htmlparser2";
import type { ScrapedPage } from "../providers/crawl/types";

/** Tags whose text is never shown to a visitor. */
const HIDDEN_TEXT_TAGS = new Set(["script", "style", "noscript", "template", "head"]);
/** Inline tags join their text without a space ("info<b>@</b>acme.com" stays one word). */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "cite",
  "code",
  "data",
  "dfn",
  "em",
  "font",
  "i",
  "kbd",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "time",
  "u",
  "var",
  "wbr",
]);

export interface PageLink {
  /** Absolute URL, resolved against the page URL (raw href when it cannot be resolved). */
  href: string;
  text: string;
  element: Element;
}

/**
 * One page's HTML parsed once and the views every check shares.
 * Built by `parsePage`; checks never re-parse.
 */
export interface ParsedPage {
  page: ScrapedPage;
  /** Where the page really lives (after redirects). */
  url: string;
  document: Document;
  /** Elements by lower-case tag name, in document order. */
  elementsByTag: ReadonlyMap<string, readonly Element[]>;
  /** Visible text, whitespace collapsed. */
  text: string;
  title?: string;
  metaDescription?: string;
  viewport?: string;
  generator?: string;
  /** `<a href>` and `<area href>` links. */
  links: PageLink[];
  /** Parsed JSON-LD blocks (invalid blocks skipped). */
  jsonLd: unknown[];
}

/** Why a page cannot serve as evidence, or undefined when it can. */
export function pageFailure(page: ScrapedPage): string | undefined {
  if (page.error) return page.error;
  if (page.statusCode >= 400) return `HTTP ${page.statusCode}`;
  if (!page.html.trim()) return "empty response";
  return undefined;
}

export function elementsOf(parsed: ParsedPage, tag: string): readonly Element[] {
  return parsed.elementsByTag.get(tag) ?? [];
}

export function attr(element: Element, name: string): string | undefined {
  return element.attribs[name];
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function elementText(element: Element): string {
  return collapseWhitespace(DomUtils.textContent(element));
}

/** Resolve a URL found on a page; undefined for unparseable values. */
export function resolveUrl(raw: string, base: string): URL | undefined {
  try {
    return new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
}

function metaContent(metas: readonly Element[], name: string): string | undefined {
  const meta = metas.find((m) => (attr(m, "name") ?? "").trim().toLowerCase() === name);
  const content = meta ? attr(meta, "content") : undefined;
  return content === undefined ? undefined : collapseWhitespace(content);
}

function parseJsonLd(scripts: readonly Element[]): unknown[] {
  const blocks: unknown[] = [];
  for (const script of scripts) {
    if ((attr(script, "type") ?? "").trim().toLowerCase() !== "application/ld+json") continue;
    const raw = DomUtils.textContent(script).trim();
    if (!raw) continue;
    try {
      blocks.push(JSON.parse(raw));
    } catch {
      // Malformed JSON-LD is common (trailing commas, HTML comments); it counts as absent.
    }
  }
  return blocks;
}

/** The name of an element with no text: aria-label, title, or the alt text of the images inside it (image-only buttons). */
export function accessibleName(element: Element): string {
  const own = (attr(element, "aria-label") ?? attr(element, "title") ?? "").trim();
  if (own) return collapseWhitespace(own);
  const images = DomUtils.findAll((e) => e.name === "img" || (e.name === "input" && (attr(e, "type") ?? "").toLowerCase() === "image"), element.children);
  return collapseWhitespace(images.map((img) => attr(img, "alt") ?? "").join(" "));
}

/** Is the element inside a tag of this name (e.g. "noscript", "nav")? */
export function hasAncestor(element: Element, names: ReadonlySet<string>): boolean {
  for (let node = element.parent; node && "name" in node; node = node.parent) if (names.has(node.name)) return true;
  return false;
}

/** Parse a scraped page's raw HTML once. */
export function parsePage(page: ScrapedPage): ParsedPage {
  const url = page.finalUrl || page.url;
  const document = parseDocument(page.html, { lowerCaseTags: true, lowerCaseAttributeNames: true });
  const elementsByTag = new Map<string, Element[]>();
  const textParts: string[] = [];

  const walk = (nodes: readonly AnyNode[], hidden: boolean): void => {
    for (const node of nodes) {
      if (node.type === "text") {
        if (!hidden) textParts.push(node.data);
      } else if ("attribs" in node) {
        const element = node as Element;
        const list = elementsByTag.get(element.name);
        if (list) list.push(element);
        else elementsByTag.set(element.name, [element]);
        const block = !INLINE_TAGS.has(element.name);
        if (block) textParts.push(" ");
        walk(element.children, hidden || HIDDEN_TEXT_TAGS.has(element.name));
        if (block) textParts.push(" ");
      }
    }
  };
  walk(document.children, false);

  const titleElement = elementsByTag.get("title")?.[0];
  // "<title>-</title>" or "|" is no title: a real title has at least one letter or digit.
  const rawTitle = titleElement ? elementText(titleElement) : undefined;
  const title = rawTitle !== undefined && /[\p{L}\p{N}]/u.test(rawTitle) ? rawTitle : undefined;
  const metas = elementsByTag.get("meta") ?? [];
  const links: PageLink[] = [];
  for (const element of [...(elementsByTag.get("a") ?? []), ...(elementsByTag.get("area") ?? [])]) {
    const raw = attr(element, "href");
    if (raw === undefined) continue;
    const resolved = resolveUrl(raw, url);
    links.push({ href: resolved ? resolved.href : raw.trim(), text: elementText(element) || accessibleName(element), element });
  }

  return {
    page,
    url,
    document,
    elementsByTag,
    text: collapseWhitespace(textParts.join("")),
    title,
    metaDescription: metaContent(metas, "description"),
    viewport: metaContent(metas, "viewport"),
    generator: metaContent(metas, "generator"),
    links,
    jsonLd: parseJsonLd(elementsByTag.get("script") ?? []),
  };
}
