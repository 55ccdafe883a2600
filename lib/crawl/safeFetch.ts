import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { CrawlError } from "../providers/crawl/types";
import { vetUrl, type AddressGuardOptions, type ResolvedAddress } from "./addressGuard";

export const CRAWLER_USER_AGENT = "AtlasOutboundBot/1.0 (+https://atlas-outbound.example/bot)";
/** The product token robots.txt groups are matched against. */
export const CRAWLER_ROBOTS_AGENT = "AtlasOutboundBot";
export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

/** Sends `*.example` hosts to a local demo web server; nothing else is ever routed. */
export interface DemoRoute {
  /** e.g. "http://127.0.0.1:4500" */
  origin: string;
}

export interface SafeFetchOptions extends AddressGuardOptions {
  /** For the whole fetch, redirects and body included. */
  timeoutMs?: number;
  /** Decoded body bytes kept; the rest is not read and the result is marked truncated. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Which Content-Types a 2xx answer may have; HTML only by default. */
  acceptContentType?: (contentType: string | undefined) => boolean;
  /** The Accept request header. */
  accept?: string;
  demoRoute?: DemoRoute;
  signal?: AbortSignal;
  userAgent?: string;
  /**
   * Streams the decoded body here instead of keeping it (the result's body is then empty).
   * Return false to stop reading (the result is marked truncated). maxBytes still applies.
   */
  sink?: (chunk: Buffer) => boolean | void;
}

export interface SafeFetchResponse {
  url: string;
  finalUrl: string;
  statusCode: number;
  contentType?: string;
  /** Decoded (decompressed) body, at most maxBytes. */
  body: Buffer;
  /** Bytes received, or the declared Content-Length when that is larger and the body was cut. */
  bytes: number;
  truncated: boolean;
  elapsedMs: number;
  /** Every URL visited after the first, in order. */
  redirects: string[];
  /** The URL asked for was http:// and the final one is https://. */
  redirectedToHttps: boolean;
}

export type FetchFailureKind = "TIMEOUT" | "ABORTED" | "BLOCKED_ADDRESS" | "INVALID_URL" | "TOO_MANY_REDIRECTS" | "UNSUPPORTED_CONTENT_TYPE" | "NETWORK";

/** One URL could not be fetched; the crawler turns this into ScrapedPage.error. */
export class FetchFailure extends Error {
  constructor(
    readonly kind: FetchFailureKind,
    message: string,
    readonly url: string,
    readonly details: { statusCode?: number; contentType?: string; finalUrl?: string; elapsedMs?: number } = {},
  ) {
    super(message);
    this.name = "FetchFailure";
  }
}

export function isHtmlContentType(contentType: string | undefined): boolean {
  const type = contentType?.split(";")[0].trim().toLowerCase();
  return type === "text/html" || type === "application/xhtml+xml";
}

/** True for hosts the demo route serves: `x.example`, never `x.example.com`. */
export function isDemoHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host.endsWith(".example");
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches one URL from the open web safely: every hop is re-checked by the address
 * guard (or routed to the demo server), redirects are capped, the whole fetch has a
 * timeout, and the body is read as a stream up to a byte cap.
 * Throws FetchFailure; HTTP error statuses are returned, not thrown.
 */
export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<SafeFetchResponse> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const accept = options.acceptContentType ?? isHtmlContentType;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;

  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchFailure("INVALID_URL", `Not a valid URL: ${input}`, input);
  }
  const firstUrl = url;
  const redirects: string[] = [];

  const fail = (error: unknown, at: URL): FetchFailure => {
    const elapsedMs = Math.round(performance.now() - started);
    if (error instanceof FetchFailure) return error;
    if (timeout.aborted) {
      return new FetchFailure("TIMEOUT", `Timed out after ${timeoutMs} ms fetching ${at.href}`, input, { finalUrl: at.href, elapsedMs });
    }
    if (signal.aborted) return new FetchFailure("ABORTED", `Fetch of ${at.href} was cancelled`, input, { finalUrl: at.href, elapsedMs });
    if (error instanceof CrawlError) {
      const kind = error.code === "BLOCKED_ADDRESS" || error.code === "INVALID_URL" ? error.code : "NETWORK";
      return new FetchFailure(kind, error.message, input, { finalUrl: at.href, elapsedMs });
    }
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    return new FetchFailure("NETWORK", `Could not fetch ${at.href}: ${code ?? message}`, input, { finalUrl: at.href, elapsedMs });
  };

  for (let hop = 0; ; hop++) {
    let response: IncomingMessage;
    try {
      response = await requestOnce(url, options, signal);
    } catch (error) {
      throw fail(error, url);
    }
    const statusCode = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(statusCode) && location) {
      response.destroy();
      if (hop >= maxRedirects) {
        throw new FetchFailure("TOO_MANY_REDIRECTS", `More than ${maxRedirects} redirects starting at ${input}`, input, {
          statusCode,
          finalUrl: url.href,
          elapsedMs: Math.round(performance.now() - started),
        });
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new FetchFailure("INVALID_URL", `Redirect to an invalid URL (${location}) from ${url.href}`, input, { statusCode });
      }
      next.hash = "";
      if (next.protocol !== "http:" && next.protocol !== "https:") {
        throw new FetchFailure("INVALID_URL", `Redirect to a non-http URL (${next.protocol}) from ${url.href}`, input, { statusCode });
      }
      url = next;
      redirects.push(url.href);
      continue;
    }

    const contentType = headerValue(response.headers["content-type"]);
    const accepted = accept(contentType);
    if (statusCode >= 200 && statusCode < 300 && !accepted) {
      response.destroy();
      throw new FetchFailure("UNSUPPORTED_CONTENT_TYPE", `Not an accepted content type (${contentType ?? "none"}) at ${url.href}`, input, {
        statusCode,
        contentType,
        finalUrl: url.href,
        elapsedMs: Math.round(performance.now() - started),
      });
    }
    let body: Buffer = Buffer.alloc(0);
    let bytes = 0;
    let truncated = false;
    if (accepted) {
      try {
        ({ body, bytes, truncated } = await readCapped(response, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES, signal, options.sink));
      } catch (error) {
        throw fail(error, url);
      }
    } else {
      response.destroy();
    }
    return {
      url: input,
      finalUrl: url.href,
      statusCode,
      contentType,
      body,
      bytes,
      truncated,
      elapsedMs: Math.round(performance.now() - started),
      redirects,
      redirectedToHttps: firstUrl.protocol === "http:" && url.protocol === "https:",
    };
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      callback(
        null,
        addresses.map((a) => ({ address: a.address, family: a.family })),
      );
    } else {
      const wanted = options.family === 6 || options.family === 4 ? addresses.find((a) => a.family === options.family) : undefined;
      const pick = wanted ?? addresses[0];
      callback(null, pick.address, pick.family);
    }
  };
}

/** One GET, no redirect following. Routed demo hosts and guarded hosts share this path. */
async function requestOnce(url: URL, options: SafeFetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const routed = options.demoRoute !== undefined && isDemoHost(url.hostname);
  const target = routed ? new URL(options.demoRoute!.origin) : url;
  // Demo hosts are exempt from the guard (they only ever reach the configured origin).
  const addresses = routed ? undefined : await vetUrl(url, options);
  signal.throwIfAborted();
  const client = target.protocol === "https:" ? https : http;
  const headers: http.OutgoingHttpHeaders = {
    host: url.host,
    "user-agent": options.userAgent ?? CRAWLER_USER_AGENT,
    accept: options.accept ?? "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "accept-encoding": "gzip, deflate, br",
  };
  if (routed) headers["x-forwarded-proto"] = url.protocol.slice(0, -1);
  return new Promise<IncomingMessage>((resolve, reject) => {
    const request = client.request(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[|\]$/g, ""),
        port: target.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers,
        lookup: addresses ? pinnedLookup(addresses) : undefined,
        agent: false,
        signal,
      },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
}

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

async function readCapped(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
  sink?: (chunk: Buffer) => boolean | void,
): Promise<{ body: Buffer; bytes: number; truncated: boolean }> {
  const decoder = decoderFor(headerValue(response.headers["content-encoding"]));
  const stream: Readable = decoder ? response.pipe(decoder) : response;
  if (decoder) response.on("error", (error) => decoder.destroy(error));
  const onAbort = () => stream.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
  signal.addEventListener("abort", onAbort, { once: true });
  const chunks: Buffer[] = [];
  let kept = 0;
  let truncated = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const room = maxBytes - kept;
      const piece = chunk.length > room ? chunk.subarray(0, Math.max(room, 0)) : chunk;
      if (piece.length > 0) {
        if (sink) {
          if (sink(piece) === false) truncated = true;
        } else chunks.push(piece);
      }
      kept += piece.length;
      if (chunk.length > room) truncated = true;
      if (truncated) break;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    response.destroy();
    decoder?.destroy();
  }
  const declared = Number(response.headers["content-length"]);
  const bytes = truncated && !decoder && Number.isFinite(declared) && declared > kept ? declared : kept;
  return { body: sink ? Buffer.alloc(0) : Buffer.concat(chunks, kept), bytes, truncated };
}
