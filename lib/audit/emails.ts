import { parseWebsite } from "../domains";
import type { ScrapedPage } from "../providers/crawl/types";
import type { AnyNode, Element } from "domhandler";
import { type ParsedPage, attr, collapseWhitespace, elementText, parsePage } from "./parsedPage";

const PLAIN_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const AT_BRACKETED = String.raw`\s*[\[({<]\s*at\s*[\])}>]\s*`;
const DOT_WORD = String.raw`\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+`;
/** "name [at] domain [dot] com", "name (at) domain.com", "name at domain dot com". */
const OBFUSCATED_EMAIL = new RegExp(String.raw`([A-Za-z0-9._%+-]+)(${AT_BRACKETED}|\s+at\s+)([A-Za-z0-9-]+(?:(?:${DOT_WORD}|\.)[A-Za-z0-9-]+)+)`, "gi");
const CLOUDFLARE_HREF = /\/cdn-cgi\/l\/email-protection#([0-9a-f]+)/i;

/** Things that look like emails but are file names (logo@2x.png). */
const FILE_EXTENSIONS = new Set([
  "png",
  "jpg",
  "jpeg",
  "gif",
  "svg",
  "webp",
  "avif",
  "ico",
  "bmp",
  "tif",
  "tiff",
  "heic",
  "css",
  "js",
  "mjs",
  "json",
  "map",
  "woff",
  "woff2",
  "ttf",
  "otf",
  "eot",
  "mp4",
  "webm",
  "mov",
  "mp3",
  "pdf",
  "php",
  "html",
  "htm",
]);
/** Domains used as placeholders in templates (not the reserved `.example` TLD, which our demo businesses use). */
const PLACEHOLDER_DOMAINS = new Set([
  "example.com",
  "example.org",
  "example.net",
  "domain.com",
  "email.com",
  "yourdomain.com",
  "yoursite.com",
  "yourcompany.com",
  "yourwebsite.com",
  "yourbusiness.com",
  "company.com",
  "mysite.com",
  "website.com",
  "test.com",
  "sample.com",
]);
const PLACEHOLDER_LOCALS = new Set([
  "your",
  "you",
  "youremail",
  "your.email",
  "your-email",
  "yourname",
  "your.name",
  "name",
  "email",
  "user",
  "username",
  "someone",
  "john.doe",
  "johndoe",
  "jane.doe",
  "email.address",
  "emailaddress",
  "example",
  "sample",
  "test",
]);
/** Error-tracking hosts whose DSNs contain an "@". */
const TRACKER_DOMAIN = /(^|\.)(sentry\.io|sentry-next\.wixpress\.com|sentry\.wixpress\.com|wixpress\.com|ingest\.us\.sentry\.io)$/;

/** Reserved and documentation names (RFC 2606/6761): never a business's address. Our demo sites use the `.example` TLD on purpose. */
const RESERVED_TLDS = new Set(["invalid", "test", "localhost", "local", "tld", "lan", "internal"]);
/** First labels templates use for "your domain here": domainname.com, companyname.com, sitename.com, your-domain.com… */
const PLACEHOLDER_LABEL =
  /^(?:your|my)?-?(?:domain|domainname|company|companyname|site|sitename|website|websitename|webpage|business|businessname|brand|email|emailaddress|example|sample|placeholder|untitled|test)$/;
/** Web agencies and template authors: their addresses sit in credits and template demo content, never the business's. */
const TEMPLATE_AUTHOR_DOMAINS = new Set([
  "startbootstrap.com",
  "html5up.net",
  "templatemo.com",
  "colorlib.com",
  "themewagon.com",
  "bootstrapmade.com",
  "w3layouts.com",
  "freehtml5.co",
  "untree.co",
  "uicookies.com",
  "tooplate.com",
  "templated.co",
  "bizgrowthmarketers.com",
  "designmodo.com",
  "themeforest.net",
  "envato.com",
  "wix.com",
  "squarespace.com",
  "weebly.com",
  "godaddy.com",
  "mobirise.com",
  "nicepage.com",
  "webflow.io",
  "templateflip.com",
  "bootstrapious.com",
  "creative-tim.com",
  "graygrids.com",
  "uideck.com",
  "ayroui.com",
]);

/** example.co.uk, email.address@is.invalid, info@companyname.com, support@sitename.com, name@domain.tld… */
export function isPlaceholderDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split(".");
  if (RESERVED_TLDS.has(labels[labels.length - 1])) return true;
  if (PLACEHOLDER_DOMAINS.has(domain)) return true;
  if (labels.includes("example")) return labels[labels.length - 1] !== "example";
  const registrable = labels.length >= 3 && labels[labels.length - 2].length <= 3 ? labels[labels.length - 3] : labels[labels.length - 2];
  return PLACEHOLDER_LABEL.test(registrable ?? "") || /^your/.test(registrable ?? "");
}

export function isTemplateAuthorDomain(domain: string): boolean {
  const lower = domain.toLowerCase();
  return [...TEMPLATE_AUTHOR_DOMAINS].some((d) => lower === d || lower.endsWith(`.${d}`));
}

/**
 * Normalise a candidate address: domain lower-cased, local part kept.
 * Returns undefined for file names, tracker DSNs and template placeholders.
 */
export function normaliseEmail(candidate: string): string | undefined {
  const trimmed = candidate
    .trim()
    .replace(/^mailto:/i, "")
    .replace(/[.,;:]+$/, "");
  const at = trimmed.lastIndexOf("@");
  if (at <= 0) return undefined;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (!/^[A-Za-z0-9._%+-]+$/.test(local) || local.startsWith(".") || local.endsWith(".") || local.includes("..")) return undefined;
  const labels = domain.split(".");
  if (labels.length < 2 || labels.some((l) => !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(l))) return undefined;
  const tld = labels[labels.length - 1];
  if (!/^[a-z]{2,24}$/.test(tld) || FILE_EXTENSIONS.has(tld)) return undefined;
  if (/^\d+x$/.test(labels[0])) return undefined; // "icon@2x.retina.png"-style names without a known extension
  if (TRACKER_DOMAIN.test(domain) || /^[0-9a-f]{32}$/i.test(local)) return undefined;
  const lowerLocal = local.toLowerCase();
  if (isPlaceholderDomain(domain)) return undefined;
  if (
    PLACEHOLDER_LOCALS.has(lowerLocal) &&
    (/^(your|my)/.test(lowerLocal) || PLACEHOLDER_DOMAINS.has(domain) || /^(domain|email|mail|company|website)\.[a-z]+$/.test(domain))
  ) {
    return undefined;
  }
  if (lowerLocal.startsWith("your") && lowerLocal.length <= 12) return undefined; // your@, youremail@, yourname@
  return `${local}@${domain}`;
}

/** Decode a Cloudflare-protected address: the first byte is the key, every later byte is XOR-ed with it. */
export function decodeCloudflareEmail(hex: string): string | undefined {
  if (!/^(?:[0-9a-f]{2}){2,}$/i.test(hex)) return undefined;
  const key = Number.parseInt(hex.slice(0, 2), 16);
  const bytes: number[] = [];
  for (let i = 2; i < hex.length; i += 2) bytes.push(Number.parseInt(hex.slice(i, i + 2), 16) ^ key);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/** Addresses in a `mailto:` href: percent-decoded, query (?subject=) dropped, comma lists split. */
export function emailsFromMailto(href: string): string[] {
  const match = /^\s*mailto:([^?#]*)/i.exec(href);
  if (!match) return [];
  let recipients = match[1];
  try {
    recipients = decodeURIComponent(recipients);
  } catch {
    recipients = recipients.replace(/%40/gi, "@");
  }
  // "mailto:name%28at%29domain.com" decodes to an obfuscated form: read it like text.
  return recipients
    .split(/[,;]/)
    .map((r) => r.trim())
    .filter(Boolean)
    .flatMap((r) => (r.includes("@") ? [r] : extractEmailsFromText(r)));
}

/** Plain and "[at]/[dot]"-obfuscated addresses in text (entities must already be decoded). */
export function extractEmailsFromText(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(PLAIN_EMAIL)) found.push(match[0]);
  for (const match of text.matchAll(OBFUSCATED_EMAIL)) {
    const [, local, atForm, rawDomain] = match;
    const dotIsWord = /dot/i.test(rawDomain);
    // A bare " at " is ordinary English unless the dots are spelled out too ("info at acme dot com").
    if (!/[[({<]/.test(atForm) && !dotIsWord) continue;
    const domain = rawDomain.replace(new RegExp(DOT_WORD, "gi"), ".");
    found.push(`${local}@${domain}`);
  }
  return dedupeEmails(found.map(normaliseEmail).filter((e): e is string => e !== undefined));
}

function emailsInJsonLd(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) emailsInJsonLd(item, out);
  } else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key.toLowerCase() === "email") {
        for (const v of Array.isArray(inner) ? inner : [inner]) if (typeof v === "string") out.push(v.replace(/^mailto:/i, ""));
      } else {
        emailsInJsonLd(inner, out);
      }
    }
  }
}

function dedupeEmails(emails: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const email of emails) {
    const key = email.toLowerCase();
    if (!seen.has(key)) seen.set(key, email);
  }
  return [...seen.values()];
}

export const EMAIL_METHODS = ["mailto", "text", "cloudflare", "entities", "obfuscated", "json-ld"] as const;
export type EmailMethod = (typeof EMAIL_METHODS)[number];
export const EMAIL_CONFIDENCES = ["high", "medium", "low"] as const;
export type EmailConfidence = (typeof EMAIL_CONFIDENCES)[number];

/** One address found on a page, and how. */
export interface EmailFound {
  address: string;
  pageUrl: string;
  method: EmailMethod;
}

/** An address kept for a lead: where it was found, how, and how far to trust it. */
export interface EmailProvenance extends EmailFound {
  confidence: EmailConfidence;
}

const FREE_MAIL =
  /^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|icloud|me|mac|gmx|web|mail|yandex|protonmail|proton|zoho|comcast|att|sbcglobal|verizon|btinternet|orange|free|libero|qq|163)\./;
const CREDIT_WORDING = /\b(design(?:ed)?|develop(?:ed)?|built|made|powered|theme|template|website|hosting|seo|marketing)\s+(?:by|from|with)\b/i;

/**
 * Domains that are not the business's: template authors, the web agency credited in the footer
 * ("Design by <a href=…>"), and a template's own sample brand ("Constra - Construction Html5 Template"
 * → office@constra.com is demo content).
 */
function foreignDomains(parsed: ParsedPage): { agencies: Set<string>; templateWords: Set<string> } {
  const agencies = new Set<string>();
  const ownHost = parseWebsite(parsed.url)?.domain ?? hostOf(parsed.url) ?? "";
  for (const link of parsed.links) {
    const context = `${elementText(link.element.parent as Element)} `;
    if (!CREDIT_WORDING.test(context)) continue;
    const host = hostOf(link.href);
    // The site's own domain is never "the agency", even when a credit line sits beside a link home.
    if (host && host !== ownHost && !host.endsWith(`.${ownHost}`) && !ownHost.endsWith(`.${host}`)) agencies.add(host);
  }
  const templateWords = new Set<string>();
  const declared = [parsed.title ?? "", parsed.generator ?? ""].filter((t) => /\b(template|theme)\b/i.test(t));
  for (const text of declared)
    for (const word of text.toLowerCase().split(/[^a-z0-9]+/))
      if (word.length >= 4 && !/^(template|theme|html5?|bootstrap|free|website|start)$/.test(word)) templateWords.add(word);
  return { agencies, templateWords };
}

function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/^www\./, "");
    return host || undefined;
  } catch {
    return undefined;
  }
}

function isForeign(address: string, foreign: { agencies: Set<string>; templateWords: Set<string> }): boolean {
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  if (isTemplateAuthorDomain(domain)) return true;
  if ([...foreign.agencies].some((a) => domain === a || domain.endsWith(`.${a}`))) return true;
  const label = domain.split(".")[0];
  return foreign.templateWords.has(label);
}

/** Tags whose content is code or an editable sample, never a published contact address. */
const CODE_SAMPLE_TAGS = new Set(["code", "pre", "kbd", "samp", "textarea", "var"]);
/** Tags whose text is never shown (an address there is not published). */
const UNSHOWN_TAGS = new Set(["script", "style", "template", "noscript"]);
/** A contact block is at most this long: beyond it the context is the whole section, not the address's own block. */
const CONTACT_BLOCK_CHARS = 400;
/** Tags that are part of a line of text, not a line of their own. */
const INLINE_LINE_TAGS = new Set(["a", "span", "strong", "b", "em", "i", "small", "u", "font"]);
const LOREM = /\blorem ipsum\b|\bdolor sit amet\b/i;

/**
 * A phone number no business has: an all-zero area code ("(000) 123 456 78"), a counting run
 * ("123-456-7890", "0123 456 789"), one digit repeated ("555-5555", "111-111-1111") or x's
 * ("(xxx) xxx-xxxx"). Template contact blocks pair these with their sample addresses.
 */
export function isPlaceholderPhone(candidate: string): boolean {
  if (/\(?x{3}\)?[\s.-]*x{3}[\s.-]*x{4}/i.test(candidate)) return true;
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return false;
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  if (/^0{3}/.test(national)) return true;
  if (/1234567|2345678|3456789|9876543/.test(digits)) return true;
  return /(\d)\1{6,}/.test(digits);
}

const PHONE_LIKE = /\+?\(?[\dx]{2,4}\)?(?:[\s.-]*[\dx]{2,4}){2,4}/gi;

function hasPlaceholderPhone(text: string): boolean {
  for (const match of text.matchAll(PHONE_LIKE)) if (isPlaceholderPhone(match[0])) return true;
  return false;
}

/** Why an address found at `element` is not the business's own published address, or undefined. */
export function sampleContextReason(element: Element, address: string, ownDomain: string | undefined): string | undefined {
  for (let node: Element | null = element; node && "name" in node; node = node.parent as Element | null) {
    if (CODE_SAMPLE_TAGS.has(node.name)) return "in a code sample";
  }
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  const own = ownDomain !== undefined && (domain === ownDomain || domain.endsWith(`.${ownDomain}`));
  // The address's own clause: "Website by Acme Web, hello@acmeweb.co" credits the agency, not the business
  // (a business address after a full stop, "© Joe's. Site by Acme. joe@gmail.com", is its own sentence).
  if (!own) {
    // The line the address sits on: its nearest block (a mailto link's text is only "Email us").
    let lineElement = element;
    while (INLINE_LINE_TAGS.has(lineElement.name) && lineElement.parent && "name" in lineElement.parent) lineElement = lineElement.parent as Element;
    const line = elementText(lineElement);
    // Up to the address as printed, or up to the end of the link carrying it ("designed by <a mailto>Pixelworks</a>").
    const at = line.toLowerCase().indexOf(address.toLowerCase());
    const linkText = elementText(element);
    const linkAt = linkText ? line.indexOf(linkText) : -1;
    const upTo = at >= 0 ? at : linkAt >= 0 ? linkAt + linkText.length : line.length;
    const clause =
      line
        .slice(0, upTo)
        .split(/[.!?|•·©]\s|\n/)
        .pop() ?? "";
    if (CREDIT_WORDING.test(clause)) return "in a web designer's credit line";
  }
  // Its contact block (the list or box it sits in): a sample phone or lorem ipsum beside it marks it as template content.
  let block: Element | null = element;
  for (let level = 0; block && "name" in block && block.name !== "body" && level < 4; level++) {
    const text = elementText(block);
    if (text.length > CONTACT_BLOCK_CHARS) break;
    if (hasPlaceholderPhone(text.replace(address, " "))) return "beside a placeholder phone number";
    if (LOREM.test(text)) return "in lorem ipsum sample text";
    block = block.parent as Element | null;
  }
  return undefined;
}

/** The element whose shown text holds `address` (deepest first): where the address is printed. */
function elementShowing(parsed: ParsedPage, address: string): Element | undefined {
  const wanted = address.toLowerCase();
  let found: Element | undefined;
  const walk = (nodes: readonly AnyNode[]): void => {
    for (const node of nodes) {
      if (found) return;
      if (node.type === "text") {
        if (node.data.toLowerCase().includes(wanted) && node.parent && "name" in node.parent) found = node.parent as Element;
      } else if ("attribs" in node && !UNSHOWN_TAGS.has((node as Element).name)) {
        walk((node as Element).children);
      }
    }
  };
  walk(parsed.document.children);
  if (found) return found;
  // Split across inline tags or obfuscated ("info<b>@</b>acme.com", "info [at] acme [dot] com"): the smallest block showing it.
  const local = wanted.slice(0, wanted.lastIndexOf("@"));
  let best: Element | undefined;
  for (const elements of parsed.elementsByTag.values()) {
    for (const element of elements) {
      if (UNSHOWN_TAGS.has(element.name) || element.name === "html" || element.name === "body" || element.name === "head") continue;
      const text = collapseWhitespace(elementText(element)).toLowerCase();
      if (text.length > CONTACT_BLOCK_CHARS || !text.includes(local)) continue;
      if (!extractEmailsFromText(text).some((e) => e.toLowerCase() === wanted) && !text.includes(wanted)) continue;
      if (!best || elementText(best).length > text.length) best = element;
    }
  }
  return best;
}

/** Every real contact address on a parsed page with how it was found (links first, then structured data, then text). */
export function extractEmailCandidatesFromPage(parsed: ParsedPage): EmailFound[] {
  const found: EmailFound[] = [];
  /** Addresses printed in a code sample, a credit line or a template's sample contact block (with the reason). */
  const sample = new Map<string, string>();
  const ownDomain = parseWebsite(parsed.url)?.domain;
  const add = (raw: string, method: EmailMethod, element?: Element) => {
    const address = normaliseEmail(raw);
    if (!address) return;
    const reason = element ? sampleContextReason(element, address, ownDomain) : undefined;
    if (reason) sample.set(address.toLowerCase(), reason);
    else found.push({ address, pageUrl: parsed.url, method });
  };
  for (const link of parsed.links) {
    const raw = attr(link.element, "href") ?? "";
    for (const address of emailsFromMailto(raw)) add(address, "mailto", link.element);
    const cloudflare = CLOUDFLARE_HREF.exec(raw);
    if (cloudflare) {
      const decoded = decodeCloudflareEmail(cloudflare[1]);
      if (decoded) add(decoded, "cloudflare", link.element);
    }
  }
  for (const elements of parsed.elementsByTag.values()) {
    for (const element of elements) {
      const protectedHex = attr(element, "data-cfemail");
      if (protectedHex) {
        const decoded = decodeCloudflareEmail(protectedHex.trim());
        if (decoded) add(decoded, "cloudflare", element);
      }
    }
  }
  const fromJsonLd: string[] = [];
  emailsInJsonLd(parsed.jsonLd, fromJsonLd);
  for (const address of fromJsonLd) add(address, "json-ld");
  const rawLower = parsed.page.html.toLowerCase();
  for (const match of parsed.text.matchAll(PLAIN_EMAIL)) {
    const address = normaliseEmail(match[0]);
    if (!address) continue;
    // In the text but not in the HTML as written: it was encoded as entities (&#64;, &#x40;).
    add(address, rawLower.includes(address.toLowerCase()) ? "text" : "entities", elementShowing(parsed, address));
  }
  const plain = new Set(found.map((f) => f.address.toLowerCase()));
  for (const address of extractEmailsFromText(parsed.text)) {
    if (!plain.has(address.toLowerCase()) && !sample.has(address.toLowerCase())) add(address, "obfuscated", elementShowing(parsed, address));
  }
  const foreign = foreignDomains(parsed);
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = f.address.toLowerCase();
    // Printed once as sample content anywhere on the page: the same address elsewhere (a mailto) is that sample too.
    if (seen.has(key) || sample.has(key) || isForeign(f.address, foreign)) return false;
    seen.add(key);
    return true;
  });
}

/** Every real contact address on a parsed page, in discovery order. */
export function extractEmailsFromPage(parsed: ParsedPage): string[] {
  return extractEmailCandidatesFromPage(parsed).map((f) => f.address);
}

/** How far to trust an address for this lead: its own domain > another business domain > free-mail. */
export function emailConfidence(address: string, websiteDomain?: string): EmailConfidence {
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  const own = parseWebsite(websiteDomain)?.domain;
  if (own && (domain === own || domain.endsWith(`.${own}`))) return "high";
  if (FREE_MAIL.test(domain)) return "low";
  return "medium";
}

/** The addresses found across a site, deduplicated (first page and method kept), best first. */
export function rankEmailProvenance(found: readonly EmailFound[], websiteDomain?: string): EmailProvenance[] {
  const byAddress = new Map<string, EmailFound>();
  for (const f of found) if (!byAddress.has(f.address.toLowerCase())) byAddress.set(f.address.toLowerCase(), f);
  const best = pickBestEmail(
    [...byAddress.values()].map((f) => f.address),
    websiteDomain,
  );
  const ranked = [...byAddress.values()].map((f) => ({ ...f, confidence: emailConfidence(f.address, websiteDomain) }));
  const order: Record<EmailConfidence, number> = { high: 0, medium: 1, low: 2 };
  ranked.sort((a, b) => (a.address === best ? -1 : b.address === best ? 1 : order[a.confidence] - order[b.confidence]));
  return ranked;
}

/** Convenience for callers holding raw HTML only (parses it). */
export function extractEmails(html: string, pageUrl = "http://localhost/"): string[] {
  const page: ScrapedPage = { url: pageUrl, finalUrl: pageUrl, statusCode: 200, html, markdown: "", bytes: html.length, elapsedMs: 0, truncated: false };
  return extractEmailsFromPage(parsePage(page));
}

const ROLE_PREFERENCE = [
  "info",
  "contact",
  "office",
  "hello",
  "enquiries",
  "inquiries",
  "appointments",
  "bookings",
  "booking",
  "reception",
  "frontdesk",
  "admin",
  "team",
  "sales",
  "support",
];

function emailRank(email: string, ownDomain: string | undefined): [number, number, string] {
  const lower = email.toLowerCase();
  const [local, domain] = [lower.slice(0, lower.lastIndexOf("@")), lower.slice(lower.lastIndexOf("@") + 1)];
  const own = ownDomain !== undefined && (domain === ownDomain || domain.endsWith(`.${ownDomain}`));
  const role = ROLE_PREFERENCE.indexOf(local);
  const noReply = /^(no-?reply|do-?not-?reply)/.test(local);
  return [own ? 0 : 1, noReply ? 1000 : role >= 0 ? role : ROLE_PREFERENCE.length, lower];
}

/**
 * The address to show for a lead: the business's own domain first, then
 * info@/contact@/office@ before personal addresses; ties broken alphabetically.
 * @param websiteDomain a domain or URL ("harborviewdental.example", "https://www.harborviewdental.example/")
 */
export function pickBestEmail(emails: readonly string[], websiteDomain?: string): string | undefined {
  const ownDomain = parseWebsite(websiteDomain)?.domain;
  const ranked = dedupeEmails(emails).map((email) => ({ email, rank: emailRank(email, ownDomain) }));
  ranked.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || (a.rank[2] < b.rank[2] ? -1 : a.rank[2] > b.rank[2] ? 1 : 0));
  return ranked[0]?.email;
}
