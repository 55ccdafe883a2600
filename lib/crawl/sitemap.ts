import { createGunzip, gunzipSync } from "node:zlib";
import { Parser } from "htmlparser2";
import type { CrawlBudget } from "./budget";
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

type SitemapKind = ParsedSitemap["kind"];

/**
 * A streaming sitemap reader: feed it bytes as they arrive, it calls `onLoc` for each
 * complete <loc> of a <url> or <sitemap> entry and never holds the document. `onLoc`
 * returns false to stop (write() then returns false too). Gzip is detected from the
 * first bytes (the gzip magic number) and inflated on the fly, up to maxBytes decoded.
 */
export class SitemapStreamParser {
  kind: SitemapKind = "unknown";
  /** Decoded bytes seen. */
  decodedBytes = 0;
  /** Stopped early: onLoc said so, or maxBytes of decoded XML were read. */
  stopped = false;
  private readonly parser: Parser;
  private readonly text = new TextDecoder("utf-8");
  private gunzip: ReturnType<typeof createGunzip> | undefined;
  private gunzipDone: Promise<void> | undefined;
  private sniffed = false;

  constructor(
    private readonly onLoc: (loc: string, kind: "urlset" | "sitemapindex") => boolean | void,
    private readonly maxBytes = DEFAULT_MAX_SITEMAP_BYTES,
  ) {
    const stack: string[] = [];
    let text = "";
    const local = (name: string) => name.toLowerCase().replace(/^.*:/, "");
    this.parser = new Parser(
      {
        onopentag: (name) => {
          const tag = local(name);
          if (stack.length === 0 && (tag === "urlset" || tag === "sitemapindex")) this.kind = tag;
          stack.push(tag);
          if (tag === "loc") text = "";
        },
        ontext: (data) => {
          // Only <loc> text is kept, and a <loc> longer than a URL can be is not a URL.
          if (stack[stack.length - 1] === "loc" && text.length < 8192) text += data;
        },
        onclosetag: (name, isImplied) => {
          const tag = local(name);
          const parent = stack[stack.length - 2];
          // An implied close means the file was cut mid-<loc>: that URL may be partial.
          if (tag === "loc" && !isImplied && (parent === "url" || parent === "sitemap") && this.kind !== "unknown" && !this.stopped) {
            const loc = text.trim();
            if (loc && this.onLoc(loc, this.kind) === false) this.stopped = true;
          }
          // Bounded: a hostile file nesting tags forever gets no deeper than this.
          if (stack.length > 0) stack.pop();
        },
      },
      { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
    );
  }

  /** Feeds raw (possibly gzipped) bytes; false once the reader wants no more. */
  write(chunk: Buffer): boolean {
    if (this.stopped) return false;
    if (!this.sniffed) {
      this.sniffed = true;
      if (chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) {
        const gunzip = createGunzip();
        this.gunzip = gunzip;
        gunzip.on("data", (data: Buffer) => this.feedXml(data));
        this.gunzipDone = new Promise<void>((resolve) => {
          gunzip.on("end", resolve);
          gunzip.on("close", resolve);
          gunzip.on("error", () => resolve());
        });
      }
    }
    if (this.gunzip) this.gunzip.write(chunk);
    else this.feedXml(chunk);
    return !this.stopped;
  }

  /** Finishes the document (waits for the gzip stream to drain). */
  async end(): Promise<void> {
    if (this.gunzip) {
      if (!this.gunzip.destroyed) this.gunzip.end();
      await this.gunzipDone;
    }
    if (!this.stopped) this.parser.write(this.text.decode());
    this.parser.end();
  }

  private feedXml(data: Buffer): void {
    if (this.stopped) return;
    const room = this.maxBytes - this.decodedBytes;
    const piece = data.length > room ? data.subarray(0, Math.max(0, room)) : data;
    this.decodedBytes += piece.length;
    this.parser.write(this.text.decode(piece, { stream: true }));
    if (data.length > room) {
      this.stopped = true;
      this.gunzip?.destroy();
    }
  }
}

/** Reads a sitemap or sitemap index leniently: malformed XML yields whatever <loc>s were readable. */
export function parseSitemapXml(xml: string, maxLocs = MAX_SITEMAP_URLS): ParsedSitemap {
  const locs: string[] = [];
  const reader = new SitemapStreamParser((loc) => {
    locs.push(loc);
    return locs.length < maxLocs;
  }, Number.MAX_SAFE_INTEGER);
  reader.write(Buffer.from(xml, "utf8"));
  void reader.end();
  return { kind: reader.kind, locs: reader.kind === "unknown" ? [] : locs };
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
  /**
   * The audit's crawl budget: sitemap files are claimed from it, bytes spent against it,
   * and its signal ends the collection (with what was gathered so far, not an error).
   */
  budget?: CrawlBudget;
  /** Ends the collection early with what was gathered (e.g. the sitemap share of the deadline). */
  stopSignal?: AbortSignal;
}

export interface SitemapCollectResult {
  urls: string[];
  /** Sitemap files read successfully. */
  sitemapsRead: string[];
  /** Sitemap files that failed, with why. */
  failures: { url: string; error: string }[];
  /** Why collection stopped before every sitemap was read, if it did. */
  stoppedBy?: "files" | "urls" | "time" | "budget";
}

/**
 * Follows sitemaps (and sitemap indexes, depth ≤ 2) breadth-first and returns the
 * page URLs, deduplicated, at most maxUrls. Files are streamed, never held whole;
 * the queue of sitemaps to read never holds more than the files left to read.
 * Unreachable or broken sitemaps are skipped.
 */
export async function collectSitemapUrls(roots: readonly string[], options: SitemapCollectOptions = {}): Promise<SitemapCollectResult> {
  const maxUrls = options.maxUrls ?? MAX_SITEMAP_URLS;
  const maxDepth = options.maxDepth ?? MAX_SITEMAP_DEPTH;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SITEMAP_BYTES;
  const keep = options.keep ?? (() => true);
  const budget = options.budget;
  const filesLeft = () => (budget ? budget.sitemapFilesLeft : Number.POSITIVE_INFINITY);
  const seenSitemaps = new Set<string>();
  const urls = new Set<string>();
  const result: SitemapCollectResult = { urls: [], sitemapsRead: [], failures: [] };
  const queue: { url: string; depth: number }[] = [];
  for (const url of roots) if (keep(url) && queue.length < filesLeft()) queue.push({ url, depth: 0 });
  const stopSignals = [options.fetchOptions?.signal, budget?.signal, options.stopSignal].filter((s): s is AbortSignal => s !== undefined);
  const signal = stopSignals.length > 0 ? AbortSignal.any(stopSignals) : undefined;

  while (queue.length > 0) {
    if (urls.size >= maxUrls) {
      result.stoppedBy = "urls";
      break;
    }
    if (signal?.aborted) {
      result.stoppedBy = budget?.exhausted ? "budget" : "time";
      break;
    }
    const { url, depth } = queue.shift()!;
    if (seenSitemaps.has(url)) continue;
    if (budget && !budget.takeSitemapFile()) {
      result.stoppedBy = "files";
      break;
    }
    seenSitemaps.add(url);
    const reader = new SitemapStreamParser((loc, kind) => {
      const absolute = absoluteHttpUrl(loc, url);
      if (!absolute || !keep(absolute)) return true;
      if (kind === "sitemapindex") {
        // Only as many children as could still be read are kept in memory.
        if (depth + 1 <= maxDepth && queue.length < filesLeft() && !seenSitemaps.has(absolute)) queue.push({ url: absolute, depth: depth + 1 });
        return queue.length < filesLeft();
      }
      if (urls.size < maxUrls) urls.add(absolute);
      return urls.size < maxUrls;
    }, maxBytes);
    try {
      const response = await safeFetch(url, {
        ...options.fetchOptions,
        signal,
        maxBytes: Math.min(maxBytes, budget ? budget.bytesLeft() : maxBytes),
        accept: "application/xml,text/xml;q=0.9,*/*;q=0.5",
        acceptContentType: () => true,
        sink: (chunk) => reader.write(chunk),
      });
      budget?.spendBytes(response.bytes);
      await reader.end();
      if (response.statusCode < 200 || response.statusCode >= 300) {
        result.failures.push({ url, error: `HTTP ${response.statusCode}` });
        continue;
      }
    } catch (error) {
      await reader.end().catch(() => undefined);
      if (error instanceof FetchFailure && error.kind === "ABORTED") {
        if (options.fetchOptions?.signal?.aborted) throw error;
        result.failures.push({ url, error: error.message });
        result.stoppedBy = budget?.exhausted ? "budget" : "time";
        break;
      }
      result.failures.push({ url, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (reader.kind === "unknown") {
      result.failures.push({ url, error: "Not a sitemap (no <urlset> or <sitemapindex>)" });
      continue;
    }
    result.sitemapsRead.push(url);
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
