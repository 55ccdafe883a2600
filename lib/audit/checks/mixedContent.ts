import type { Element } from "domhandler";
import type { AuditCheck } from "../auditedSite";
import { type ParsedPage, attr, elementsOf, hasAncestor } from "../parsedPage";

/** Subresources a browser loads (and blocks or warns about) on an https page; plain links do not count. */
const SUBRESOURCE_ATTRIBUTES: readonly [tag: string, attribute: string][] = [
  ["img", "src"],
  ["script", "src"],
  ["iframe", "src"],
  ["audio", "src"],
  ["video", "src"],
  ["source", "src"],
  ["embed", "src"],
  ["object", "data"],
  ["input", "src"],
  ["track", "src"],
];
const STYLESHEET_OR_ICON = /\b(stylesheet|icon|preload|modulepreload)\b/i;
/** A browser with scripts on never loads what sits inside <noscript>. */
const NOSCRIPT = new Set(["noscript"]);

export interface InsecureResource {
  tag: string;
  url: string;
}

/** The first `http://` subresource on a page a browser really loads. */
export function mixedContent(parsed: ParsedPage): InsecureResource | undefined {
  const insecure = (value: string | undefined): value is string => value !== undefined && /^\s*http:\/\//i.test(value);
  const loaded = (el: Element) => !hasAncestor(el, NOSCRIPT);
  for (const [tag, attribute] of SUBRESOURCE_ATTRIBUTES) {
    const element = elementsOf(parsed, tag).find((el) => insecure(attr(el, attribute)) && loaded(el));
    if (element) return { tag, url: (attr(element, attribute) ?? "").trim() };
  }
  const link = elementsOf(parsed, "link").find((el) => STYLESHEET_OR_ICON.test(attr(el, "rel") ?? "") && insecure(attr(el, "href")) && loaded(el));
  if (link) return { tag: `link rel="${attr(link, "rel")}"`, url: (attr(link, "href") ?? "").trim() };
  return undefined;
}

/** MIXED_CONTENT: an https page loads a script, stylesheet, image or frame over plain http://. */
export const checkMixedContent: AuditCheck = ({ pages }) => {
  for (const page of pages) {
    if (!page.url.toLowerCase().startsWith("https://")) continue;
    const insecure = mixedContent(page);
    if (insecure) {
      return {
        signal: "MIXED_CONTENT",
        detail: `The secure (https) page loads a file over insecure http://: <${insecure.tag}> ${insecure.url}. Browsers block or flag it, and visitors may see a "not secure" warning.`,
        source_url: page.url,
        evidence: insecure.url,
      };
    }
  }
  return null;
};
