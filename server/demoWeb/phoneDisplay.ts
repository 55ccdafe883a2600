import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export interface DisplayPhone {
  /** As a local business prints it: national format when the number parses ("(206) 739-7538"). */
  text: string;
  /** `tel:` target, E.164 when the number parses. */
  tel: string;
}

/** How a business's own website shows its phone; undefined when the listing has no usable number ("n/a", "TBD"). */
export function displayPhone(raw: string | undefined): DisplayPhone | undefined {
  if (!raw) return undefined;
  const parsed = parsePhoneNumberFromString(raw.trim());
  if (parsed?.isValid()) return { text: parsed.formatNational(), tel: `tel:${parsed.number}` };
  const digits = raw.replace(/\D/g, "");
  if (digits.length < 7) return undefined;
  return { text: raw.trim(), tel: `tel:${raw.trim().startsWith("+") ? "+" : ""}${digits}` };
}
