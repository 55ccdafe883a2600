import type { Element } from "domhandler";
import type { AuditCheck } from "../auditedSite";
import { type ParsedPage, attr, elementText, elementsOf } from "../parsedPage";

/** A copyright this many years behind the audit date marks an unmaintained site. */
export const STALE_COPYRIGHT_YEARS = 3;
const COPYRIGHT = /(?:©|\(c\)|copyright|&copy;)\s*(?:©\s*)?((?:19|20)\d{2})(?:\s*[-–—]\s*((?:19|20)\d{2}))?/gi;
const OBSOLETE_TAGS = ["font", "center", "marquee", "blink", "frameset", "frame"] as const;
/** Site builders of the 1990s–2000s, and CMS versions long out of support. */
const OLD_GENERATORS: readonly RegExp[] = [
  /frontpage/i, /golive/i, /netobjects/i, /\biweb\b/i, /microsoft (word|publisher)/i, /homestead/i, /dreamweaver/i,
  /wordpress [1-4]\./i, /joomla!? 1\./i, /drupal [1-6]\b/i,
];

/** The newest copyright year stated on the page ("© 2009–2016" counts as 2016). */
export function latestCopyrightYear(text: string): number | undefined {
  let latest: number | undefined;
  for (const match of text.matchAll(COPYRIGHT)) {
    const year = Number(match[2] ?? match[1]);
    if (latest === undefined || year > latest) latest = year;
  }
  return latest;
}

function isFlash(element: Element): boolean {
  const source = `${attr(element, "src") ?? ""} ${attr(element, "data") ?? ""} ${attr(element, "type") ?? ""}`;
  return /\.swf\b|shockwave-flash/i.test(source);
}

/** A table used for page layout: nested tables, or one table holding most of the page's text. */
export function layoutTable(parsed: ParsedPage): boolean {
  const tables = elementsOf(parsed, "table");
  if (tables.some((t) => elementsOf(parsed, "table").some((inner) => inner !== t && isDescendant(inner, t)))) return true;
  const pageText = parsed.text.length;
  return pageText > 200 && tables.some((t) => elementText(t).length > pageText * 0.6 && elementsOf(parsed, "th").every((th) => !isDescendant(th, t)));
}

function isDescendant(node: Element, ancestor: Element): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** Obsolete markup found on a page, e.g. ["3 <font> tags", "Flash content"]. */
export function obsoleteMarkup(parsed: ParsedPage): string[] {
  const found: string[] = [];
  for (const tag of OBSOLETE_TAGS) {
    const count = elementsOf(parsed, tag).length;
    if (count > 0) found.push(`${count} <${tag}> tag${count > 1 ? "s" : ""}`);
  }
  if ([...elementsOf(parsed, "embed"), ...elementsOf(parsed, "object")].some(isFlash)) found.push("Flash (.swf) content");
  if (layoutTable(parsed)) found.push("table-based layout");
  const generator = parsed.generator;
  if (generator && OLD_GENERATORS.some((g) => g.test(generator))) found.push(`built with "${generator}"`);
  return found;
}

export const checkOutdated: AuditCheck = ({ home, now }) => {
  const reasons: string[] = [];
  const year = latestCopyrightYear(home.text);
  const currentYear = now.getUTCFullYear();
  if (year !== undefined && year <= currentYear - STALE_COPYRIGHT_YEARS) reasons.push(`copyright notice says ${year} (${currentYear - year} years old)`);
  reasons.push(...obsoleteMarkup(home));
  if (reasons.length === 0) return null;
  return { signal: "OUTDATED_WEBSITE", detail: `Home page looks outdated: ${reasons.join("; ")}.`, source_url: home.url };
};
