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
  // Most pages have no placeholder: one linear scan saves the tag-by-tag match (a CPU profile of a 10-audit run
  // put ~190 ms in it).
  if (!/include/i.test(html)) return [];
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

const FRAGMENT_PATH = String.raw`([^"'\x60\s]+?\.s?html?)(?:[?#][^"'\x60]*)?`;
/**
 * A script loading an HTML fragment into the page: `fetch("components/footer.html")`, `$("#nav").load("nav.html")`,
 * or a helper called with the fragment and the element it fills (`e("components/header.html","header.page-header")`).
 * A list of page names (a navigation map) is no call and does not match.
 */
const SCRIPT_FRAGMENT_CALLS = [
  new RegExp(String.raw`(?:\bfetch|\.load|\$\.get)\s*\(\s*["'\x60]${FRAGMENT_PATH}["'\x60]`, "gi"),
  new RegExp(String.raw`[\w$]\s*\(\s*["'\x60]${FRAGMENT_PATH}["'\x60]\s*,\s*["'\x60][#.\w][^"'\x60]*["'\x60]`, "gi"),
];
/** Same-site scripts read per page at most, looking for fragments they load. */
export const MAX_INCLUDE_SCRIPTS = 6;

/**
 * An empty header, footer or navigation (`<footer class="page-footer"></footer>`, `<div id="header"></div>`): the
 * mark of a page a script fills. Only such a page has its scripts read, so other pages cost no extra request.
 */
export function hasEmptyPagePart(html: string): boolean {
  return (
    /<(header|footer|nav)\b[^>]*>\s*<\/\1\s*>/i.test(html) ||
    /<(div|section)\b[^>]*\s(?:id|class)\s*=\s*["'](?:[^"']*\s)?(?:[\w]+-)*(?:header|footer|nav|navbar|menu)(?:\s[^"']*)?["'][^>]*>\s*<\/\1\s*>/i.test(html)
  );
}

/** The page's own scripts (same site, in page order): where a fragment-loading script may live. */
export function sameSiteScriptUrls(html: string, pageUrl: string): string[] {
  let base: URL;
  try {
    base = new URL(pageUrl);
  } catch {
    return [];
  }
  const urls: string[] = [];
  for (const match of html.matchAll(/<script\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>/gi)) {
    try {
      const url = new URL((match[1] ?? match[2] ?? "").trim(), base);
      if (/^https?:$/.test(url.protocol) && sameSite(url, base) && !urls.includes(url.href)) urls.push(url.href);
    } catch {
      // an unparseable src loads nothing
    }
    if (urls.length >= MAX_INCLUDE_SCRIPTS) break;
  }
  return urls;
}

/**
 * Fragments the page's scripts fetch into it, same site only: from the inline scripts and from the given code of
 * its own script files. Paths resolve against the page, as a browser's fetch does.
 */
export function scriptFragmentUrls(html: string, pageUrl: string, scriptFiles: readonly string[] = []): string[] {
  let base: URL;
  try {
    base = new URL(pageUrl);
  } catch {
    return [];
  }
  const inline = [...html.matchAll(/<script\b(?![^>]*\ssrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
  const urls: string[] = [];
  for (const code of [...inline, ...scriptFiles]) {
    for (const pattern of SCRIPT_FRAGMENT_CALLS) {
      for (const match of code.matchAll(pattern)) {
        let url: URL;
        try {
          url = new URL(match[1], base);
        } catch {
          continue;
        }
        url.hash = "";
        if (!/^https?:$/.test(url.protocol) || !sameSite(url, base) || url.pathname === base.pathname || urls.includes(url.href)) continue;
        urls.push(url.href);
        if (urls.length >= MAX_CLIENT_INCLUDES) return urls;
      }
    }
  }
  return urls;
}

/**
 * The page with the fragments its scripts fetch (`scriptFragmentUrls`) added at the end of its body: the checks read
 * their links, text and addresses; where exactly the script puts them does not matter to them.
 */
export function appendScriptFragments(html: string, fragmentUrls: readonly string[], fragments: ReadonlyMap<string, string>): string {
  const parts = fragmentUrls.filter((url) => fragments.has(url)).map((url) => fragments.get(url) as string);
  if (parts.length === 0) return html;
  const end = html.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i);
  const at = end >= 0 ? end : html.length;
  return html.slice(0, at) + parts.join("\n") + html.slice(at);
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
