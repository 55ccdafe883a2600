/**
 * Checks that owner-facing text (summary, fit reason, talking points, outreach
 * drafts) reads as plain English: no HTML, no internal codes, no developer
 * jargon (the model-written text; the built-in wording is plain by
 * construction), and for drafts no unfilled template slots. Used by the
 * writers' validation and the tests.
 */

/** An internal code such as NO_SSL, WEBSITE_NOT_MOBILE_FRIENDLY or AUDIT_FAILED (two or more upper-case words joined by "_"). */
const CODE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/;
/** A tag or tag-like markup: <meta …>, </p>, <br/>. */
const MARKUP = /<\/?[a-z!][^>]*>|[<>]/i;

/** What makes `text` unfit for a business owner to read, or [] when it is plain English. */
export function plainTextProblems(text: string): string[] {
  const problems: string[] = [];
  if (MARKUP.test(text)) problems.push("HTML or angle brackets");
  const code = CODE.exec(text);
  if (code) problems.push(`an internal code (${code[0]})`);
  return problems;
}

/**
 * Developer words a business owner should not have to read, each with the word the check reports. The
 * technical evidence ("no <meta name=viewport> tag") belongs in the dossier's findings, not in what the owner reads.
 */
const JARGON: readonly [RegExp, string][] = [
  [/\bviewports?\b/i, "viewport"],
  [/\bjson[- ]?ld\b/i, "JSON-LD"],
  [/\bschema(?:\.org)?(?: markup)?\b/i, "schema markup"],
  [/\bstructured data\b/i, "structured data"],
  [/\bmeta (?:descriptions?|tags?|titles?|keywords)\b/i, "meta tags"],
  [/\btitle tags?\b/i, "title tag"],
  // "tel:+1206…", "(tel:)", "tel: links"; a signature's "Tel: 206 555 0148" is plain English.
  [/\b(?:tel|mailto|sms):(?!\s)|\b(?:tel|mailto|sms):? links?\b/i, "tel: or mailto: links"],
  [/\balt (?:text|tags?|attributes?)\b/i, "alt text"],
  [/\bH[1-6] (?:tags?|headings?|elements?)\b|\bH1s?\b/, "H1 headings"],
  [/\bcanonical (?:tags?|urls?|links?)\b/i, "canonical tags"],
  [/\brobots\.txt\b|\bsitemap(?:\.xml)?\b|\bnoindex\b/i, "robots.txt or sitemaps"],
  [/\bmixed content\b/i, "mixed content"],
  [/\b(?:SSL|TLS)\b/, "SSL"],
  [/\b(?:HTML|CSS|JavaScript|DOM|HTTP status|status codes?)\b/, "web-code words"],
  [/\bCore Web Vitals\b|\b(?:LCP|CLS|TTFB|FCP)\b|\bPageSpeed\b/i, "speed metrics"],
  [/\b(?:CTAs?|SERPs?|NAP)\b/, "marketing acronyms"],
];

/**
 * The developer words in `text` (see JARGON), or [] when it has none. A word that also occurs in `ownWords` (the
 * agency's approved claims and name, the business's name) is the agency's or owner's own wording and passes.
 */
export function jargonProblems(text: string, ownWords = ""): string[] {
  // Inside a tag ("<meta name=viewport>") it is markup, which plainTextProblems reports.
  const prose = text.replace(/<[^>]*>/g, " ");
  const found = JARGON.filter(([pattern]) => pattern.test(prose) && !pattern.test(ownWords)).map(([, word]) => `"${word}"`);
  return found.length ? [`technical jargon (${found.join(", ")})`] : [];
}

/** Unfilled slots a template or a model may leave: {name}, [Your name], <first name>, TODO, undefined, null, NaN. */
const PLACEHOLDERS: readonly [RegExp, string][] = [
  [/[{}]/, "curly braces"],
  [/[[\]]/, "square brackets"],
  [/[<>]/, "angle brackets"],
  [/\bTODO\b|\bTBD\b|\bXXX\b/i, "a TODO marker"],
  [/\bundefined\b/i, "the word undefined"],
  [/\bnull\b/i, "the word null"],
  [/\bNaN\b/, "NaN"],
  [/\blorem ipsum\b/i, "lorem ipsum"],
];

/** Why a draft is not ready to send as it stands (placeholders, codes, markup, empty), or []. */
export function draftProblems(text: string): string[] {
  if (!text.trim()) return ["it is empty"];
  const problems = PLACEHOLDERS.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
  const code = CODE.exec(text);
  if (code) problems.push(`an internal code (${code[0]})`);
  return problems;
}
