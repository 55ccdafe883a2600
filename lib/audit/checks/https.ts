import type { Element } from "domhandler";
import type { AuditCheck } from "../auditedSite";
import { type ParsedPage, attr, elementsOf } from "../parsedPage";

/** Subresources a browser loads (and blocks or warns about) on an https page; plain links do not count. */
const SUBRESOURCE_ATTRIBUTES: readonly [tag: string, attribute: string][] = [
  ["img", "src"], ["script", "src"], ["iframe", "src"], ["audio", "src"], ["video", "src"], ["source", "src"],
  ["embed", "src"], ["object", "data"], ["input", "src"], ["track", "src"],
];
const STYLESHEET_OR_ICON = /\b(stylesheet|icon|preload|modulepreload)\b/i;

/** The first `http://` subresource on a page, as "<tag> url". */
export function mixedContent(parsed: ParsedPage): string | undefined {
  const insecure = (value: string | undefined): value is string => value !== undefined && /^\s*http:\/\//i.test(value);
  for (const [tag, attribute] of SUBRESOURCE_ATTRIBUTES) {
    const element = elementsOf(parsed, tag).find((el: Element) => insecure(attr(el, attribute)));
    if (element) return `<${tag}> ${attr(element, attribute)?.trim()}`;
  }
  const link = elementsOf(parsed, "link").find((el) => STYLESHEET_OR_ICON.test(attr(el, "rel") ?? "") && insecure(attr(el, "href")));
  if (link) return `<link rel="${attr(link, "rel")}"> ${attr(link, "href")?.trim()}`;
  return undefined;
}

export const checkHttps: AuditCheck = ({ home, pages }) => {
  if (home.url.toLowerCase().startsWith("http://") && !home.page.redirectedToHttps) {
    return { signal: "NO_SSL", detail: `Website is served over plain HTTP (${home.url}) with no redirect to HTTPS.`, source_url: home.url };
  }
  for (const page of pages) {
    if (!page.url.toLowerCase().startsWith("https://")) continue;
    const insecure = mixedContent(page);
    if (insecure) {
      return { signal: "NO_SSL", detail: `HTTPS page loads insecure http:// content (mixed content): ${insecure}.`, source_url: page.url };
    }
  }
  return null;
};
