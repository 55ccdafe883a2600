import type { AnyNode, Element, Text } from "domhandler";
import { DomUtils } from "htmlparser2";
import type { AuditCheck } from "../auditedSite";
import { INLINE_TAGS, type ParsedPage, attr, elementText, elementsOf } from "../parsedPage";

/** A copyright this many years behind the audit date marks an unmaintained site. */
export const STALE_COPYRIGHT_YEARS = 3;
const COPYRIGHT_MARK = /©|\(c\)|copyright|&copy;/gi;
const YEAR = /\b(?:19[89]\d|20\d{2})\b/g;
/** A footer year with no © sign: "… Attorney at Law | 2019", "2019 All Rights Reserved". */
const BARE_FOOTER_YEAR = /(?:^|[|•·]\s*)((?:19[89]|20\d)\d)\s*(?:$|[|•·.])|\b((?:19[89]|20\d)\d)\.?\s+all rights reserved/gi;
const OBSOLETE_TAGS = ["font", "center", "marquee", "blink", "frameset", "frame"] as const;
/** Site builders of the 1990s–2000s, and CMS versions long out of support. */
const OLD_GENERATORS: readonly RegExp[] = [
  /frontpage/i,
  /golive/i,
  /netobjects/i,
  /\biweb\b/i,
  /microsoft (word|publisher)/i,
  /homestead/i,
  /dreamweaver/i,
  /wordpress [1-4]\./i,
  /joomla!? 1\./i,
  /drupal [1-6]\b/i,
];
/** A script that writes the current year ("© 2015-<script>document.write(new Date().getFullYear())</script>"). */
const SCRIPT_YEAR = /getFullYear\s*\(|getYear\s*\(|new Date\(\)\.getUTCFullYear/;

export interface CopyrightYear {
  year: number;
  /** The words of the notice as a visitor reads them. */
  quote: string;
  /** The year is written by a script, i.e. always the current year. */
  byScript: boolean;
}

/**
 * The newest year stated in a copyright notice: "© 2009–2016", "Copyright © Your Website 2023",
 * "2015 Changes Salon & Day Spa© All Rights Reserved". Years written by script count as the current year.
 */
export function latestCopyrightYear(text: string): number | undefined {
  return copyrightYearInText(text)?.year;
}

/**
 * The copyright notice's year in text. A line break marks the edge of a block (a table cell, a paragraph):
 * the notice never reaches past it, so the quote holds the notice's words and not the menu beside it.
 */
function copyrightYearInText(text: string): CopyrightYear | undefined {
  let best: CopyrightYear | undefined;
  for (const mark of text.matchAll(COPYRIGHT_MARK)) {
    const at = mark.index ?? 0;
    // The notice: up to 60 characters before the mark (a year before the name) and 90 after it (a year after the name).
    const from = Math.max(0, at - 60);
    const to = Math.min(text.length, at + mark[0].length + 90);
    const before =
      text
        .slice(from, at)
        .split(/[|•·\n]|\.\s/)
        .pop() ?? "";
    const after = text.slice(at, to).split(/\s[|•·]\s|\.\s(?=[A-Z])|\n/)[0];
    const window = `${before}${after}`;
    for (const y of window.matchAll(YEAR)) {
      const year = Number(y[0]);
      if (!best || year > best.year) best = { year, quote: window.trim(), byScript: false };
    }
  }
  return best;
}

/**
 * Visible text of an element, one line per block (inline tags join their text, as the page shows it);
 * with `currentYear`, a year-writing script reads as the year it writes.
 */
function blockText(nodes: readonly AnyNode[], currentYear: number | undefined, out: string[]): void {
  for (const node of nodes) {
    if (node.type === "text") out.push((node as Text).data.replace(/\s+/g, " "));
    else if ("attribs" in node) {
      const element = node as Element;
      if (element.name === "script") {
        if (currentYear !== undefined && SCRIPT_YEAR.test(DomUtils.textContent(element))) out.push(` ${currentYear} `);
        continue;
      }
      if (element.name === "style" || element.name === "noscript" || element.name === "template") continue;
      const separator = INLINE_TAGS.has(element.name) ? "" : "\n";
      out.push(separator);
      blockText(element.children, currentYear, out);
      out.push(separator);
    }
  }
}

function pageBlockText(parsed: ParsedPage, currentYear: number | undefined): string {
  const body = elementsOf(parsed, "body")[0];
  const parts: string[] = [];
  blockText(body ? body.children : parsed.document.children, currentYear, parts);
  return parts
    .join("")
    .replace(/ *\n[\n ]*/g, "\n")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** The page's copyright year: from the visible text, a year-writing script counting as the audit year. */
export function pageCopyrightYear(parsed: ParsedPage, now: Date): CopyrightYear | undefined {
  const currentYear = now.getUTCFullYear();
  const found = copyrightYearInText(pageBlockText(parsed, currentYear));
  if (found) {
    const plain = copyrightYearInText(pageBlockText(parsed, undefined));
    const byScript = !plain || plain.year !== found.year;
    return { ...found, quote: plain?.quote ?? found.quote, byScript };
  }
  // No © anywhere: a bare year in the footer.
  const footers = [
    ...elementsOf(parsed, "footer"),
    ...DomUtils.findAll((e) => /\b(footer|copyright)\b/i.test(`${attr(e, "id") ?? ""} ${attr(e, "class") ?? ""}`), parsed.document.children),
  ];
  let best: CopyrightYear | undefined;
  for (const footer of footers) {
    const text = elementText(footer);
    for (const match of text.matchAll(BARE_FOOTER_YEAR)) {
      const year = Number(match[1] ?? match[2]);
      if (year > currentYear + 1) continue;
      if (!best || year > best.year) best = { year, quote: match[0].replace(/^[|•·]\s*/, "").trim(), byScript: false };
    }
  }
  return best;
}

/** Flash inserted by script: `new FlashObject("intro.swf")`, SWFObject, `swfobject.embedSWF(...)`. */
function isFlashScript(element: Element): boolean {
  const src = attr(element, "src") ?? "";
  return (
    /swfobject|flashobject/i.test(src) ||
    /\bnew\s+(?:FlashObject|SWFObject)\s*\(|swfobject\.embedSWF\s*\(|["'][^"']+\.swf["']/i.test(DomUtils.textContent(element))
  );
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
  if ([...elementsOf(parsed, "embed"), ...elementsOf(parsed, "object")].some(isFlash) || elementsOf(parsed, "script").some(isFlashScript))
    found.push("Flash (.swf) content");
  if (layoutTable(parsed)) found.push("table-based layout");
  const generator = parsed.generator;
  if (generator && OLD_GENERATORS.some((g) => g.test(generator))) found.push(`built with "${generator}"`);
  return found;
}

export const checkOutdated: AuditCheck = ({ home, now }) => {
  const reasons: string[] = [];
  const copyright = pageCopyrightYear(home, now);
  const currentYear = now.getUTCFullYear();
  const stale = copyright !== undefined && !copyright.byScript && copyright.year <= currentYear - STALE_COPYRIGHT_YEARS;
  if (stale) reasons.push(`copyright notice says ${copyright.year} (${currentYear - copyright.year} years old)`);
  reasons.push(...obsoleteMarkup(home));
  if (reasons.length === 0) return null;
  return {
    signal: "OUTDATED_WEBSITE",
    detail: `Home page looks outdated: ${reasons.join("; ")}.`,
    source_url: home.url,
    ...(stale ? { evidence: copyright.quote } : {}),
  };
};
