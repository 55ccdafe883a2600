import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export type PhoneCheck = { ok: true; e164: string; international: string } | { ok: false; reason: "NO_PHONE" | "INVALID_PHONE" };

/**
 * Validate a phone number as a business would be called: it must parse and be
 * a valid number for its country. National formats need the region's default
 * country; Places (New) gives international numbers, which need none.
 */
export function checkPhone(raw: string | undefined | null, defaultCountry?: CountryCode): PhoneCheck {
  if (!raw || !raw.trim()) return { ok: false, reason: "NO_PHONE" };
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: "INVALID_PHONE" };
  return { ok: true, e164: parsed.number, international: parsed.formatInternational() };
}

/** A stored (E.164) number as people read it: "+1 206-865-2819"; unparseable input comes back unchanged. */
export function formatPhoneForDisplay(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}
