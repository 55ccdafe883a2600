import { gunzipSync } from "node:zlib";
import { Parser } from "htmlparser2";
import { FetchFailure, safeFetch, type SafeFetchOptions } from "./safeFetch";

/** sitemaps.org limits: 50,000 URLs per file; we also stop collecting there across files. */
export const MAX_SITEMAP_URLS = 50_000;
/** An index of indexes is followed, nothing deeper. */
export const MAX_SITEMAP_DEPTH = 2;
/** Decoded size read per sitemap file (the protocol allows 50 MB; a local business needs far less). */
export const DEFAULT_MAX_SITEMAP_BYTES = 10 * 1024 * 1024;

export interface ParsedSitemap {
  kind: "urlset" | "sitemapindex" | "unknown";
  /** <loc> values in document order (page URLs for a urlset, sitemap URLs for an index). */
  locs: string[];
}

/** Reads a sitemap or sitemap index leniently: malformed XML yields whatever <loc>s were readable. */
export function parseSitemapXml(xml: string, maxLocs = MAX_SITEMAP_URLS): ParsedSitemap {
  let kind: ParsedSitemap["kind"] = "unknown";
  const locs: string[] = [];
  const stack: string[] = [];
  let text = "";
  const local = (name: string) => name.toLowerCase().replace(/^.*:/, "");
  const parser = new Parser(
    {
      onopentag(name) {
        const tag = local(name);
        if (stack.length === 0 && (tag === "urlset" || tag === "sitemapindex")) kind = tag;
        stack.push(tag);
        if (tag === "loc") text = "";
      },
      ontext(data) {
        if (stack[stack.length - 1] === "loc") text += data;
      },
      onclosetag(name, isImplied) {
        const tag = local(name);
        const parent = stack[stack.length - 2];
        // An implied close means the file was cut mid-<loc>: that URL may be partial.
        if (tag === "loc" && !isImplied && (parent === "url" || parent === "sitemap") && locs.length < maxLocs) {
          const loc = text.trim();
          if (loc) locs.push(loc);
        }
        stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.end(xml);
  return { kind, locs: kind === "unknown" ? [] : locs };
}

/** Gunzips when the URL or headers say gzip, or the bytes start with the gzip magic number. */
export function sitemapText(body: Buffer, url: string, contentType: string | undefined, maxBytes = DEFAULT_MAX_SITEMAP_BYTES): string {
  const saysGzip = /\.gz$/i.test(new URL(url).pathname) || /gzip/i.test(contentType ?? "");
  const looksGzip = body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
  if (saysGzip || looksGzip) {
    if (!looksGzip) return body.toString("utf8");
    try {
      return gunzipSync(body, { maxOutputLength: maxBytes }).toString("utf8");
    } catch {
      return "";
    }
  }
  return body.toString("utf8");
}

export interface SitemapCollectOptions {
  fetchOptions?: SafeFetchOptions;
  maxUrls?: number;
  maxDepth?: number;
  maxBytes?: number;
  /** Which sitemap and page URLs to keep (e.g. same site only); everything by default. */
  keep?: (url: string) => boolean;
}

export interface SitemapCollectResult {
  urls: string[];
  /** Sitemap files read successfully. */
  sitemapsRead: string[];
  /** Sitemap files that failed, with why. */
  failures: { url: string; error: string }[];
}

/**
 * Follows sitemaps (and sitemap indexes, depth ≤ 2) breadth-first and returns the
 * page URLs, deduplicated, at most maxUrls. Unreachable or broken sitemaps are skipped.
 */
export async function collectSitemapUrls(roots: readonly string[], options: SitemapCollectOptions = {}): Promise<SitemapCollectResult> {
  const maxUrls = options.maxUrls ?? MAX_SITEMAP_URLS;
  const maxDepth = options.maxDepth ?? MAX_SITEMAP_DEPTH;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SITEMAP_BYTES;
  const keep = options.keep ?? (() => true);
  const seenSitemaps = new Set<string>();
  const urls = new Set<string>();
  const result: SitemapCollectResult = { urls: [], sitemapsRead: [], failures: [] };
  let level = roots.filter(keep).map((url) => ({ url, depth: 0 }));

  while (level.length > 0 && urls.size < maxUrls) {
    const next: { url: string; depth: number }[] = [];
    for (const { url, depth } of level) {
      if (seenSitemaps.has(url) || urls.size >= maxUrls) continue;
      seenSitemaps.add(url);
      let parsed: ParsedSitemap;
      try {
        const response = await safeFetch(url, {
          ...options.fetchOptions,
          maxBytes,
          accept: "application/xml,text/xml;q=0.9,*/*;q=0.5",
          acceptContentType: () => true,
        });
        if (response.statusCode < 200 || response.statusCode >= 300) {
          result.failures.push({ url, error: `HTTP ${response.statusCode}` });
          continue;
        }
        parsed = parseSitemapXml(sitemapText(response.body, response.finalUrl, response.contentType, maxBytes), maxUrls);
      } catch (error) {
        if (error instanceof FetchFailure && error.kind === "ABORTED") throw error;
        result.failures.push({ url, error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (parsed.kind === "unknown") {
        result.failures.push({ url, error: "Not a sitemap (no <urlset> or <sitemapindex>)" });
        continue;
      }
      result.sitemapsRead.push(url);
      for (const loc of parsed.locs) {
        const absolute = absoluteHttpUrl(loc, url);
        if (!absolute || !keep(absolute)) continue;
        if (parsed.kind === "sitemapindex") {
          if (depth + 1 <= maxDepth) next.push({ url: absolute, depth: depth + 1 });
        } else if (urls.size < maxUrls) {
          urls.add(absolute);
        }
      }
    }
    level = next;
  }
  result.urls = [...urls];
  return result;
}

function absoluteHttpUrl(raw: string, base: string): string | undefined {
  try {
    const url = new URL(raw, base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    url.hash = "";
    return url.href;
  } catch {
    return undefined;
  }
}
