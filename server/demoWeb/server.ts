import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { agencySiteForHost, routeAgencySite } from "./agencySites";
import { DEMO_PLACES_PATH, HOME_ALIASES, loadDemoPlacesFile, siteKeyForHost } from "./demoSites";
import { renderNotFound, renderPage, renderPrivatePage, renderRobotsTxt, renderServerError, renderSitemaps } from "./render";
import { type SiteProfile, type SiteProfileOptions, buildSiteProfiles, entryByPath, pageByPath } from "./siteProfile";

/** The crawler's default timeout is 10 s: the slow special site answers after this. */
export const DEFAULT_SLOW_DELAY_MS = 12_000;
/** Over the audit's 3 s "slow" threshold, under the crawler's timeout. */
export const DEFAULT_SLUGGISH_DELAY_MS = 4_000;

export interface DemoWebServerOptions {
  port?: number;
  host?: string;
  /** Added to every response (benchmarks). */
  latencyMs?: number;
  /** Home page delay of the "slow" special site. */
  slowDelayMs?: number;
  /** Home page delay of sluggish sites. */
  sluggishDelayMs?: number;
  /** Sites to serve; default: every `.example` site of data/demo-places.json. */
  sites?: readonly SiteProfile[];
  /** Dataset to profile when `sites` is not given. */
  placesFile?: string | URL;
  profileOptions?: SiteProfileOptions;
}

export interface DemoWebServer {
  /** e.g. "http://127.0.0.1:4500" */
  origin: string;
  port: number;
  /** Number of sites served. */
  siteCount: number;
  close(): Promise<void>;
}

const ASSET_TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "application/javascript; charset=utf-8",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  ico: "image/x-icon",
  woff2: "font/woff2",
};
const ASSET_PREFIXES = ["/assets/", "/images/", "/wp-content/", "/wp-includes/", "/favicon"];
/** A 1×1 transparent GIF stands in for every image. */
const PIXEL_GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

interface Reply {
  status: number;
  body: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

function html(status: number, body: string, delayMs?: number): Reply {
  return { status, body, contentType: "text/html; charset=utf-8", delayMs };
}

/** Serves every demo site, chosen by the Host header. */
export class DemoWebRouter {
  private readonly sites = new Map<string, SiteProfile>();
  private readonly pageCache = new Map<string, string>();
  private readonly sitemapCache = new Map<string, Map<string, string>>();

  constructor(
    sites: readonly SiteProfile[],
    private readonly delays: { slowDelayMs: number; sluggishDelayMs: number },
  ) {
    for (const site of sites) this.sites.set(site.domain, site);
  }

  get size(): number {
    return this.sites.size;
  }

  siteForHost(host: string | undefined): SiteProfile | undefined {
    return host ? this.sites.get(siteKeyForHost(host)) : undefined;
  }

  /** `proto` is the scheme the client asked for (X-Forwarded-Proto from the crawler's demo route). */
  route(method: string, host: string | undefined, rawPath: string, proto?: "http" | "https"): Reply {
    // The demo agencies' own websites (onboarding), served beside the businesses' sites.
    const agencySite = agencySiteForHost(host);
    if (agencySite) return routeAgencySite(agencySite, rawPath);
    const site = this.siteForHost(host);
    if (!site) return html(404, renderNotFound(undefined));
    const url = new URL(rawPath, "http://demo.invalid");
    const path = url.pathname;
    if (site.special === "error500") return html(500, renderServerError());
    const canonical = site.https ? "https" : "http";
    if (proto !== undefined && proto !== canonical) {
      return { status: 301, body: "", headers: { location: `${canonical}://${host}${path}${url.search}` } };
    }
    if (method === "POST")
      return html(
        200,
        `<!DOCTYPE html><html><head><title>Thank you</title></head><body><h1>Thank you!</h1><p>We will be in touch shortly.</p></body></html>\n`,
      );
    if (path === "/robots.txt") {
      const robots = renderRobotsTxt(site);
      return robots === undefined ? html(404, renderNotFound(site)) : { status: 200, body: robots, contentType: "text/plain; charset=utf-8" };
    }
    const sitemap = this.sitemapsOf(site).get(path);
    if (sitemap) return { status: 200, body: sitemap, contentType: "application/xml; charset=utf-8" };
    if (site.redirectLoopPath && path.replace(/\/$/, "") === site.redirectLoopPath) {
      // /specials → /specials/ → /specials → … never settles.
      return { status: 301, body: "", headers: { location: path.endsWith("/") ? site.redirectLoopPath : `${site.redirectLoopPath}/` } };
    }
    const entry = entryByPath(site, path);
    if (HOME_ALIASES.has(path) || entry) {
      const delayMs = site.special === "slow" ? this.delays.slowDelayMs : site.sluggishHome ? this.delays.sluggishDelayMs : 0;
      return html(200, this.page(site, entry ? `entry:${entry.path}` : "home"), delayMs);
    }
    const page = pageByPath(site, path);
    if (page) return html(200, this.page(site, page.path));
    if (site.privatePath && path.startsWith(site.privatePath)) return html(200, renderPrivatePage(site));
    if (path.startsWith("/cdn-cgi/l/email-protection")) {
      return html(
        200,
        `<!DOCTYPE html><html><head><title>Email Protection | Cloudflare</title></head><body><h1>Please enable cookies.</h1><p>You are unable to access this email address.</p></body></html>\n`,
      );
    }
    const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
    if (extension && ASSET_TYPES[extension] && ASSET_PREFIXES.some((p) => path.startsWith(p))) {
      const isImage = ASSET_TYPES[extension].startsWith("image/");
      return { status: 200, body: isImage ? PIXEL_GIF : "/* demo asset */\n", contentType: isImage ? "image/gif" : ASSET_TYPES[extension] };
    }
    return html(404, renderNotFound(site));
  }

  /** key: "home", "entry:<path>" for a branch landing page, or an inner page path. */
  private page(site: SiteProfile, key: string): string {
    const isHome = key === "home" || key.startsWith("entry:");
    // Heavy pages are rebuilt on demand rather than kept in memory.
    const cacheable = !isHome || (!site.heavyHome && site.special !== "oversized");
    const cacheKey = `${site.domain}${key}`;
    const cached = cacheable ? this.pageCache.get(cacheKey) : undefined;
    if (cached) return cached;
    let rendered: string;
    if (isHome) {
      rendered = renderPage(site, "home", key.startsWith("entry:") ? entryByPath(site, key.slice(6)) : undefined);
    } else {
      const page = pageByPath(site, key);
      if (!page) throw new Error(`No page ${key} on ${site.domain}`);
      rendered = renderPage(site, page);
    }
    if (cacheable) this.pageCache.set(cacheKey, rendered);
    return rendered;
  }

  private sitemapsOf(site: SiteProfile): Map<string, string> {
    let files = this.sitemapCache.get(site.domain);
    if (!files) {
      files = renderSitemaps(site);
      this.sitemapCache.set(site.domain, files);
    }
    return files;
  }
}

/** The scheme the crawler asked for; undefined for direct requests (a browser, a test). */
function forwardedProto(req: IncomingMessage): "http" | "https" | undefined {
  const header = req.headers["x-forwarded-proto"];
  const value = (Array.isArray(header) ? header[0] : header)?.split(",")[0].trim().toLowerCase();
  return value === "https" || value === "http" ? value : undefined;
}

/**
 * Start the demo web server on 127.0.0.1 (port 0 picks a free port).
 * Plain http only: the crawler keeps https:// in the URL and says so in X-Forwarded-Proto.
 */
export async function startDemoWebServer(options: DemoWebServerOptions = {}): Promise<DemoWebServer> {
  const host = options.host ?? "127.0.0.1";
  const sites = options.sites ?? buildSiteProfiles(loadDemoPlacesFile(options.placesFile ?? DEMO_PLACES_PATH), options.profileOptions);
  const router = new DemoWebRouter(sites, {
    slowDelayMs: options.slowDelayMs ?? DEFAULT_SLOW_DELAY_MS,
    sluggishDelayMs: options.sluggishDelayMs ?? DEFAULT_SLUGGISH_DELAY_MS,
  });
  const latencyMs = options.latencyMs ?? 0;

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    let reply: Reply;
    try {
      reply =
        method === "GET" || method === "HEAD" || method === "POST"
          ? router.route(method, req.headers.host, req.url ?? "/", forwardedProto(req))
          : { status: 405, body: "", headers: { allow: "GET, HEAD, POST" } };
    } catch (error) {
      reply = { status: 500, body: `demo web server error: ${error instanceof Error ? error.message : String(error)}\n`, contentType: "text/plain" };
    }
    const body = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : reply.body;
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(reply.status, {
        ...(reply.contentType ? { "content-type": reply.contentType } : {}),
        "content-length": String(body.length),
        "cache-control": "no-cache",
        ...reply.headers,
      });
      res.end(method === "HEAD" ? undefined : body);
    };
    const delay = latencyMs + (reply.delayMs ?? 0);
    if (delay <= 0) return send();
    const timer = setTimeout(send, delay);
    res.on("close", () => clearTimeout(timer));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    siteCount: router.size,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
