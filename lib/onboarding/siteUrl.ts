/**
 * The URL a user types for their agency's website, checked before anything is written or fetched:
 * "acme.com", "www.acme.com/", "https://acme.com/about" are accepted (scheme added, path kept);
 * anything that is not a public http(s) web address is refused with a message to act on.
 * The crawler still applies its own SSRF guard (DNS, redirects) when it fetches.
 */
import { quote, unsafeCharacter } from "../inputLimits";

export const AGENCY_URL_MAX = 2_048;

export type AgencyUrlResult = { ok: true; url: string } | { ok: false; error: { code: "INVALID_URL"; message: string } };

const invalid = (message: string): AgencyUrlResult => ({ ok: false, error: { code: "INVALID_URL", message } });

/** A dotted IPv4 or any IPv6 literal (WHATWG URL has already normalised 0x7f.1, 2130706433, …). */
function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

export function normalizeAgencyUrl(raw: string): AgencyUrlResult {
  const unsafe = unsafeCharacter(raw);
  if (unsafe) return invalid(`The website address contains ${unsafe}.`);
  const text = raw.trim();
  if (!text) return invalid("Enter your agency's website address, e.g. https://youragency.com.");
  if (text.length > AGENCY_URL_MAX) return invalid(`The website address must be at most ${AGENCY_URL_MAX} characters.`);
  if (/\s/.test(text)) return invalid(`${quote(text)} is not a web address (it contains spaces).`);
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^/:]+:\d+(\/|$)/.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return invalid(`${quote(text)} is not a web address.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return invalid(`Only http:// and https:// websites can be read, not ${quote(url.protocol)}.`);
  if (url.username || url.password) return invalid("Enter the website address without a user name or password.");
  const hostname = url.hostname.toLowerCase().replace(/\.$/, "");
  if (isIpLiteral(hostname)) return invalid("Enter your website's domain name (like youragency.com), not an IP address.");
  if (hostname === "localhost" || hostname.endsWith(".localhost") || hostname.endsWith(".local") || hostname.endsWith(".internal")) {
    return invalid(`${quote(hostname)} is a local name: enter your public website address.`);
  }
  const labels = hostname.split(".");
  if (labels.length < 2 || !/^[a-z][a-z0-9-]*[a-z0-9]$|^xn--[a-z0-9-]+$/.test(labels[labels.length - 1]) || labels.some((l) => !l)) {
    return invalid(`${quote(hostname)} is not a website's domain name (like youragency.com).`);
  }
  url.hash = "";
  return { ok: true, url: url.href };
}
