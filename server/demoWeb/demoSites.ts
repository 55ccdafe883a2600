import { readFileSync } from "node:fs";
import { type DemoDataset, demoDatasetSchema } from "../../lib/providers/places/demoDatasetSchema";

/** Where the bundled demo Places dataset lives. */
export const DEMO_PLACES_PATH = new URL("../../data/demo-places.json", import.meta.url);

export type DemoPlacesFile = DemoDataset;

/** The business a demo website belongs to (the first place listing it, in dataset order). */
export interface DemoBusiness {
  name: string;
  city?: string;
  address?: string;
  phone?: string;
  vertical: string;
  verticalLabel: string;
  geography: string;
  rating?: number;
  reviewsCount?: number;
}

/** A path a Places listing sends visitors to ("/", "/home", "/locations/queen-anne"). */
export interface DemoSiteEntry {
  path: string;
  /** Scheme of the listing; an http:// listing of an https site gets redirected. */
  scheme: "http" | "https";
  placeId: string;
  business: DemoBusiness;
}

/** One `.example` website and every place that lists it. */
export interface DemoSite {
  /** Registrable domain without www, e.g. "harborviewdental.example". */
  domain: string;
  /** The host the Places website uses ("www.harborviewdental.example" or the bare domain). */
  canonicalHost: string;
  /** Scheme of the Places website: what the crawler will see in its final URL. */
  scheme: "http" | "https";
  /** The Places website as listed (first place). */
  website: string;
  placeIds: string[];
  business: DemoBusiness;
  /** Every distinct listed path; location paths render as that branch's home page. */
  entries: DemoSiteEntry[];
}

export function loadDemoPlacesFile(path: string | URL = DEMO_PLACES_PATH): DemoPlacesFile {
  const raw: unknown = JSON.parse(readFileSync(path, "utf8"));
  return demoDatasetSchema.parse(raw);
}

/** Lower-cased host with port, trailing dot and leading "www." removed. */
export function siteKeyForHost(host: string): string {
  const hostname = host.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  return hostname.startsWith("www.") ? hostname.slice(4) : hostname;
}

/** Listed paths that are the plain home page. */
export const HOME_ALIASES: ReadonlySet<string> = new Set(["/", "/index.html", "/index.htm", "/index.php", "/home", "/home/"]);

function parseExampleWebsite(website: string | undefined): { url: URL; domain: string } | undefined {
  if (!website) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(website.trim()) ? website.trim() : `http://${website.trim()}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const domain = siteKeyForHost(url.hostname);
  if (!domain.endsWith(".example") || domain === "example") return undefined;
  return { url, domain };
}

/**
 * Group places by their own `.example` website (www and bare host are one site).
 * A site is https when any place lists it with https:// (the crawler keeps that scheme).
 */
export function collectDemoSites(file: Pick<DemoPlacesFile, "places" | "verticals">): DemoSite[] {
  const labels = new Map(file.verticals.map((v) => [v.key, v.label]));
  const byDomain = new Map<string, DemoSite>();
  for (const place of file.places) {
    const parsed = parseExampleWebsite(place.website);
    if (!parsed) continue;
    const business: DemoBusiness = {
      name: place.name,
      city: place.city,
      address: place.address,
      phone: place.phone,
      vertical: place.vertical,
      verticalLabel: labels.get(place.vertical) ?? place.vertical,
      geography: place.geography,
      rating: place.rating,
      reviewsCount: place.reviewsCount,
    };
    const path = HOME_ALIASES.has(parsed.url.pathname) ? "/" : parsed.url.pathname;
    let site = byDomain.get(parsed.domain);
    if (!site) {
      site = {
        domain: parsed.domain,
        canonicalHost: parsed.url.hostname.toLowerCase(),
        scheme: parsed.url.protocol === "https:" ? "https" : "http",
        website: parsed.url.toString(),
        placeIds: [],
        business,
        entries: [],
      };
      byDomain.set(parsed.domain, site);
    }
    if (parsed.url.protocol === "https:") site.scheme = "https";
    if (!site.placeIds.includes(place.placeId)) site.placeIds.push(place.placeId);
    const scheme = parsed.url.protocol === "https:" ? "https" : "http";
    const entry = site.entries.find((e) => e.path === path);
    if (!entry) site.entries.push({ path, scheme, placeId: place.placeId, business });
    else if (scheme === "http") entry.scheme = "http";
  }
  return [...byDomain.values()].sort((a, b) => a.domain.localeCompare(b.domain));
}
