import { Parser } from "htmlparser2";

export interface ExtractedLink {
  /** Absolute http(s) URL without fragment. */
  url: string;
  /** Anchor text, whitespace collapsed (may be empty for image links). */
  text: string;
}

/** The host with one leading "www." removed, lower-case: www.x.example and x.example are one site. */
export function siteHostKey(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^www\./, "");
}

export function isSameSite(url: string | URL, siteUrl: string | URL): boolean {
  try {
    const a = typeof url === "string" ? new URL(url) : url;
    const b = typeof siteUrl === "string" ? new URL(siteUrl) : siteUrl;
    return siteHostKey(a.hostname) === siteHostKey(b.hostname);
  } catch {
    return false;
  }
}

/** A URL with its fragment dropped, or undefined when it is not http(s). */
export function normalizeCrawlUrl(raw: string, base?: string | URL): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed || trimmed.startsWith("#")) return undefined;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    url.hash = "";
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * Same-site links of an HTML page, in document order, deduplicated. Honours <base href>;
 * drops fragments-only links, mailto:/tel:/javascript:/data: and other hosts.
 */
export function extractSameSiteLinks(html: string, pageUrl: string): ExtractedLink[] {
  let base = pageUrl;
  const found = new Map<string, ExtractedLink>();
  let current: { url: string; text: string; title?: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === "base" && attribs.href && found.size === 0) {
          const resolved = normalizeCrawlUrl(attribs.href, pageUrl);
          if (resolved) base = resolved;
          return;
        }
        if ((name === "a" || name === "area") && attribs.href !== undefined) {
          if (current) record(current); // an unclosed <a> before this one
          const url = normalizeCrawlUrl(attribs.href, base);
          current = url && isSameSite(url, pageUrl) ? { url, text: "", title: attribs.title } : undefined;
          if (current && name === "area") {
            record(current);
            current = undefined;
          }
        }
      },
      ontext(data) {
        if (current) current.text += data;
      },
      onclosetag(name) {
        if (name === "a" && current) {
          record(current);
          current = undefined;
        }
      },
    },
    { decodeEntities: true },
  );
  const record = (link: { url: string; text: string; title?: string }) => {
    const text = (link.text.trim() ? link.text : (link.title ?? "")).replace(/\s+/g, " ").trim();
    const existing = found.get(link.url);
    if (!existing) found.set(link.url, { url: link.url, text });
    else if (!existing.text && text) existing.text = text;
  };
  parser.end(html);
  if (current) record(current);
  return [...found.values()];
}
