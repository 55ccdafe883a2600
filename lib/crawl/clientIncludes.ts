/**
 * Client-side HTML includes: a page that leaves its header, footer or booking button as an empty placeholder
 * (`<div data-include-path="footer.html"></div>`, W3Schools' `w3-include-html`) and lets a script fetch the
 * fragment into it. A browser shows the fragment; a crawler reading only the page's HTML sees an empty div,
 * so the call to action, the booking link or the phone in the fragment look absent. The crawler fetches the
 * fragments (same site only, a few, small) and splices them in where the script would put them.
 */

/** Attributes naming a fragment a script loads into the element. */
const INCLUDE_ATTRIBUTES = ["data-include-path", "data-include", "w3-include-html", "include-html"] as const;
/** Fragments fetched per page at most. */
export const MAX_CLIENT_INCLUDES = 12;
/** A fragment larger than this is not a page part (it is kept out). */
export const MAX_INCLUDE_BYTES = 256 * 1024;

const PLACEHOLDER = new RegExp(`<([a-z][a-z0-9-]*)\\b[^>]*?\\s(?:${INCLUDE_ATTRIBUTES.join("|")})\\s*=\\s*(?:"([^"]*)"|'([^']*)')[^>]*>`, "gi");

export interface ClientInclude {
  /** The fragment's absolute URL. */
  url: string;
  /** Where the placeholder's opening tag ends in the page's HTML (the fragment goes there). */
  insertAt: number;
}

function sameSite(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname.replace(/^www\./i, "") === b.hostname.replace(/^www\./i, "") && a.port === b.port;
}

/** The placeholders a script fills from fragments of the same site, in page order (at most MAX_CLIENT_INCLUDES). */
export function clientIncludes(html: string, pageUrl: string): ClientInclude[] {
  let base: URL;
  try {
    base = new URL(pageUrl);
  } catch {
    return [];
  }
  // A placeholder left in a comment is never filled.
  const comments = [...html.matchAll(/<!--[\s\S]*?(?:-->|$)/g)].map((c) => [c.index ?? 0, (c.index ?? 0) + c[0].length] as const);
  const found: ClientInclude[] = [];
  for (const match of html.matchAll(PLACEHOLDER)) {
    const at = match.index ?? 0;
    if (comments.some(([from, to]) => at >= from && at < to)) continue;
    const raw = (match[2] ?? match[3] ?? "").trim();
    if (!raw || raw.startsWith("#")) continue;
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(url.protocol) || !sameSite(url, base)) continue;
    url.hash = "";
    found.push({ url: url.href, insertAt: at + match[0].length });
    if (found.length >= MAX_CLIENT_INCLUDES) break;
  }
  return found;
}

/** The fragments' URLs to fetch for this page (each once). */
export function clientIncludeUrls(html: string, pageUrl: string): string[] {
  return [...new Set(clientIncludes(html, pageUrl).map((i) => i.url))];
}

/**
 * The page as a browser shows it once its include script ran: each fragment inserted into its placeholder.
 * Fragments that could not be fetched (absent from `fragments`) leave their placeholder empty; the rest of the
 * page is kept byte for byte.
 */
export function inlineClientIncludes(html: string, pageUrl: string, fragments: ReadonlyMap<string, string>): string {
  const includes = clientIncludes(html, pageUrl).filter((i) => fragments.has(i.url));
  if (includes.length === 0) return html;
  let out = "";
  let from = 0;
  for (const include of includes) {
    out += html.slice(from, include.insertAt) + fragments.get(include.url);
    from = include.insertAt;
  }
  return out + html.slice(from);
}
