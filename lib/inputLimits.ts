/**
 * Limits on what a caller may send, and the helpers every boundary check uses (lib/campaignInput.ts): text with
 * control characters or unpaired UTF-16 surrogates is refused, and an error message quotes at most
 * `QUOTE_MAX` characters of the input (a 1 MB argument must not come back as a 1 MB error).
 */
export const INPUT_LIMITS = {
  approvedClaims: 50,
  claimText: 500,
  claimId: 64,
  criteria: 50,
  listLimitMax: 100,
} as const;

export const QUOTE_MAX = 80;

// C0 controls except tab, line feed and carriage return (folded to spaces or kept in multi-line text), and DEL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What makes `value` unfit to store and show ("a control character (U+0000)"), or undefined. */
export function unsafeCharacter(value: string): string | undefined {
  const control = CONTROL.exec(value);
  if (control) return `a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")})`;
  if (LONE_SURROGATE.test(value)) return "an invalid character (unpaired UTF-16 surrogate)";
  return undefined;
}

/** `value` in quotes, cut to `max` characters (then "…"), with unsafe characters shown as \uXXXX escapes. */
export function quote(value: string, max = QUOTE_MAX): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  const safe = cut.replace(/[\u0000-\u001F\u007F\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `"${safe}"`;
}

/** A list size (`limit` argument): a whole number from 1 to `max`, or the message a caller can act on. */
export function checkListLimit(limit: number | undefined, fallback: number, max: number = INPUT_LIMITS.listLimitMax): number | string {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) return `limit must be a whole number from 1 to ${max}.`;
  return limit;
}
