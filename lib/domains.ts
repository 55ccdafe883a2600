import { parse } from "tldts";

/**
 * Hosts that are a listing on someone else's platform, not a business's own
 * website. A lead whose "website" is one of these has a weak web presence, is
 * not crawled, and never dedupes by domain (many businesses share facebook.com).
 */
export const SOCIAL_OR_DIRECTORY_DOMAINS = [
  "facebook.com",
  "fb.com",
  "fb.me",
  "instagram.com",
  "twitter.com",
  "x.com",
  "tiktok.com",
  "linkedin.com",
  "youtube.com",
  "pinterest.com",
  "yelp.com",
  "yelp.ca",
  "yelp.co.uk",
  "linktr.ee",
  "linkin.bio",
  "beacons.ai",
  "carrd.co",
  "tripadvisor.com",
  "foursquare.com",
  "nextdoor.com",
  "angi.com",
  "angieslist.com",
  "houzz.com",
  "thumbtack.com",
  "yellowpages.com",
  "bbb.org",
  "google.com",
  "business.site",
  "g.page",
  "goo.gl",
  "maps.app.goo.gl",
  "wixsite.com",
  "square.site",
  "booksy.com",
  "vagaro.com",
  "opentable.com",
  "zocdoc.com",
] as const;

export interface ParsedWebsite {
  /** The URL normalised (scheme added when missing). */
  url: string;
  hostname: string;
  /** Registrable domain, lower-case, without www (e.g. "harborviewdental.example"). */
  domain: string;
  isSocialOrDirectory: boolean;
}

/** Parse a website as Places gives it; undefined when it is not a usable http(s) URL. */
export function parseWebsite(raw: string | undefined | null): ParsedWebsite | undefined {
  if (!raw) return undefined;
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  // "mailto:x", "javascript:x" have a scheme but are not websites; "host.example:8080" has a port, not a scheme.
  const hasScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed);
  const withScheme = hasScheme ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password) return undefined;
  const hostname = url.hostname.toLowerCase().replace(/\.$/, "");
  if (!hostname.includes(".")) return undefined;
  const info = parse(hostname, { allowPrivateDomains: false });
  // tldts does not know reserved TLDs such as .example; fall back to the last two labels.
  const domain = (info.domain ?? hostname.split(".").slice(-2).join(".")).toLowerCase();
  const isSocialOrDirectory = SOCIAL_OR_DIRECTORY_DOMAINS.some((d) => domain === d || hostname === d || hostname.endsWith(`.${d}`));
  return { url: url.toString(), hostname, domain, isSocialOrDirectory };
}

/** The domain two leads would share if they were the same business; undefined for social/directory links. */
export function canonicalDomain(raw: string | undefined | null): string | undefined {
  const parsed = parseWebsite(raw);
  if (!parsed || parsed.isSocialOrDirectory) return undefined;
  return parsed.domain;
}
