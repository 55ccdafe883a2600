/**
 * Checks that owner-facing text (summary, fit reason, talking points, outreach
 * drafts) reads as plain English: no HTML, no internal codes, and for drafts
 * no unfilled template slots. Used by the writers' validation and the tests.
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
