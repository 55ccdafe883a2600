import type { Element } from "domhandler";
import type { AuditCheck } from "../auditedSite";
import { DomUtils } from "htmlparser2";
import { type ParsedPage, attr, elementsOf } from "../parsedPage";

/** A layout wider than this (CSS px) cannot fit a phone without zooming out. */
const FIXED_LAYOUT_MIN_PX = 760;
const LAYOUT_TAGS = new Set(["body", "div", "table", "main", "section", "center", "header", "footer", "article", "form", "td"]);
const MAX_WRAPPER_DEPTH = 4;

export interface ViewportDirectives {
  width?: string;
  initialScale?: number;
}

/** Parse `<meta name=viewport content>` the way browsers do: "key=value" pairs split on commas, semicolons or spaces. */
export function parseViewport(content: string): ViewportDirectives {
  const directives: ViewportDirectives = {};
  for (const part of content
    .toLowerCase()
    .replace(/\s*=\s*/g, "=")
    .split(/[,;\s]+/)) {
    const [rawKey, rawValue] = part.split("=");
    const key = rawKey?.trim();
    const value = rawValue?.trim();
    if (!key || value === undefined || value === "") continue;
    if (key === "width") directives.width = value;
    if (key === "initial-scale") {
      const scale = Number.parseFloat(value);
      if (!Number.isNaN(scale)) directives.initialScale = scale;
    }
  }
  return directives;
}

/** Lighthouse's viewport audit, plus a fixed pixel width (Google's old "viewport not set to device-width"). */
export function viewportProblem(viewport: string | undefined): string | undefined {
  if (viewport === undefined) return 'no <meta name="viewport"> tag';
  const directives = parseViewport(viewport);
  if (directives.width === undefined && directives.initialScale === undefined) return `viewport "${viewport}" sets neither width nor initial-scale`;
  if (directives.initialScale !== undefined && directives.initialScale < 1) return `viewport initial-scale is ${directives.initialScale} (below 1)`;
  // Browsers read "width=1024px" as 1024 (the unit is ignored).
  const fixedMatch = directives.width !== undefined ? /^(\d+(?:\.\d+)?)(?:px)?$/.exec(directives.width) : null;
  const fixedWidth = fixedMatch ? Number(fixedMatch[1]) : undefined;
  if (fixedWidth !== undefined && fixedWidth >= FIXED_LAYOUT_MIN_PX) return `viewport fixes the page width to ${fixedWidth}px instead of device-width`;
  return undefined;
}

function depthBelowBody(element: Element): number {
  let depth = 0;
  for (let node = element.parent; node && "name" in node; node = node.parent) {
    if (node.name === "body") return depth;
    depth++;
  }
  return depth;
}

function pixelWidth(element: Element): number | undefined {
  const style = attr(element, "style") ?? "";
  const fromStyle = /(?:^|[;\s])(?:min-)?width\s*:\s*(\d+(?:\.\d+)?)px/i.exec(style);
  if (fromStyle) return Number(fromStyle[1]);
  const fromAttribute = attr(element, "width")?.trim();
  if (fromAttribute && /^\d+(px)?$/i.test(fromAttribute)) return Number.parseInt(fromAttribute, 10);
  return undefined;
}

/** The first structural element near the top of the page with a fixed pixel width wider than a phone. */
export function fixedWidthWrapper(parsed: ParsedPage): string | undefined {
  for (const tag of LAYOUT_TAGS) {
    for (const element of elementsOf(parsed, tag)) {
      if (tag !== "body" && depthBelowBody(element) > MAX_WRAPPER_DEPTH) continue;
      const width = pixelWidth(element);
      if (width !== undefined && width >= FIXED_LAYOUT_MIN_PX) {
        const id = attr(element, "id") ? `#${attr(element, "id")}` : attr(element, "class") ? `.${(attr(element, "class") ?? "").trim().split(/\s+/)[0]}` : "";
        return `fixed-width layout: <${tag}${id}> is ${width}px wide`;
      }
    }
  }
  return undefined;
}

/** skel.js (HTML5 UP / Pixelarity templates, 2013–2016) writes `<meta name="viewport">` itself from its breakpoints. */
const VIEWPORT_WRITING_SCRIPT = /(?:^|\/)skel(?:[.-]\d[\d.]*)?(?:\.min)?\.js(?:[?#]|$)/i;

/**
 * A viewport the page writes by script, so a browser has one although the HTML does not:
 * a responsive framework that manages it (skel.js), or an inline script creating the meta tag.
 */
export function scriptWrittenViewport(parsed: ParsedPage): string | undefined {
  for (const script of elementsOf(parsed, "script")) {
    const src = attr(script, "src");
    if (src !== undefined) {
      if (VIEWPORT_WRITING_SCRIPT.test(src.trim())) return `viewport written by ${src.trim()}`;
      continue;
    }
    const code = DomUtils.textContent(script);
    if (/viewport/i.test(code) && /createElement\(\s*["']meta["']\s*\)|document\.write(?:ln)?\(\s*["'][^"']*<meta[^>]*viewport/i.test(code))
      return "viewport written by an inline script";
  }
  return undefined;
}

export const checkMobileFriendly: AuditCheck = ({ home }) => {
  // No viewport tag in the HTML is no problem when the page writes one itself (the browser sees it).
  const viewport = home.viewport === undefined && scriptWrittenViewport(home) !== undefined ? undefined : viewportProblem(home.viewport);
  const problems = [viewport, fixedWidthWrapper(home)].filter((p): p is string => p !== undefined);
  if (problems.length === 0) return null;
  const viewportTag = home.viewport !== undefined ? home.viewport : undefined;
  return {
    signal: "WEBSITE_NOT_MOBILE_FRIENDLY",
    detail: `Home page is not mobile-friendly: ${problems.join("; ")}.`,
    source_url: home.url,
    ...(viewportTag ? { evidence: viewportTag } : {}),
  };
};
