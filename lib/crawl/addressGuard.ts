import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { CrawlError } from "../providers/crawl/types";

/**
 * SSRF guard: the crawler fetches URLs that come from the open web (Places data,
 * sitemaps, links, redirects), so every hop must land on a public address.
 * Literal IPs are checked here because a connect-time DNS hook never sees them.
 */

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Resolves every address of a hostname (node:dns/promises `lookup(all)` by default). */
export type AddressResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface AddressGuardOptions {
  resolve?: AddressResolver;
  /**
   * Lets 127.0.0.0/8 and ::1 through so tests can crawl a local server by name.
   * Off by default; never set it outside tests.
   */
  allowLoopbackForTests?: boolean;
}

export const systemResolver: AddressResolver = async (hostname) => {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map((a) => ({ address: a.address, family: a.family }));
};

// The deprecated IPv4-compatible block (::a.b.c.d); ipaddr.js calls it "unicast".
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/**
 * True when the address is ordinary public unicast. Everything ipaddr.js classifies
 * otherwise (private, loopback, link-local incl. 169.254.169.254, unique-local incl.
 * fd00:ec2::254, CGNAT, multicast, unspecified, reserved, NAT64/6to4/Teredo) is refused.
 */
export function isPublicAddress(address: string, options: Pick<AddressGuardOptions, "allowLoopbackForTests"> = {}): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return false;
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) {
      parsed = v6.toIPv4Address();
    } else if (v6.match(IPV4_COMPATIBLE)) {
      return false;
    }
  }
  const range = parsed.range();
  if (range === "loopback" && options.allowLoopbackForTests) return true;
  return range === "unicast";
}

/** The IP a URL hostname spells literally (URL has already normalised 0x7f.1, 2130706433, ...), if any. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (bare.includes(":")) return ipaddr.IPv6.isValid(bare) ? bare : undefined;
  // Only a four-part dotted decimal is an IP once WHATWG URL has parsed the host;
  // still accept the other IPv4 spellings in case a raw string is passed in.
  return ipaddr.IPv4.isValid(bare) && /^[0-9a-fx.]+$/i.test(bare) ? ipaddr.IPv4.parse(bare).toString() : undefined;
}

function blocked(url: URL, why: string): CrawlError {
  return new CrawlError("BLOCKED_ADDRESS", `Refused to fetch ${url.href}: ${why}`, false);
}

/**
 * Checks a URL before connecting and returns the vetted addresses to connect to
 * (pin them, so a second DNS answer cannot swap in a private address).
 * Throws CrawlError BLOCKED_ADDRESS or INVALID_URL.
 */
export async function vetUrl(input: string | URL, options: AddressGuardOptions = {}): Promise<ResolvedAddress[]> {
  let url: URL;
  try {
    url = typeof input === "string" ? new URL(input) : input;
  } catch {
    throw new CrawlError("INVALID_URL", `Not a valid URL: ${String(input)}`, false);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CrawlError("INVALID_URL", `Only http(s) URLs can be crawled: ${url.href}`, false);
  }
  if (url.username || url.password) throw blocked(url, "URLs with credentials are not crawled");
  const hostname = url.hostname.toLowerCase();
  const literal = literalAddress(hostname);
  if (literal) {
    if (!isPublicAddress(literal, options)) throw blocked(url, `${literal} is not a public address`);
    return [{ address: literal, family: literal.includes(":") ? 6 : 4 }];
  }
  if (!hostname || hostname === "localhost" || hostname.endsWith(".localhost")) {
    throw blocked(url, `${hostname || "empty host"} is a local name`);
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(hostname);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CrawlError("UPSTREAM", `Could not resolve ${hostname}${code ? ` (${code})` : ""}`, code === "EAI_AGAIN");
  }
  if (addresses.length === 0) throw new CrawlError("UPSTREAM", `Could not resolve ${hostname}`, false);
  const bad = addresses.find((a) => !isPublicAddress(a.address, options));
  if (bad) throw blocked(url, `${hostname} resolves to ${bad.address}, which is not a public address`);
  return addresses;
}
